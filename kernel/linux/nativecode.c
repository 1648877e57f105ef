// SPDX-License-Identifier: MIT
/*
 * A.6: Linux-native sites with Linux's native code.  This unit sees
 * pv_ops's struct through paravirt_types_native.h (the installed header
 * with paravirt_native annotations, kernel/linux-native-types.sh), so the
 * plugin gives each plain C call below the second alternative Linux's
 * PVOP_ALT_* macros have: cli, sti, pushf; pop %rax where Xen is absent.
 * Once the kernel has patched the module, each site must hold what the
 * kernel wrote at the same op's site in seq_linux_macros: the native
 * code on bare hardware, a direct call of Xen's function under Xen.
 */
#include "paravirt_types_native.h"

#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <asm/paravirt.h>

#include "pvtest.h"

noinline void seq_native_code(void)
{
	pvtest_plain_c_irq_sequence();
}

/* save_fl, irq_disable, irq_enable: the sites of both sequences. */
#define SEQ_SITES 3

struct seq_sites {
	struct pvtest_fn fn;
	unsigned int n;
	struct pvtest_linux_site at[SEQ_SITES];
};

static void add_seq_site(const struct pvtest_linux_site *site, void *ctx)
{
	struct seq_sites *s = ctx;

	if (!pvtest_fn_holds(&s->fn, site->instr))
		return;
	if (s->n < SEQ_SITES)
		s->at[s->n] = *site;
	s->n++;
}

static int by_address(const void *a, const void *b)
{
	const struct pvtest_linux_site *x = a, *y = b;

	return x->instr < y->instr ? -1 : x->instr > y->instr;
}

/* A seq's sites in address order, which is the ops' order in both. */
static bool collect(struct seq_sites *s, const char *name, void (*seq)(void))
{
	s->n = 0;
	if (!pvtest_fn_init(&s->fn, name, seq))
		return false;
	pvtest_for_each_linux_site(add_seq_site, s);
	sort(s->at, min_t(unsigned int, s->n, SEQ_SITES), sizeof(s->at[0]),
	     by_address, NULL);
	return pvtest_check(s->n == SEQ_SITES, "A.6 %s: %u sites (expected %d)",
			    name, s->n, SEQ_SITES);
}

/* Where the call at p goes, or NULL if p holds no call rel32. */
static const u8 *call_target(const u8 *p)
{
	s32 rel;

	if (p[0] != 0xe8)
		return NULL;
	memcpy(&rel, p + 1, sizeof(rel));
	return p + 5 + rel;
}

/* The same bytes, a direct call's target compared in place of its rel32,
   which differs with the site's address. */
static bool same_code(const struct pvtest_linux_site *a,
		      const struct pvtest_linux_site *b)
{
	unsigned int skip = call_target(a->instr) ? 5 : 0;

	if (a->len != b->len || call_target(a->instr) != call_target(b->instr))
		return false;
	return !memcmp(a->instr + skip, b->instr + skip, a->len - skip);
}

void pvtest_native_code(void)
{
	static struct seq_sites plain, macros;
	unsigned int i;

	if (!collect(&plain, "seq_native_code", seq_native_code) ||
	    !collect(&macros, "seq_linux_macros", seq_linux_macros))
		return;
	for (i = 0; i < SEQ_SITES; i++) {
		const u8 *to = call_target(plain.at[i].instr);
		char what[KSYM_NAME_LEN + 24] = "native code";

		if (to)
			snprintf(what, sizeof(what), "a direct call of %ps", to);
		pvtest_check(same_code(&plain.at[i], &macros.at[i]),
			     "A.6 site %pS holds %s (%*ph), as Linux's macros' site %pS (%*ph)",
			     plain.at[i].instr, what,
			     min_t(int, plain.at[i].len, 16), plain.at[i].instr,
			     macros.at[i].instr, min_t(int, macros.at[i].len, 16),
			     macros.at[i].instr);
	}
	pvtest_check_irq_sequence("A.6 Linux-native sites with native code", seq_native_code);
}
