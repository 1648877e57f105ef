// SPDX-License-Identifier: MIT
/*
 * A.5: the irq save / disable / restore sequence four ways, side by side
 * as they stand in the running kernel after every patcher has run: code
 * size of each function, its sites and their bytes.  The "A.5" lines are
 * figures, not checks; kernel/check.sh collects them.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/printk.h>

#include <pvpatch_site.h>

#include "pvtest.h"

extern const struct pvpatch_site __start_pvpatch_sites[], __stop_pvpatch_sites[];

static const struct {
	const char *name;
	void (*seq)(void);
} variants[] = {
	{ "Linux macros (local_irq_save/restore)", seq_linux_macros },
	{ "Linux-native sites (plain C pv_ops calls)", seq_linux_native },
	{ "Linux-native sites with native code (paravirt_native)", seq_native_code },
	{ "pvpatch sites (own ops, pvpatch runtime)", seq_pvpatch },
};

struct site_list {
	unsigned int n, bytes;
	const u8 *at[8];
	unsigned int len[8];
};

static void add_site(struct site_list *l, const u8 *at, unsigned int len)
{
	if (l->n < ARRAY_SIZE(l->at)) {
		l->at[l->n] = at;
		l->len[l->n] = len;
	}
	l->n++;
	l->bytes += len;
}

struct fn_sites {
	const struct pvtest_fn *fn;
	struct site_list *list;
};

static void add_linux_site(const struct pvtest_linux_site *site, void *ctx)
{
	struct fn_sites *f = ctx;

	if (pvtest_fn_holds(f->fn, site->instr))
		add_site(f->list, site->instr, site->len);
}

/* Sites of both tables inside fn. */
static void collect_sites(const struct pvtest_fn *fn, struct site_list *l)
{
	struct fn_sites f = { fn, l };
	const struct pvpatch_site *s;

	pvtest_for_each_linux_site(add_linux_site, &f);
	for (s = __start_pvpatch_sites; s < __stop_pvpatch_sites; s++)
		if (pvtest_fn_holds(fn, pvpatch_site_addr(s)))
			add_site(l, pvpatch_site_addr(s), pvpatch_site_op(s)->size);
}

static void report(const char *name, const struct pvtest_fn *fn,
		   const struct site_list *l)
{
	unsigned int i;

	pr_info("A.5 %s: %lu bytes of code, %u sites, %u bytes in sites\n",
		name, fn->size, l->n, l->bytes);
	for (i = 0; i < min_t(unsigned int, l->n, ARRAY_SIZE(l->at)); i++)
		pr_info("A.5   site +%#lx, %u bytes: %*ph\n",
			(unsigned long)l->at[i] - fn->start, l->len[i],
			l->len[i], l->at[i]);
}

void pvtest_compare(void)
{
	struct site_list sites[ARRAY_SIZE(variants)] = {};
	struct pvtest_fn fn;
	bool same = true;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(variants); i++) {
		if (!pvtest_fn_init(&fn, variants[i].name, variants[i].seq)) {
			pvtest_check(false, "A.5 kallsyms knows the size of %ps",
				     variants[i].seq);
			return;
		}
		collect_sites(&fn, &sites[i]);
		report(variants[i].name, &fn, &sites[i]);
		same &= sites[i].n == sites[0].n;
	}
	pvtest_check(same && sites[0].n,
		     "A.5 the plugin's versions have as many sites as Linux's macros (%u, %u, %u, %u)",
		     sites[0].n, sites[1].n, sites[2].n, sites[3].n);
}
