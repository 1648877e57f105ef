/* SPDX-License-Identifier: MIT */
/*
 * P6's ops: Linux's irq ops and a hypercall through a table, and a direct
 * op.  The generated units (p6-gen.awk) call them a million times.
 */
#ifndef BENCH_P6_OPS_H
#define BENCH_P6_OPS_H

#include <pvpatch.h>

struct pv_cpu_ops {
	unsigned long (*save_fl)(void) __paravirt_callee_save;
	void (*restore_fl)(unsigned long flags) __paravirt_callee_save;
	void (*irq_disable)(void) __paravirt_callee_save;
	void (*irq_enable)(void) __paravirt_callee_save;
	long (*hypercall)(long nr, long arg) __paravirt;
};
extern struct pv_cpu_ops pv_cpu_ops;

void pv_io_delay(void) __paravirt_callee_save;

#endif /* BENCH_P6_OPS_H */
