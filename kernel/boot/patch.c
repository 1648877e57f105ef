// SPDX-License-Identifier: MIT
/*
 * pvpatch's freestanding runtime at boot, and a check of what every site
 * holds against hand-assembled native code.
 */
#include <pvpatch_core.h>

#include "site_bytes.h"
#include "pvboot.h"

extern const struct pvpatch_site __start_pvpatch_sites[], __stop_pvpatch_sites[];
extern const struct pvpatch_impl __start_pvpatch_impls[], __stop_pvpatch_impls[];
extern const struct pvpatch_inline __start_pvpatch_inlines[], __stop_pvpatch_inlines[];

/* Paging is off: text is plain memory, written directly. */
static int store(void *ctx, void *dst, const void *src, size_t len)
{
	uint8_t *d = dst;
	const uint8_t *s = src;

	(void)ctx;
	while (len--)
		*d++ = *s++;
	return 0;
}

/* One CPU, which a serializing instruction makes drop what it fetched. */
static int serialize(void *ctx)
{
	unsigned eax = 0, ebx, ecx = 0, edx;

	(void)ctx;
	__asm__ volatile("cpuid" : "+a"(eax), "=b"(ebx), "+c"(ecx), "=d"(edx)
			 : : "memory");
	return 0;
}

static uint32_t work[1024];	/* the runtime's work area: ~15 bytes a site */
static struct pvpatch_object object;
static struct pvpatch_patcher patcher;

/* Quiescent: nothing else runs, so replacements may span whole sites. */
int patch_sites(struct pvpatch_stats *stats)
{
	static const struct pvpatch_range ranges[] = {
		{ (uintptr_t)__text_start, (uintptr_t)__text_end,
		  PVPATCH_PROT_READ | PVPATCH_PROT_EXEC },
		{ (uintptr_t)__rodata_start, (uintptr_t)__end, PVPATCH_PROT_READ },
	};
	static struct pvpatch_object *const objects[] = { &object };
	const void *fault;
	size_t size;
	int err;

	object = (struct pvpatch_object){
		.sites = __start_pvpatch_sites, .sites_end = __stop_pvpatch_sites,
		.impls = __start_pvpatch_impls, .impls_end = __stop_pvpatch_impls,
		.inlines = __start_pvpatch_inlines,
		.inlines_end = __stop_pvpatch_inlines,
		.ranges = ranges, .nranges = sizeof(ranges) / sizeof(ranges[0]),
	};
	err = pvpatch_object_measure(&object, &size, &fault);
	if (!err && size > sizeof(work))
		err = PVPATCH_ERR_NOMEM;
	if (!err)
		err = pvpatch_object_init(&object, work, size, &fault);
	if (err)
		return err;
	patcher.objects = objects;
	patcher.nobjects = 1;
	patcher.writer = (struct pvpatch_writer){ .write = store, .sync = serialize };
	patcher.mode = PVPATCH_MODE_QUIESCENT;
	err = pvpatch_core_apply(&patcher);
	*stats = patcher.stats;
	return err;
}

/* What each op's sites must hold once patched: its PVPATCH_INLINE code
   (ops.c), assembled by hand. */
static const struct expected {
	const char *op;
	void *const *slot;
	uint8_t len;
	uint8_t code[8];
} expected[] = {
	{ "irq_disable", (void *const *)&pv_ops.irq_disable, 1, { 0xfa } },
	{ "irq_enable", (void *const *)&pv_ops.irq_enable, 1, { 0xfb } },
	{ "save_fl", (void *const *)&pv_ops.save_fl, 2, { 0x9c, 0x58 } },
	{ "restore_fl", (void *const *)&pv_ops.restore_fl, 5,
	  { 0x8b, 0x04, 0x24, 0x50, 0x9d } },
	{ "inb", (void *const *)&pv_ops.inb, 4, { 0x8b, 0x14, 0x24, 0xec } },
	{ "outb", (void *const *)&pv_ops.outb, 8,
	  { 0x8b, 0x54, 0x24, 0x04, 0x8b, 0x04, 0x24, 0xee } },
	{ "read_cr3", (void *const *)&pv_ops.read_cr3, 3, { 0x0f, 0x20, 0xd8 } },
	{ "write_cr3", (void *const *)&pv_ops.write_cr3, 6,
	  { 0x8b, 0x04, 0x24, 0x0f, 0x22, 0xd8 } },
};

/* Patched: the op's native code.  Unpatched: the compiled call *slot
   (ff 15 abs32) and NOPs. */
static bool site_holds(const uint8_t *site, unsigned size, const void *expected,
		       bool patched)
{
	const struct expected *e = expected;

	if (patched)
		return holds_code(site, size, e->code, e->len);
	return size >= 6 && site[0] == 0xff && site[1] == 0x15 &&
	       *(void *const *const *)(site + 2) == e->slot &&
	       all_nops(site + 6, size - 6);
}

/* The direct ops entry.S calls in sites pvpatch-sites scan widened: push
   eax, ecx, edx; call; pop edx, ecx, eax.  Patched, the native
   instruction fills the 11 bytes (then NOPs). */
static const struct expected_entry {
	const char *op;
	void (*fn)(void);
	uint8_t insn;
} expected_entry[] = {
	{ "entry.S irq_disable", native_irq_disable, 0xfa },
	{ "entry.S irq_enable", native_irq_enable, 0xfb },
};

static bool same_bytes(const uint8_t *a, const uint8_t *b, unsigned n)
{
	while (n--)
		if (*a++ != *b++)
			return false;
	return true;
}

static bool entry_site_holds(const uint8_t *site, unsigned size,
			     const void *expected, bool patched)
{
	const struct expected_entry *e = expected;
	static const uint8_t pushes[] = { 0x50, 0x51, 0x52 };
	static const uint8_t pops[] = { 0x5a, 0x59, 0x58 };
	int32_t rel;

	if (size != 11)
		return false;
	if (patched)
		return holds_code(site, size, &e->insn, 1);
	__builtin_memcpy(&rel, site + 4, sizeof(rel));
	return same_bytes(site, pushes, 3) && site[3] == 0xe8 &&
	       (uintptr_t)(site + 8) + rel == (uintptr_t)e->fn &&
	       same_bytes(site + 8, pops, 3);
}

/* The sites of target: how many, and how many hold what they should. */
static unsigned count_sites(const void *target, unsigned *good,
			    bool (*holds)(const uint8_t *site, unsigned size,
					  const void *e, bool patched),
			    const void *e, bool patched)
{
	unsigned n = 0;

	*good = 0;
	for (const struct pvpatch_site *s = __start_pvpatch_sites;
	     s < __stop_pvpatch_sites; s++) {
		const struct pvpatch_op *op = pvpatch_site_op(s);

		if (pvpatch_op_target(op) != target)
			continue;
		n++;
		*good += holds(pvpatch_site_addr(s), op->size, e, patched);
	}
	return n;
}

/* One line per op: how many of its sites hold what they should. */
void check_sites(bool patched)
{
	unsigned total = 0;

	for (const struct expected *e = expected;
	     e < expected + sizeof(expected) / sizeof(expected[0]); e++) {
		unsigned good, n = count_sites(e->slot, &good, site_holds, e,
					       patched);

		total += n;
		check(n && good == n, "%s: %u of its %u sites hold %s", e->op, good, n,
		      patched ? "its native code" : "the compiled call *slot");
	}
	for (const struct expected_entry *e = expected_entry;
	     e < expected_entry + sizeof(expected_entry) / sizeof(expected_entry[0]);
	     e++) {
		unsigned good, n = count_sites((const void *)e->fn, &good,
					       entry_site_holds, e, patched);

		total += n;
		check(n == 1 && good == n, "%s: %u of its %u sites hold %s", e->op,
		      good, n, patched ? "its native instruction in the 11 bytes"
				       : "push eax, ecx, edx; the call; the pops");
	}
	check(total == (unsigned)(__stop_pvpatch_sites - __start_pvpatch_sites),
	      "every one of the %u sites is a call of an op",
	      (unsigned)(__stop_pvpatch_sites - __start_pvpatch_sites));
}
