/* SPDX-License-Identifier: MIT */
/*
 * pvpatch-sites scan --ops OP[,OP...] [--verbose] -o SITES.o OBJ.o
 *
 * The sites of hand-written assembly: every direct call (e8 with a
 * PC-relative relocation against the op) of an op named by --ops or
 * declared in the source (include/pvpatch_asm.h), widened over the
 * push/pop pairs around it (widen.c), written as pvpatch's site table
 * into SITES.o, which is linked beside OBJ.o.  The records are assembler
 * text made by pvpatch_site.h's PVPATCH_ASM_* macros, assembled by `as`
 * ($AS).  docs/site-table.md, "Sites of hand-written assembly".
 */
#define _POSIX_C_SOURCE 200809L
#include <elf.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "insn.h"
#include "pvpatch_site.h"
#include "scan.h"
#include "sites.h"

/* ---- The object, as the analysis sees it ---- */

struct reloc_type {
	uint32_t type;
	enum scan_reloc_kind kind;
	uint8_t size;
};

static const struct reloc_type x86_64_relocs[] = {
	{ R_X86_64_NONE, RELOC_NONE, 0 },	{ R_X86_64_64, RELOC_ABSOLUTE, 8 },
	{ R_X86_64_PC32, RELOC_PC, 4 },		{ R_X86_64_GOT32, RELOC_GOT, 4 },
	{ R_X86_64_PLT32, RELOC_PC, 4 },	{ R_X86_64_GOTPCREL, RELOC_GOT, 4 },
	{ R_X86_64_32, RELOC_ABSOLUTE, 4 },	{ R_X86_64_32S, RELOC_ABSOLUTE, 4 },
	{ R_X86_64_16, RELOC_ABSOLUTE, 2 },	{ R_X86_64_PC16, RELOC_PC, 2 },
	{ R_X86_64_8, RELOC_ABSOLUTE, 1 },	{ R_X86_64_PC8, RELOC_PC, 1 },
	{ R_X86_64_PC64, RELOC_PC, 8 },		{ R_X86_64_GOTOFF64, RELOC_ABSOLUTE, 8 },
	{ R_X86_64_GOTPC32, RELOC_PC, 4 },	{ R_X86_64_SIZE32, RELOC_NONE, 4 },
	{ R_X86_64_SIZE64, RELOC_NONE, 8 },	{ R_X86_64_GOTPCRELX, RELOC_GOT, 4 },
	{ R_X86_64_REX_GOTPCRELX, RELOC_GOT, 4 },
};

static const struct reloc_type i386_relocs[] = {
	{ R_386_NONE, RELOC_NONE, 0 },		{ R_386_32, RELOC_ABSOLUTE, 4 },
	{ R_386_PC32, RELOC_PC, 4 },		{ R_386_GOT32, RELOC_GOT, 4 },
	{ R_386_PLT32, RELOC_PC, 4 },		{ R_386_GOTOFF, RELOC_ABSOLUTE, 4 },
	{ R_386_GOTPC, RELOC_PC, 4 },		{ R_386_16, RELOC_ABSOLUTE, 2 },
	{ R_386_PC16, RELOC_PC, 2 },		{ R_386_8, RELOC_ABSOLUTE, 1 },
	{ R_386_PC8, RELOC_PC, 1 },		{ R_386_GOT32X, RELOC_GOT, 4 },
};

#define NTYPES(a) (sizeof(a) / sizeof((a)[0]))

static const struct reloc_type *reloc_type(const struct elf_file *f, uint32_t type)
{
	const struct reloc_type *t = f->is64 ? x86_64_relocs : i386_relocs;
	size_t n = f->is64 ? NTYPES(x86_64_relocs) : NTYPES(i386_relocs);

	for (size_t i = 0; i < n; i++)
		if (t[i].type == type)
			return &t[i];
	return NULL;
}

/* The model of f, which owns arrays freed by free_model(). */
struct model {
	struct scan_object obj;
	struct scan_section *sections;
	struct scan_symbol *symbols;
	struct scan_reloc *relocs;
};

static void model_sections(struct model *m, const struct elf_file *f)
{
	m->sections = scan_calloc(f->nsections, sizeof(*m->sections));
	for (unsigned i = 0; i < f->nsections; i++) {
		const struct elf_section *s = &f->sections[i];

		m->sections[i] = (struct scan_section){
			s->name, s->data, s->data ? s->size : 0,
			(s->flags & SHF_ALLOC) != 0, (s->flags & SHF_EXECINSTR) != 0,
		};
	}
}

static void model_symbols(struct model *m, const struct elf_file *f)
{
	const struct elf_symtab *t = &f->symtab;

	m->symbols = scan_calloc(t->count + 1, sizeof(*m->symbols));
	for (size_t i = 0; i < t->count; i++) {
		const struct elf_symbol *s = &t->symbols[i];
		bool defined = s->shndx != SHN_UNDEF && s->shndx < f->nsections;

		m->symbols[i] = (struct scan_symbol){
			s->name, s->value, defined ? s->shndx : SCAN_NO_SECTION,
			s->bind == STB_GLOBAL || s->bind == STB_WEAK,
			s->type == STT_SECTION,
		};
	}
}

/* The relocations of allocated sections (those of debugging information
   point everywhere into code, and nothing runs them). */
static void model_relocs(struct model *m, const struct elf_file *f)
{
	size_t n = 0;

	for (unsigned i = 1; i < f->nsections; i++) {
		const struct elf_section *rel = &f->sections[i];
		struct elf_reloc *r;
		size_t count;

		if ((rel->type != SHT_REL && rel->type != SHT_RELA) ||
		    rel->info >= f->nsections ||
		    !(f->sections[rel->info].flags & SHF_ALLOC))
			continue;
		r = elf_relocs(f, rel, &count);
		m->relocs = scan_realloc(m->relocs, n + count, sizeof(*m->relocs));
		for (size_t k = 0; k < count; k++) {
			const struct reloc_type *t = reloc_type(f, r[k].type);

			if (!t)
				elf_bad(f, "%s+%#" PRIx64 ": relocation type %u, which scan "
					"does not handle", f->sections[rel->info].name,
					r[k].offset, r[k].type);
			m->relocs[n++] = (struct scan_reloc){
				rel->info, r[k].offset, t->kind, t->type, t->size,
				r[k].sym, r[k].addend,
			};
		}
		free(r);
	}
	m->obj.nrelocs = n;
}

static void build_model(struct model *m, const struct elf_file *f)
{
	*m = (struct model){ 0 };
	if (f->type != ET_REL)
		elf_bad(f, "not a relocatable object (scan reads OBJ.o before it "
			"is linked)");
	if (!f->symtab.section)
		elf_bad(f, "no symbol table");
	model_sections(m, f);
	model_symbols(m, f);
	model_relocs(m, f);
	m->obj.path = f->path;
	m->obj.is64 = f->is64;
	m->obj.sections = m->sections;
	m->obj.nsections = f->nsections;
	m->obj.symbols = m->symbols;
	m->obj.nsymbols = (uint32_t)f->symtab.count;
	m->obj.relocs = m->relocs;
}

static void free_model(struct model *m)
{
	free(m->sections);
	free(m->symbols);
	free(m->relocs);
}

/* ---- Ops ---- */

struct op_list {
	struct scan_op *ops;
	size_t count;
};

static struct scan_op *find_op(const struct op_list *l, const char *name)
{
	for (size_t i = 0; i < l->count; i++)
		if (!strcmp(l->ops[i].name, name))
			return &l->ops[i];
	return NULL;
}

static struct scan_op *add_op(struct op_list *l, const char *name)
{
	struct scan_op *op = find_op(l, name);

	if (op)
		return op;
	l->ops = scan_realloc(l->ops, l->count + 1, sizeof(*l->ops));
	op = &l->ops[l->count++];
	*op = (struct scan_op){ name, 0, 0 };
	return op;
}

static uint32_t abi_clobbers(bool is64)
{
	return is64 ? PVPATCH_ABI_CLOBBERS_X86_64 : PVPATCH_ABI_CLOBBERS_I386;
}

/* A declared clobber list: "abi", "none" (or empty), or register names as
   pvpatch_reg_name() spells them, separated by commas; false if it names
   something else, or a register the width lacks, or the stack pointer. */
static bool parse_clobbers(const char *list, bool is64, uint32_t *mask)
{
	*mask = 0;
	if (!strcmp(list, "abi")) {
		*mask = abi_clobbers(is64);
		return true;
	}
	if (!strcmp(list, "none"))
		return true;
	while (*list) {
		size_t n = strcspn(list, ",");
		unsigned r;

		for (r = 0; r < PVPATCH_REG_COUNT; r++) {
			const char *name = pvpatch_reg_name(r, !is64);

			if (strlen(name) == n && !strncmp(list, name, n))
				break;
		}
		if (r == PVPATCH_REG_COUNT || r == PVPATCH_REG_SP)
			return false;
		*mask |= PVPATCH_REG_BIT(r);
		list += n + (list[n] == ',');
	}
	return true;
}

/* The NUL-terminated string at *pos of a declaration section, or elf_bad(). */
static const char *declared_string(const struct elf_file *f,
				   const struct elf_section *s, uint64_t *pos)
{
	const char *str = (const char *)s->data + *pos;
	const void *nul = *pos < s->size ? memchr(str, 0, s->size - *pos) : NULL;

	if (!nul)
		elf_bad(f, "%s: a declaration cut short", s->name);
	*pos += (uint64_t)((const char *)nul - str) + 1;
	return str;
}

/* Ops declared by the source's pvpatch_op lines: records of three
   strings, name, clobbers and bytes of stack arguments. */
static void declared_ops(const struct elf_file *f, struct op_list *l)
{
	const struct elf_section *s = elf_section_named(f, PVPATCH_ASM_OPS_SECTION);
	uint64_t pos = 0;

	while (s && s->data && pos < s->size) {
		const char *name = declared_string(f, s, &pos);
		const char *clobbers = declared_string(f, s, &pos);
		const char *args = declared_string(f, s, &pos);
		struct scan_op *op = add_op(l, name);
		char *end;

		if (!*name)
			elf_bad(f, "%s: a declaration without a name", s->name);
		if (!parse_clobbers(clobbers, f->is64, &op->clobbers))
			elf_bad(f, "op %s: clobbers \"%s\" are not register names",
				name, clobbers);
		errno = 0;
		op->stack_args = (unsigned)strtoul(args, &end, 10);
		if (!*args || *end || errno || op->stack_args > 1024)
			elf_bad(f, "op %s: stack argument bytes \"%s\" are not a number",
				name, args);
	}
}

/* Ops named on the command line, for which no declaration says more.
   Each must be a symbol of the object: a name that is not is a typo (a
   declared op may go uncalled, as in a header several files include). */
static void named_ops(const struct scan_object *obj, char *names,
		      struct op_list *l)
{
	for (char *name = strtok(names, ","); name; name = strtok(NULL, ",")) {
		uint32_t k;

		for (k = 0; k < obj->nsymbols; k++)
			if (!strcmp(obj->symbols[k].name, name))
				break;
		if (k == obj->nsymbols) {
			fprintf(stderr, "pvpatch-sites: %s: unknown op %s: the "
				"object has no symbol of that name\n", obj->path,
				name);
			exit(EXIT_BAD_INPUT);
		}
		if (!find_op(l, name))
			add_op(l, name)->clobbers = abi_clobbers(obj->is64);
	}
}

/* ---- Sites ---- */

struct site_list {
	struct scan_site *sites;
	size_t count;
};

/* A relocation that makes a direct call of an op: e8 right before its
   PC32/PLT32 field, which says op - 4, at an instruction start. */
static const struct scan_op *called_op(const struct scan_object *obj,
				       const struct code_map *map,
				       const struct scan_reloc *r,
				       const struct op_list *ops)
{
	const struct scan_section *s = &obj->sections[r->section];
	const struct scan_symbol *sym = &obj->symbols[r->symbol];
	const struct scan_op *op = sym->is_section ? NULL : find_op(ops, sym->name);

	struct insn in;

	if (!op || r->kind != RELOC_PC || r->size != 4 || r->addend != -4 ||
	    r->offset == 0 || r->offset > s->size)
		return NULL;
	if (r->offset - 1 < map->decoded && !code_map_starts_at(map, r->offset - 1))
		return NULL;
	if (pvpatch_insn_decode_width(&in, s->bytes + r->offset - 1,
				      s->size - (r->offset - 1), obj->is64) ||
	    !pvpatch_insn_is_call(&in) || in.opcode != 0xe8 ||
	    in.len != PVPATCH_CALL_REL32_SIZE)
		return NULL;
	return op;
}

static void add_site(struct site_list *l, const struct scan_site *site)
{
	l->sites = scan_realloc(l->sites, l->count + 1, sizeof(*l->sites));
	l->sites[l->count++] = *site;
}

static void print_site(const struct scan_object *obj, const struct scan_site *s,
		       const char *why)
{
	const char *name = obj->sections[s->section].name;

	printf("%s: %s+%#" PRIx64 ": call of %s: site %s+%#" PRIx64 ", %" PRIu64
	       " bytes, clobbers ", obj->path, name, s->call_offset, s->op->name,
	       name, s->start, s->end - s->start);
	print_clobbers(stdout, s->clobbers, !obj->is64, ",");
	printf("; widening stopped at %s\n", why);
}

static void scan_section(const struct scan_object *obj, uint32_t index,
			 const struct op_list *ops, bool verbose,
			 struct site_list *out)
{
	struct code_map map;

	code_map_build(&map, obj, index);
	for (size_t i = 0; i < obj->nrelocs; i++) {
		const struct scan_reloc *r = &obj->relocs[i];
		struct scan_site site = { .section = index };
		struct widen_report report;

		if (r->section != index)
			continue;
		site.op = called_op(obj, &map, r, ops);
		if (!site.op)
			continue;
		site.call_offset = r->offset - 1;
		widen_site(&map, &site, &report);
		if (verbose)
			print_site(obj, &site, report.why);
		add_site(out, &site);
	}
	code_map_free(&map);
}

/* ---- SITES.o ---- */

/* A global symbol of the section, the last at or before offset if any:
   SITES.o names the site by it, as it cannot name OBJ.o's locals. */
static const struct scan_symbol *anchor(const struct scan_object *obj,
					uint32_t section, uint64_t offset)
{
	const struct scan_symbol *best = NULL;

	for (uint32_t i = 0; i < obj->nsymbols; i++) {
		const struct scan_symbol *s = &obj->symbols[i];

		if (s->section != section || !s->global || s->is_section)
			continue;
		if (!best || (s->value <= offset &&
			      (best->value > offset || s->value > best->value)))
			best = s;
	}
	if (!best) {
		fprintf(stderr, "pvpatch-sites: %s: %s has sites but no global "
			"symbol that SITES.o could locate them by\n", obj->path,
			obj->sections[section].name);
		exit(EXIT_BAD_INPUT);
	}
	return best;
}

/* Descriptors: one per op, clobber set and size, numbered by the first
   site having them. */
static size_t descriptor_of(const struct site_list *l, size_t i)
{
	const struct scan_site *s = &l->sites[i];

	for (size_t k = 0; k < i; k++) {
		const struct scan_site *t = &l->sites[k];

		if (t->op == s->op && t->clobbers == s->clobbers &&
		    t->end - t->start == s->end - s->start)
			return k;
	}
	return i;
}

static void write_table(FILE *out, const struct scan_object *obj,
			const struct site_list *l)
{
	unsigned flags_width = obj->is64 ? 0 : PVPATCH_OP_I386;

	/* No executable stack asked for, as by any object GCC writes. */
	fprintf(out, "\t.section .note.GNU-stack,\"\",@progbits\n");
	if (!l->count)
		return;
	fprintf(out, "\t.pushsection %s,\"aGR\",@note,__pvpatch_note,comdat\n"
		"\t.hidden __start_%s\n\t.hidden __stop_%s\n"
		PVPATCH_ASM_NOTE("", "%#x", "__start_%s - .", "__stop_%s - .")
		"\t.popsection\n", PVPATCH_NOTE_SECTION, PVPATCH_SITES_SECTION,
		PVPATCH_SITES_SECTION, PVPATCH_NOTE_TYPE, PVPATCH_SITES_SECTION,
		PVPATCH_SITES_SECTION);
	for (size_t i = 0; i < l->count; i++) {
		const struct scan_site *s = &l->sites[i];
		unsigned flags = flags_width |
				 (s->op->stack_args ? PVPATCH_OP_STACK_ARGS : 0);
		char target[512];

		if (descriptor_of(l, i) != i)
			continue;
		snprintf(target, sizeof(target), "\"%s\" - .", s->op->name);
		fprintf(out, "\t.pushsection %s,\"a\"\n"
			PVPATCH_ASM_OP(".Lpvpatch_op_%zu:\n", "%s", "%#x", "%d", "%u", "%u")
			"\t.popsection\n", PVPATCH_OPS_SECTION, i, target,
			s->clobbers, PVPATCH_ABI_VERSION,
			(unsigned)(s->end - s->start), flags);
	}
	fprintf(out, "\t.pushsection %s,\"a\"\n", PVPATCH_SITES_SECTION);
	for (size_t i = 0; i < l->count; i++) {
		const struct scan_site *s = &l->sites[i];
		const struct scan_symbol *a = anchor(obj, s->section, s->start);
		char addr[512], op[64];

		snprintf(addr, sizeof(addr), "\"%s\" + %" PRId64 " - .", a->name,
			 (int64_t)(s->start - a->value));
		snprintf(op, sizeof(op), ".Lpvpatch_op_%zu - .", descriptor_of(l, i));
		fprintf(out, PVPATCH_ASM_SITE("", "%s", "%s"), addr, op);
	}
	fprintf(out, "\t.popsection\n");
}

/* Assemble the table into path with $AS (as), for obj's width. */
static int assemble(const struct scan_object *obj, const struct site_list *l,
		    const char *path)
{
	const char *as = getenv("AS");
	int fds[2], status;
	pid_t pid;
	FILE *out;

	if (!as || !*as)
		as = "as";
	if (pipe(fds)) {
		perror("pvpatch-sites scan: pipe");
		return 1;
	}
	pid = fork();
	if (pid < 0) {
		perror("pvpatch-sites scan: fork");
		return 1;
	}
	if (pid == 0) {
		dup2(fds[0], 0);
		close(fds[0]);
		close(fds[1]);
		execlp(as, as, obj->is64 ? "--64" : "--32", "-o", path, "-",
		       (char *)NULL);
		fprintf(stderr, "pvpatch-sites scan: cannot run %s: %s\n", as,
			strerror(errno));
		_exit(127);
	}
	close(fds[0]);
	out = fdopen(fds[1], "w");
	if (!out) {
		perror("pvpatch-sites scan: fdopen");
		return 1;
	}
	write_table(out, obj, l);
	fclose(out);
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status)) {
		fprintf(stderr, "pvpatch-sites scan: %s failed writing %s\n", as, path);
		return 1;
	}
	return 0;
}

/* ---- The command ---- */

enum { OPT_OPS, OPT_OUTPUT, OPT_VERBOSE, OPT_COUNT };

static const struct option_spec scan_options[] = {
	[OPT_OPS] = { "--ops", "OP[,OP...]", "the ops whose calls are sites" },
	[OPT_OUTPUT] = { "-o", "SITES.o", "the table, to link beside OBJ.o" },
	[OPT_VERBOSE] = { "--verbose", NULL, "each site, and why its widening stopped" },
	[OPT_COUNT] = { NULL, NULL, NULL },
};

const struct command_spec scan_command = {
	"scan", "[--ops OP[,OP...]] [--verbose] -o SITES.o OBJ.o",
	"Write the sites of hand-written assembly (calls of ops, widened over\n"
	"push/pop pairs) into an object to link beside it.",
	scan_options,
};

int scan_main(int argc, char **argv)
{
	const char *values[OPT_COUNT];
	struct op_list ops = { 0 };
	struct site_list sites = { 0 };
	struct elf_file f;
	struct model m;
	char *names;
	int first, status;

	if (parse_command(&scan_command, argc, argv, values, &first))
		return EXIT_USAGE;
	if (!values[OPT_OUTPUT])
		return usage_error("scan", "no output (-o SITES.o)");
	if (argc - first != 1)
		return usage_error("scan", "needs exactly one OBJ.o");
	elf_open(&f, argv[first]);
	build_model(&m, &f);
	declared_ops(&f, &ops);
	names = strdup(values[OPT_OPS] ? values[OPT_OPS] : "");
	if (!names)
		elf_bad(&f, "out of memory");
	named_ops(&m.obj, names, &ops);
	if (!ops.count)
		return usage_error("scan", "no ops: name them with --ops or declare "
				   "them in the source (pvpatch_asm.h)");
	for (uint32_t i = 1; i < m.obj.nsections; i++)
		if (m.obj.sections[i].exec && m.obj.sections[i].bytes)
			scan_section(&m.obj, i, &ops, values[OPT_VERBOSE], &sites);
	status = assemble(&m.obj, &sites, values[OPT_OUTPUT]);
	free(sites.sites);
	free(ops.ops);
	free(names);
	free_model(&m);
	elf_close(&f);
	return status;
}
