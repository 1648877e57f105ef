// SPDX-License-Identifier: MIT
/*
 * A.3: pvpatch's own sites in a module, patched in kernel context by
 * pvpatch's freestanding runtime (runtime/core.c and friends, compiled
 * into this module by Kbuild): ops bound to the module's own native
 * implementations become their instructions, ops bound to the kernel's
 * current pv_ops functions (Xen's under Xen) direct calls of them, and an
 * implementation that clobbers more than its op allows is refused.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <asm/io.h>
#include <asm/special_insns.h>
#include <xen/xen.h>

#include <pvpatch.h>
#include <pvpatch_core.h>
#include <pvpatch_inline.h>

#include "pvpatch_linux.h"
#include "site_bytes.h"
#include "pvtest.h"

struct pvtest_ops {
	unsigned long (*save_fl)(void) __paravirt_callee_save;
	void (*irq_disable)(void) __paravirt_callee_save;
	void (*irq_enable)(void) __paravirt_callee_save;
	unsigned long (*read_cr3)(void) __paravirt_callee_save;
	void (*io_delay)(void) __paravirt;
};

/*
 * Native implementations, which the sites call through the slots until
 * the runtime patches them.  The plugin compiles them to keep the
 * callee-save contract; notrace, because an ftrace callback would not.
 */
#define OWN_IMPL __attribute__((paravirt_impl("callee_save"))) notrace

static OWN_IMPL unsigned long own_save_fl(void)
{
	return native_save_fl();
}

static OWN_IMPL void own_irq_disable(void)
{
	native_irq_disable();
}

static OWN_IMPL void own_irq_enable(void)
{
	native_irq_enable();
}

static OWN_IMPL unsigned long own_read_cr3(void)
{
	return __native_read_cr3();
}

PVPATCH_INLINE(own_save_fl, "pushf; pop %rax", "rax");
PVPATCH_INLINE(own_irq_disable, "cli", "");
PVPATCH_INLINE(own_irq_enable, "sti", "");
PVPATCH_INLINE(own_read_cr3, "mov %cr3, %rax", "rax");

/* io_delay is bound to the kernel's native_io_delay, which has no inline
   form: its site gets a direct call from the module into the kernel.
   Under Xen the native instructions do not reach the event mask: these
   sites are patched and checked there, but not run. */
static struct pvtest_ops pvtest_ops = {
	.save_fl = own_save_fl,
	.irq_disable = own_irq_disable,
	.irq_enable = own_irq_enable,
	.read_cr3 = own_read_cr3,
	.io_delay = native_io_delay,
};

noinline void seq_pvpatch(void)
{
	unsigned long flags = pvtest_ops.save_fl();

	pvtest_ops.irq_disable();
	pvtest_critical_section();
	if (flags & X86_EFLAGS_IF)
		pvtest_ops.irq_enable();
}

/*
 * The same ops bound to what the kernel's pv_ops hold now (Xen's
 * functions under Xen), set before anything calls them.  The runtime
 * knows nothing of the kernel's functions (no pvpatch_impl record, not
 * in the module), so it takes them to clobber the whole C-ABI set: these
 * ops allow that, and their sites become direct calls.
 */
struct pvtest_kernel_ops {
	unsigned long (*save_fl)(void) __paravirt;
	void (*irq_disable)(void) __paravirt;
	void (*irq_enable)(void) __paravirt;
	unsigned long (*read_cr2)(void) __paravirt;
	unsigned long (*read_cr3)(void) __paravirt;
};

static struct pvtest_kernel_ops kernel_ops;

static void bind_kernel_ops(void)
{
	kernel_ops = (struct pvtest_kernel_ops){
		.save_fl = pv_ops.irq.save_fl.func,
		.irq_disable = pv_ops.irq.irq_disable.func,
		.irq_enable = pv_ops.irq.irq_enable.func,
		.read_cr2 = pv_ops.mmu.read_cr2.func,
		.read_cr3 = pv_ops.mmu.read_cr3,
	};
}

static noinline void seq_kernel_bound(void)
{
	unsigned long flags = kernel_ops.save_fl();

	kernel_ops.irq_disable();
	pvtest_critical_section();
	if (flags & X86_EFLAGS_IF)
		kernel_ops.irq_enable();
}

static noinline unsigned long kernel_site_read_cr2(void)
{
	return kernel_ops.read_cr2();
}

static noinline unsigned long kernel_site_read_cr3(void)
{
	return kernel_ops.read_cr3();
}

static noinline unsigned long own_site_read_cr3(void)
{
	return pvtest_ops.read_cr3();
}

static noinline void own_site_io_delay(void)
{
	pvtest_ops.io_delay();
}

#define NATIVE_SITES 5	/* the calls through pvtest_ops above */
#define KERNEL_SITES 5	/* and through kernel_ops */

/* What the runtime must put at the sites of each slot, hand-assembled. */
static const struct own_expect {
	void *const *slot;
	const char *insns;
	unsigned int len;
	u8 code[3];		/* len 0: a direct call of the slot's function */
} own_expect[] = {
	{ (void *const *)&pvtest_ops.save_fl, "pushf; pop %rax", 2, { 0x9c, 0x58 } },
	{ (void *const *)&pvtest_ops.irq_disable, "cli", 1, { 0xfa } },
	{ (void *const *)&pvtest_ops.irq_enable, "sti", 1, { 0xfb } },
	{ (void *const *)&pvtest_ops.read_cr3, "mov %cr3,%rax", 3, { 0x0f, 0x20, 0xd8 } },
	{ (void *const *)&pvtest_ops.io_delay, "call pvtest_ops.io_delay", 0 },
	{ (void *const *)&kernel_ops.save_fl, "call pv_ops.irq.save_fl", 0 },
	{ (void *const *)&kernel_ops.irq_disable, "call pv_ops.irq.irq_disable", 0 },
	{ (void *const *)&kernel_ops.irq_enable, "call pv_ops.irq.irq_enable", 0 },
	{ (void *const *)&kernel_ops.read_cr2, "call pv_ops.mmu.read_cr2", 0 },
	{ (void *const *)&kernel_ops.read_cr3, "call pv_ops.mmu.read_cr3", 0 },
};

extern const struct pvpatch_site __start_pvpatch_sites[], __stop_pvpatch_sites[];
extern const struct pvpatch_impl __start_pvpatch_impls[], __stop_pvpatch_impls[];
extern const struct pvpatch_inline __start_pvpatch_inlines[], __stop_pvpatch_inlines[];

static const struct own_expect *expect_for(const struct pvpatch_site *s)
{
	void *slot = pvpatch_op_target(pvpatch_site_op(s));
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(own_expect); i++)
		if (own_expect[i].slot == slot)
			return &own_expect[i];
	return NULL;
}

/*
 * Length of a compiled site's call: a call of a retpoline thunk (e8
 * rel32, the slot loaded before it), or the slot called in place (ff 15
 * disp32, annotated retpoline-safe as Linux's own sites are), which must
 * then be the op's slot.  0 for anything else.
 */
static unsigned int compiled_call(const u8 *site, void *const *slot)
{
	s32 disp;

	if (site[0] == 0xe8)
		return 5;
	memcpy(&disp, site + 2, sizeof(disp));
	if (site[0] == 0xff && site[1] == 0x15 && site + 6 + disp == (const u8 *)slot)
		return 6;
	return 0;
}

/* The compiled sites: a call and NOPs. */
static bool check_compiled_sites(void)
{
	const struct pvpatch_site *s;
	unsigned int n = 0, good = 0;

	for (s = __start_pvpatch_sites; s < __stop_pvpatch_sites; s++, n++) {
		const struct own_expect *e = expect_for(s);
		const u8 *site = pvpatch_site_addr(s);
		unsigned int size = pvpatch_site_op(s)->size;
		unsigned int call = e && size >= 6 ? compiled_call(site, e->slot) : 0;

		good += call && all_nops(site + call, size - call);
	}
	return pvtest_check(n == NATIVE_SITES + KERNEL_SITES && good == n,
			    "A.3 compiled: %u pvpatch sites (expected %u), %u of them a call + NOPs",
			    n, NATIVE_SITES + KERNEL_SITES, good);
}

/* A direct call of target (behind CS prefixes, as the runtime may pad),
   then NOPs. */
static bool holds_call(const u8 *site, unsigned int size, const void *target)
{
	unsigned int at = 0;
	u8 call[5];

	while (at + sizeof(call) < size && site[at] == 0x2e)
		at++;
	if (at + sizeof(call) > size)
		return false;
	pvtest_put_call(call, site + at, target);
	return !memcmp(site + at, call, sizeof(call)) &&
	       all_nops(site + at + sizeof(call), size - at - sizeof(call));
}

static void check_patched_site(const struct pvpatch_site *s)
{
	const struct own_expect *e = expect_for(s);
	const u8 *site = pvpatch_site_addr(s);
	unsigned int size = pvpatch_site_op(s)->size;
	bool ok = e && size >= 5;

	if (ok && e->len)
		ok = holds_code(site, size, e->code, e->len);
	else if (ok)
		ok = holds_call(site, size, *e->slot);
	if (e && !e->len)
		pvtest_check(ok, "A.3 site %pS, %u bytes: %s = %ps, padded (%*ph)", site,
			     size, e->insns, *e->slot, size, site);
	else
		pvtest_check(ok, "A.3 site %pS, %u bytes: %s, padded (%*ph)", site, size,
			     e ? e->insns : "unknown op", size, site);
}

/* The module's text, which the refusal check compares before and after. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
static void *module_text(unsigned int *size)
{
	*size = THIS_MODULE->mem[MOD_TEXT].size;
	return THIS_MODULE->mem[MOD_TEXT].base;
}
#else
static void *module_text(unsigned int *size)
{
	*size = THIS_MODULE->core_layout.text_size;
	return THIS_MODULE->core_layout.base;
}
#endif

/* The module as an object of the runtime, and its patcher: big, and
   needed again after the first patch. */
static struct pvpatch_range ranges[PVPATCH_LINUX_MODULE_RANGES];
static struct pvpatch_object obj;
static struct pvpatch_object *objects[] = { &obj };
static struct pvpatch_patcher patcher;
static void *work;

/*
 * Patch every site of the module, in quiescent mode: nothing else runs
 * the module's code during its init, so the runtime may put the
 * two-instruction pushf; pop in a site.  Static: init runs once, and
 * the core keeps referring to the object.
 */
static int patch_module(const void **fault)
{
	size_t work_size;
	int err;

	obj = (struct pvpatch_object){
		.sites = __start_pvpatch_sites, .sites_end = __stop_pvpatch_sites,
		.impls = __start_pvpatch_impls, .impls_end = __stop_pvpatch_impls,
		.inlines = __start_pvpatch_inlines, .inlines_end = __stop_pvpatch_inlines,
		.ranges = ranges,
		.nranges = pvpatch_linux_module_ranges(THIS_MODULE, ranges),
	};
	err = pvpatch_object_measure(&obj, &work_size, fault);
	if (err)
		return err;
	work = kmalloc(work_size, GFP_KERNEL);
	if (!work)
		return PVPATCH_ERR_NOMEM;
	err = pvpatch_object_init(&obj, work, work_size, fault);
	if (err)
		return err;
	patcher.objects = objects;
	patcher.nobjects = 1;
	patcher.writer = pvpatch_linux_writer;
	patcher.mode = PVPATCH_MODE_QUIESCENT;
	err = pvpatch_core_apply(&patcher);
	*fault = err ? patcher.fault : NULL;
	return err;
}

/*
 * Binding a callee-save op (it may clobber rax only) to the kernel's
 * cpuid function, a C function that writes through four pointers, must
 * be refused before a byte is written: the module's text and the slot
 * stay as they were.
 */
static void check_refusal(void)
{
	void *cpuid = pv_ops.cpu.cpuid;
	unsigned int size;
	void *text = module_text(&size);
	u8 *before = vmalloc(size);
	bool same;
	int err;

	if (!pvtest_check(before, "A.3 copy of the module's text"))
		return;
	memcpy(before, text, size);
	err = pvpatch_core_bind(&patcher, (void *)&pvtest_ops.save_fl, cpuid);
	same = !memcmp(before, text, size);
	pvtest_check(err == PVPATCH_ERR_CLOBBERS && same &&
		     pvtest_ops.save_fl == own_save_fl,
		     "A.3 binding callee-save save_fl to %ps refused: \"%s\", %s, slot %s",
		     cpuid, pvpatch_strerror(err),
		     same ? "no byte of text changed" : "text changed",
		     pvtest_ops.save_fl == own_save_fl ? "unchanged" : "changed");
	vfree(before);
}

static void check_behaviour(const char *when)
{
	char what[80];

	/* Not under Xen, where cli and sti do not mask events. */
	if (!xen_pv_domain()) {
		snprintf(what, sizeof(what), "A.3 %s: own native save_fl/irq_disable/irq_enable",
			 when);
		pvtest_check_irq_sequence(what, seq_pvpatch);
		snprintf(what, sizeof(what), "A.3 %s: own native read_cr3", when);
		pvtest_check_cr3(what, own_site_read_cr3());
	}
	own_site_io_delay();
	snprintf(what, sizeof(what), "A.3 %s: save_fl/irq_disable/irq_enable bound to the kernel's",
		 when);
	pvtest_check_irq_sequence(what, seq_kernel_bound);
	snprintf(what, sizeof(what), "A.3 %s: read_cr2 bound to the kernel's", when);
	pvtest_check_cr2(what, kernel_site_read_cr2);
	snprintf(what, sizeof(what), "A.3 %s: read_cr3 bound to the kernel's", when);
	pvtest_check_cr3(what, kernel_site_read_cr3());
}

void pvtest_own(void)
{
	const struct pvpatch_stats *st = &patcher.stats;
	const struct pvpatch_site *s;
	const void *fault = NULL;
	int err;

	bind_kernel_ops();
	if (!check_compiled_sites())
		return;
	check_behaviour("unpatched");
	err = patch_module(&fault);
	if (err)
		pvtest_check(false, "A.3 runtime patched the module: %s, at %pS",
			     pvpatch_strerror(err), fault);
	else
		pvtest_check(true, "A.3 runtime patched the module");
	pvtest_check(!err && st->inlined == NATIVE_SITES - 1 &&
		     st->directed == 1 + KERNEL_SITES && !st->nopped && !st->left,
		     "A.3 %lu inlined, %lu direct calls, %lu NOP'd, %lu left (expected %u, %u, 0, 0)",
		     st->inlined, st->directed, st->nopped, st->left, NATIVE_SITES - 1,
		     1 + KERNEL_SITES);
	if (!err) {
		for (s = __start_pvpatch_sites; s < __stop_pvpatch_sites; s++)
			check_patched_site(s);
		check_behaviour("patched");
		check_refusal();
	}
	kfree(work);
}
