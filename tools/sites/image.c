/* SPDX-License-Identifier: MIT */
/* The file laid out as a loader would (image.h). */
#include <elf.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "image.h"

/* Bytes per external symbol's cell: room for a slot or a small table. */
#define EXTERNAL_CELL 16
/* Linked segments further apart than this are laid out apart (a kernel's
   per-CPU segment at address 0); the group holding the site table is
   the image. */
#define SEGMENT_GAP_LIMIT ((uint64_t)1 << 30)

/* What an object's sections may be: the image is kept below 2 GiB. */
#define LARGEST_SECTION ((uint64_t)1 << 26)
#define LARGEST_ALIGNMENT ((uint64_t)1 << 24)
#define LARGEST_IMAGE ((uint64_t)1 << 31)

static uint64_t align_up(uint64_t n, uint64_t to)
{
	return to > 1 ? (n + to - 1) / to * to : n;
}

static void add_range(struct image *img, uint64_t begin, uint64_t end,
		      unsigned prot, unsigned room)
{
	if (begin >= end)
		return;
	if (!img->ranges)
		img->ranges = must_calloc(room, sizeof(*img->ranges));
	img->ranges[img->nranges++] = (struct image_range){ begin, end, prot };
}

uint64_t image_rel(const struct image *img, uint64_t off)
{
	return off + (uint64_t)(int64_t)(int32_t)elf_get(img->bytes + off, 4);
}

uint64_t image_word(const struct image *img, uint64_t off)
{
	return elf_get(img->bytes + off, elf_word_size(img->elf));
}

bool image_offset_of(const struct image *img, uint64_t addr, uint64_t *off)
{
	if (addr < img->link_base || addr - img->link_base >= img->size)
		return false;
	*off = addr - img->link_base;
	return true;
}

/* ---- Symbols the file does not define ---- */

/* The cell of external symbol name, made on first use.  Cells are
   assigned once the layout is known (place_externals), so until then
   this records only the name. */
static uint64_t external(struct image *img, const char *name, size_t room)
{
	for (size_t i = 0; i < img->nexternals; i++)
		if (!strcmp(img->externals[i].name, name))
			return img->externals[i].offset;
	if (!img->externals)
		img->externals = must_calloc(room, sizeof(*img->externals));
	img->externals[img->nexternals] =
		(struct image_external){ name, img->size + img->nexternals * EXTERNAL_CELL };
	return img->externals[img->nexternals++].offset;
}

/* The externals' area: a readable, writable segment of zeros. */
static void end_with_externals(struct image *img, size_t externals, unsigned room)
{
	uint64_t begin = img->size;

	img->size += (uint64_t)externals * EXTERNAL_CELL;
	add_range(img, begin, img->size,
		  PVPATCH_PROT_READ | PVPATCH_PROT_WRITE, room);
}

/* ---- Applying relocations ---- */

enum how { SKIP, ABSOLUTE, PC_RELATIVE, UNKNOWN };

/* What a relocation type computes, and the bytes of its field.  SKIP:
   one the tool knows but need not compute (GOT, PLT-table and TLS forms,
   which no table uses). */
static enum how reloc_how(bool is64, uint32_t type, unsigned *bytes)
{
	*bytes = 4;
	if (is64) {
		switch (type) {
		case R_X86_64_NONE: return SKIP;
		case R_X86_64_64: *bytes = 8; return ABSOLUTE;
		case R_X86_64_32: case R_X86_64_32S: return ABSOLUTE;
		case R_X86_64_16: *bytes = 2; return ABSOLUTE;
		case R_X86_64_8: *bytes = 1; return ABSOLUTE;
		case R_X86_64_PC32: case R_X86_64_PLT32: return PC_RELATIVE;
		case R_X86_64_PC64: *bytes = 8; return PC_RELATIVE;
		case R_X86_64_PC16: *bytes = 2; return PC_RELATIVE;
		case R_X86_64_PC8: *bytes = 1; return PC_RELATIVE;
		case R_X86_64_GOT32: case R_X86_64_GOTPCREL: case R_X86_64_GOTPCRELX:
		case R_X86_64_REX_GOTPCRELX: case R_X86_64_GOTPC32:
		case R_X86_64_GOTOFF64: case R_X86_64_GOTPC64: case R_X86_64_GOT64:
		case R_X86_64_GOTPCREL64: case R_X86_64_GOTPLT64: case R_X86_64_PLTOFF64:
		case R_X86_64_TLSGD: case R_X86_64_TLSLD: case R_X86_64_DTPOFF32:
		case R_X86_64_DTPOFF64: case R_X86_64_TPOFF32: case R_X86_64_TPOFF64:
		case R_X86_64_GOTTPOFF: case R_X86_64_GOTPC32_TLSDESC:
		case R_X86_64_TLSDESC_CALL: case R_X86_64_SIZE32: case R_X86_64_SIZE64:
			return SKIP;
		}
		return UNKNOWN;
	}
	switch (type) {
	case R_386_NONE: return SKIP;
	case R_386_32: return ABSOLUTE;
	case R_386_16: *bytes = 2; return ABSOLUTE;
	case R_386_8: *bytes = 1; return ABSOLUTE;
	case R_386_PC32: case R_386_PLT32: return PC_RELATIVE;
	case R_386_PC16: *bytes = 2; return PC_RELATIVE;
	case R_386_PC8: *bytes = 1; return PC_RELATIVE;
	case R_386_GOT32: case R_386_GOT32X: case R_386_GOTOFF: case R_386_GOTPC:
	case R_386_TLS_TPOFF: case R_386_TLS_IE: case R_386_TLS_GOTIE:
	case R_386_TLS_LE: case R_386_TLS_GD: case R_386_TLS_LDM:
	case R_386_TLS_LDO_32: case R_386_TLS_IE_32: case R_386_TLS_LE_32:
	case R_386_TLS_GOTDESC: case R_386_TLS_DESC_CALL: case R_386_SIZE32:
		return SKIP;
	}
	return UNKNOWN;
}

/* Whether a section holds pvpatch records, where every relocation must
   be computed. */
static bool table_section(const char *name)
{
	return !strcmp(name, PVPATCH_SITES_SECTION) ||
	       !strcmp(name, PVPATCH_IMPLS_SECTION) ||
	       !strcmp(name, PVPATCH_INLINES_SECTION) ||
	       !strncmp(name, PVPATCH_OPS_SECTION, strlen(PVPATCH_OPS_SECTION)) ||
	       !strncmp(name, ".data.rel.ro.pvpatch_op", 23) ||
	       !strncmp(name, PVPATCH_INLINE_CODE_SECTION, strlen(PVPATCH_INLINE_CODE_SECTION));
}

static int compare_words(const void *a, const void *b)
{
	const struct image_word *x = a, *y = b;

	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

/* Note an address-sized word a relocation wrote. */
static void note_word(struct image *img, size_t *room, uint64_t offset,
		      const char *symbol, int64_t addend)
{
	if (img->nwords == *room) {
		*room = *room ? 2 * *room : 64;
		img->words = realloc(img->words, *room * sizeof(*img->words));
		if (!img->words)
			img->words = must_calloc(0, 0);	/* reports and exits */
	}
	img->words[img->nwords++] = (struct image_word){ offset, symbol, addend };
}

const struct image_word *image_word_at(const struct image *img, uint64_t off)
{
	struct image_word key = { .offset = off };

	if (!img->nwords)
		return NULL;
	return bsearch(&key, img->words, img->nwords, sizeof(key), compare_words);
}

/* ---- Relocatable files ---- */

/* Where symbol sym of an object is, as an image offset. */
static uint64_t object_symbol(struct image *img, const struct elf_symbol *sym,
			      size_t room)
{
	if (sym->shndx == SHN_ABS)
		return sym->value;
	if (sym->shndx == SHN_UNDEF || sym->shndx == SHN_COMMON ||
	    sym->shndx >= SHN_LORESERVE || img->placed[sym->shndx] == NOT_LOADED)
		return external(img, sym->name, room);
	return img->placed[sym->shndx] + sym->value;
}

/* The undefined symbols relocations name, counted so that their cells
   can follow the sections. */
static size_t count_externals(const struct image *img)
{
	const struct elf_file *f = img->elf;
	size_t n = 0;

	for (size_t i = 0; i < f->symtab.count; i++) {
		const struct elf_symbol *s = &f->symtab.symbols[i];

		n += s->shndx == SHN_UNDEF || s->shndx == SHN_COMMON ||
		     (s->shndx < SHN_LORESERVE && img->placed[s->shndx] == NOT_LOADED);
	}
	return n;
}

static void relocate_section(struct image *img, const struct elf_section *rel,
			     size_t room, size_t *words_room)
{
	const struct elf_file *f = img->elf;
	const struct elf_section *to = &f->sections[rel->info];
	bool tables = table_section(to->name);
	uint64_t base = img->placed[rel->info];
	size_t n;
	struct elf_reloc *r = elf_relocs(f, rel, &n);

	for (size_t i = 0; i < n; i++) {
		const struct elf_symbol *sym = &f->symtab.symbols[r[i].sym];
		unsigned bytes;
		enum how how = reloc_how(f->is64, r[i].type, &bytes);
		uint64_t s, value;

		if (how == UNKNOWN || (how == SKIP && tables && r[i].type != R_386_NONE))
			elf_bad(f, "relocation type %u in %s not handled", r[i].type,
				rel->name);
		if (how == SKIP)
			continue;
		if (r[i].offset > to->size || to->size - r[i].offset < bytes)
			elf_bad(f, "relocation in %s at %#" PRIx64 " outside %s",
				rel->name, r[i].offset, to->name);
		s = r[i].sym ? object_symbol(img, sym, room) : 0;
		value = s + (uint64_t)r[i].addend;
		if (how == PC_RELATIVE)
			value -= base + r[i].offset;
		elf_put(img->bytes + base + r[i].offset, bytes, value);
		if (how == ABSOLUTE && bytes == elf_word_size(f))
			note_word(img, words_room, base + r[i].offset,
				  r[i].sym && sym->type != STT_SECTION ? sym->name : NULL,
				  r[i].sym && sym->type != STT_SECTION ? r[i].addend
								       : (int64_t)value);
	}
	free(r);
}

/* The kind of table a section is part of: 1 sites, 2 impls, 3 inlines,
   else 0. */
static int table_kind(const char *name)
{
	return !strcmp(name, PVPATCH_SITES_SECTION) ? 1 :
	       !strcmp(name, PVPATCH_IMPLS_SECTION) ? 2 :
	       !strcmp(name, PVPATCH_INLINES_SECTION) ? 3 : 0;
}

static struct image_table *table_of_kind(struct image *img, int kind)
{
	return kind == 1 ? &img->sites : kind == 2 ? &img->impls : &img->inlines;
}

static void load_object(struct image *img)
{
	const struct elf_file *f = img->elf;
	unsigned room = f->nsections + 4;
	size_t externals, words_room = 0;

	img->placed = must_calloc(f->nsections, sizeof(*img->placed));
	/* Other sections in file order, then each table's sections
	   together. */
	for (int kind = 0; kind <= 3; kind++) {
		struct image_table *t = kind ? table_of_kind(img, kind) : NULL;

		if (t)
			t->begin = t->end = img->size = align_up(img->size, 4);
		for (unsigned i = 0; i < f->nsections; i++) {
			const struct elf_section *s = &f->sections[i];

			if (kind == 0)
				img->placed[i] = NOT_LOADED;
			if (!(s->flags & SHF_ALLOC) || table_kind(s->name) != kind)
				continue;
			if (s->size > LARGEST_SECTION)
				elf_bad(f, "section %s of %" PRIu64 " bytes is too large",
					s->name, s->size);
			if (s->align > LARGEST_ALIGNMENT || (s->align & (s->align - 1)))
				elf_bad(f, "section %s has alignment %" PRIu64, s->name,
					s->align);
			img->placed[i] = img->size = align_up(img->size, s->align);
			img->size += s->size;
			if (img->size > LARGEST_IMAGE)
				elf_bad(f, "sections of more than %" PRIu64 " bytes",
					LARGEST_IMAGE);
			if (t)
				t->end = img->size;
		}
	}
	externals = count_externals(img);
	img->size = align_up(img->size, EXTERNAL_CELL);
	img->bytes = must_calloc(img->size + externals * EXTERNAL_CELL, 1);
	for (unsigned i = 0; i < f->nsections; i++) {
		const struct elf_section *s = &f->sections[i];
		unsigned prot = PVPATCH_PROT_READ;

		if (img->placed[i] == NOT_LOADED)
			continue;
		if (s->data)
			memcpy(img->bytes + img->placed[i], s->data, s->size);
		if (table_kind(s->name))
			continue;	/* one segment per table, below */
		prot |= (s->flags & SHF_EXECINSTR) ? PVPATCH_PROT_EXEC : 0;
		prot |= (s->flags & SHF_WRITE) ? PVPATCH_PROT_WRITE : 0;
		add_range(img, img->placed[i], img->placed[i] + s->size, prot, room);
	}
	for (int kind = 1; kind <= 3; kind++)
		add_range(img, table_of_kind(img, kind)->begin, table_of_kind(img, kind)->end,
			  PVPATCH_PROT_READ, room);
	for (unsigned i = 0; i < f->nsections; i++) {
		const struct elf_section *s = &f->sections[i];

		if ((s->type == SHT_REL || s->type == SHT_RELA) &&
		    img->placed[s->info] != NOT_LOADED)
			relocate_section(img, s, externals, &words_room);
	}
	end_with_externals(img, externals, room);
}

/* ---- Linked files ---- */

static int compare_segments(const void *a, const void *b)
{
	const struct elf_segment *x = *(const struct elf_segment *const *)a;
	const struct elf_segment *y = *(const struct elf_segment *const *)b;

	return x->vaddr < y->vaddr ? -1 : x->vaddr > y->vaddr;
}

/* The PT_LOAD segments that lie together with the one holding the site
   table (or with the first), sorted: [*first, *first + *count). */
static const struct elf_segment **loaded_segments(const struct image *img,
						  unsigned *count)
{
	const struct elf_file *f = img->elf;
	const struct elf_section *table = elf_section_named(f, PVPATCH_SITES_SECTION);
	const struct elf_segment **seg = must_calloc(f->nsegments, sizeof(*seg));
	unsigned n = 0, from = 0, to, anchor = 0;

	for (unsigned i = 0; i < f->nsegments; i++)
		if (f->segments[i].type == PT_LOAD && f->segments[i].memsz)
			seg[n++] = &f->segments[i];
	if (!n)
		elf_bad(f, "no loadable segments");
	qsort(seg, n, sizeof(*seg), compare_segments);
	for (unsigned i = 0; table && i < n; i++)
		if (table->addr >= seg[i]->vaddr && table->addr - seg[i]->vaddr < seg[i]->memsz)
			anchor = i;
	for (unsigned i = 1; i < n; i++) {
		uint64_t prev_end = seg[i - 1]->vaddr + seg[i - 1]->memsz;

		if (seg[i]->vaddr < prev_end)
			elf_bad(f, "loadable segments overlap");
		if (seg[i]->vaddr - prev_end <= SEGMENT_GAP_LIMIT)
			continue;
		if (i <= anchor)
			from = i;
		else
			break;
	}
	for (to = from + 1; to < n; to++)
		if (seg[to]->vaddr - (seg[to - 1]->vaddr + seg[to - 1]->memsz) >
		    SEGMENT_GAP_LIMIT)
			break;
	memmove(seg, seg + from, (to - from) * sizeof(*seg));
	*count = to - from;
	return seg;
}

/* A PT_LOAD segment's ranges as the userspace runtime takes them: the
   part of a writable one that PT_GNU_RELRO covers is read-only. */
static void add_segment_ranges(struct image *img, const struct elf_segment *g,
			       unsigned room)
{
	const struct elf_file *f = img->elf;
	uint64_t begin = g->vaddr - img->link_base, end = begin + g->memsz;
	unsigned prot = ((g->flags & PF_R) ? PVPATCH_PROT_READ : 0) |
			((g->flags & PF_X) ? PVPATCH_PROT_EXEC : 0) |
			((g->flags & PF_W) ? PVPATCH_PROT_WRITE : 0);
	uint64_t ro_begin = 0, ro_end = 0;

	for (unsigned i = 0; i < f->nsegments; i++)
		if (f->segments[i].type == PT_GNU_RELRO) {
			ro_begin = f->segments[i].vaddr - img->link_base;
			ro_end = ro_begin + f->segments[i].memsz;
		}
	if (!(prot & PVPATCH_PROT_WRITE) || ro_end <= begin || ro_begin >= end) {
		add_range(img, begin, end, prot, room);
		return;
	}
	add_range(img, begin, ro_begin > begin ? ro_begin : begin, prot, room);
	add_range(img, ro_begin > begin ? ro_begin : begin, ro_end < end ? ro_end : end,
		  prot & ~PVPATCH_PROT_WRITE, room);
	add_range(img, ro_end < end ? ro_end : end, end, prot, room);
}

/* Dynamic relocations that write addresses: RELATIVE, and those naming
   a symbol (its address if the file defines it, else its cell). */
static void relocate_dynamic(struct image *img, const struct elf_section *rel,
			     size_t *words_room)
{
	const struct elf_file *f = img->elf;
	const struct elf_symtab *syms = elf_reloc_symtab(f, rel);
	unsigned word = elf_word_size(f);
	size_t n;
	struct elf_reloc *r = elf_relocs(f, rel, &n);

	for (size_t i = 0; i < n; i++) {
		uint32_t t = r[i].type;
		bool relative = t == (f->is64 ? R_X86_64_RELATIVE : R_386_RELATIVE);
		bool named = f->is64 ? t == R_X86_64_64 || t == R_X86_64_GLOB_DAT ||
					       t == R_X86_64_JUMP_SLOT
				     : t == R_386_32 || t == R_386_GLOB_DAT ||
					       t == R_386_JMP_SLOT;
		const struct elf_symbol *sym = &syms->symbols[r[i].sym];
		uint64_t off, value;

		if ((!relative && !named) || !image_offset_of(img, r[i].offset, &off) ||
		    !image_holds(img, off, word))
			continue;
		if (relative || !r[i].sym) {
			value = (uint64_t)r[i].addend;
		} else if (sym->shndx != SHN_UNDEF) {
			value = sym->value + (uint64_t)r[i].addend;
		} else {
			value = img->link_base + external(img, sym->name, syms->count) +
				(uint64_t)r[i].addend;
		}
		elf_put(img->bytes + off, word, value);
		note_word(img, words_room, off, relative || !r[i].sym ? NULL : sym->name,
			  r[i].addend);
	}
	free(r);
}

/* A linked file's table section as image bounds. */
static void find_table(struct image *img, const char *name, struct image_table *t)
{
	const struct elf_section *s = elf_section_named(img->elf, name);
	uint64_t off;

	if (!s || !s->size)
		return;
	if (!(s->flags & SHF_ALLOC) || !image_offset_of(img, s->addr, &off) ||
	    !image_holds(img, off, s->size))
		elf_bad(img->elf, "section %s is not loaded", name);
	t->begin = off;
	t->end = off + s->size;
}

static void load_linked(struct image *img)
{
	const struct elf_file *f = img->elf;
	unsigned n, room;
	const struct elf_segment **seg = loaded_segments(img, &n);
	size_t externals = f->dynsym.count, words_room = 0;
	uint64_t span;

	img->link_base = seg[0]->vaddr;
	span = seg[n - 1]->vaddr + seg[n - 1]->memsz - img->link_base;
	if (span > LARGEST_IMAGE)
		elf_bad(f, "loadable segments span %" PRIu64 " bytes", span);
	img->size = align_up(span, EXTERNAL_CELL);
	img->bytes = must_calloc(img->size + externals * EXTERNAL_CELL, 1);
	room = 3 * n + 1;
	for (unsigned i = 0; i < n; i++) {
		memcpy(img->bytes + (seg[i]->vaddr - img->link_base),
		       f->data + seg[i]->offset, seg[i]->filesz);
		add_segment_ranges(img, seg[i], room);
	}
	free(seg);
	for (unsigned i = 1; i < f->nsections; i++) {
		const struct elf_section *s = &f->sections[i];

		if ((s->type == SHT_REL || s->type == SHT_RELA) && s->link &&
		    s->link == f->dynsym.section)
			relocate_dynamic(img, s, &words_room);
	}
	end_with_externals(img, externals, room);
	find_table(img, PVPATCH_SITES_SECTION, &img->sites);
	find_table(img, PVPATCH_IMPLS_SECTION, &img->impls);
	find_table(img, PVPATCH_INLINES_SECTION, &img->inlines);
}

void image_load(struct image *img, struct elf_file *f)
{
	*img = (struct image){ .elf = f };
	if (f->type == ET_REL)
		load_object(img);
	else
		load_linked(img);
	if (img->nwords)
		qsort(img->words, img->nwords, sizeof(*img->words), compare_words);
}

void image_free(struct image *img)
{
	free(img->bytes);
	free(img->placed);
	free(img->ranges);
	free(img->words);
	free(img->externals);
}

/* ---- Naming places ---- */

/* The loaded section holding image offset off, or 0. */
static unsigned section_at(const struct image *img, uint64_t off)
{
	const struct elf_file *f = img->elf;

	for (unsigned i = 1; i < f->nsections; i++) {
		const struct elf_section *s = &f->sections[i];

		if (f->type == ET_REL) {
			if (img->placed[i] != NOT_LOADED && off >= img->placed[i] &&
			    off - img->placed[i] < (s->size ? s->size : 1))
				return i;
		} else if (s->type != SHT_NOBITS && s->addr && s->data &&
			   img->link_base + off >= s->addr &&
			   img->link_base + off - s->addr < s->size) {
			return i;
		}
	}
	return 0;
}

const unsigned char *image_file_bytes(const struct image *img, uint64_t off,
				      uint64_t len)
{
	unsigned i = section_at(img, off);
	const struct elf_section *s = &img->elf->sections[i];
	uint64_t within;

	if (!i || !s->data)
		return NULL;
	within = img->elf->type == ET_REL ? off - img->placed[i]
					  : img->link_base + off - s->addr;
	return len <= s->size - within ? s->data + within : NULL;
}

/* A linked file's symbol covering address addr in table t, the lister's
   long-standing rule: the first with a name and a nonzero value whose
   extent (at least one byte) holds it. */
static const char *linked_symbol(const struct elf_symtab *t, uint64_t addr,
				 uint64_t *distance)
{
	for (size_t i = 0; i < t->count; i++) {
		const struct elf_symbol *s = &t->symbols[i];

		if (!*s->name || !s->value || addr < s->value ||
		    addr - s->value >= (s->size ? s->size : 1))
			continue;
		*distance = addr - s->value;
		return s->name;
	}
	return NULL;
}

const char *image_symbol_at(const struct image *img, uint64_t off,
			    uint64_t *distance)
{
	const struct elf_file *f = img->elf;
	const char *name = NULL;

	if (f->type != ET_REL) {
		name = linked_symbol(&f->symtab, img->link_base + off, distance);
		if (!name)
			name = linked_symbol(&f->dynsym, img->link_base + off, distance);
	} else {
		for (size_t i = 0; !name && i < f->symtab.count; i++) {
			const struct elf_symbol *s = &f->symtab.symbols[i];
			uint64_t at;

			if (!*s->name || s->type == STT_SECTION || s->type == STT_FILE ||
			    s->shndx == SHN_UNDEF || s->shndx >= SHN_LORESERVE ||
			    img->placed[s->shndx] == NOT_LOADED)
				continue;
			at = img->placed[s->shndx] + s->value;
			if (off >= at && off - at < (s->size ? s->size : 1)) {
				*distance = off - at;
				name = s->name;
			}
		}
	}
	for (size_t i = 0; !name && i < img->nexternals; i++) {
		if (off >= img->externals[i].offset &&
		    off - img->externals[i].offset < EXTERNAL_CELL) {
			*distance = off - img->externals[i].offset;
			name = img->externals[i].name;
		}
	}
	return name;
}

const char *image_where(const struct image *img, uint64_t off, char *buf,
			size_t size)
{
	unsigned i;

	if (img->elf->type != ET_REL) {
		snprintf(buf, size, "%#" PRIx64, img->link_base + off);
		return buf;
	}
	i = section_at(img, off);
	if (i)
		snprintf(buf, size, "%s+0x%" PRIx64, img->elf->sections[i].name,
			 off - img->placed[i]);
	else
		snprintf(buf, size, "%#" PRIx64, off);
	return buf;
}
