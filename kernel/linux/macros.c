// SPDX-License-Identifier: MIT
/*
 * The irq sequence as kernel code writes it today, with Linux's own
 * macros: PVOP call sites from the headers' inline asm, which the kernel
 * patches (apply_paravirt, then apply_alternatives) at load.  compare.c
 * sets it against the plugin's versions.
 */
#include <linux/irqflags.h>

#include "pvtest.h"

noinline void seq_linux_macros(void)
{
	unsigned long flags;

	local_irq_save(flags);
	pvtest_critical_section();
	local_irq_restore(flags);
}
