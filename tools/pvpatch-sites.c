/* SPDX-License-Identifier: MIT */
/*
 * pvpatch-sites: list the paravirt sites of a linked ELF file (executable,
 * shared object; x86-64 or i386) from its site table, without running it.
 *
 *   pvpatch-sites FILE      one line per site, then a summary line
 *
 * Per site: address, size, the op (function or slot, by symbol), its
 * clobbers and flags, and the site's bytes.  The summary gives the table
 * size per site.  Exit status 1 if FILE has no table or the table does
 * not decode.
 */
#include <elf.h>
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pvpatch_site.h"

/* The file, with its sections in a width-independent form. */
struct section {
	const char *name;
	uint32_t type;
	uint64_t addr, offset, size, entsize, link;
};

struct image {
	unsigned char *data;
	size_t size;
	bool is64;
	struct section *sections;
	unsigned nsections;
};

static void die(const char *fmt, const char *arg)
{
	fprintf(stderr, "pvpatch-sites: ");
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	exit(1);
}

static unsigned char *read_file(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long len;

	if (!f)
		die("%s: cannot open", path);
	if (fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET))
		die("%s: cannot size", path);
	/* One more byte, NUL, so that a name at the file's end ends there. */
	buf = calloc(1, len + 1);
	if (!buf || fread(buf, 1, len, f) != (size_t)len)
		die("%s: cannot read", path);
	fclose(f);
	*size = len;
	return buf;
}

/* Bounds-checked view of LEN bytes at file offset OFF. */
static const void *at(const struct image *img, uint64_t off, uint64_t len)
{
	if (off > img->size || len > img->size - off)
		die("%s", "truncated or corrupt ELF file");
	return img->data + off;
}

/* Copy LEN bytes at file offset OFF into DST: the file gives no
   alignment, so structures are never read in place. */
static void copy_at(const struct image *img, uint64_t off, void *dst,
		    size_t len)
{
	memcpy(dst, at(img, off, len), len);
}

static void load_section(struct image *img, unsigned i, uint64_t shoff,
			 unsigned shentsize, const char *strtab,
			 uint64_t strsize)
{
	struct section *s = &img->sections[i];
	uint32_t name;

	uint64_t where = shoff + (uint64_t)i * shentsize;

	if (img->is64) {
		Elf64_Shdr sh;
		copy_at(img, where, &sh, sizeof(sh));
		name = sh.sh_name;
		*s = (struct section){ NULL, sh.sh_type, sh.sh_addr,
				       sh.sh_offset, sh.sh_size,
				       sh.sh_entsize, sh.sh_link };
	} else {
		Elf32_Shdr sh;
		copy_at(img, where, &sh, sizeof(sh));
		name = sh.sh_name;
		*s = (struct section){ NULL, sh.sh_type, sh.sh_addr,
				       sh.sh_offset, sh.sh_size,
				       sh.sh_entsize, sh.sh_link };
	}
	s->name = name < strsize ? strtab + name : "";
}

static void load_image(struct image *img, const char *path)
{
	const unsigned char *ident;
	uint64_t shoff;
	unsigned shnum, shentsize, shstrndx;

	img->data = read_file(path, &img->size);
	ident = at(img, 0, EI_NIDENT);
	if (memcmp(ident, ELFMAG, SELFMAG) || ident[EI_DATA] != ELFDATA2LSB)
		die("%s: not a little-endian ELF file", path);
	img->is64 = ident[EI_CLASS] == ELFCLASS64;
	if (img->is64) {
		Elf64_Ehdr eh;
		copy_at(img, 0, &eh, sizeof(eh));
		shoff = eh.e_shoff;
		shnum = eh.e_shnum;
		shentsize = eh.e_shentsize;
		shstrndx = eh.e_shstrndx;
	} else {
		Elf32_Ehdr eh;
		copy_at(img, 0, &eh, sizeof(eh));
		shoff = eh.e_shoff;
		shnum = eh.e_shnum;
		shentsize = eh.e_shentsize;
		shstrndx = eh.e_shstrndx;
	}
	if (!shnum || shstrndx >= shnum ||
	    shentsize < (img->is64 ? sizeof(Elf64_Shdr) : sizeof(Elf32_Shdr)))
		die("%s: no usable section headers", path);
	img->nsections = shnum;
	img->sections = calloc(shnum, sizeof(*img->sections));
	if (!img->sections)
		die("%s", "out of memory");
	/* Names first need the section-name string table itself. */
	load_section(img, shstrndx, shoff, shentsize, "", 0);
	const struct section strs = img->sections[shstrndx];
	const char *strtab = at(img, strs.offset, strs.size);
	for (unsigned i = 0; i < shnum; i++)
		load_section(img, i, shoff, shentsize, strtab, strs.size);
}

static const struct section *find_section(const struct image *img,
					  const char *name)
{
	for (unsigned i = 0; i < img->nsections; i++)
		if (!strcmp(img->sections[i].name, name))
			return &img->sections[i];
	return NULL;
}

/* The file bytes behind LEN bytes at virtual address ADDR, or NULL when
   no section with file contents holds them. */
static const void *vaddr(const struct image *img, uint64_t addr, uint64_t len)
{
	for (unsigned i = 0; i < img->nsections; i++) {
		const struct section *s = &img->sections[i];

		if (s->type == SHT_NOBITS || !s->addr || addr < s->addr ||
		    addr - s->addr + len > s->size)
			continue;
		return at(img, s->offset + (addr - s->addr), len);
	}
	return NULL;
}

/* Copy LEN bytes at virtual address ADDR into DST, or die. */
static void copy_vaddr(const struct image *img, uint64_t addr, void *dst,
		       size_t len)
{
	const void *p = vaddr(img, addr, len);

	if (!p)
		die("%s", "table points outside the file's sections");
	memcpy(dst, p, len);
}

static int32_t rel32_at(const struct image *img, uint64_t addr)
{
	int32_t v;

	copy_vaddr(img, addr, &v, sizeof(v));
	return v;
}

/* A symbol of SYMTAB that covers ADDR (exactly, or inside its size). */
static const char *symbol_at(const struct image *img, const char *symtab,
			     uint64_t addr, uint64_t *sym_offset)
{
	const struct section *s = find_section(img, symtab);
	const struct section *str;
	size_t entsize = img->is64 ? sizeof(Elf64_Sym) : sizeof(Elf32_Sym);

	if (!s || s->link >= img->nsections)
		return NULL;
	str = &img->sections[s->link];
	for (uint64_t off = 0; off + entsize <= s->size; off += entsize) {
		uint64_t value, size;
		uint32_t name;

		if (img->is64) {
			Elf64_Sym sym;
			copy_at(img, s->offset + off, &sym, entsize);
			value = sym.st_value, size = sym.st_size;
			name = sym.st_name;
		} else {
			Elf32_Sym sym;
			copy_at(img, s->offset + off, &sym, entsize);
			value = sym.st_value, size = sym.st_size;
			name = sym.st_name;
		}
		if (!name || name >= str->size || !value || addr < value ||
		    addr - value >= (size ? size : 1))
			continue;
		*sym_offset = addr - value;
		return at(img, str->offset + name, 1);
	}
	return NULL;
}

static void print_address(const struct image *img, uint64_t addr)
{
	uint64_t off = 0;
	const char *name = symbol_at(img, ".symtab", addr, &off);

	if (!name)
		name = symbol_at(img, ".dynsym", addr, &off);
	if (!name)
		printf("%#" PRIx64, addr);
	else if (off)
		printf("%s+%" PRIu64, name, off);
	else
		printf("%s", name);
}

/* One dynamic relocation, in a width-independent form. */
struct reloc {
	uint64_t where, symndx, type;
	int64_t addend;
};

static void read_reloc(const struct image *img, uint64_t off, struct reloc *r)
{
	if (img->is64) {
		Elf64_Rela rela;
		copy_at(img, off, &rela, sizeof(rela));
		*r = (struct reloc){ rela.r_offset, ELF64_R_SYM(rela.r_info),
				     ELF64_R_TYPE(rela.r_info), rela.r_addend };
	} else {
		Elf32_Rel rel;
		int32_t addend = 0;
		copy_at(img, off, &rel, sizeof(rel));
		/* REL keeps the addend in the word itself. */
		if (vaddr(img, rel.r_offset, sizeof(addend)))
			copy_vaddr(img, rel.r_offset, &addend, sizeof(addend));
		*r = (struct reloc){ rel.r_offset, ELF32_R_SYM(rel.r_info),
				     ELF32_R_TYPE(rel.r_info), addend };
	}
}

/* The name of dynamic symbol SYMNDX, or NULL. */
static const char *dynamic_symbol_name(const struct image *img, uint64_t symndx)
{
	const struct section *dynsym = find_section(img, ".dynsym");
	const struct section *dynstr = find_section(img, ".dynstr");
	size_t symsize = img->is64 ? sizeof(Elf64_Sym) : sizeof(Elf32_Sym);
	uint32_t name;

	if (!dynsym || !dynstr || symndx >= dynsym->size / symsize)
		return NULL;
	if (img->is64) {
		Elf64_Sym sym;
		copy_at(img, dynsym->offset + symndx * symsize, &sym, symsize);
		name = sym.st_name;
	} else {
		Elf32_Sym sym;
		copy_at(img, dynsym->offset + symndx * symsize, &sym, symsize);
		name = sym.st_name;
	}
	return name < dynstr->size ? at(img, dynstr->offset + name, 1) : NULL;
}

/* The dynamic relocation of the word at WORD, if any. */
static bool find_reloc(const struct image *img, uint64_t word, struct reloc *r)
{
	const struct section *rel = find_section(img, img->is64 ? ".rela.dyn"
								 : ".rel.dyn");
	size_t entsize = img->is64 ? sizeof(Elf64_Rela) : sizeof(Elf32_Rel);

	for (uint64_t off = 0; rel && off + entsize <= rel->size; off += entsize) {
		read_reloc(img, rel->offset + off, r);
		if (r->where == word)
			return true;
	}
	return false;
}

/* A REF word is filled in by the dynamic loader: name what its dynamic
   relocation (or, in a static link, its contents) makes it. */
static void print_ref_target(const struct image *img, uint64_t word)
{
	struct reloc r;
	const char *name;
	uint64_t value = 0;

	if (find_reloc(img, word, &r)) {
		bool relative = r.type == (img->is64 ? R_X86_64_RELATIVE
						     : R_386_RELATIVE);
		if (relative && !r.symndx) {
			print_address(img, (uint64_t)r.addend);
			return;
		}
		name = dynamic_symbol_name(img, r.symndx);
		printf("%s", name ? name : "?");
		if (r.addend)
			printf("+%" PRId64, r.addend);
		return;
	}
	copy_vaddr(img, word, &value, img->is64 ? 8 : 4);
	print_address(img, value);
}

static void print_clobbers(uint32_t mask, bool is_i386)
{
	bool any = false;

	for (unsigned bit = 0; bit < PVPATCH_REG_COUNT; bit++)
		if (mask & PVPATCH_REG_BIT(bit)) {
			printf("%s%s", any ? "," : "", pvpatch_reg_name(bit, is_i386));
			any = true;
		}
	if (!any)
		printf("none");
}

static void print_flags(unsigned flags)
{
	printf("%s%s%s%s", flags & PVPATCH_OP_INDIRECT ? "indirect" : "direct",
	       flags & PVPATCH_OP_REF ? ",ref" : "",
	       flags & PVPATCH_OP_STACK_ARGS ? ",stack-args" : "",
	       flags & PVPATCH_OP_I386 ? ",i386" : "");
}

/* Print one site; return the address of its op descriptor. */
static uint64_t print_site(const struct image *img, uint64_t entry)
{
	uint64_t site = entry + rel32_at(img, entry);
	uint64_t op = entry + 4 + rel32_at(img, entry + 4);
	struct pvpatch_op d;
	const unsigned char *bytes;

	copy_vaddr(img, op, &d, sizeof(d));
	if (d.version != PVPATCH_ABI_VERSION)
		die("%s", "op descriptor of an unknown ABI version");
	bytes = vaddr(img, site, d.size);
	printf("site %#" PRIx64 " size %u op ", site, d.size);
	if (d.flags & PVPATCH_OP_REF)
		print_ref_target(img, op + d.target);
	else
		print_address(img, op + d.target);
	printf(" flags ");
	print_flags(d.flags);
	printf(" clobbers ");
	print_clobbers(d.clobbers, d.flags & PVPATCH_OP_I386);
	printf(" bytes");
	for (unsigned i = 0; bytes && i < d.size; i++)
		printf(" %02x", bytes[i]);
	printf("\n");
	return op;
}

static int compare_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
	struct image img;
	const struct section *table;
	uint64_t count, distinct = 0, *ops;

	if (argc != 2) {
		fprintf(stderr, "usage: pvpatch-sites ELF-FILE\n");
		return 2;
	}
	load_image(&img, argv[1]);
	table = find_section(&img, PVPATCH_SITES_SECTION);
	if (!table || table->size % sizeof(struct pvpatch_site))
		die("%s: no pvpatch site table", argv[1]);
	at(&img, table->offset, table->size);	/* the whole table is in the file */
	count = table->size / sizeof(struct pvpatch_site);
	ops = calloc(count + 1, sizeof(*ops));
	if (!ops)
		die("%s", "out of memory");
	for (uint64_t i = 0; i < count; i++)
		ops[i] = print_site(&img, table->addr + i * 8);
	qsort(ops, count, sizeof(*ops), compare_u64);
	for (uint64_t i = 0; i < count; i++)
		distinct += !i || ops[i] != ops[i - 1];
	printf("%" PRIu64 " sites, %" PRIu64 " ops, %" PRIu64
	       " table bytes (%.1f per site), %" PRIu64 " descriptor bytes\n",
	       count, distinct, table->size,
	       count ? (double)table->size / count : 0.0,
	       distinct * (uint64_t)sizeof(struct pvpatch_op));
	free(ops);
	return 0;
}
