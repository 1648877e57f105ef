/* SPDX-License-Identifier: MIT */
/*
 * P6's implementations, so that pvpatch_apply() takes every path: inline
 * native instructions (cli, sti; one instruction, so a live patch may
 * write them), calls of implementations whose native form is two
 * instructions (pushf; pop and push; popf: a live patch calls them
 * instead), a call of a C function, and NOPs for an empty op.  The sites
 * are patched, never run: cli and sti would fault in user space.
 */
#include <pvpatch_runtime.h>

#include "p6_ops.h"

/* Compiled to preserve what callee-save sites keep, and recorded, so
   that the runtime may call them. */
#define NATIVE __attribute__((paravirt_impl("callee_save")))

NATIVE static unsigned long native_save_fl(void)
{
	unsigned long flags;

	asm volatile("pushf; pop %0" : "=r"(flags));
	return flags;
}

NATIVE static void native_restore_fl(unsigned long flags)
{
	asm volatile("push %0; popf" : : "r"(flags) : "memory", "cc");
}

NATIVE static void native_irq_disable(void)
{
	asm volatile("cli" : : : "memory");
}

NATIVE static void native_irq_enable(void)
{
	asm volatile("sti" : : : "memory");
}

PVPATCH_INLINE(native_save_fl, "pushf; pop %rax", "rax");
PVPATCH_INLINE(native_restore_fl, "push %rdi; popf", "");
PVPATCH_INLINE(native_irq_disable, "cli", "");
PVPATCH_INLINE(native_irq_enable, "sti", "");

static long native_hypercall(long nr, long arg)
{
	return -38 - nr * 0 - arg * 0;	/* -ENOSYS */
}

void pv_io_delay(void)
{
}

struct pv_cpu_ops pv_cpu_ops = {
	.save_fl = native_save_fl,
	.restore_fl = native_restore_fl,
	.irq_disable = native_irq_disable,
	.irq_enable = native_irq_enable,
	.hypercall = native_hypercall,
};
