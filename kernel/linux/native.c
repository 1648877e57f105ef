// SPDX-License-Identifier: MIT
/*
 * A.2: Linux-native sites.  The calls below go through the kernel's own
 * pv_ops as plain C, with no PVOP macro and no edited header.  Built with
 * -fplugin-arg-pvpatch-linux-ops=pv_ops, each is a site with the clobbers
 * its member implies (callee-save for a struct paravirt_callee_save func)
 * and a .parainstructions entry, which the kernel's apply_paravirt has
 * patched by the time the module's init runs.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/pgtable.h>
#include <asm/paravirt.h>
#include <asm/special_insns.h>

#include "pvtest.h"

noinline void seq_linux_native(void)
{
	unsigned long flags = ((unsigned long (*)(void))pv_ops.irq.save_fl.func)();

	((void (*)(void))pv_ops.irq.irq_disable.func)();
	pvtest_critical_section();
	if (flags & X86_EFLAGS_IF)
		((void (*)(void))pv_ops.irq.irq_enable.func)();
}

static noinline unsigned long lnx_read_cr3(void)
{
	return pv_ops.mmu.read_cr3();
}

static noinline unsigned long lnx_read_cr2(void)
{
	return ((unsigned long (*)(void))pv_ops.mmu.read_cr2.func)();
}

static noinline pteval_t lnx_pte_val(pteval_t val)
{
	return ((pteval_t (*)(pteval_t))pv_ops.mmu.pte_val.func)(val);
}

static noinline void lnx_io_delay(void)
{
	pv_ops.cpu.io_delay();
}

static noinline void lnx_lazy_flush(void)
{
	pv_ops.mmu.lazy_mode.flush();
}

/* The functions above, and optout.c's, with the number of sites each
   must have: one per pv_ops call, none where the plugin is disabled. */
static const struct {
	const char *name;
	const void *addr;
	unsigned int sites;
} native_fns[] = {
	{ "seq_linux_native", seq_linux_native, 3 },
	{ "lnx_read_cr2", lnx_read_cr2, 1 },
	{ "lnx_read_cr3", lnx_read_cr3, 1 },
	{ "lnx_pte_val", lnx_pte_val, 1 },
	{ "lnx_io_delay", lnx_io_delay, 1 },
	{ "lnx_lazy_flush", lnx_lazy_flush, 1 },
	{ "optout_read_cr3", optout_read_cr3, 0 },
};

/*
 * What Linux 6.1's paravirt_patch() and apply_paravirt() write at a site
 * of pv_ops member number type: nothing but NOPs if the member is
 * _paravirt_nop, else a direct call of the member's current function
 * followed by NOPs.  _paravirt_nop is not exported: it is recognised by
 * its name.
 */
static const char *apply_paravirt_bytes(u8 *want, const struct paravirt_patch_site *p)
{
	void *target = ((void **)&pv_ops)[p->type];
	char name[KSYM_NAME_LEN];

	snprintf(name, sizeof(name), "%ps", target);
	if (!strcmp(name, "_paravirt_nop")) {
		pvtest_kernel_nops(want, p->len);
		return "NOPs";
	}
	pvtest_put_call(want, p->instr, target);
	pvtest_kernel_nops(want + 5, p->len - 5);
	return "direct call + NOPs";
}

static void check_site(const struct paravirt_patch_site *p, const char *fn)
{
	u8 want[32];
	const char *what = "a site of 5 to 32 bytes";
	bool ok = p->len >= 5 && p->len <= sizeof(want);

	if (ok) {
		what = apply_paravirt_bytes(want, p);
		ok = !memcmp(p->instr, want, p->len);
	}
	pvtest_check(ok, "A.2 site %pS in %s, pv_ops #%u -> %ps, %u bytes: %s (%*ph)",
		     p->instr, fn, p->type, ((void **)&pv_ops)[p->type], p->len,
		     what, min_t(int, p->len, sizeof(want)), p->instr);
}

/* Every entry lies in one of native_fns, or in seq_linux_macros, whose
   PVOP macro sites compare.c reports, or in a function using the
   kernel's accessors. */
static void check_sites(void)
{
	struct pvtest_fn fns[ARRAY_SIZE(native_fns)], macros;
	unsigned int found[ARRAY_SIZE(native_fns)] = {}, i;
	const struct paravirt_patch_site *p;
	bool fns_ok = pvtest_fn_init(&macros, "seq_linux_macros", seq_linux_macros);

	for (i = 0; i < ARRAY_SIZE(native_fns); i++)
		fns_ok &= pvtest_fn_init(&fns[i], native_fns[i].name, native_fns[i].addr);
	if (!pvtest_check(fns_ok, "A.2 kallsyms knows the size of every test function"))
		return;
	for (p = pvtest_para_begin; p < pvtest_para_end; p++) {
		for (i = 0; i < ARRAY_SIZE(fns) && !pvtest_fn_holds(&fns[i], p->instr); i++)
			;
		if (i < ARRAY_SIZE(fns)) {
			found[i]++;
			check_site(p, fns[i].name);
		} else {
			pvtest_check(pvtest_fn_holds(&macros, p->instr) ||
				     pvtest_is_accessor(p->instr),
				     "A.2 .parainstructions entry at %pS is in a known function",
				     p->instr);
		}
	}
	for (i = 0; i < ARRAY_SIZE(fns); i++)
		pvtest_check(found[i] == native_fns[i].sites,
			     "A.2 %s: %u .parainstructions entries (expected %u)",
			     fns[i].name, found[i], native_fns[i].sites);
}

/*
 * pte_val of the page-table entry mapping a kmalloc()ed page in the direct
 * map: the frame must be that of the page's physical address.  On bare
 * hardware the entry holds it already; under Xen it holds the machine
 * frame, which Xen's pte_val translates.  The entry may map a large page.
 */
static void check_pte_val(void)
{
	void *page = kmalloc(PAGE_SIZE, GFP_KERNEL);
	unsigned long phys = __pa(page), size;
	unsigned int level;
	pte_t *pte = page ? lookup_address((unsigned long)page, &level) : NULL;
	pteval_t raw, val;

	if (!pvtest_check(pte, "A.2 the direct map maps a kmalloc()ed page")) {
		kfree(page);
		return;
	}
	size = page_level_size(level);
	raw = native_pte_val(*pte);
	val = lnx_pte_val(raw);
	pvtest_check((val & PTE_PFN_MASK & ~(size - 1)) == (phys & ~(size - 1)),
		     "A.2 pv_ops.mmu.pte_val(%#llx) = %#llx, the frame of physical %#lx (%lu KiB page)",
		     (unsigned long long)raw, (unsigned long long)val, phys, size >> 10);
	kfree(page);
}

static void check_behaviour(void)
{
	pvtest_check_irq_sequence("A.2 Linux-native save_fl/irq_disable/irq_enable",
				  seq_linux_native);
	pvtest_check_cr2("A.2 Linux-native read_cr2", lnx_read_cr2);
	pvtest_check_cr3("A.2 Linux-native read_cr3", lnx_read_cr3());
	pvtest_check_cr3("A.2 opted-out pv_ops.mmu.read_cr3()", optout_read_cr3());
	check_pte_val();
	/* No effect to observe: they must return, with the stack intact. */
	lnx_io_delay();
	lnx_lazy_flush();
}

void pvtest_native(void)
{
	check_sites();
	check_behaviour();
}
