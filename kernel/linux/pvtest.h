/* SPDX-License-Identifier: MIT */
/*
 * pvtest: pvpatch in a running Linux 6.1 kernel.  Loading the module runs
 * every check once; each prints "pvtest: PASS: ..." or "pvtest: FAIL: ...",
 * and the last line is "pvtest: done: N passed, N failed".
 *
 *   native.c   A.2  Linux-native sites (plain C calls of pv_ops members),
 *                   patched by the kernel's apply_paravirt at load
 *   optout.c        such a call in a file built with the plugin disabled
 *   own.c      A.3  pvpatch's own sites, patched by pvpatch's runtime
 *   macros.c        the same irq sequence with Linux's local_irq_save()
 *   compare.c  A.5  the three side by side
 *   report.c        result lines and shared helpers
 */
#ifndef PVTEST_H
#define PVTEST_H

#include <linux/types.h>
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

/* The NOP padding Linux 6.1's apply_paravirt writes (its add_nops()). */
void pvtest_kernel_nops(u8 *buf, unsigned int len);
/* "e8 rel32", a call from at to target. */
void pvtest_put_call(u8 *buf, const void *at, const void *target);

/* The module's .parainstructions, bracketed by pvtest.lds. */
extern struct paravirt_patch_site pvtest_para_begin[], pvtest_para_end[];

/*
 * The irq save / disable / restore sequence, written three ways (Linux
 * macros, Linux-native sites, pvpatch sites) around the same critical
 * section, which records the flags it runs with.
 */
extern unsigned long pvtest_flags_inside;

static __always_inline void pvtest_critical_section(void)
{
	WRITE_ONCE(pvtest_flags_inside, native_save_fl());
}

unsigned long optout_read_cr3(void);
void seq_linux_macros(void);
void seq_linux_native(void);
void seq_pvpatch(void);

/* Check that seq turns interrupts off inside and restores them after,
   starting with them on and with them off. */
bool pvtest_check_irq_sequence(const char *what, void (*seq)(void));

void pvtest_native(void);
void pvtest_own(void);
void pvtest_compare(void);

#endif /* PVTEST_H */
