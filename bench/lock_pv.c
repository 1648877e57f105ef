/* SPDX-License-Identifier: MIT */
/* P1 through the ops table: every call is a site, measured unpatched
   (a call through the table) and patched to the native instructions. */
#include "lock.h"

#define LOCK_LOOP lock_loop_pv
#define unlock(lock) pv_lock_ops.queued_spin_unlock(lock)
#define vcpu_is_preempted(cpu) pv_lock_ops.vcpu_is_preempted(cpu)

#include "lock_loop.h"
