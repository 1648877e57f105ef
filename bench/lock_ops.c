/* SPDX-License-Identifier: MIT */
/*
 * P1's native implementations, their inline forms (the bytes Linux
 * patches in for them) and the ops table, bound to them from the start
 * as on bare metal.
 */
#include <pvpatch_runtime.h>

#include "lock.h"

struct qspinlock bench_lock;

/* Definitions of direct ops: the plugin compiles them to preserve every
   register a callee-save site keeps, so they may also be called through
   the table before it is patched. */
void native_queued_spin_unlock(struct qspinlock *lock)
{
	__atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
}

bool native_vcpu_is_preempted(long cpu)
{
	(void)cpu;
	return false;
}

PVPATCH_INLINE(native_queued_spin_unlock, "movb $0, (%rdi)", "");
PVPATCH_INLINE(native_vcpu_is_preempted, "xor %eax, %eax", "rax");

struct pv_lock_ops pv_lock_ops = {
	.queued_spin_unlock = native_queued_spin_unlock,
	.vcpu_is_preempted = native_vcpu_is_preempted,
};
