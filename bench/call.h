/* SPDX-License-Identifier: MIT */
/*
 * P2 and P3's op: reading the interrupt flag, implemented the way a
 * hypervisor does it (Xen's save_fl reads a mask from its per-vCPU
 * structure).  A callee-save op, as in Linux.  Its implementation reads
 * memory PC-relative, so the runtime cannot inline it: a patched site
 * holds a direct call.
 */
#ifndef BENCH_CALL_H
#define BENCH_CALL_H

#include <pvpatch.h>

#include "harness.h"

struct vcpu_info {
	unsigned char evtchn_upcall_mask;
};
extern struct vcpu_info bench_vcpu_info;

unsigned long hv_save_fl(void);

void hv_irq_disable(void);
void hv_irq_disable_saving(void);

/* The table pvpatch makes sites of.  irq_disable and irq_disable_saving
   (P2's save row) are one void op, allowed to clobber its scratch
   register %rax, bound to one body compiled twice: for that set, and
   for the empty set, which saves %rax around the body as GCC's
   no_caller_saved_registers alone did for every implementation. */
struct pv_irq_ops {
	unsigned long (*save_fl)(void) __paravirt_callee_save;
	void (*irq_disable)(void) __paravirt_clobbers("rax");
	void (*irq_disable_saving)(void) __paravirt_clobbers("rax");
};
extern struct pv_irq_ops pv_irq_ops;

/* The same table, unannotated, for the hand-written Linux-style site. */
struct linux_irq_ops {
	unsigned long (*save_fl)(void);
};
extern struct linux_irq_ops linux_irq_ops;

/*
 * The callers (call_loop.h) come in shapes: how many values each keeps
 * live across the call, from fewer than the six callee-saved registers
 * to twice as many.  One caller alone would measure the luck of one
 * instruction schedule (a cycle either way in loops this short); the
 * shapes spread it.
 */
#define CALL_SHAPES(X) X(2) X(4) X(6) X(8) X(10) X(12)
#define CALL_NSHAPES 6

/* Each variant's callers, one per shape in CALL_SHAPES order. */
extern const bench_loop call_loops_plain[CALL_NSHAPES];
extern const bench_loop call_loops_site[CALL_NSHAPES];
extern const bench_loop call_loops_linux[CALL_NSHAPES];
extern const bench_loop call_loops_disable[CALL_NSHAPES];
extern const bench_loop call_loops_disable_saving[CALL_NSHAPES];

#endif /* BENCH_CALL_H */
