// SPDX-License-Identifier: MIT
/*
 * A.2: Linux-native sites.  The calls below go through the kernel's own
 * pv_ops as plain C, with no PVOP macro and no edited header.  Built with
 * -fplugin-arg-pvpatch-linux-ops=pv_ops, each is a site with the clobbers
 * its member implies (callee-save for a struct paravirt_callee_save func)
 * and an entry in the kernel's table: .parainstructions for Linux 6.1
 * (patched by apply_paravirt), a direct-call .altinstructions entry for
 * 6.8 and later (patched by apply_alternatives), by the time the module's
 * init runs.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/pgtable.h>
#include <asm/paravirt.h>
#include <asm/special_insns.h>

#include "site_bytes.h"
#include "pvtest.h"

noinline void seq_linux_native(void)
{
	pvtest_plain_c_irq_sequence();
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

/* The functions above, and optout.c's, with the pv_ops member each of
   their sites calls, in order: one site per pv_ops call, none where the
   plugin is disabled. */
#define MEMBER(m) ((void *const *)&pv_ops.m)
static const struct {
	const char *name;
	const void *addr;
	unsigned int sites;
	void *const *member[3];
} native_fns[] = {
	{ "seq_linux_native", seq_linux_native, 3,
	  { MEMBER(irq.save_fl.func), MEMBER(irq.irq_disable.func),
	    MEMBER(irq.irq_enable.func) } },
	{ "lnx_read_cr2", lnx_read_cr2, 1, { MEMBER(mmu.read_cr2.func) } },
	{ "lnx_read_cr3", lnx_read_cr3, 1, { MEMBER(mmu.read_cr3) } },
	{ "lnx_pte_val", lnx_pte_val, 1, { MEMBER(mmu.pte_val.func) } },
	{ "lnx_io_delay", lnx_io_delay, 1, { MEMBER(cpu.io_delay) } },
	{ "lnx_lazy_flush", lnx_lazy_flush, 1, { MEMBER(mmu.lazy_mode.flush) } },
	{ "optout_read_cr3", optout_read_cr3, 0 },
};

/*
 * What the kernel's patcher writes at a site of a member now holding
 * target: NOPs for the kernel's no-op function, else a direct call of
 * target, then NOPs.  6.1's paravirt_patch() knows the no-op as
 * _paravirt_nop, which is not exported (recognised by its name); 6.8's
 * alt_replace_call() as nop_func, and writes a call of BUG_func for NULL.
 */
static bool patched_as(const struct pvtest_linux_site *site, void *target,
		       const char **what)
{
	char name[KSYM_NAME_LEN];
	u8 call[5];

	snprintf(name, sizeof(name), "%ps", target);
	if (!strcmp(name, PVTEST_KERNEL_NOP)) {
		*what = "NOPs";
		return all_nops(site->instr, site->len);
	}
	if (!target && PVTEST_LINUX_ALT_CALLS)
		target = PVTEST_KERNEL_BUG;
	*what = "direct call + NOPs";
	pvtest_put_call(call, site->instr, target);
	return site->len >= sizeof(call) && !memcmp(site->instr, call, sizeof(call)) &&
	       all_nops(site->instr + sizeof(call), site->len - sizeof(call));
}

static void check_site(const struct pvtest_linux_site *site, const char *fn,
		       void *const *member)
{
	long number = member ? member - (void *const *)&pv_ops : -1;
	const char *what = "a site of a pv_ops call";
	/* 6.1's entries name the member; 6.8's are found by position. */
	bool ok = member && (site->type < 0 || site->type == number) &&
		  patched_as(site, *member, &what);

	pvtest_check(ok, "A.2 site %pS in %s, pv_ops #%ld -> %ps, %u bytes: %s (%*ph)",
		     site->instr, fn, number, member ? *member : NULL, site->len,
		     what, min_t(int, site->len, 16), site->instr);
}

struct site_census {
	struct pvtest_fn fns[ARRAY_SIZE(native_fns)], macros, native_code;
	unsigned int found[ARRAY_SIZE(native_fns)];
};

/* Every site lies in one of native_fns, or in seq_linux_macros, whose
   PVOP macro sites compare.c reports, or in nativecode.c's sequence,
   which A.6 checks, or in a function using the kernel's accessors. */
static void census_site(const struct pvtest_linux_site *site, void *ctx)
{
	struct site_census *c = ctx;
	unsigned int i, n;

	for (i = 0; i < ARRAY_SIZE(c->fns) && !pvtest_fn_holds(&c->fns[i], site->instr); i++)
		;
	if (i < ARRAY_SIZE(c->fns)) {
		n = c->found[i]++;
		check_site(site, c->fns[i].name,
			   n < native_fns[i].sites ? native_fns[i].member[n] : NULL);
	} else {
		pvtest_check(pvtest_fn_holds(&c->macros, site->instr) ||
			     pvtest_fn_holds(&c->native_code, site->instr) ||
			     pvtest_is_accessor(site->instr),
			     "A.2 %s entry at %pS is in a known function",
			     PVTEST_LINUX_TABLE, site->instr);
	}
}

static void check_sites(void)
{
	static struct site_census c;
	unsigned int i;
	bool fns_ok = pvtest_fn_init(&c.macros, "seq_linux_macros", seq_linux_macros) &&
		      pvtest_fn_init(&c.native_code, "seq_native_code", seq_native_code);

	for (i = 0; i < ARRAY_SIZE(native_fns); i++)
		fns_ok &= pvtest_fn_init(&c.fns[i], native_fns[i].name, native_fns[i].addr);
	if (!pvtest_check(fns_ok, "A.2 kallsyms knows the size of every test function"))
		return;
	pvtest_for_each_linux_site(census_site, &c);
	for (i = 0; i < ARRAY_SIZE(c.fns); i++)
		pvtest_check(c.found[i] == native_fns[i].sites,
			     "A.2 %s: %u %s entries (expected %u)", c.fns[i].name,
			     c.found[i], PVTEST_LINUX_TABLE, native_fns[i].sites);
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
