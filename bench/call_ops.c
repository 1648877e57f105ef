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

/* Xen's irq_disable: its vCPU structure is reached through a pointer,
   loaded into the scratch register %rax. */
struct vcpu_info *bench_vcpu = &bench_vcpu_info;

__attribute__((paravirt_impl("rax"))) void hv_irq_disable(void)
{
	bench_vcpu->evtchn_upcall_mask = 1;
}

__attribute__((paravirt_impl("callee_save"))) void hv_irq_disable_saving(void)
{
	bench_vcpu->evtchn_upcall_mask = 1;
}

struct pv_irq_ops pv_irq_ops = {
	.save_fl = hv_save_fl,
	.irq_disable = hv_irq_disable,
	.irq_disable_saving = hv_irq_disable_saving,
};
struct linux_irq_ops linux_irq_ops = { .save_fl = hv_save_fl };
