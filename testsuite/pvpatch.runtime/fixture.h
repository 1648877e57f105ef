/* SPDX-License-Identifier: MIT */
/* fixture-asm.h's table macros plus helpers for hosted runtime tests. */
#ifndef FIXTURE_H
#define FIXTURE_H

#include <stdio.h>
#include <string.h>

#include "pvpatch_runtime.h"
#include "fixture-asm.h"

/* Whether n bytes at text still equal a copy taken earlier. */
static inline const char *fixture_same(const void *text, const void *copy,
				       unsigned n)
{
	return memcmp(text, copy, n) ? "changed" : "unchanged";
}

/* The first bytes of a function, as text for dg-output. */
static inline void fixture_print_bytes(const char *what, const void *at,
				       unsigned n)
{
	const unsigned char *p = at;

	printf("%s:", what);
	for (unsigned i = 0; i < n; i++)
		printf(" %02x", p[i]);
	printf("\n");
}

static inline void fixture_print_stats(const char *what)
{
	struct pvpatch_stats st;

	pvpatch_get_stats(&st);
	printf("%s: inlined %lu directed %lu nopped %lu left %lu\n", what,
	       st.inlined, st.directed, st.nopped, st.left);
}

/* The corrupted-table tests: pvpatch_apply() must fail with WANT, name
   BAD (described as WHAT) as the fault, and leave GOOD, a valid site of
   the same table, unchanged and working. */
static inline int fixture_expect_rejected(int want, const void *bad,
					  const char *what,
					  unsigned long (*good)(void))
{
	unsigned char before[16];
	int err;

	memcpy(before, (const void *)good, sizeof(before));
	err = pvpatch_apply();
	printf("apply: %s\n", err == want ? "rejected" : pvpatch_strerror(err));
	printf("fault: %s\n", pvpatch_last_fault() == bad ? what : "elsewhere");
	printf("text %s, call %lu\n",
	       fixture_same((const void *)good, before, sizeof(before)), good());
	return 0;
}

/* Exit with a message unless the status is PVPATCH_OK. */
#define FIXTURE_CHECK(call)                                                  \
	do {                                                                 \
		int fixture_err_ = (call);                                   \
		if (fixture_err_) {                                          \
			printf("%s: %s\n", #call,                            \
			       pvpatch_strerror(fixture_err_));              \
			return 1;                                            \
		}                                                            \
	} while (0)

#endif /* FIXTURE_H */
