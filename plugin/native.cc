/* SPDX-License-Identifier: MIT */
/*
 * Native inline code for Linux-native sites: the paravirt_native
 * attribute on a member of the kernel's ops structs,
 *
 *   struct paravirt_callee_save save_fl
 *           __attribute__((paravirt_native("pushf; pop %rax",
 *                                          ALT_NOT(X86_FEATURE_XENPV))));
 *
 * gives every Linux-native site of that member the second alternative of
 * Linux's PVOP_ALT_* macros (linux.cc writes it): the instructions, taken
 * by the kernel's apply_alternatives where the condition (an alt_instr
 * feature word) holds.
 *
 * The instructions are not trusted: at the end of the unit, all of a
 * unit's snippets are assembled in one run of the assembler GCC uses (its
 * driver, COLLECT_GCC, with the unit's -B prefixes), and the bytes are
 * scanned with the runtime's own decoder (runtime/insn.c, analyze.c,
 * linked into the plugin): every instruction must be known, straight-line,
 * position-independent and keep the stack balanced, and the registers it
 * writes must be within the member's clobber set, which Linux-native mode
 * derives from the member (linux.cc): only rax for a struct
 * paravirt_callee_save, the C-ABI set for anything else.
 */
#include "pvpatch-plugin.h"

#include <elf.h>
#include <spawn.h>
#include <sys/wait.h>

extern "C" {
#include "analyze.h"
}

#define NATIVE_ATTR "paravirt_native"
#define CALLEE_SAVE_STRUCT "paravirt_callee_save"

/* Linux 6.12's alt_replace_call() needs the direct-call entry of a site
   to stay the 6-byte call, and apply_alternatives() widens every entry of
   a site to its longest: native code longer than the call would make the
   kernel BUG at boot. */
#define LINUX_68_MAX_NATIVE 6

/* The flags half of a Linux 6.8+ feature word: the condition may invert
   its feature (ALT_FLAG_NOT) and nothing else; ALT_FLAG_DIRECT_CALL would
   make apply_alternatives() expect a call. */
#define LINUX_68_FLAGS_SHIFT 16
#define LINUX_68_FLAG_NOT 1u

bool pvpatch_record_named(const_tree type, const char *name)
{
	tree id = TYPE_NAME(type);

	if (id && TREE_CODE(id) == TYPE_DECL)
		id = DECL_NAME(id);
	return id && !strcmp(IDENTIFIER_POINTER(id), name);
}

uint32_t pvpatch_linux_holder_clobbers(const_tree holder)
{
	if (holder && RECORD_OR_UNION_TYPE_P(holder) &&
	    pvpatch_record_named(holder, CALLEE_SAVE_STRUCT))
		return PVPATCH_REG_BIT(PVPATCH_REG_AX);
	return pvpatch_abi_clobbers();
}

/* ---- The attribute ---- */

/* Whether a member of TYPE holds exactly one slot: a function pointer, or
   a struct or union whose only member is a pointer (Linux's struct
   paravirt_callee_save holds a void *). */
static bool holds_one_slot(tree type)
{
	tree only = NULL_TREE;

	if (POINTER_TYPE_P(type))
		return TREE_CODE(TREE_TYPE(type)) == FUNCTION_TYPE;
	if (!RECORD_OR_UNION_TYPE_P(type))
		return false;
	for (tree f = TYPE_FIELDS(type); f; f = DECL_CHAIN(f)) {
		if (TREE_CODE(f) != FIELD_DECL)
			continue;
		if (only)
			return false;
		only = f;
	}
	return only && POINTER_TYPE_P(TREE_TYPE(only));
}

static bool blank(const char *s)
{
	for (; *s; s++)
		if (!ISSPACE(*s) && *s != ';')
			return false;
	return true;
}

/* The condition: a feature word of the kernel's struct alt_instr, in the
   width and flags of the format of -fplugin-arg-pvpatch-linux-abi. */
static bool condition_fits(location_t loc, tree name, unsigned HOST_WIDE_INT c)
{
	if (pvpatch_opts.linux_abi == PVPATCH_LINUX_ABI_6_1) {
		if (c <= 0xffff)
			return true;
		error_at(loc, "condition %wx of %qE does not fit the 16-bit "
			 "%<cpuid%> of Linux 6.1%'s %<struct alt_instr%> "
			 "(%<-fplugin-arg-pvpatch-linux-abi=6.1%>)", c, name);
		return false;
	}
	if (c <= 0xffffffffu &&
	    !((c >> LINUX_68_FLAGS_SHIFT) & ~(unsigned HOST_WIDE_INT)LINUX_68_FLAG_NOT))
		return true;
	error_at(loc, "condition %wx of %qE is not a feature with at most "
		 "%<ALT_FLAG_NOT%> (%<ALT_NOT(X86_FEATURE_...)%>): Linux 6.8%'s "
		 "%<struct alt_instr%> has no other flag native code can take",
		 c, name);
	return false;
}

static bool check_arguments(location_t loc, tree name, tree args)
{
	tree code = TREE_VALUE(args);
	tree cond = TREE_VALUE(TREE_CHAIN(args));

	if (TREE_CODE(code) != STRING_CST ||
	    TYPE_MAIN_VARIANT(TREE_TYPE(TREE_TYPE(code))) != char_type_node) {
		error_at(loc, "first argument of %qE must be a string: the "
			 "native instructions", name);
		return false;
	}
	if (blank(TREE_STRING_POINTER(code))) {
		error_at(loc, "first argument of %qE is empty: it must give "
			 "the native instructions", name);
		return false;
	}
	cond = fold(cond);
	STRIP_NOPS(cond);
	if (TREE_CODE(cond) != INTEGER_CST || tree_int_cst_sgn(cond) < 0 ||
	    !tree_fits_uhwi_p(cond)) {
		error_at(loc, "second argument of %qE must be a non-negative "
			 "integer constant: the condition, a feature word of "
			 "%<struct alt_instr%> such as "
			 "%<ALT_NOT(X86_FEATURE_XENPV)%>", name);
		return false;
	}
	return condition_fits(loc, name, tree_to_uhwi(cond));
}

static tree handle_paravirt_native(tree *node, tree name, tree args, int flags,
				   bool *no_add_attrs)
{
	tree decl = *node;
	location_t loc = DECL_P(decl) ? DECL_SOURCE_LOCATION(decl)
				      : input_location;

	*no_add_attrs = true;
	pvpatch_seen_attribute = true;
	if (TREE_CODE(decl) != FIELD_DECL || !holds_one_slot(TREE_TYPE(decl))) {
		error_at(loc, "%qE attribute applies only to struct or union "
			 "members holding one slot of the Linux ops table: a "
			 "function pointer, or a struct of one pointer such as "
			 "%<struct paravirt_callee_save%>", name);
		return NULL_TREE;
	}
	if (!pvpatch_opts.linux_ops) {
		error_at(loc, "%qE attribute on %qD needs Linux-native mode "
			 "(%<-fplugin-arg-pvpatch-linux-ops%>): it is native code "
			 "for the kernel%'s own patcher; pvpatch%'s own ops get "
			 "theirs from %<PVPATCH_INLINE%> records", name, decl);
		return NULL_TREE;
	}
	if (!TARGET_64BIT) {
		error_at(loc, "%qE attribute on %qD: native code is supported "
			 "for x86-64 kernels only", name, decl);
		return NULL_TREE;
	}
	if (!check_arguments(loc, name, args))
		return NULL_TREE;
	*no_add_attrs = false;
	return NULL_TREE;
}

static const struct attribute_spec native_attribute = {
	NATIVE_ATTR, 2, 2, false, false, false, false, handle_paravirt_native,
	NULL
};

void pvpatch_register_native_attribute(void *gcc_data, void *user_data)
{
	register_attribute(&native_attribute);
}

/* ---- What the sites read ---- */

static void native_of_attribute(tree attr, struct pvpatch_native *native)
{
	tree cond = fold(TREE_VALUE(TREE_CHAIN(TREE_VALUE(attr))));

	STRIP_NOPS(cond);
	native->code = TREE_STRING_POINTER(TREE_VALUE(TREE_VALUE(attr)));
	native->condition = tree_to_uhwi(cond);
}

bool pvpatch_native_at(tree type, HOST_WIDE_INT offset,
		       struct pvpatch_native *native)
{
	while (RECORD_OR_UNION_TYPE_P(type)) {
		tree inner = pvpatch_field_at(type, &offset);

		if (!inner)
			return false;
		tree attr = lookup_attribute(NATIVE_ATTR, DECL_ATTRIBUTES(inner));
		if (attr) {
			native_of_attribute(attr, native);
			return true;
		}
		type = TREE_TYPE(inner);
	}
	return false;
}

/* ---- The check ---- */

/* Each member's code, as the unit's structs are completed. */
struct snippet {
	char *code;
	char *member;
	location_t loc;
	uint32_t allowed;	/* the member's clobber set */
	/* Lines of the assembler input: the code, then a trailer. */
	unsigned first_line, code_last_line, last_line;
};

static struct snippet *snippets;
static unsigned snippet_count, snippet_room;
static hash_set<tree> *members_seen;

static void add_snippet(tree field, tree holder)
{
	tree attr = lookup_attribute(NATIVE_ATTR, DECL_ATTRIBUTES(field));
	struct snippet *s;

	if (snippet_count == snippet_room) {
		snippet_room = snippet_room ? 2 * snippet_room : 16;
		snippets = XRESIZEVEC(struct snippet, snippets, snippet_room);
	}
	s = &snippets[snippet_count++];
	s->code = xstrdup(TREE_STRING_POINTER(TREE_VALUE(TREE_VALUE(attr))));
	s->member = xstrdup(DECL_NAME(field) ? IDENTIFIER_POINTER(DECL_NAME(field))
					     : "<anonymous>");
	s->loc = DECL_SOURCE_LOCATION(field);
	/* The member's own struct for a struct paravirt_callee_save member,
	   the enclosing one for a function pointer: as linux.cc finds the
	   innermost record holding a site's slot. */
	s->allowed = pvpatch_linux_holder_clobbers(
		RECORD_OR_UNION_TYPE_P(TREE_TYPE(field)) ? TREE_TYPE(field)
							 : holder);
}

/* A struct of the unit is complete (PLUGIN_FINISH_TYPE, which the C front
   end also calls for each later use of the struct's tag). */
void pvpatch_native_finish_type(void *gcc_data, void *user_data)
{
	tree type = (tree)gcc_data;

	if (!type || !RECORD_OR_UNION_TYPE_P(type) || !COMPLETE_TYPE_P(type))
		return;
	if (!members_seen)
		members_seen = new hash_set<tree>;
	for (tree f = TYPE_FIELDS(type); f; f = DECL_CHAIN(f)) {
		if (TREE_CODE(f) != FIELD_DECL ||
		    !lookup_attribute(NATIVE_ATTR, DECL_ATTRIBUTES(f)) ||
		    members_seen->add(f))
			continue;
		if (lookup_attribute("paravirt", DECL_ATTRIBUTES(f))) {
			error_at(DECL_SOURCE_LOCATION(f), "%qs attribute on %qD, "
				 "an op of pvpatch%'s own: native code is for "
				 "Linux-native sites; pvpatch%'s own ops get theirs "
				 "from %<PVPATCH_INLINE%> records", NATIVE_ATTR, f);
			continue;
		}
		add_snippet(f, type);
	}
}

/* A temporary directory and the files the check uses in it. */
struct workdir {
	char dir[64];
	char *source, *object, *messages;
};

static bool make_workdir(struct workdir *w)
{
	const char *tmp = getenv("TMPDIR");

	snprintf(w->dir, sizeof(w->dir), "%s/pvpatch-native-XXXXXX",
		 tmp && *tmp && strlen(tmp) < 32 ? tmp : "/tmp");
	if (!mkdtemp(w->dir))
		return false;
	w->source = concat(w->dir, "/native.s", NULL);
	w->object = concat(w->dir, "/native.o", NULL);
	w->messages = concat(w->dir, "/messages", NULL);
	return true;
}

static void remove_workdir(struct workdir *w)
{
	unlink(w->source);
	unlink(w->object);
	unlink(w->messages);
	rmdir(w->dir);
	free(w->source);
	free(w->object);
	free(w->messages);
}

/* Snippet N goes alone into section .pvpatch_native_N, between two labels
   the trailer compares: code that leaves the section (or ends inside a
   pushed one) is refused, since in the real output it would lose the
   rest of the unit's text. */
static bool write_source(const char *path)
{
	FILE *f = fopen(path, "w");
	unsigned line = 1;

	if (!f)
		return false;
	for (unsigned i = 0; i < snippet_count; i++) {
		struct snippet *s = &snippets[i];

		fprintf(f, "\t.section .pvpatch_native_%u,\"ax\",@progbits\n"
			   ".Lstart_%u:\n", i, i);
		line += 2;
		s->first_line = line;
		fprintf(f, "\t%s\n", s->code);
		for (const char *c = s->code; *c; c++)
			line += *c == '\n';
		s->code_last_line = line;
		line++;
		fprintf(f, ".Lend_%u:\n\t.section .pvpatch_native_size,\"\",@progbits\n"
			   "\t.long .Lend_%u - .Lstart_%u\n", i, i, i);
		line += 3;
		s->last_line = line - 1;
	}
	return !fclose(f);
}

/* The next option of COLLECT_GCC_OPTIONS ('-B' '/usr/bin/' ...: each
   quoted, a quote inside written '\'') from *P, in a new string. */
static char *next_driver_option(const char **p)
{
	const char *s = *p;
	char *out, *o;

	while (*s == ' ')
		s++;
	if (*s != '\'')
		return NULL;
	out = o = XNEWVEC(char, strlen(s) + 1);
	for (s++; *s; ) {
		if (!strncmp(s, "'\\''", 4)) {
			*o++ = '\'';
			s += 4;
		} else if (*s == '\'') {
			s++;
			break;
		} else
			*o++ = *s++;
	}
	*o = 0;
	*p = s;
	return out;
}

#define MAX_DRIVER_ARGS 64

/* The -B prefixes the driver was given (which cc1 does not see), as
   arguments at ARGV; how many. */
static unsigned driver_prefixes(const char **argv, unsigned room)
{
	const char *p = getenv("COLLECT_GCC_OPTIONS");
	unsigned n = 0;
	char *opt;

	while (p && (opt = next_driver_option(&p))) {
		if (!strncmp(opt, "-B", 2) && n + 2 <= room) {
			argv[n++] = opt;
			if (!opt[2] && (opt = next_driver_option(&p)))
				argv[n++] = opt;
		} else
			free(opt);
	}
	return n;
}

/* Run the driver that runs this compiler on the snippets: the very
   assembler, with the -B prefixes of the compilation, that will assemble
   the unit.  Its messages go to MESSAGES.  The exit status, or -1. */
static int run_assembler(const struct workdir *w)
{
	const char *driver = getenv("COLLECT_GCC");
	const char *argv[MAX_DRIVER_ARGS];
	unsigned argc = 0, prefixes;
	posix_spawn_file_actions_t actions;
	pid_t pid;
	int status;

	argv[argc++] = driver;
	prefixes = driver_prefixes(argv + argc, MAX_DRIVER_ARGS - 10);
	argc += prefixes;
	argv[argc++] = "-m64";
	argv[argc++] = "-c";
	argv[argc++] = "-x";
	argv[argc++] = "assembler";
	argv[argc++] = "-o";
	argv[argc++] = w->object;
	argv[argc++] = w->source;
	argv[argc] = NULL;
	status = -1;
	if (!posix_spawn_file_actions_init(&actions)) {
		posix_spawn_file_actions_addopen(&actions, 1, w->messages,
						 O_WRONLY | O_CREAT | O_TRUNC,
						 0600);
		posix_spawn_file_actions_adddup2(&actions, 1, 2);
		if (!posix_spawnp(&pid, driver, &actions, NULL,
				  (char *const *)argv, environ) &&
		    waitpid(pid, &status, 0) == pid)
			status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
		else
			status = -1;
		posix_spawn_file_actions_destroy(&actions);
	}
	for (unsigned i = 1; i <= prefixes; i++)
		free((char *)argv[i]);
	return status;
}

/* The snippet whose text holds assembler input line LINE. */
static struct snippet *snippet_at_line(unsigned line)
{
	for (unsigned i = 0; i < snippet_count; i++)
		if (line >= snippets[i].first_line && line <= snippets[i].last_line)
			return &snippets[i];
	return NULL;
}

/* Report the assembler's messages "FILE:LINE: Error: TEXT" at the
   members they are about; true if any was. */
static bool report_assembler_errors(const struct workdir *w)
{
	FILE *f = fopen(w->messages, "r");
	size_t prefix = strlen(w->source);
	char buf[512];
	bool any = false;

	if (!f)
		return false;
	while (fgets(buf, sizeof(buf), f)) {
		char *text;
		unsigned line;
		struct snippet *s;

		buf[strcspn(buf, "\n")] = 0;
		if (strncmp(buf, w->source, prefix) || buf[prefix] != ':' ||
		    sscanf(buf + prefix, ":%u:", &line) != 1 ||
		    !(text = strstr(buf + prefix + 1, ": ")) ||
		    !(s = snippet_at_line(line)))
			continue;
		text += 2;
		if (!strncmp(text, "Error: ", 7))
			text += 7;
		else if (!strncmp(text, "Warning: ", 9))
			continue;
		any = true;
		if (line > s->code_last_line)
			error_at(s->loc, "native code of %qs must stay in the "
				 "section it starts in (%<.altinstr_replacement%>)",
				 s->member);
		else
			error_at(s->loc, "native code of %qs is not assembled: %s",
				 s->member, text);
	}
	fclose(f);
	return any;
}

/* The contents of section NAME of the ELF object IMAGE (LEN bytes). */
static const unsigned char *elf_section(const unsigned char *image, size_t len,
					const char *name, size_t *size)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)image;
	const Elf64_Shdr *sh, *names;

	if (len < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_shoff > len ||
	    eh->e_shnum > (len - eh->e_shoff) / sizeof(*sh) ||
	    eh->e_shstrndx >= eh->e_shnum)
		return NULL;
	sh = (const Elf64_Shdr *)(image + eh->e_shoff);
	names = &sh[eh->e_shstrndx];
	for (unsigned i = 0; i < eh->e_shnum; i++) {
		size_t at = names->sh_offset + sh[i].sh_name;

		if (at >= len || names->sh_offset > len ||
		    strncmp((const char *)image + at, name, len - at) ||
		    memchr(image + at, 0, len - at) == NULL ||
		    strlen((const char *)image + at) != strlen(name))
			continue;
		if (sh[i].sh_type == SHT_NOBITS || sh[i].sh_offset > len ||
		    sh[i].sh_size > len - sh[i].sh_offset)
			return NULL;
		*size = sh[i].sh_size;
		return image + sh[i].sh_offset;
	}
	return NULL;
}

static unsigned char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	long size;

	if (!f)
		return NULL;
	if (!fseek(f, 0, SEEK_END) && (size = ftell(f)) > 0 &&
	    !fseek(f, 0, SEEK_SET)) {
		buf = XNEWVEC(unsigned char, size);
		if (fread(buf, 1, size, f) != (size_t)size) {
			free(buf);
			buf = NULL;
		}
		*len = size;
	}
	fclose(f);
	return buf;
}

/* Why pvpatch_scan_code refused the instruction at CODE. */
static const char *why_unusable(const unsigned char *code, size_t avail)
{
	struct insn in;
	struct insn_effect effect;

	if (pvpatch_insn_decode(&in, code, avail))
		return "is not one the runtime's decoder knows";
	if (pvpatch_insn_transfers_control(&in))
		return "transfers control";
	if (in.rip_relative)
		return "is RIP-relative";
	if (pvpatch_insn_effect(&in, &effect) != INSN_EFFECT_KNOWN)
		return "has register effects the runtime's decoder does not know";
	if (effect.writes & PVPATCH_REG_BIT(PVPATCH_REG_SP))
		return "writes the stack pointer";
	return "leaves the stack unbalanced (a pop above where the code "
	       "started, or a push never popped)";
}

/* Check snippet N's bytes against its member's clobber set. */
static void check_snippet(unsigned n, const unsigned char *image, size_t len)
{
	struct snippet *s = &snippets[n];
	char name[64];
	const unsigned char *code;
	size_t size = 0;
	struct shape sh;

	snprintf(name, sizeof(name), ".rela.pvpatch_native_%u", n);
	if (elf_section(image, len, name, &size)) {
		error_at(s->loc, "native code of %qs refers to a symbol: it "
			 "must be self-contained", s->member);
		return;
	}
	snprintf(name, sizeof(name), ".pvpatch_native_%u", n);
	code = elf_section(image, len, name, &size);
	if (!code || !size) {
		error_at(s->loc, "native code of %qs assembles to no "
			 "instruction", s->member);
		return;
	}
	if (pvpatch_opts.linux_abi == PVPATCH_LINUX_ABI_6_8 &&
	    size > LINUX_68_MAX_NATIVE) {
		error_at(s->loc, "native code of %qs is %wu bytes, longer than "
			 "the %d-byte call it replaces: Linux 6.8%'s "
			 "%<alt_replace_call()%> would refuse the site", s->member,
			 (unsigned HOST_WIDE_INT)size, LINUX_68_MAX_NATIVE);
		return;
	}
	if (pvpatch_scan_code(code, size, 1, &sh)) {
		error_at(s->loc, "native code of %qs cannot replace a call: the "
			 "instruction at byte %u %s", s->member, sh.bad_at,
			 why_unusable(code + sh.bad_at, size - sh.bad_at));
		return;
	}
	if (sh.writes & ~s->allowed) {
		char excess[160], limit[160];
		uint32_t extra = sh.writes & ~s->allowed;

		pvpatch_format_mask(extra, excess, sizeof(excess));
		pvpatch_format_mask(s->allowed, limit, sizeof(limit));
		error_at(s->loc, "native code of %qs writes %qs (instruction at "
			 "byte %u), outside the clobber set of its op (%qs)",
			 s->member, excess, pvpatch_first_write(&sh, extra),
			 limit);
	}
}

static void check_object(const struct workdir *w)
{
	size_t len = 0;
	unsigned char *image = read_file(w->object, &len);

	if (!image) {
		error_at(snippets[0].loc, "pvpatch: cannot read %qs, the "
			 "assembled native code", w->object);
		return;
	}
	for (unsigned i = 0; i < snippet_count; i++)
		check_snippet(i, image, len);
	free(image);
}

void pvpatch_check_native_code(void)
{
	struct workdir w;
	int status;

	if (!snippet_count)
		return;
	if (!getenv("COLLECT_GCC")) {
		error_at(snippets[0].loc, "pvpatch: cannot check native code "
			 "without the driver that runs this compiler "
			 "(%<COLLECT_GCC%> is not set): compile through %<gcc%>");
		return;
	}
	if (!make_workdir(&w)) {
		error_at(snippets[0].loc, "pvpatch: cannot create a temporary "
			 "directory to check native code: %m");
		return;
	}
	if (!write_source(w.source))
		error_at(snippets[0].loc, "pvpatch: cannot write %qs: %m",
			 w.source);
	else if ((status = run_assembler(&w)) < 0)
		error_at(snippets[0].loc, "pvpatch: cannot run %qs to check "
			 "native code", getenv("COLLECT_GCC"));
	else if (status) {
		if (!report_assembler_errors(&w))
			error_at(snippets[0].loc, "pvpatch: the assembler "
				 "failed on native code without saying where");
	} else
		check_object(&w);
	remove_workdir(&w);
}
