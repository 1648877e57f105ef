/* SPDX-License-Identifier: MIT */
/*
 * The file as a loader would lay it out: its loadable bytes at offsets of
 * one buffer, every relocation the tables need applied, the segments the
 * runtime would be given, and the bounds of its tables.  What list, check
 * and stats read.
 *
 *   executable, shared object, vmlinux   its PT_LOAD segments at their
 *       addresses less the lowest (link_base); dynamic relocations applied
 *       (RELATIVE, and GLOB_DAT/JUMP_SLOT/64/32 against symbols);
 *       segments as the userspace runtime takes them (PT_LOAD, RELRO read-
 *       only); tables from the pvpatch_sites, pvpatch_impls and
 *       pvpatch_inlines sections.
 *   relocatable object, kernel module     every SHF_ALLOC section placed
 *       one after another (all pvpatch_sites sections together, as a link
 *       would put them; likewise the other tables), relocations applied;
 *       each section is a segment (executable, writable or read-only by
 *       its flags).
 *
 * Symbols no section of the file defines (undefined, common) get a cell
 * each in an area after everything else, which is a readable and writable
 * segment of zeros: an ops-table slot defined elsewhere reads as empty.
 *
 * Addresses: an image offset x stands for link address link_base + x
 * (link_base is 0 in relocatable files, whose addresses are named by
 * section and offset instead).  Words that hold addresses hold link
 * addresses.
 */
#ifndef SITES_IMAGE_H
#define SITES_IMAGE_H

#include "elf.h"
#include "pvpatch_core.h"

struct image_range {
	uint64_t begin, end;	/* image offsets */
	unsigned prot;		/* enum pvpatch_prot */
};

/* An address-sized word an applied relocation wrote: what it names. */
struct image_word {
	uint64_t offset;
	const char *symbol;	/* NULL: relative to the file itself */
	int64_t addend;
};

/* The cell of a symbol the file does not define. */
struct image_external {
	const char *name;
	uint64_t offset;
};

struct image_table {
	uint64_t begin, end;	/* image offsets; equal if absent */
};

struct image {
	struct elf_file *elf;
	unsigned char *bytes;	/* the layout, size bytes */
	uint64_t size;
	uint64_t link_base;
	/* ET_REL: where each section was placed, or NOT_LOADED. */
	uint64_t *placed;
	struct image_range *ranges;
	unsigned nranges;
	struct image_table sites, impls, inlines;
	struct image_word *words;	/* sorted by offset */
	size_t nwords;
	struct image_external *externals;
	size_t nexternals;
};

#define NOT_LOADED UINT64_MAX

/* Lay out f; elf_bad() on what cannot be laid out.  A file without a
   site table gets an empty one. */
void image_load(struct image *img, struct elf_file *f);
void image_free(struct image *img);

/* Whether [off, off+len) lies in the image. */
static inline bool image_holds(const struct image *img, uint64_t off, uint64_t len)
{
	return off <= img->size && len <= img->size - off;
}

/* The 32-bit PC-relative field at off resolved, as an image offset (maybe
   outside the image: callers check). */
uint64_t image_rel(const struct image *img, uint64_t off);

/* The address-sized word at off (which the caller checked is inside). */
uint64_t image_word(const struct image *img, uint64_t off);

/* A link address as an image offset; false if it is outside. */
bool image_offset_of(const struct image *img, uint64_t addr, uint64_t *off);

/* The relocation that wrote the word at off, or NULL. */
const struct image_word *image_word_at(const struct image *img, uint64_t off);

/* The file's bytes (as stored, before relocation) behind len bytes at
   image offset off, or NULL. */
const unsigned char *image_file_bytes(const struct image *img, uint64_t off,
				      uint64_t len);

/* A symbol covering image offset off: its name and off's distance from
   it; NULL if none does. */
const char *image_symbol_at(const struct image *img, uint64_t off,
			    uint64_t *distance);

/* Image offset off as text: "0xADDR" (linked files) or "SECTION+0xOFF"
   (relocatable ones), into buf. */
const char *image_where(const struct image *img, uint64_t off, char *buf,
			size_t size);

#endif /* SITES_IMAGE_H */
