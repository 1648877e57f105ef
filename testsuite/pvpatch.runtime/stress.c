/* Live re-binding: two threads call sites in a loop while a third
   re-binds their ops 100000 times, cycling through implementations that
   get inlined and ones that get a direct call.  No call may crash, and
   each must return what the old or the new binding returns: a caller
   reads the number of finished binds before and after its call, and the
   result must come from a binding in force somewhere in that window.
   The patched sites straddle a page boundary, which the kernel writes
   page by page: a plain write of a site can be seen half done there. */
/* { dg-options "-O2" } */
#include <pthread.h>
#include <stdatomic.h>
#include "fixture.h"

#define BINDS 100000
#define NIMPLS 4

static volatile unsigned long three_v = 3, four_v = 4;
__attribute__((noinline)) unsigned long one(void) { return 1; }		/* inlined */
__attribute__((noinline)) unsigned long two(void) { return 2; }		/* inlined */
__attribute__((noinline)) unsigned long three(void) { return three_v; }	/* called */
__attribute__((noinline)) unsigned long four(void) { return four_v; }	/* called */
static unsigned long (*const impls[NIMPLS])(void) = { one, two, three, four };

/* Site 3 bytes before a page boundary: its head crosses it. */
#define STRADDLE ".balign 4096, 0x90\n.skip 4093, 0x90\n"

unsigned long (*value_slot)(void) = one;
FIXTURE_OP(op_slot, value_slot, "REG_ABI", 8, 1);
FIXTURE_SITE_FN(slot_site, op_slot, 8, FIXTURE_SLOT_SETUP STRADDLE,
		FIXTURE_SLOT_CALL(value_slot));			/* head 6 */
FIXTURE_REG_SITE_FN(reg_site, op_slot, 8, value_slot);		/* ff d0: left */
FIXTURE_OP(op_direct, one, "REG_ABI", 8, 0);
FIXTURE_SITE_FN(direct_site, op_direct, 8, STRADDLE, "call one");	/* e8: head 5 */
unsigned long slot_site(void), reg_site(void), direct_site(void);

/* Binds finished so far: the slot op's and the direct op's.  Bind k
   (from 1) installs impls[k % NIMPLS]; before any, both call one(). */
static atomic_ulong slot_binds, direct_binds;
static atomic_int stop;
static atomic_ulong calls, bad;

/* Whether r is the result of a binding in force while the number of
   finished binds went from lo to hi (or of the one then in progress). */
static int plausible(unsigned long r, unsigned long lo, unsigned long hi)
{
	if (hi + 1 - lo >= NIMPLS)
		return r >= 1 && r <= NIMPLS;
	for (unsigned long k = lo; k <= hi + 1; k++)
		if (r == (k ? k % NIMPLS : 0) + 1)
			return 1;
	return 0;
}

static void check(unsigned long (*site)(void), atomic_ulong *binds)
{
	unsigned long lo = atomic_load(binds);
	unsigned long r = site();
	unsigned long hi = atomic_load(binds);

	if (!plausible(r, lo, hi))
		atomic_fetch_add(&bad, 1);
	atomic_fetch_add_explicit(&calls, 1, memory_order_relaxed);
}

static void *caller(void *arg)
{
	(void)arg;
	while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
		check(slot_site, &slot_binds);
		check(reg_site, &slot_binds);
		check(direct_site, &direct_binds);
	}
	return NULL;
}

int main(void)
{
	pthread_t callers[2];
	unsigned long k;
	int err = 0;

	FIXTURE_CHECK(pvpatch_apply());
	for (int i = 0; i < 2; i++)
		pthread_create(&callers[i], NULL, caller, NULL);
	for (k = 1; k <= BINDS / 2 && !err; k++) {
		err = pvpatch_bind(&value_slot, impls[k % NIMPLS]);
		atomic_store(&slot_binds, k);
		if (!err)
			err = pvpatch_bind(one, impls[k % NIMPLS]);
		atomic_store(&direct_binds, k);
	}
	atomic_store(&stop, 1);
	for (int i = 0; i < 2; i++)
		pthread_join(callers[i], NULL);
	FIXTURE_CHECK(err);
	printf("binds %lu, calls checked %s, bad results %lu\n", 2 * (k - 1),
	       atomic_load(&calls) > 10000 ? "many" : "few", atomic_load(&bad));
	printf("final %lu %lu %lu\n", slot_site(), reg_site(), direct_site());
	return 0;
}
/* { dg-output "binds 100000, calls checked many, bad results 0\n" } */
/* { dg-output "final 1 1 1" } */
