/* SPDX-License-Identifier: MIT */
/*
 * Widening a site of hand-written code over the push/pop pairs around
 * its call, with the runtime's decoder (runtime/insn.c): the section is
 * decoded whole, every way into it is marked (branches, relocations and
 * symbols pointing there), and the region grows one matched pair at a
 * time while nothing can enter it, the pair is a plain push and pop of
 * one register and the call does not read the pushed word.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "insn.h"
#include "scan.h"

static void *must(void *p)
{
	if (!p) {
		fputs("pvpatch-sites: out of memory\n", stderr);
		exit(1);
	}
	return p;
}

void *scan_calloc(size_t n, size_t size)
{
	return must(calloc(n ? n : 1, size));
}

void *scan_realloc(void *p, size_t n, size_t size)
{
	return must(realloc(p, (n ? n : 1) * size));
}

static bool decode_at(const struct code_map *map, uint64_t offset,
		      struct insn *in)
{
	const struct scan_section *s = map->section;

	return !pvpatch_insn_decode_width(in, s->bytes + offset,
					  s->size - offset, map->is64);
}

/* The index of the instruction holding offset, or nstarts if none. */
static size_t insn_holding(const struct code_map *map, uint64_t offset)
{
	size_t lo = 0, hi = map->nstarts;

	if (offset >= map->decoded)
		return map->nstarts;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;

		if (map->starts[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	return hi ? lo : map->nstarts;
}

static uint64_t insn_end(const struct code_map *map, size_t i)
{
	return i + 1 < map->nstarts ? map->starts[i + 1] : map->decoded;
}

static void mark(struct code_map *map, int64_t offset)
{
	if (offset >= 0 && (uint64_t)offset <= map->section->size)
		map->target[offset] = 1;
}

/* A relative branch or call: the size of its displacement, else 0. */
static unsigned branch_displacement(const struct insn *in)
{
	unsigned char op = in->opcode;

	if (in->vex)
		return 0;
	if (in->map == MAP_0F)
		return (op & 0xf0) == 0x80 ? (in->opsize && !in->is64 ? 2 : 4) : 0;
	if (in->map != MAP_ONE)
		return 0;
	if ((op & 0xf0) == 0x70 || (op >= 0xe0 && op <= 0xe3) || op == 0xeb)
		return 1;
	if (op == 0xe8 || op == 0xe9)
		return in->opsize && !in->is64 ? 2 : 4;
	return 0;
}

static int64_t signed_field(const unsigned char *p, unsigned size)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < size; i++)
		v |= (uint64_t)p[i] << (8 * i);
	if (size < 8 && (v >> (8 * size - 1)) & 1)
		v -= UINT64_C(1) << (8 * size);
	return (int64_t)v;
}

/* Where a relocation against a symbol of this section points: for a
   PC-relative one in this section, where its instruction would go (the
   end of the instruction holding the field); for one in another section
   both right after the field (an instruction's displacement) and the
   symbol plus addend (data such as `.long label - .`, the form of
   exception tables and alternatives); else the symbol plus addend. */
static void mark_reloc(struct code_map *map, const struct scan_object *obj,
		       const struct scan_reloc *r, uint32_t index)
{
	const struct scan_symbol *sym = &obj->symbols[r->symbol];
	int64_t at = (int64_t)sym->value + r->addend;
	uint64_t after = r->offset + r->size;

	if (r->kind == RELOC_NONE || sym->section != index)
		return;
	if (r->kind == RELOC_GOT) {
		mark(map, (int64_t)sym->value);
		return;
	}
	if (r->kind == RELOC_PC && r->section == index) {
		size_t i = insn_holding(map, r->offset);

		if (i < map->nstarts)
			after = insn_end(map, i);
	} else if (r->kind == RELOC_PC) {
		mark(map, at);
	}
	mark(map, r->kind == RELOC_PC ? at + (int64_t)(after - r->offset) : at);
}

/* Branches whose displacement no relocation fills point where it says. */
static void mark_branches(struct code_map *map, const unsigned char *relocated)
{
	const unsigned char *bytes = map->section->bytes;

	for (size_t i = 0; i < map->nstarts; i++) {
		uint64_t end = insn_end(map, i);
		struct insn in;
		unsigned size;

		if (!decode_at(map, map->starts[i], &in))
			continue;
		size = branch_displacement(&in);
		if (!size || relocated[end - size])
			continue;
		mark(map, (int64_t)end + signed_field(bytes + end - size, size));
	}
}

void code_map_build(struct code_map *map, const struct scan_object *obj,
		    uint32_t index)
{
	const struct scan_section *s = &obj->sections[index];
	unsigned char *relocated = scan_calloc(s->size + 1, 1);
	uint64_t pos = 0;

	*map = (struct code_map){ .section = s, .is64 = obj->is64 };
	map->starts = scan_calloc(s->size + 1, sizeof(*map->starts));
	map->target = scan_calloc(s->size + 1, 1);
	while (pos < s->size) {
		struct insn in;

		if (!decode_at(map, pos, &in))
			break;
		map->starts[map->nstarts++] = pos;
		pos += in.len;
	}
	map->decoded = pos;
	for (size_t i = 0; i < obj->nrelocs; i++) {
		const struct scan_reloc *r = &obj->relocs[i];

		if (r->section == index && r->offset < s->size)
			relocated[r->offset] = 1;
		mark_reloc(map, obj, r, index);
	}
	mark_branches(map, relocated);
	for (uint32_t i = 0; i < obj->nsymbols; i++)
		if (obj->symbols[i].section == index && !obj->symbols[i].is_section)
			mark(map, (int64_t)obj->symbols[i].value);
	free(relocated);
}

void code_map_free(struct code_map *map)
{
	free(map->starts);
	free(map->target);
}

bool code_map_starts_at(const struct code_map *map, uint64_t offset)
{
	size_t i = insn_holding(map, offset);

	return i < map->nstarts && map->starts[i] == offset;
}

/* ---- Widening ---- */

enum stack_insn { OTHER, PUSH, POP, FLAGS, ODD_PREFIX };

/* What an instruction is to widening; reg: the register a push or pop
   names. */
static enum stack_insn classify(const struct insn *in, unsigned *reg)
{
	unsigned char op = in->opcode;

	if (in->map != MAP_ONE || in->vex)
		return OTHER;
	if (op == 0x9c || op == 0x9d)
		return FLAGS;
	if (op < 0x50 || op > 0x5f)
		return OTHER;
	/* Only REX.W (the push's own width) and REX.B (r8-r15) mean anything
	   to push and pop; a legacy prefix changes their size or is junk. */
	if (in->prefixes || (in->rex & 0x06))
		return ODD_PREFIX;
	*reg = (op & 7u) | ((in->rex & 1u) << 3);
	return op < 0x58 ? PUSH : POP;
}

static const char *reg_name(const struct code_map *map, unsigned reg)
{
	return pvpatch_reg_name(reg, !map->is64);
}

/* The instructions right before start and at end, if decoded. */
static bool neighbours(const struct code_map *map, uint64_t start, uint64_t end,
		       struct insn *before, uint64_t *before_at,
		       struct insn *after)
{
	size_t i = insn_holding(map, start);

	if (i == map->nstarts || i == 0 || map->starts[i] != start ||
	    end >= map->decoded)
		return false;
	*before_at = map->starts[i - 1];
	return decode_at(map, *before_at, before) && decode_at(map, end, after);
}

/* The first offset in [from, to) that something may jump to, or
   UINT64_MAX: every byte counts, as a jump may land in the middle of a
   two-byte push or pop (41 50, push %r8, holds 50, push %rax). */
static uint64_t entered(const struct code_map *map, uint64_t from, uint64_t to)
{
	for (uint64_t at = from; at < to; at++)
		if (map->target[at])
			return at;
	return UINT64_MAX;
}

#define STOP(...) snprintf(report->why, sizeof(report->why), __VA_ARGS__)

/* One more pair around [start, end): true if it widened. */
static bool widen_once(const struct code_map *map, struct scan_site *site,
		       unsigned pairs, uint32_t *saved,
		       struct widen_report *report)
{
	const char *name = map->section->name;
	unsigned word = map->is64 ? 8 : 4, push_reg = 0, pop_reg = 0;
	struct insn before, after;
	uint64_t before_at, inside;
	enum stack_insn b, a;

	if (site->start == 0 || site->end >= map->section->size) {
		STOP("the %s of the section", site->start ? "end" : "start");
		return false;
	}
	if (!neighbours(map, site->start, site->end, &before, &before_at, &after)) {
		STOP("an instruction it does not know at %s+%#" PRIx64, name,
		     map->decoded);
		return false;
	}
	b = classify(&before, &push_reg);
	a = classify(&after, &pop_reg);
	if (b == FLAGS || a == FLAGS) {
		STOP("pushf/popf at %s+%#" PRIx64, name,
		     b == FLAGS ? before_at : site->end);
		return false;
	}
	if (b == ODD_PREFIX || a == ODD_PREFIX) {
		STOP("a prefix it does not know on the %s at %s+%#" PRIx64,
		     b == ODD_PREFIX ? "push" : "pop", name,
		     b == ODD_PREFIX ? before_at : site->end);
		return false;
	}
	if (b != PUSH && a != POP) {
		STOP("no push/pop pair around it");
		return false;
	}
	if (b != PUSH || a != POP) {
		STOP("an unbalanced %s at %s+%#" PRIx64, b == PUSH ? "push" : "pop",
		     name, b == PUSH ? before_at : site->end);
		return false;
	}
	if (push_reg != pop_reg) {
		STOP("crossed pair: push %%%s at %s+%#" PRIx64 ", pop %%%s",
		     reg_name(map, push_reg), name, before_at,
		     reg_name(map, pop_reg));
		return false;
	}
	if (push_reg == PVPATCH_REG_SP || (*saved & PVPATCH_REG_BIT(push_reg))) {
		STOP("a push/pop of %s %%%s at %s+%#" PRIx64,
		     push_reg == PVPATCH_REG_SP ? "the stack pointer" : "an already saved",
		     reg_name(map, push_reg), name, before_at);
		return false;
	}
	if ((uint64_t)pairs * word < site->op->stack_args) {
		STOP("the word push %%%s at %s+%#" PRIx64
		     " stores is read by the call (a stack argument of %s)",
		     reg_name(map, push_reg), name, before_at, site->op->name);
		return false;
	}
	if (site->end + after.len - before_at > PVPATCH_MAX_SITE_SIZE) {
		STOP("the largest site the table can describe");
		return false;
	}
	inside = entered(map, before_at + 1, site->start + 1);
	if (inside == UINT64_MAX)
		inside = entered(map, site->end, site->end + after.len);
	if (inside != UINT64_MAX) {
		STOP("a branch target inside the region, at %s+%#" PRIx64, name, inside);
		return false;
	}
	site->start = before_at;
	site->end += after.len;
	*saved |= PVPATCH_REG_BIT(push_reg);
	return true;
}

void widen_site(const struct code_map *map, struct scan_site *site,
		struct widen_report *report)
{
	uint32_t saved = 0;
	unsigned pairs = 0;

	site->start = site->call_offset;
	site->end = site->call_offset + PVPATCH_CALL_REL32_SIZE;
	while (widen_once(map, site, pairs, &saved, report))
		pairs++;
	site->clobbers = site->op->clobbers & ~saved;
}
