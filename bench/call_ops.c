/* SPDX-License-Identifier: MIT */
/* P2 and P3's implementation, and both tables bound to it. */
#include "call.h"

#define X86_EFLAGS_IF 0x200UL

struct vcpu_info bench_vcpu_info;

/* Compiled to preserve every register but the result, as callee-save
   sites require, and recorded so that the runtime can check it. */
__attribute__((paravirt_impl("callee_save"))) unsigned long hv_save_fl(void)
{
	return bench_vcpu_info.evtchn_upcall_mask ? 0 : X86_EFLAGS_IF;
}

struct pv_irq_ops pv_irq_ops = { .save_fl = hv_save_fl };
struct linux_irq_ops linux_irq_ops = { .save_fl = hv_save_fl };
