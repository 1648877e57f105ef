/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer harness for the runtime's freestanding core: table validation
 * (pvpatch_object_measure/init) and patching (pvpatch_core_apply, _bind,
 * _revert) of a fake object.
 *
 * The input is a little program that builds the object in an arena:
 * op descriptors, sites (a call in one of the forms compilers emit, then
 * NOPs), implementation and PVPATCH_INLINE records, function bodies,
 * slot values, raw bytes poked anywhere (to corrupt any of it), and the
 * operations to run.  The arena sits in the middle of a 4 GiB PROT_NONE
 * reservation, so any 32-bit PC-relative reference that leaves it faults
 * at once instead of reading whatever happens to be mapped.
 *
 * What must hold, besides no crash and no sanitizer report:
 *   - a table the core accepts really is valid (the harness checks it
 *     again, independently), and pvpatch_object_site_at() finds its sites;
 *   - the core writes only inside the sites of an accepted table, and
 *     only as the int3-first protocol of pvpatch_writer allows;
 *   - after a successful operation no site begins with int3, and nothing
 *     outside the sites and slots changed;
 *   - after a successful revert every site holds its original bytes.
 * A violation aborts with a message, which libFuzzer reports as a crash.
 *
 * Only the x86-64 build of the core is fuzzed (the harness and the core
 * run in one process).
 */
#define _DEFAULT_SOURCE	/* MAP_ANONYMOUS, MAP_NORESERVE */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "pvpatch_core.h"
#include "analyze.h"	/* pvpatch_fill_nops */

#define KIB 1024u
#define ARENA_SIZE (40 * KIB)
#define RESERVE_SIZE ((size_t)4 << 30)

/* Arena layout: one object whose segments are these regions, but the gap:
   mapped memory that belongs to no segment.  The first and the last
   segment border the unmapped reservation, so reading past them faults. */
enum {
	TEXT = 0, TEXT_SIZE = 16 * KIB,
	RODATA = 16 * KIB, RODATA_SIZE = 8 * KIB,	/* ops, REF words, inline code */
	TABLES = 24 * KIB, TABLES_SIZE = 8 * KIB,	/* sites, impls, inlines */
	GAP = 32 * KIB,
	DATA = 36 * KIB, DATA_SIZE = 4 * KIB,		/* slots */
};

#define MAX_OPS 64
#define MAX_SITES 256
#define MAX_RECORDS 32
#define NSLOTS 64
#define INT3 0xcc

static unsigned char *arena;

/* ---- Reading the input ---- */

struct input {
	const uint8_t *p;
	size_t n;
};

/* The next n (<= 4) bytes, little-endian; 0 once the input is used up. */
static uint32_t take(struct input *in, unsigned n)
{
	uint32_t v = 0;

	for (unsigned i = 0; i < n && in->n; i++, in->p++, in->n--)
		v |= (uint32_t)*in->p << (8 * i);
	return v;
}

/* ---- Building the object ---- */

struct build {
	struct pvpatch_op *ops[MAX_OPS];
	unsigned nops;
	size_t rodata_used;		/* bump allocator in RODATA */
	struct pvpatch_site *sites;
	unsigned nsites;
	struct pvpatch_impl *impls;
	unsigned nimpls;
	struct pvpatch_inline *inlines;
	unsigned ninlines;
	struct pvpatch_range ranges[4];
	unsigned nranges;
};

static void *at(size_t offset)
{
	return arena + offset;
}

static int32_t rel(const void *field, const void *target)
{
	return (int32_t)((intptr_t)target - (intptr_t)field);
}

/* len bytes of RODATA, aligned to align (a power of 2); NULL when full. */
static void *rodata(struct build *b, size_t len, size_t align)
{
	size_t off = (b->rodata_used + align - 1) & ~(align - 1);

	if (off + len > RODATA_SIZE)
		return NULL;
	b->rodata_used = off + len;
	return at(RODATA + off);
}

static void *text_fn(struct input *in)
{
	return at(TEXT + take(in, 2) % TEXT_SIZE);
}

static void **slot(unsigned i)
{
	return (void **)at(DATA + (i % NSLOTS) * sizeof(void *));
}

/* Most fields are made valid; one time in eight the input gives them raw. */
static int corrupt(struct input *in)
{
	return take(in, 1) % 8 == 0;
}

/* Op targets: a function, a slot, a REF word, any 32-bit offset, or a
   slot at any (misaligned, segment-straddling) offset of DATA. */
enum { TO_FUNCTION, TO_SLOT, TO_REF, TO_ANYWHERE, TO_DATA, TARGET_KINDS };

static void add_op(struct build *b, struct input *in)
{
	struct pvpatch_op *op = rodata(b, sizeof(*op), 4);
	unsigned kind = take(in, 1) % TARGET_KINDS;
	const void *target;
	void **ref;

	if (!op || b->nops == MAX_OPS)
		return;
	op->flags = kind == TO_SLOT || kind == TO_DATA ? PVPATCH_OP_INDIRECT :
		    kind == TO_REF ? PVPATCH_OP_REF : 0;
	if (kind == TO_SLOT) {
		target = slot(take(in, 1));
	} else if (kind == TO_DATA) {
		target = at(DATA + take(in, 2) % DATA_SIZE);
	} else if (kind == TO_REF && (ref = rodata(b, sizeof(*ref), sizeof(*ref)))) {
		*ref = text_fn(in);
		target = ref;
	} else {
		target = text_fn(in);
	}
	op->target = kind == TO_ANYWHERE ? (int32_t)take(in, 4) : rel(&op->target, target);
	op->clobbers = take(in, 4) & (corrupt(in) ? ~0u : 0x3ffefu);
	op->size = corrupt(in) ? take(in, 1) : 5 + take(in, 1) % 60;
	op->version = corrupt(in) ? take(in, 1) : PVPATCH_ABI_VERSION;
	op->reserved = corrupt(in) ? take(in, 1) : 0;
	if (corrupt(in))
		op->flags |= take(in, 1);
	b->ops[b->nops++] = op;
}

#define CALL_FORMS 8
static const unsigned char call_len[CALL_FORMS] = { 5, 6, 7, 2, 3, 6, 6, 3 };

/* The calls compilers emit at sites (docs/site-table.md): call_len[form]
   bytes. */
static void put_call(unsigned char *p, unsigned form, const void *target, uint32_t raw)
{
	int32_t to = rel(p + 5, target);

	switch (form) {
	case 0: p[0] = 0xe8; memcpy(p + 1, &to, 4); break;		/* call rel32 */
	case 1: p[0] = 0xff; p[1] = 0x15; memcpy(p + 2, &raw, 4); break; /* call *d(%rip) */
	case 2: p[0] = 0xff; p[1] = 0x14; p[2] = 0x25; memcpy(p + 3, &raw, 4); break;
	case 3: p[0] = 0xff; p[1] = 0xd0 | (raw & 7); break;		/* call *%reg */
	case 4: p[0] = 0x41; p[1] = 0xff; p[2] = 0xd3; break;		/* call *%r11 */
	case 5: p[0] = 0x67; p[1] = 0xe8; to = rel(p + 6, target); memcpy(p + 2, &to, 4); break;
	case 6: p[0] = 0xff; p[1] = 0x90 | (raw & 7); memcpy(p + 2, &raw, 4); break;
	default: p[0] = 0xff; p[1] = 0x50 | (raw & 7); p[2] = raw >> 8; break;
	}
}

/* The assemblers' NOPs (the runtime's own definition), or single-byte
   NOPs. */
static void put_nops(unsigned char *p, unsigned n, int singles)
{
	if (!singles) {
		pvpatch_fill_nops(p, n);
		return;
	}
	while (n--)
		pvpatch_fill_nops(p++, 1);
}

/* A site entry and, where it fits, a call and NOPs at the text it names. */
static void add_site(struct build *b, struct input *in)
{
	struct pvpatch_site *s = &b->sites[b->nsites];
	const struct pvpatch_op *op;
	unsigned char *p = text_fn(in);
	unsigned form = take(in, 1), len = call_len[form % CALL_FORMS];

	if (!b->nops || b->nsites == MAX_SITES)
		return;
	op = b->ops[take(in, 1) % b->nops];
	s->op = rel(&s->op, op);
	s->addr = corrupt(in) ? (int32_t)take(in, 4) : rel(&s->addr, p);
	b->nsites++;
	if (op->size < len || p + op->size > (unsigned char *)at(TEXT + TEXT_SIZE))
		return;		/* the entry alone: the validator must object */
	put_call(p, form % CALL_FORMS, text_fn(in), take(in, 4));
	put_nops(p + len, op->size - len, form & 8);
}

static void add_impl(struct build *b, struct input *in)
{
	struct pvpatch_impl *r = &b->impls[b->nimpls];

	if (b->nimpls == MAX_RECORDS)
		return;
	r->fn = rel(&r->fn, text_fn(in));
	r->clobbers = take(in, 4) & (corrupt(in) ? ~0u : 0x3ffefu);
	b->nimpls++;
}

/* A NUL-terminated clobber list in RODATA: usually a real one. */
static const char *clobber_list(struct build *b, struct input *in)
{
	static const char *const lists[] = { "", "rax", "rax,rdx", "eax", "rcx, r11",
					     "xmm0", "st", "cc,memory", "rsp", "r16", "al,ah" };
	const char *text = lists[take(in, 1) % (sizeof(lists) / sizeof(lists[0]))];
	char *s = rodata(b, strlen(text) + 1, 1);

	if (s)
		memcpy(s, text, strlen(text) + 1);
	return s;
}

/* Instructions the core may meet in replacements and tiny bodies (length,
   then bytes): what kernels inline at sites, and some it must refuse. */
static const unsigned char snippets[][8] = {
	{ 1, 0xfa },				/* cli */
	{ 1, 0xfb },				/* sti */
	{ 2, 0x31, 0xc0 },			/* xor %eax,%eax */
	{ 2, 0x9c, 0x58 },			/* pushf; pop %rax */
	{ 2, 0x57, 0x9d },			/* push %rdi; popf */
	{ 3, 0x0f, 0x20, 0xd8 },		/* mov %cr3,%rax */
	{ 5, 0xb8, 0x2a, 0x00, 0x00, 0x00 },	/* mov $42,%eax */
	{ 3, 0x8d, 0x47, 0x01 },		/* lea 1(%rdi),%eax */
	{ 3, 0x48, 0x8b, 0x07 },		/* mov (%rdi),%rax */
	{ 3, 0xc6, 0x07, 0x00 },		/* movb $0,(%rdi) */
	{ 2, 0xe4, 0x80 },			/* in $0x80,%al */
	{ 2, 0x53, 0x5b },			/* push %rbx; pop %rbx */
	{ 4, 0xf3, 0x0f, 0x1e, 0xfa },		/* endbr64 */
	{ 3, 0x0f, 0x01, 0xf8 },		/* swapgs */
	{ 2, 0xeb, 0xfe },			/* jmp . (refused) */
	{ 6, 0x8b, 0x05, 0, 0, 0, 0 },		/* mov 0(%rip),%eax (refused) */
	{ 1, 0x5b },				/* pop %rbx (unbalanced) */
};

/* A snippet or raw bytes (as many as the input says, up to max) at p;
   returns the length. */
static unsigned put_code(unsigned char *p, unsigned max, struct input *in)
{
	unsigned pick = take(in, 1), len;

	if (pick & 1) {
		const unsigned char *s = snippets[(pick >> 1) % (sizeof(snippets) / sizeof(snippets[0]))];

		len = s[0] < max ? s[0] : max;
		memcpy(p, s + 1, len);
		return len;
	}
	len = take(in, 1) % 16;
	len = len < max ? len : max;
	for (unsigned i = 0; i < len; i++)
		p[i] = take(in, 1);
	return len;
}

static void add_inline(struct build *b, struct input *in)
{
	struct pvpatch_inline *r = &b->inlines[b->ninlines];
	unsigned room = corrupt(in) ? take(in, 2) % 512 : 16;
	unsigned char *code = rodata(b, room, 1);
	const char *list = clobber_list(b, in);

	if (b->ninlines == MAX_RECORDS || !code || !list)
		return;
	r->len = room > 16 ? room : put_code(code, room, in);
	r->impl = rel(&r->impl, text_fn(in));
	r->code = rel(&r->code, code);
	r->clobbers = rel(&r->clobbers, list);
	r->version = corrupt(in) ? take(in, 1) : PVPATCH_ABI_VERSION;
	r->flags = corrupt(in) ? take(in, 1) : 0;
	b->ninlines++;
}

/* Code in the text: a function body to analyse (the text around is all
   ret instructions). */
static void add_body(struct input *in)
{
	unsigned char *p = text_fn(in);

	put_code(p, (unsigned)((unsigned char *)at(TEXT + TEXT_SIZE) - p), in);
}

static void set_slot(struct input *in)
{
	void **s = slot(take(in, 1));
	unsigned kind = take(in, 1) % 4;

	*s = kind == 0 ? NULL : kind == 1 ? (void *)(uintptr_t)take(in, 4) : text_fn(in);
}

/* Raw bytes anywhere in the arena: corrupts whatever is there. */
static void poke(struct input *in)
{
	size_t off = take(in, 2);
	unsigned len = take(in, 1) % 8;

	for (unsigned i = 0; i < len && off + i < ARENA_SIZE; i++)
		arena[off + i] = take(in, 1);
}

/* The segments, with what the input chooses to take away. */
static void set_ranges(struct build *b, unsigned layout)
{
	uintptr_t base = (uintptr_t)arena;
	size_t text_end = (layout & 1) ? TEXT_SIZE - 64 : TEXT_SIZE;

	b->ranges[0] = (struct pvpatch_range){ base + TEXT, base + text_end,
					       PVPATCH_PROT_READ | PVPATCH_PROT_EXEC };
	b->ranges[1] = (struct pvpatch_range){ base + RODATA, base + RODATA + RODATA_SIZE,
					       PVPATCH_PROT_READ };
	b->ranges[2] = (struct pvpatch_range){ base + TABLES, base + TABLES + TABLES_SIZE,
					       (layout & 2) ? 0 : PVPATCH_PROT_READ };
	/* DATA is the last segment: a slot straddling its end faults. */
	b->ranges[3] = (struct pvpatch_range){ base + DATA, base + DATA + DATA_SIZE,
					       PVPATCH_PROT_READ };
	b->nranges = 4;
}

enum { CMD_OP, CMD_SITE, CMD_IMPL, CMD_INLINE, CMD_BODY, CMD_SLOT, CMD_POKE,
       CMD_OPERATE, NCMDS };

/* Builds the object; returns the input left for the operations. */
static struct input build(struct build *b, struct input in)
{
	memset(arena, 0xc3, TEXT_SIZE);		/* every text byte a ret */
	memset(arena + TEXT_SIZE, 0, ARENA_SIZE - TEXT_SIZE);
	*b = (struct build){ .sites = at(TABLES), .impls = at(TABLES + 4 * KIB),
			     .inlines = at(TABLES + 5 * KIB) };
	set_ranges(b, take(&in, 1));
	while (in.n) {
		switch (take(&in, 1) % NCMDS) {
		case CMD_OP: add_op(b, &in); break;
		case CMD_SITE: add_site(b, &in); break;
		case CMD_IMPL: add_impl(b, &in); break;
		case CMD_INLINE: add_inline(b, &in); break;
		case CMD_BODY: add_body(&in); break;
		case CMD_SLOT: set_slot(&in); break;
		case CMD_POKE: poke(&in); break;
		default: return in;
		}
	}
	return in;
}

/* ---- Checking what the core does ---- */

static void fail(const char *why, const void *where)
{
	fprintf(stderr, "table_fuzz: %s (arena offset %td)\n", why,
		(const unsigned char *)where - arena);
	abort();
}

struct site {
	unsigned char *addr;
	unsigned size;
	void *target;		/* its op's function or slot */
	unsigned char saved[256];	/* original bytes */
	long trapped, tail_changed;	/* when, in syncs */
};

/* The accepted sites, in address order. */
struct accepted {
	struct site site[MAX_SITES];
	unsigned n;
	long syncs;
	unsigned fail_write_after;	/* writes until an injected failure */
};

static int in_range(const struct pvpatch_object *obj, const void *p, size_t len,
		    unsigned prot)
{
	uintptr_t a = (uintptr_t)p;

	for (unsigned i = 0; i < obj->nranges; i++) {
		const struct pvpatch_range *r = &obj->ranges[i];

		if ((r->prot & prot) == prot && a >= r->begin && a + len <= r->end)
			return 1;
	}
	return 0;
}

/* The validator said yes: check on our own that it was right.  Sites
   are listed by address. */
static void verify_table(const struct pvpatch_object *obj, struct accepted *acc)
{
	acc->n = 0;
	for (const struct pvpatch_site *s = obj->sites; s < obj->sites_end; s++) {
		const struct pvpatch_op *op = pvpatch_site_op(s);
		unsigned char *addr = pvpatch_site_addr(s);
		unsigned i;

		if (!in_range(obj, op, sizeof(*op), PVPATCH_PROT_READ) || (uintptr_t)op % 4)
			fail("accepted an op descriptor outside the readable segments", op);
		if (op->version != PVPATCH_ABI_VERSION || op->size < 5 || op->reserved)
			fail("accepted a malformed op descriptor", op);
		if (!in_range(obj, addr, op->size, PVPATCH_PROT_EXEC))
			fail("accepted a site outside the executable segments", addr);
		for (i = acc->n; i > 0 && acc->site[i - 1].addr > addr; i--)
			acc->site[i] = acc->site[i - 1];
		acc->site[i] = (struct site){ addr, op->size, pvpatch_op_target(op), { 0 }, -1, -1 };
		memcpy(acc->site[i].saved, addr, op->size);
		acc->n++;
	}
	for (unsigned i = 1; i < acc->n; i++)
		if (acc->site[i].addr < acc->site[i - 1].addr + acc->site[i - 1].size)
			fail("accepted overlapping sites", acc->site[i].addr);
	/* The trap handler's lookup: every site start, and nothing inside. */
	for (unsigned i = 0; i < acc->n; i++)
		if (!pvpatch_object_site_at(obj, (uintptr_t)acc->site[i].addr) ||
		    pvpatch_object_site_at(obj, (uintptr_t)acc->site[i].addr + 1))
			fail("pvpatch_object_site_at disagrees with the table", acc->site[i].addr);
}

/* The accepted site holding [p, p+len), or -1. */
static int site_of(const struct accepted *acc, const unsigned char *p, size_t len)
{
	for (unsigned i = 0; i < acc->n; i++)
		if (p >= acc->site[i].addr && p + len <= acc->site[i].addr + acc->site[i].size)
			return (int)i;
	return -1;
}

/*
 * What makes patching safe while other CPUs run the text (the protocol of
 * struct pvpatch_writer, whatever runs the core writes in): a site's first
 * byte only ever changes to an int3, or from an int3 once both the int3
 * and the rest of the new bytes have been synced; the other bytes change
 * only behind a synced int3.  A CPU then runs either the old site, or the
 * new one, or traps.
 */
static void check_byte(struct accepted *acc, unsigned char *p, unsigned char v)
{
	int i = site_of(acc, p, 1);
	struct site *s;

	if (i < 0)
		fail("write outside the accepted sites", p);
	s = &acc->site[i];
	if (*p == v)
		return;
	if (p != s->addr) {
		if (s->addr[0] != INT3 || s->trapped == acc->syncs)
			fail("a site's byte changed behind no synced int3", p);
		s->tail_changed = acc->syncs;
	} else if (v == INT3) {
		s->trapped = acc->syncs;
	} else if (*p != INT3 || s->trapped == acc->syncs || s->tail_changed == acc->syncs) {
		fail("a site's first byte changed before its int3 and new bytes were synced", p);
	}
}

static int checked_write(void *ctx, void *dst, const void *src, size_t len)
{
	struct accepted *acc = ctx;

	for (size_t i = 0; i < len; i++)
		check_byte(acc, (unsigned char *)dst + i, ((const unsigned char *)src)[i]);
	if (acc->fail_write_after && !--acc->fail_write_after)
		return -1;
	memcpy(dst, src, len);
	return 0;
}

static int count_sync(void *ctx)
{
	struct accepted *acc = ctx;

	acc->syncs++;
	return 0;
}

static unsigned char snapshot[ARENA_SIZE];

/* Nothing changed outside the sites but the slot a bind was asked to
   store into (slot, or NULL); no site is left trapped. */
static void verify_after(const struct accepted *acc, const unsigned char *slot)
{
	for (size_t off = 0; off < ARENA_SIZE; off++) {
		const unsigned char *p = arena + off;

		if (off % 64 == 0 && !memcmp(p, snapshot + off, 64)) {
			off += 63;	/* the common case: a block unchanged */
			continue;
		}
		if (*p != snapshot[off] && site_of(acc, p, 1) < 0 &&
		    !(slot && p >= slot && p < slot + sizeof(void *)))
			fail("a byte outside the sites changed", p);
	}
	for (unsigned i = 0; i < acc->n; i++)
		if (acc->site[i].addr[0] == INT3)
			fail("a site was left with its int3", acc->site[i].addr);
}

static void verify_reverted(const struct accepted *acc)
{
	for (unsigned i = 0; i < acc->n; i++)
		if (memcmp(acc->site[i].addr, acc->site[i].saved, acc->site[i].size))
			fail("revert did not restore a site", acc->site[i].addr);
}

static void *binding(void *ctx, const void *fn)
{
	(void)fn;
	return ctx;
}

/* What to bind: usually an op of the table (its slot, or its function),
   else a slot no site uses. */
static void *bind_target(const struct accepted *acc, struct input *in)
{
	unsigned pick = take(in, 1);
	void *t = acc->n ? acc->site[pick % acc->n].target : NULL;

	if (t && (unsigned char *)t >= arena && (unsigned char *)t < arena + ARENA_SIZE)
		return t;
	return slot(pick);
}

/* One operation chosen by the input; checks its effects if it succeeded. */
static void operate(struct pvpatch_patcher *p, struct accepted *acc, struct input *in)
{
	unsigned what = take(in, 1);
	unsigned char *bound = NULL;
	int err;

	p->mode = (what >> 2) & 1;
	p->binding_ctx = (what & 8) ? text_fn(in) : NULL;
	acc->fail_write_after = (what & 16) ? take(in, 1) : 0;
	if (what % 4 == 0) {
		err = pvpatch_core_revert(p);
	} else if (what % 4 == 1) {
		bound = bind_target(acc, in);
		err = pvpatch_core_bind(p, bound, text_fn(in));
	} else {
		err = pvpatch_core_apply(p);
	}
	if (err)
		return;
	verify_after(acc, bound);
	if (what % 4 == 0)
		verify_reverted(acc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct accepted acc;
	struct build b;
	struct input in = build(&b, (struct input){ data, size });
	struct pvpatch_object obj = {
		.sites = b.sites, .sites_end = b.sites + b.nsites,
		.impls = b.impls, .impls_end = b.impls + b.nimpls,
		.inlines = b.inlines, .inlines_end = b.inlines + b.ninlines,
		.ranges = b.ranges, .nranges = b.nranges,
	};
	struct pvpatch_object *objects[] = { &obj };
	struct pvpatch_patcher p = { .objects = objects, .nobjects = 1,
				     .writer = { .write = checked_write, .sync = count_sync,
						 .ctx = &acc },
				     .direct_binding = binding };
	const void *fault;
	size_t work_size;
	void *work;

	if (pvpatch_object_measure(&obj, &work_size, &fault))
		return 0;
	work = malloc(work_size ? work_size : 1);	/* exact: ASan sees overruns */
	if (!pvpatch_object_init(&obj, work, work_size, &fault)) {
		verify_table(&obj, &acc);
		for (unsigned n = 0; n < 8 && (n == 0 || in.n); n++) {
			memcpy(snapshot, arena, ARENA_SIZE);
			operate(&p, &acc, &in);
		}
	}
	free(work);
	return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	unsigned char *reserve = mmap(NULL, RESERVE_SIZE + ARENA_SIZE, PROT_NONE,
				      MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	(void)argc;
	(void)argv;
	if (reserve == MAP_FAILED)
		abort();
	arena = reserve + RESERVE_SIZE / 2;
	if (mprotect(arena, ARENA_SIZE, PROT_READ | PROT_WRITE))
		abort();
	return 0;
}
