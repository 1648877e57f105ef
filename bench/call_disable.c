/* SPDX-License-Identifier: MIT */
/* P2's save row: the callers of call_loop.h calling a site of the void
   op irq_disable (patched to a direct call), then reading the mask it
   set as their value, through the slot CALL_DISABLE_SLOT. */
#include "call.h"

#define CALL_LOOPS CALL_DISABLE_LOOPS

static inline unsigned long save_fl(void)
{
	pv_irq_ops.CALL_DISABLE_SLOT();
	return bench_vcpu_info.evtchn_upcall_mask;
}

#include "call_loop.h"
