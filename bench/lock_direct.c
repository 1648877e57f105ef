/* SPDX-License-Identifier: MIT */
/* P1 with sites that hold direct calls of the native functions: what the
   runtime writes for an implementation it cannot inline.  Measured
   before any patching, as compiled. */
#include "lock.h"

#define LOCK_LOOP lock_loop_direct
#define unlock(lock) native_queued_spin_unlock(lock)
#define vcpu_is_preempted(cpu) native_vcpu_is_preempted(cpu)

#include "lock_loop.h"
