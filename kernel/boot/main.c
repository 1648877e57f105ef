// SPDX-License-Identifier: MIT
/* pvboot's main line: patch, then check each privileged op at work. */
#include <pvpatch_core.h>

#include "pvboot.h"

#define MULTIBOOT_LOADER_MAGIC 0x2badb002
#define MULTIBOOT_INFO_CMDLINE (1u << 2)
#define COM1 0x3f8
#define QEMU_EXIT_PORT 0xf4	/* -device isa-debug-exit */

struct multiboot_info {
	uint32_t flags, mem_lower, mem_upper, boot_device, cmdline;
};

static bool has_word(const char *s, const char *word)
{
	while (*s) {
		const char *w = word;

		while (*s == ' ')
			s++;
		while (*w && *s == *w)
			s++, w++;
		if (!*w && (!*s || *s == ' '))
			return true;
		while (*s && *s != ' ')
			s++;
	}
	return false;
}

static bool irqs_on(void)
{
	return native_flags() & X86_EFLAGS_IF;
}

/* With interrupts off the timer's IRQ stays pending at the PIC and is not
   taken; enabling them takes it. */
static void check_interrupts(void)
{
	unsigned long ticks;
	bool off, pending = false, held, taken = false;

	timer_start();
	pv_ops.irq_disable();
	off = !irqs_on();
	ticks = timer_ticks;
	for (long i = 0; i < 10000000 && !pending; i++)
		pending = timer_irq_pending();
	held = timer_ticks == ticks;
	pv_ops.irq_enable();
	for (long i = 0; i < 10000000 && !taken; i++)
		taken = timer_ticks != ticks;
	check(off && pending && held && taken && irqs_on(),
	      "irq_disable holds the timer interrupt pending, irq_enable takes it "
	      "(IF off %u, pending %u, held %u, taken %u)", off, pending, held, taken);
	pv_ops.irq_disable();
}

/* save_fl reads what the CPU has; restore_fl puts back either state. */
static void check_flags(void)
{
	unsigned long on, off;
	bool restored_on, restored_off;

	pv_ops.irq_enable();
	on = pv_ops.save_fl();
	pv_ops.irq_disable();
	pv_ops.restore_fl(on);
	restored_on = irqs_on();
	pv_ops.irq_disable();
	off = pv_ops.save_fl();
	pv_ops.irq_enable();
	pv_ops.restore_fl(off);
	restored_off = !irqs_on();
	check((on & X86_EFLAGS_IF) && !(off & X86_EFLAGS_IF) && restored_on &&
	      restored_off,
	      "save_fl/restore_fl round-trip the interrupt flag (saved %lx and %lx)",
	      on, off);
}

/* Beyond the console's own output: a UART register written and read
   back, and a byte through the UART's loopback. */
static void check_port_io(void)
{
	uint8_t scratch, echo = 0;
	bool ready = false;

	pv_ops.outb(0xa5, COM1 + 7);
	scratch = pv_ops.inb(COM1 + 7);
	pv_ops.outb(0x13, COM1 + 4);		/* loopback, DTR, RTS */
	pv_ops.outb('Z', COM1);
	for (int i = 0; i < 100000 && !ready; i++)
		ready = pv_ops.inb(COM1 + 5) & 1;	/* data ready */
	if (ready)
		echo = pv_ops.inb(COM1);
	pv_ops.outb(0x03, COM1 + 4);
	check(scratch == 0xa5 && echo == 'Z',
	      "outb/inb reach the UART (scratch register %02x, loopback '%c')",
	      scratch, echo ? echo : '?');
}

/* cr3 switches between two page directories and reads back each; text,
   patched before, is now read-only. */
static void check_paging(void)
{
	uintptr_t a = page_directory(0), b = page_directory(1);
	unsigned long first, second, back;
	static volatile uint8_t data_byte;

	paging_enable();
	first = pv_ops.read_cr3();
	pv_ops.write_cr3(b);
	second = pv_ops.read_cr3();
	pv_ops.write_cr3(a);
	back = pv_ops.read_cr3();
	check(first == a && second == b && back == a,
	      "write_cr3/read_cr3 round-trip (%lx, %lx, %lx)", first, second, back);
	check(write_faults((volatile uint8_t *)__text_start) &&
	      !write_faults(&data_byte),
	      "paging makes text read-only (a store to it faults, to data not)");
}

void unexpected_fault(uintptr_t eip, uintptr_t address)
{
	check(false, "unexpected page fault at %lx, address %lx",
	      (unsigned long)eip, (unsigned long)address);
	qemu_exit();
}

void qemu_exit(void)
{
	pv_ops.outb(0, QEMU_EXIT_PORT);
	for (;;)
		__asm__ volatile("cli; hlt");
}

void kmain(uint32_t magic, const struct multiboot_info *mbi)
{
	bool patched = !(magic == MULTIBOOT_LOADER_MAGIC &&
			 (mbi->flags & MULTIBOOT_INFO_CMDLINE) &&
			 has_word((const char *)(uintptr_t)mbi->cmdline, "unpatched"));
	struct pvpatch_stats st = { 0, 0, 0, 0 };
	/* First thing, while text is writable; it runs no site itself. */
	int err = patched ? patch_sites(&st) : PVPATCH_OK;

	console_init();
	kprintf("pvboot: %s\n", patched ? "patched" : "unpatched");
	if (patched)
		check(!err && !st.directed && !st.nopped && !st.left,
		      "runtime patched every site inline before paging: %s; "
		      "%lu inlined, %lu direct calls, %lu NOP'd, %lu left",
		      pvpatch_strerror(err), st.inlined, st.directed, st.nopped,
		      st.left);
	check_sites(patched);
	cpu_init();
	check_interrupts();
	check_flags();
	check_port_io();
	check_paging();
	kprintf("pvboot: done\n");
	qemu_exit();
}
