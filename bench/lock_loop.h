/* SPDX-License-Identifier: MIT */
/*
 * P1's loop, as a template: lock_native.c, lock_pv.c and lock_direct.c
 * each define unlock(), vcpu_is_preempted() and LOCK_LOOP, then include
 * this, so the three loops differ only in how the two ops are reached.
 */
#include "lock.h"

/* queued_spin_lock()'s fast path; the lock is never contended here. */
static inline void lock(struct qspinlock *lock)
{
	int unlocked = 0;

	while (!__atomic_compare_exchange_n(&lock->val, &unlocked, 1, false,
					    __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		unlocked = 0;
}

/*
 * Each iteration asks whether the lock holder's vCPU is preempted, as a
 * waiter does before it goes on spinning, then takes and releases the
 * lock.  Returns how often the answer was "preempted" (never, natively).
 */
long LOCK_LOOP(long n)
{
	long preempted = 0;

	for (long i = 0; i < n; i++) {
		if (vcpu_is_preempted(i & 1)) {
			preempted++;
			continue;
		}
		lock(&bench_lock);
		unlock(&bench_lock);
	}
	return preempted;
}
