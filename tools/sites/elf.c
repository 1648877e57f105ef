/* SPDX-License-Identifier: MIT */
/* pvpatch-sites' ELF layer (elf.h): the file read whole and checked. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elf.h"

/* libiberty's simple-object, as its simple-object.h declares it: Debian's
   libiberty-dev ships the library (libiberty.a) without that header, so
   the three functions used here are declared by hand. */
typedef struct simple_object_read_struct simple_object_read;
simple_object_read *simple_object_start_read(int descriptor, off_t offset,
					     const char *segment_name,
					     const char **errmsg, int *err);
const char *simple_object_find_sections(simple_object_read *simple_object,
					int (*pfn)(void *data, const char *name,
						   off_t offset, off_t length),
					void *data, int *err);
void simple_object_release_read(simple_object_read *simple_object);

void elf_bad(const struct elf_file *f, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "pvpatch-sites: %s: ", f->path);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(EXIT_BAD_INPUT);
}

void *must_calloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p) {
		fprintf(stderr, "pvpatch-sites: out of memory\n");
		exit(1);
	}
	return p;
}

uint64_t elf_get(const unsigned char *p, unsigned bytes)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < bytes; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

void elf_put(unsigned char *p, unsigned bytes, uint64_t value)
{
	for (unsigned i = 0; i < bytes; i++)
		p[i] = (unsigned char)(value >> (8 * i));
}

/* Whether [off, off+len) lies in the file. */
static bool in_file(const struct elf_file *f, uint64_t off, uint64_t len)
{
	return off <= f->size && len <= f->size - off;
}

static void read_whole(struct elf_file *f, int fd)
{
	struct stat st;
	size_t done = 0;

	if (fstat(fd, &st) || !S_ISREG(st.st_mode))
		elf_bad(f, "not a regular file");
	f->size = (size_t)st.st_size;
	/* One more byte, NUL, so that a string at the file's end ends. */
	f->data = must_calloc(1, f->size + 1);
	while (done < f->size) {
		ssize_t n = read(fd, f->data + done, f->size - done);

		if (n <= 0)
			elf_bad(f, "cannot read: %s", n ? strerror(errno) : "file shrank");
		done += (size_t)n;
	}
}

/* A header field of struct type T (Elf32_ or Elf64_ by width). */
#define FIELD(f, p, T, field)                                                \
	((f)->is64 ? elf_get((p) + offsetof(Elf64_##T, field),               \
			     sizeof(((Elf64_##T *)0)->field))                 \
		   : elf_get((p) + offsetof(Elf32_##T, field),               \
			     sizeof(((Elf32_##T *)0)->field)))
#define SIZEOF(f, T) ((f)->is64 ? sizeof(Elf64_##T) : sizeof(Elf32_##T))

static void check_ident(struct elf_file *f)
{
	const unsigned char *id = f->data;
	unsigned machine;

	if (f->size < EI_NIDENT || memcmp(id, ELFMAG, SELFMAG))
		elf_bad(f, "not an ELF file");
	if (id[EI_CLASS] != ELFCLASS32 && id[EI_CLASS] != ELFCLASS64)
		elf_bad(f, "unknown ELF class %u", id[EI_CLASS]);
	if (id[EI_DATA] != ELFDATA2LSB)
		elf_bad(f, "not a little-endian ELF file");
	f->is64 = id[EI_CLASS] == ELFCLASS64;
	if (f->size < SIZEOF(f, Ehdr))
		elf_bad(f, "truncated ELF header");
	machine = (unsigned)FIELD(f, f->data, Ehdr, e_machine);
	if (machine != (f->is64 ? EM_X86_64 : EM_386)) {
		if (!f->is64 && machine == EM_X86_64)
			elf_bad(f, "x32 ELF file (only x86-64 and i386 are read)");
		elf_bad(f, "ELF file for machine %u, not %s", machine,
			f->is64 ? "x86-64" : "i386");
	}
	f->type = (uint16_t)FIELD(f, f->data, Ehdr, e_type);
	if (f->type != ET_REL && f->type != ET_EXEC && f->type != ET_DYN)
		elf_bad(f, "ELF file of type %u (not an object, executable or "
			"shared object)", f->type);
}

/* simple-object's view of the sections, in index order from 1: their
   file extents must be the ones read_sections() checked. */
struct sections_seen {
	struct elf_file *f;
	unsigned next;
	bool differ;
};

static int take_extent(void *data, const char *name, off_t offset, off_t length)
{
	struct sections_seen *seen = data;
	const struct elf_section *s;

	(void)name;	/* ours is bounded by the string table (read_sections) */
	if (seen->next >= seen->f->nsections)
		return 0;
	s = &seen->f->sections[seen->next++];
	seen->differ |= (uint64_t)offset != s->offset || (uint64_t)length != s->size;
	return 1;
}

/* Find the sections through simple-object.  It allocates what the
   headers claim, so it runs only once they were checked against the
   file. */
static void find_sections(struct elf_file *f, int fd)
{
	const char *errmsg = NULL;
	int err = 0;
	simple_object_read *so = simple_object_start_read(fd, 0, NULL, &errmsg, &err);
	struct sections_seen seen = { f, 1, false };

	if (!so)
		elf_bad(f, "%s", errmsg ? errmsg : "not an object file simple-object reads");
	errmsg = simple_object_find_sections(so, take_extent, &seen, &err);
	simple_object_release_read(so);
	if (errmsg)
		elf_bad(f, "%s", errmsg);
	if (seen.next != f->nsections || seen.differ)
		elf_bad(f, "section headers read differently by simple-object");
}

static void read_sections(struct elf_file *f, int fd)
{
	const unsigned char *eh = f->data;
	uint64_t shoff = FIELD(f, eh, Ehdr, e_shoff);
	unsigned shentsize = (unsigned)FIELD(f, eh, Ehdr, e_shentsize);
	uint64_t shnum = FIELD(f, eh, Ehdr, e_shnum);
	unsigned shstrndx = (unsigned)FIELD(f, eh, Ehdr, e_shstrndx);
	const struct elf_section *names;

	if (!shoff)
		elf_bad(f, "no section headers");
	if (shentsize < SIZEOF(f, Shdr))
		elf_bad(f, "section header size %u too small", shentsize);
	if (!in_file(f, shoff, shentsize))
		elf_bad(f, "section headers past the end of the file");
	/* Extended numbering: the counts live in section 0. */
	if (shnum == 0)
		shnum = FIELD(f, f->data + shoff, Shdr, sh_size);
	if (shstrndx == SHN_XINDEX)
		shstrndx = (unsigned)FIELD(f, f->data + shoff, Shdr, sh_link);
	if (!shnum || shnum > (f->size - shoff) / shentsize)
		elf_bad(f, "truncated section headers");
	if (shstrndx == 0 || shstrndx >= shnum)
		elf_bad(f, "section name table index %u out of range", shstrndx);
	f->nsections = (unsigned)shnum;
	f->sections = must_calloc(shnum, sizeof(*f->sections));
	for (unsigned i = 0; i < shnum; i++) {
		const unsigned char *sh = f->data + shoff + (uint64_t)i * shentsize;
		struct elf_section *s = &f->sections[i];

		s->type = (uint32_t)FIELD(f, sh, Shdr, sh_type);
		s->flags = FIELD(f, sh, Shdr, sh_flags);
		s->addr = FIELD(f, sh, Shdr, sh_addr);
		s->entsize = FIELD(f, sh, Shdr, sh_entsize);
		s->align = FIELD(f, sh, Shdr, sh_addralign);
		s->link = (uint32_t)FIELD(f, sh, Shdr, sh_link);
		s->info = (uint32_t)FIELD(f, sh, Shdr, sh_info);
		s->offset = FIELD(f, sh, Shdr, sh_offset);
		s->size = FIELD(f, sh, Shdr, sh_size);
		s->name = "";
	}
	for (unsigned i = 1; i < shnum; i++) {
		struct elf_section *s = &f->sections[i];

		if (s->type == SHT_NOBITS || s->type == SHT_NULL)
			continue;
		if (!in_file(f, s->offset, s->size))
			elf_bad(f, "section %u extends past the end of the file", i);
		s->data = f->data + s->offset;
	}
	names = &f->sections[shstrndx];
	if (names->type != SHT_STRTAB || !names->data)
		elf_bad(f, "section name table is not a string table");
	for (unsigned i = 1; i < shnum; i++) {
		const unsigned char *sh = f->data + shoff + (uint64_t)i * shentsize;
		uint64_t name = FIELD(f, sh, Shdr, sh_name);

		if (name >= names->size || !memchr(names->data + name, 0,
						   names->size - name))
			elf_bad(f, "name of section %u out of range", i);
		f->sections[i].name = (const char *)names->data + name;
	}
	find_sections(f, fd);
}

static void read_symtab(struct elf_file *f, unsigned index, struct elf_symtab *t)
{
	const struct elf_section *s = &f->sections[index];
	size_t entsize = SIZEOF(f, Sym);
	const struct elf_section *str;

	if (t->section)
		elf_bad(f, "two %s sections", s->type == SHT_SYMTAB ? "SHT_SYMTAB" : "SHT_DYNSYM");
	if (s->size % entsize || (s->entsize && s->entsize != entsize))
		elf_bad(f, "symbol table %s is not whole symbols", s->name);
	if (s->link == 0 || s->link >= f->nsections ||
	    f->sections[s->link].type != SHT_STRTAB || !f->sections[s->link].data)
		elf_bad(f, "symbol table %s has no string table", s->name);
	str = &f->sections[s->link];
	t->section = index;
	t->count = s->size / entsize;
	t->symbols = must_calloc(t->count, sizeof(*t->symbols));
	for (size_t i = 0; i < t->count; i++) {
		const unsigned char *p = s->data + i * entsize;
		struct elf_symbol *sym = &t->symbols[i];
		uint64_t name = FIELD(f, p, Sym, st_name);
		unsigned info = (unsigned)FIELD(f, p, Sym, st_info);

		if (name >= str->size || !memchr(str->data + name, 0, str->size - name))
			elf_bad(f, "name of symbol %zu in %s out of range", i, s->name);
		sym->name = (const char *)str->data + name;
		sym->value = FIELD(f, p, Sym, st_value);
		sym->size = FIELD(f, p, Sym, st_size);
		sym->shndx = (uint32_t)FIELD(f, p, Sym, st_shndx);
		sym->bind = (unsigned char)(info >> 4);
		sym->type = (unsigned char)(info & 0xf);
		if (sym->shndx != SHN_UNDEF && sym->shndx < SHN_LORESERVE &&
		    sym->shndx >= f->nsections)
			elf_bad(f, "symbol %s in section %u, which does not exist",
				sym->name, (unsigned)sym->shndx);
	}
}

static void read_segments(struct elf_file *f)
{
	const unsigned char *eh = f->data;
	uint64_t phoff = FIELD(f, eh, Ehdr, e_phoff);
	unsigned phentsize = (unsigned)FIELD(f, eh, Ehdr, e_phentsize);
	unsigned phnum = (unsigned)FIELD(f, eh, Ehdr, e_phnum);

	if (!phoff || !phnum)
		return;
	if (phentsize < SIZEOF(f, Phdr) || phnum > (f->size - (phoff <= f->size ? phoff : f->size)) / phentsize)
		elf_bad(f, "truncated program headers");
	f->nsegments = phnum;
	f->segments = must_calloc(phnum, sizeof(*f->segments));
	for (unsigned i = 0; i < phnum; i++) {
		const unsigned char *ph = f->data + phoff + (uint64_t)i * phentsize;
		struct elf_segment *g = &f->segments[i];

		g->type = (uint32_t)FIELD(f, ph, Phdr, p_type);
		g->flags = (uint32_t)FIELD(f, ph, Phdr, p_flags);
		g->offset = FIELD(f, ph, Phdr, p_offset);
		g->vaddr = FIELD(f, ph, Phdr, p_vaddr);
		g->filesz = FIELD(f, ph, Phdr, p_filesz);
		g->memsz = FIELD(f, ph, Phdr, p_memsz);
		if (g->type == PT_LOAD &&
		    (!in_file(f, g->offset, g->filesz) || g->filesz > g->memsz ||
		     g->vaddr + g->memsz < g->vaddr))
			elf_bad(f, "loadable segment %u does not fit the file", i);
	}
}

/* Relocation sections name a symbol table read above and, in objects, a
   section to relocate. */
static void check_reloc_sections(struct elf_file *f)
{
	for (unsigned i = 1; i < f->nsections; i++) {
		const struct elf_section *s = &f->sections[i];
		size_t entsize = s->type == SHT_RELA ? SIZEOF(f, Rela) : SIZEOF(f, Rel);

		if (s->type != SHT_REL && s->type != SHT_RELA)
			continue;
		if (s->type != (f->is64 ? SHT_RELA : SHT_REL) && f->type == ET_REL)
			elf_bad(f, "relocation section %s is %s, not %s", s->name,
				s->type == SHT_RELA ? "RELA" : "REL",
				f->is64 ? "RELA" : "REL");
		if (s->size % entsize || (s->entsize && s->entsize != entsize))
			elf_bad(f, "relocation section %s is not whole relocations", s->name);
		if (s->link && s->link != f->symtab.section && s->link != f->dynsym.section)
			elf_bad(f, "relocation section %s links no symbol table", s->name);
		if (f->type == ET_REL &&
		    (!s->link || s->info == 0 || s->info >= f->nsections))
			elf_bad(f, "relocation section %s relocates no section", s->name);
	}
}

void elf_open(struct elf_file *f, const char *path)
{
	int fd;

	*f = (struct elf_file){ .path = path };
	fd = open(path, O_RDONLY);
	if (fd < 0)
		elf_bad(f, "cannot open: %s", strerror(errno));
	read_whole(f, fd);
	check_ident(f);
	read_sections(f, fd);
	close(fd);
	for (unsigned i = 1; i < f->nsections; i++) {
		if (f->sections[i].type == SHT_SYMTAB)
			read_symtab(f, i, &f->symtab);
		else if (f->sections[i].type == SHT_DYNSYM)
			read_symtab(f, i, &f->dynsym);
	}
	read_segments(f);
	check_reloc_sections(f);
}

void elf_close(struct elf_file *f)
{
	free(f->symtab.symbols);
	free(f->dynsym.symbols);
	free(f->segments);
	free(f->sections);
	free(f->data);
}

const struct elf_section *elf_section_named(const struct elf_file *f,
					    const char *name)
{
	for (unsigned i = 1; i < f->nsections; i++)
		if (!strcmp(f->sections[i].name, name))
			return &f->sections[i];
	return NULL;
}

const char *elf_section_name(const struct elf_file *f, unsigned i)
{
	return i < f->nsections ? f->sections[i].name : "";
}

const struct elf_symtab *elf_reloc_symtab(const struct elf_file *f,
					  const struct elf_section *rel)
{
	return rel->link && rel->link == f->dynsym.section ? &f->dynsym : &f->symtab;
}

/* The bytes of an i386 REL relocation's field, which holds its addend:
   four for every type the tool applies. */
static int64_t rel_addend(const struct elf_file *f, const struct elf_section *rel,
			  uint64_t offset)
{
	if (f->type == ET_REL) {
		const struct elf_section *to = &f->sections[rel->info];

		if (!to->data || offset > to->size || to->size - offset < 4)
			elf_bad(f, "relocation in %s at %#llx outside %s", rel->name,
				(unsigned long long)offset, to->name);
		return (int32_t)elf_get(to->data + offset, 4);
	}
	/* A dynamic relocation: offset is an address. */
	for (unsigned i = 1; i < f->nsections; i++) {
		const struct elf_section *s = &f->sections[i];

		if (s->data && (s->flags & SHF_ALLOC) && offset >= s->addr &&
		    offset - s->addr < s->size && s->size - (offset - s->addr) >= 4)
			return (int32_t)elf_get(s->data + (offset - s->addr), 4);
	}
	return 0;
}

struct elf_reloc *elf_relocs(const struct elf_file *f,
			     const struct elf_section *rel, size_t *count)
{
	bool rela = rel->type == SHT_RELA;
	size_t entsize = rela ? SIZEOF(f, Rela) : SIZEOF(f, Rel);
	const struct elf_symtab *syms = elf_reloc_symtab(f, rel);
	struct elf_reloc *out;

	*count = rel->size / entsize;
	out = must_calloc(*count, sizeof(*out));
	for (size_t i = 0; i < *count; i++) {
		const unsigned char *p = rel->data + i * entsize;
		uint64_t info = rela ? FIELD(f, p, Rela, r_info) : FIELD(f, p, Rel, r_info);
		struct elf_reloc *r = &out[i];

		r->offset = rela ? FIELD(f, p, Rela, r_offset) : FIELD(f, p, Rel, r_offset);
		r->type = (uint32_t)(f->is64 ? ELF64_R_TYPE(info) : ELF32_R_TYPE(info));
		r->sym = (uint32_t)(f->is64 ? ELF64_R_SYM(info) : ELF32_R_SYM(info));
		if (rela)
			r->addend = f->is64 ? (int64_t)FIELD(f, p, Rela, r_addend)
					    : (int32_t)FIELD(f, p, Rela, r_addend);
		else if (r->type != R_386_NONE)
			r->addend = rel_addend(f, rel, r->offset);
		if (r->sym && r->sym >= syms->count)
			elf_bad(f, "relocation %zu of %s names symbol %u, which does not exist",
				i, rel->name, r->sym);
	}
	return out;
}
