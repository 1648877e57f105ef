// SPDX-License-Identifier: MIT
/*
 * The native implementations of pvboot's ops, the table that binds them,
 * and, for each, the instructions that may replace a call of it in place.
 * At a site the arguments are where the caller put them for the call:
 * the first at 0(%esp), the next at 4(%esp), with no return address.
 */
#include <pvpatch_inline.h>

#include "pvboot.h"

/* Also called directly by entry.S, in sites pvpatch-sites scan finds. */
void native_irq_disable(void)
{
	__asm__ volatile("cli" ::: "memory");
}

void native_irq_enable(void)
{
	__asm__ volatile("sti" ::: "memory");
}

static unsigned long native_save_fl(void)
{
	return native_flags();
}

static void native_restore_fl(unsigned long flags)
{
	__asm__ volatile("push %0; popf" : : "g"(flags) : "memory", "cc");
}

static uint8_t native_inb(uint16_t port)
{
	uint8_t value;

	__asm__ volatile("inb %1, %0" : "=a"(value) : "Nd"(port));
	return value;
}

static void native_outb(uint8_t value, uint16_t port)
{
	__asm__ volatile("outb %0, %1" : : "a"(value), "Nd"(port));
}

static unsigned long native_read_cr3(void)
{
	unsigned long cr3;

	__asm__ volatile("mov %%cr3, %0" : "=r"(cr3));
	return cr3;
}

static void native_write_cr3(unsigned long cr3)
{
	__asm__ volatile("mov %0, %%cr3" : : "r"(cr3) : "memory");
}

PVPATCH_INLINE(native_irq_disable, "cli", "");
PVPATCH_INLINE(native_irq_enable, "sti", "");
PVPATCH_INLINE(native_save_fl, "pushf; pop %eax", "eax");
PVPATCH_INLINE(native_restore_fl, "mov (%esp), %eax; push %eax; popf", "eax");
PVPATCH_INLINE(native_inb, "mov (%esp), %edx; in (%dx), %al", "eax,edx");
PVPATCH_INLINE(native_outb, "mov 4(%esp), %edx; mov (%esp), %eax; out %al, (%dx)",
	       "eax,edx");
PVPATCH_INLINE(native_read_cr3, "mov %cr3, %eax", "eax");
PVPATCH_INLINE(native_write_cr3, "mov (%esp), %eax; mov %eax, %cr3", "eax");

struct pv_ops pv_ops = {
	.irq_disable = native_irq_disable,
	.irq_enable = native_irq_enable,
	.save_fl = native_save_fl,
	.restore_fl = native_restore_fl,
	.inb = native_inb,
	.outb = native_outb,
	.read_cr3 = native_read_cr3,
	.write_cr3 = native_write_cr3,
};
