// SPDX-License-Identifier: MIT
/*
 * A.3: pvpatch's own sites in a module, patched in kernel context by
 * pvpatch's freestanding runtime (runtime/core.c and friends, compiled
 * into this module by Kbuild) to native instructions and a direct call.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/vmalloc.h>
#include <asm/io.h>
#include <asm/special_insns.h>
#include <asm/sync_core.h>

#include <pvpatch.h>
#include <pvpatch_runtime.h>

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
   form: its site gets a direct call from the module into the kernel. */
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

static noinline unsigned long own_site_read_cr3(void)
{
	return pvtest_ops.read_cr3();
}

static noinline void own_site_io_delay(void)
{
	pvtest_ops.io_delay();
}

#define OWN_SITES 5	/* the calls through pvtest_ops above */

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
	{ (void *const *)&pvtest_ops.io_delay, "call native_io_delay", 0 },
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

/* The compiled sites: a call (to a retpoline thunk) and NOPs. */
static bool check_compiled_sites(void)
{
	const struct pvpatch_site *s;
	unsigned int n = 0, good = 0;

	for (s = __start_pvpatch_sites; s < __stop_pvpatch_sites; s++, n++) {
		const u8 *site = pvpatch_site_addr(s);
		unsigned int size = pvpatch_site_op(s)->size;

		good += expect_for(s) && size >= 5 && site[0] == 0xe8 &&
			all_nops(site + 5, size - 5);
	}
	return pvtest_check(n == OWN_SITES && good == n,
			    "A.3 compiled: %u pvpatch sites (expected %u), %u of them a call + NOPs",
			    n, OWN_SITES, good);
}

static void check_patched_site(const struct pvpatch_site *s)
{
	const struct own_expect *e = expect_for(s);
	const u8 *site = pvpatch_site_addr(s);
	unsigned int size = pvpatch_site_op(s)->size;
	u8 call[5];
	bool ok = e && size >= sizeof(call);

	if (ok && e->len) {
		ok = holds_code(site, size, e->code, e->len);
	} else if (ok) {
		pvtest_put_call(call, site, *e->slot);
		ok = !memcmp(site, call, sizeof(call)) &&
		     all_nops(site + sizeof(call), size - sizeof(call));
	}
	pvtest_check(ok, "A.3 site %pS, %u bytes: %s, padded (%*ph)", site, size,
		     e ? e->insns : "unknown op", size, site);
}

/* Module text is mapped read-only: write through a temporary writable
   alias of its pages, as text_poke() does through a mapping of its own. */
static int alias_write(void *ctx, void *dst, const void *src, size_t len)
{
	unsigned long first = (unsigned long)dst & PAGE_MASK;
	unsigned int offset = offset_in_page(dst);
	unsigned int i, npages = DIV_ROUND_UP(offset + len, PAGE_SIZE);
	struct page *pages[2];
	void *alias;

	if (npages > ARRAY_SIZE(pages))
		return -1;
	for (i = 0; i < npages; i++) {
		pages[i] = vmalloc_to_page((void *)(first + i * PAGE_SIZE));
		if (!pages[i])
			return -1;
	}
	alias = vmap(pages, npages, VM_MAP, PAGE_KERNEL);
	if (!alias)
		return -1;
	memcpy(alias + offset, src, len);
	vunmap(alias);
	return 0;
}

static void serialize_cpu(void *unused)
{
	sync_core();
}

/* No CPU may keep executing bytes it fetched before the writes. */
static int sync_all_cpus(void *ctx)
{
	on_each_cpu(serialize_cpu, NULL, 1);
	return 0;
}

/* Text, then read-only and writable data, of the core and init parts. */
static unsigned int module_ranges(struct pvpatch_range *r)
{
	const struct module_layout *layouts[] = {
		&THIS_MODULE->core_layout, &THIS_MODULE->init_layout,
	};
	unsigned int i, n = 0;

	for (i = 0; i < ARRAY_SIZE(layouts); i++) {
		uintptr_t base = (uintptr_t)layouts[i]->base;

		if (!layouts[i]->size)
			continue;
		r[n++] = (struct pvpatch_range){
			base, base + layouts[i]->text_size,
			PVPATCH_PROT_READ | PVPATCH_PROT_EXEC };
		r[n++] = (struct pvpatch_range){
			base + layouts[i]->text_size, base + layouts[i]->size,
			PVPATCH_PROT_READ };
	}
	return n;
}

/*
 * Patch every site of the module, in quiescent mode: nothing else runs
 * the module's code during its init, so the runtime may put the
 * two-instruction pushf; pop in a site.  The patcher is kilobytes, too
 * big for a kernel stack; init runs once.
 */
static int patch_module(struct pvpatch_stats *stats, const void **fault)
{
	static struct pvpatch_range ranges[4];
	static struct pvpatch_object obj;
	static struct pvpatch_object *objects[] = { &obj };
	static struct pvpatch_patcher patcher;
	size_t work_size;
	void *work;
	int err;

	obj = (struct pvpatch_object){
		.sites = __start_pvpatch_sites, .sites_end = __stop_pvpatch_sites,
		.impls = __start_pvpatch_impls, .impls_end = __stop_pvpatch_impls,
		.inlines = __start_pvpatch_inlines, .inlines_end = __stop_pvpatch_inlines,
		.ranges = ranges, .nranges = module_ranges(ranges),
	};
	err = pvpatch_object_measure(&obj, &work_size, fault);
	if (err)
		return err;
	work = kmalloc(work_size, GFP_KERNEL);
	if (!work)
		return PVPATCH_ERR_NOMEM;
	err = pvpatch_object_init(&obj, work, work_size, fault);
	if (!err) {
		patcher.objects = objects;
		patcher.nobjects = 1;
		patcher.writer = (struct pvpatch_writer){ alias_write, sync_all_cpus, NULL };
		patcher.mode = PVPATCH_MODE_QUIESCENT;
		err = pvpatch_core_apply(&patcher);
		*fault = err ? patcher.fault : NULL;
		*stats = patcher.stats;
	}
	kfree(work);
	return err;
}

static void check_behaviour(const char *when)
{
	unsigned long cr3 = own_site_read_cr3(), native = __native_read_cr3();
	char what[64];

	snprintf(what, sizeof(what), "A.3 %s: pvpatch save_fl/irq_disable/irq_enable", when);
	pvtest_check_irq_sequence(what, seq_pvpatch);
	pvtest_check(cr3 == native, "A.3 %s: read_cr3 site %#lx = mov %%cr3 %#lx",
		     when, cr3, native);
	own_site_io_delay();
}

void pvtest_own(void)
{
	struct pvpatch_stats st = {};
	const struct pvpatch_site *s;
	const void *fault = NULL;
	int err;

	if (!check_compiled_sites())
		return;
	check_behaviour("unpatched");
	err = patch_module(&st, &fault);
	if (err)
		pvtest_check(false, "A.3 runtime patched the module: %s, at %pS",
			     pvpatch_strerror(err), fault);
	else
		pvtest_check(true, "A.3 runtime patched the module");
	pvtest_check(!err && st.inlined == OWN_SITES - 1 && st.directed == 1 &&
		     !st.nopped && !st.left,
		     "A.3 %lu inlined, %lu direct calls, %lu NOP'd, %lu left (expected %u, 1, 0, 0)",
		     st.inlined, st.directed, st.nopped, st.left, OWN_SITES - 1);
	if (err)
		return;
	for (s = __start_pvpatch_sites; s < __stop_pvpatch_sites; s++)
		check_patched_site(s);
	check_behaviour("patched");
}
