/* SPDX-License-Identifier: MIT */
/* P1 without a pv layer: the native instructions written inline. */
#include "lock.h"

#define LOCK_LOOP lock_loop_native

static inline void unlock(struct qspinlock *lock)
{
	asm volatile("movb $0, %0" : "=m"(lock->locked) : : "memory");
}

static inline bool vcpu_is_preempted(long cpu)
{
	int preempted;

	(void)cpu;
	/* volatile: the answer is not known to the compiler at a site
	   either, so it is not folded here. */
	asm volatile("xor %0, %0" : "=r"(preempted));
	return preempted;
}

#include "lock_loop.h"
