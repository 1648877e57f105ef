/* SPDX-License-Identifier: MIT */
/*
 * pvpatch-sites scan: sites in hand-written assembly (docs/scan.md).
 *
 * The analysis works on a relocatable object as a model of plain data
 * (sections with their bytes, symbols, relocations), which the ELF layer
 * fills in (scan.c) and the analysis never reads a file for, so that it
 * sees only what it is given.
 */
#ifndef SITES_SCAN_H
#define SITES_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One section of the object. */
struct scan_section {
	const char *name;
	const unsigned char *bytes;	/* NULL for one without contents */
	uint64_t size;
	bool alloc, exec;
};

/* One symbol; section is the index of the section defining it, or
   SCAN_NO_SECTION (undefined, absolute, common). */
#define SCAN_NO_SECTION UINT32_MAX
struct scan_symbol {
	const char *name;
	uint64_t value;
	uint32_t section;
	bool global;		/* global or weak: other objects can name it */
	bool is_section;	/* the section's own symbol */
};

/* How a relocation computes its value, as far as the scan cares. */
enum scan_reloc_kind {
	RELOC_NONE,		/* writes nothing */
	RELOC_ABSOLUTE,		/* S + A */
	RELOC_PC,		/* S + A - P */
	RELOC_GOT,		/* through a GOT entry holding S */
};

/* One relocation of an allocated section: at offset in section, the
   kind its type has, against symbol (an index into the symbols), with
   its addend (for REL, the one the field holds). */
struct scan_reloc {
	uint32_t section;
	uint64_t offset;
	enum scan_reloc_kind kind;
	uint32_t type;		/* the R_X86_64_* / R_386_* number */
	uint8_t size;		/* bytes of the field it writes */
	uint32_t symbol;
	int64_t addend;
};

struct scan_object {
	const char *path;
	bool is64;
	const struct scan_section *sections;
	uint32_t nsections;
	const struct scan_symbol *symbols;
	uint32_t nsymbols;
	const struct scan_reloc *relocs;
	size_t nrelocs;
};

/* An op: named on the command line (the C ABI's clobbers, no stack
   arguments) or declared in the source (include/pvpatch_asm.h). */
struct scan_op {
	const char *name;
	uint32_t clobbers;	/* PVPATCH_REG_BIT() set its call clobbers */
	unsigned stack_args;	/* bytes of arguments its call reads from the stack */
};

/* One site found: a call of op at call_offset of section, widened to
   [start, end), which may clobber clobbers. */
struct scan_site {
	uint32_t section;
	uint64_t call_offset, start, end;
	const struct scan_op *op;
	uint32_t clobbers;
};

/* Why widening stopped, for --verbose. */
struct widen_report {
	char why[160];
};

/* One executable section decoded whole: where instructions start, and
   which offsets something may jump to (branch targets, relocations and
   symbols pointing there). */
struct code_map {
	const struct scan_section *section;
	bool is64;
	uint64_t decoded;	/* bytes decoded; < size where decoding stopped */
	uint64_t *starts;	/* instruction starts, ascending */
	size_t nstarts;
	unsigned char *target;	/* per offset 0..size: 1 if one may enter there */
};

/* calloc and realloc that cannot fail: out of memory is reported and
   exits 1. */
void *scan_calloc(size_t n, size_t size);
void *scan_realloc(void *p, size_t n, size_t size);

/* Decode section index in obj whole and find every way into it. */
void code_map_build(struct code_map *map, const struct scan_object *obj,
		    uint32_t index);
void code_map_free(struct code_map *map);

/* Whether an instruction starts at offset. */
bool code_map_starts_at(const struct code_map *map, uint64_t offset);

/* Widen site (call_offset..end set, start == call_offset) over matched
   push/pop pairs around it: sets start, end and clobbers (the op's,
   less the registers saved and restored around the call), and says in
   report why it stopped. */
void widen_site(const struct code_map *map, struct scan_site *site,
		struct widen_report *report);

#endif /* SITES_SCAN_H */
