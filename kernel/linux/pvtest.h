/* SPDX-License-Identifier: MIT */
/*
 * pvtest: pvpatch in a running Linux 6.1 or 6.12 kernel, on bare hardware
 * or as Xen's PV dom0 (every check holds in both).  Loading the module
 * runs every check once; each prints "pvtest: PASS: ..." or
 * "pvtest: FAIL: ...", and the last line is
 * "pvtest: done: N passed, N failed".
 *
 *   native.c   A.2  Linux-native sites (plain C calls of pv_ops members),
 *                   patched by the kernel at load
 *   linuxsites.c    where the kernel's table records them (6.1 or 6.8+)
 *   nativecode.c A.6 such calls of members annotated with Linux's native
 *                   code (paravirt_native), against Linux's macros' sites
 *   optout.c        such a call in a file built with the plugin disabled
 *   own.c      A.3  pvpatch's own sites, patched by pvpatch's runtime
 *   pvpatch_linux.c  the runtime's ranges and text writer for a module
 *   macros.c        the same irq sequence with Linux's local_irq_save()
 *   compare.c  A.5  the three side by side
 *   report.c        result lines and shared helpers
 */
#ifndef PVTEST_H
#define PVTEST_H

#include <linux/types.h>
#include <linux/version.h>
#include <asm/alternative.h>
#include <asm/irqflags.h>
#include <asm/paravirt_types.h>

/* Print one result line; returns ok. */
__printf(2, 3) bool pvtest_check(bool ok, const char *fmt, ...);
void pvtest_summary(void);

/* Function extents, from kallsyms. */
struct pvtest_fn {
	const char *name;
	unsigned long start, size;
};
bool pvtest_fn_init(struct pvtest_fn *fn, const char *name, const void *addr);
bool pvtest_fn_holds(const struct pvtest_fn *fn, const void *addr);

/* "e8 rel32", a call from at to target. */
void pvtest_put_call(u8 *buf, const void *at, const void *target);

/*
 * A Linux-native site, as the kernel's own table records it: Linux 6.1's
 * .parainstructions, or since 6.8 the direct-call entries of
 * .altinstructions (ALTERNATIVE(PARAVIRT_CALL, ALT_CALL_INSTR,
 * ALT_CALL_ALWAYS)), once per site.
 */
struct pvtest_linux_site {
	u8 *instr;
	unsigned int len;
	int type;	/* 6.1: the pv_ops member's number; 6.8: -1, not recorded */
};

void pvtest_for_each_linux_site(void (*fn)(const struct pvtest_linux_site *, void *),
				void *ctx);

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 8, 0)
#define PVTEST_LINUX_TABLE ".altinstructions direct-call"
#define PVTEST_LINUX_ALT_CALLS 1
#define PVTEST_KERNEL_NOP "nop_func"
#define PVTEST_KERNEL_BUG ((void *)BUG_func)
#else
#define PVTEST_LINUX_TABLE ".parainstructions"
#define PVTEST_LINUX_ALT_CALLS 0
#define PVTEST_KERNEL_NOP "_paravirt_nop"
#define PVTEST_KERNEL_BUG NULL
#endif

/*
 * The irq save / disable / restore sequence, written several ways (Linux
 * macros, Linux-native sites, pvpatch sites) around the same critical
 * section, pvtest_inside(), which records whether interrupts are masked
 * there.
 */
void pvtest_inside(void);

static __always_inline void pvtest_critical_section(void)
{
	pvtest_inside();
}

/* The sequence as plain C calls through pv_ops, Linux-native sites: the
   paravirt_types a unit sees decides whether they get Linux's native
   code (nativecode.c) or not (native.c). */
static __always_inline void pvtest_plain_c_irq_sequence(void)
{
	unsigned long flags = ((unsigned long (*)(void))pv_ops.irq.save_fl.func)();

	((void (*)(void))pv_ops.irq.irq_disable.func)();
	pvtest_critical_section();
	if (flags & X86_EFLAGS_IF)
		((void (*)(void))pv_ops.irq.irq_enable.func)();
}

/* The kernel's own accessors, each in a function of its own: its PVOP
   macros are .parainstructions entries that native.c must tell apart
   from the Linux-native sites it checks. */
void pvtest_kernel_irqs(bool on);
unsigned long pvtest_kernel_save_fl(void);
unsigned long pvtest_kernel_read_cr2(void);
unsigned long pvtest_kernel_read_cr3(void);
bool pvtest_is_accessor(const void *addr);

unsigned long optout_read_cr3(void);
void seq_linux_macros(void);
void seq_linux_native(void);
void seq_native_code(void);
void seq_pvpatch(void);

/* Check that seq masks interrupts inside and restores them after,
   starting with them on and with them off. */
bool pvtest_check_irq_sequence(const char *what, void (*seq)(void));
/* Check that read returns the address of a page fault just taken, as the
   kernel's read_cr2() does. */
bool pvtest_check_cr2(const char *what, unsigned long (*read)(void));
/* Check a cr3 value against the kernel's read and the current page table. */
bool pvtest_check_cr3(const char *what, unsigned long cr3);

void pvtest_native(void);
void pvtest_native_code(void);
void pvtest_own(void);
void pvtest_compare(void);

#endif /* PVTEST_H */
