/* SPDX-License-Identifier: MIT */
/*
 * pvpatch-sites' ELF layer: one x86 ELF file (x86-64 or i386; relocatable
 * object, kernel module, executable, shared object or vmlinux) read whole
 * into memory, with its sections, symbols, relocations and segments in a
 * width-independent form.  Every subcommand reads its input through this.
 *
 * Sections are found and their file extents taken through libiberty's
 * simple-object; what it does not expose (section addresses, flags,
 * types and links, symbols, relocations, program headers) is read here
 * from the headers (docs/site-table.md, "Reading ELF").
 *
 * Bad input never crashes: elf_open() checks every header, table and
 * extent against the file before anything uses it, and any later finding
 * that the file is wrong goes through elf_bad(), which prints one line
 * naming the file and exits with status 2 (EXIT_BAD_INPUT).
 */
#ifndef SITES_ELF_H
#define SITES_ELF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define EXIT_BAD_INPUT 2

struct elf_section {
	const char *name;	/* "" if it has none */
	uint32_t type;		/* SHT_* */
	uint64_t flags;		/* SHF_* */
	uint64_t addr, offset, size, entsize, align;
	uint32_t link, info;
	/* The section's bytes in the file: size bytes, or NULL for
	   SHT_NOBITS (and for section 0). */
	const unsigned char *data;
};

struct elf_symbol {
	const char *name;	/* "" if it has none */
	uint64_t value, size;
	uint32_t shndx;		/* SHN_UNDEF, SHN_ABS, SHN_COMMON or a section */
	unsigned char bind, type;	/* STB_*, STT_* */
};

/* One relocation, REL or RELA: for REL the addend is the one the
   relocated field holds. */
struct elf_reloc {
	uint64_t offset;	/* in the relocated section (ET_REL), else an address */
	uint32_t type;		/* R_X86_64_* or R_386_* */
	uint32_t sym;		/* index into the symbol table the section links */
	int64_t addend;
};

/* A symbol table: .symtab (static) or .dynsym (dynamic). */
struct elf_symtab {
	struct elf_symbol *symbols;
	size_t count;
	unsigned section;	/* its section index; 0 if the file has none */
};

struct elf_segment {
	uint32_t type;		/* PT_* */
	uint32_t flags;		/* PF_* */
	uint64_t offset, vaddr, filesz, memsz;
};

struct elf_file {
	const char *path;
	unsigned char *data;	/* the whole file, plus a NUL */
	size_t size;
	bool is64;		/* ELFCLASS64, EM_X86_64; else ELFCLASS32, EM_386 */
	uint16_t type;		/* ET_REL, ET_EXEC or ET_DYN */
	struct elf_section *sections;	/* by index, section 0 included */
	unsigned nsections;
	struct elf_symtab symtab, dynsym;
	struct elf_segment *segments;	/* program headers; none in ET_REL */
	unsigned nsegments;
};

/* Read and check the whole file, or elf_bad(). */
void elf_open(struct elf_file *f, const char *path);
void elf_close(struct elf_file *f);

/* Report that the file is wrong ("FILE: what"), exit EXIT_BAD_INPUT. */
__attribute__((noreturn, format(printf, 2, 3)))
void elf_bad(const struct elf_file *f, const char *fmt, ...);

/* The first section so named, or NULL. */
const struct elf_section *elf_section_named(const struct elf_file *f,
					    const char *name);

/* The name of section index i, or "" for one out of range. */
const char *elf_section_name(const struct elf_file *f, unsigned i);

/* The relocations of relocation section rel (SHT_REL or SHT_RELA), into a
   new array (free() it); its symbols are those of section rel->link, which
   elf_open() checked is f->symtab or f->dynsym. */
struct elf_reloc *elf_relocs(const struct elf_file *f,
			     const struct elf_section *rel, size_t *count);

/* The symbol table a relocation section refers to. */
const struct elf_symtab *elf_reloc_symtab(const struct elf_file *f,
					  const struct elf_section *rel);

/* Little-endian fields at p, any alignment. */
uint64_t elf_get(const unsigned char *p, unsigned bytes);
void elf_put(unsigned char *p, unsigned bytes, uint64_t value);

/* A pointer's size in the file's width. */
static inline unsigned elf_word_size(const struct elf_file *f)
{
	return f->is64 ? 8 : 4;
}

/* Memory that cannot fail: out of memory is reported and exits 1. */
void *must_calloc(size_t n, size_t size);

#endif /* SITES_ELF_H */
