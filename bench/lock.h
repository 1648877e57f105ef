/* SPDX-License-Identifier: MIT */
/*
 * P1's lock and its two paravirt ops, shaped as Linux's: a queued
 * spinlock whose unlock stores 0 to its locked byte, and a "is this
 * vCPU preempted?" query that is constant false on bare metal.  Both are
 * callee-save ops, as Linux declares them (PV_CALLEE_SAVE).
 */
#ifndef BENCH_LOCK_H
#define BENCH_LOCK_H

#include <stdbool.h>
#include <pvpatch.h>

struct qspinlock {
	union {
		int val;
		unsigned char locked;
	};
};

/* The ops table, pv_ops.lock style: calls through it are sites. */
struct pv_lock_ops {
	void (*queued_spin_unlock)(struct qspinlock *lock) __paravirt_callee_save;
	bool (*vcpu_is_preempted)(long cpu) __paravirt_callee_save;
};
extern struct pv_lock_ops pv_lock_ops;

/* The native implementations.  They are direct ops too, so that a call
   of one by name is a site that holds a direct call until patched. */
void native_queued_spin_unlock(struct qspinlock *lock) __paravirt_callee_save;
bool native_vcpu_is_preempted(long cpu) __paravirt_callee_save;

extern struct qspinlock bench_lock;

/* The loop of lock_loop.h in each variant: n lock round trips. */
long lock_loop_native(long n);
long lock_loop_pv(long n);
long lock_loop_direct(long n);

#endif /* BENCH_LOCK_H */
