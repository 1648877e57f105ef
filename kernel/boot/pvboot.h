/* SPDX-License-Identifier: MIT */
/*
 * pvboot: a minimal 32-bit multiboot kernel whose privileged operations
 * are paravirt ops, called as plain C with cdecl stack arguments.  At
 * boot, before paging makes its text read-only, pvpatch's freestanding
 * runtime patches every site to the native instructions; booted with
 * "unpatched" on its command line it calls through the implementations
 * instead.  Either way it then checks that the operations work and prints
 * PASS/FAIL lines on the serial port, "pvboot: done" last.
 */
#ifndef PVBOOT_H
#define PVBOOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <pvpatch.h>

struct pv_ops {
	void (*irq_disable)(void) __paravirt;
	void (*irq_enable)(void) __paravirt;
	unsigned long (*save_fl)(void) __paravirt;
	void (*restore_fl)(unsigned long flags) __paravirt;
	uint8_t (*inb)(uint16_t port) __paravirt;
	void (*outb)(uint8_t value, uint16_t port) __paravirt;
	unsigned long (*read_cr3)(void) __paravirt;
	void (*write_cr3)(unsigned long cr3) __paravirt;
};
extern struct pv_ops pv_ops;

/* ops.c: the native implementations entry.S calls directly (direct ops
   of hand-written code, see entry.S). */
void native_irq_disable(void);
void native_irq_enable(void);

#define X86_EFLAGS_IF 0x200u

/* Read directly, to check the ops against. */
static inline unsigned long native_flags(void)
{
	unsigned long flags;

	__asm__ volatile("pushf; pop %0" : "=r"(flags));
	return flags;
}

/* console.c: output through the serial port, by the ops. */
void console_init(void);
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
bool check(bool ok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* patch.c: the runtime, at boot; then what the sites hold. */
struct pvpatch_stats;
int patch_sites(struct pvpatch_stats *stats);
void check_sites(bool patched);

/* cpu.c: descriptor tables, timer, paging. */
extern volatile unsigned long timer_ticks;
void cpu_init(void);
void timer_start(void);
bool timer_irq_pending(void);
void paging_enable(void);
uintptr_t page_directory(int which);

/* main.c */
void qemu_exit(void) __attribute__((noreturn));

/* entry.S and pvboot.ld */
extern char __text_start[], __text_end[], __rodata_start[], __end[];
int write_faults(volatile uint8_t *p);
void timer_interrupt(void);
void page_fault(void);

#endif /* PVBOOT_H */
