// SPDX-License-Identifier: MIT
/*
 * Where the kernel's own table records the module's Linux-native sites:
 * Linux 6.1's .parainstructions, or since 6.8 .altinstructions, whose
 * direct-call entries are the pv calls (pvtest.lds brackets both).
 */
#include <linux/kernel.h>
#include <asm/alternative.h>
#include <asm/paravirt_types.h>

#include "pvtest.h"

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 8, 0)

extern struct alt_instr pvtest_alt_begin[], pvtest_alt_end[];

static u8 *alt_instr_at(const struct alt_instr *a)
{
	return (u8 *)&a->instr_offset + a->instr_offset;
}

/* A site with a second alternative (the native code of a PVOP_ALT_*
   macro) has two consecutive entries: it is counted once. */
void pvtest_for_each_linux_site(void (*fn)(const struct pvtest_linux_site *, void *),
				void *ctx)
{
	const struct alt_instr *a;
	u8 *last = NULL;

	for (a = pvtest_alt_begin; a < pvtest_alt_end; a++) {
		struct pvtest_linux_site site = { alt_instr_at(a), a->instrlen, -1 };

		if (!(a->flags & ALT_FLAG_DIRECT_CALL) || site.instr == last)
			continue;
		last = site.instr;
		fn(&site, ctx);
	}
}

#else

extern struct paravirt_patch_site pvtest_para_begin[], pvtest_para_end[];

void pvtest_for_each_linux_site(void (*fn)(const struct pvtest_linux_site *, void *),
				void *ctx)
{
	const struct paravirt_patch_site *p;

	for (p = pvtest_para_begin; p < pvtest_para_end; p++) {
		struct pvtest_linux_site site = { p->instr, p->len, p->type };

		fn(&site, ctx);
	}
}

#endif
