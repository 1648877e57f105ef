/* SPDX-License-Identifier: MIT */
/*
 * pvpatch runtime: patches the sites of the table that the pvpatch plugin
 * emits (include/pvpatch_site.h) to inline code, a direct call or NOPs,
 * re-patches them when an op is re-bound, and reverts them.
 *
 * Two layers, both declared here (docs/runtime.md explains them):
 *
 *  - The userspace API (pvpatch_apply, pvpatch_bind, ...), in
 *    runtime/libpvpatch.a: finds every loaded object's tables through
 *    dl_iterate_phdr and patches live, while other threads run the sites.
 *
 *  - The freestanding core (pvpatch_core_*, pvpatch_object_*): no libc,
 *    i386 and x86-64.  It validates tables and decides and writes site
 *    contents through a caller-supplied writer, so a kernel or boot loader
 *    can use its own way of writing text.
 *
 * Every function returning int returns PVPATCH_OK or a negative
 * enum pvpatch_status.
 */
#ifndef PVPATCH_RUNTIME_H
#define PVPATCH_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#include "pvpatch_site.h"

#ifdef __cplusplus
extern "C" {
#endif

enum pvpatch_status {
	PVPATCH_OK = 0,
	/* Bad tables: detected before anything is written. */
	PVPATCH_ERR_BAD_NOTE = -1,	/* a note's bounds are not a table in the object */
	PVPATCH_ERR_BAD_OP = -2,	/* op descriptor: version, flags, size... */
	PVPATCH_ERR_SITE_RANGE = -3,	/* a site is not inside an executable segment */
	PVPATCH_ERR_SITE_BYTES = -4,	/* a site is not one call followed by NOPs */
	PVPATCH_ERR_OVERLAP = -5,	/* two sites overlap */
	PVPATCH_ERR_BAD_IMPL = -6,	/* implementation record */
	PVPATCH_ERR_BAD_INLINE = -7,	/* PVPATCH_INLINE record or its code */
	/* Refused requests: nothing is written. */
	PVPATCH_ERR_INVAL = -8,		/* NULL op or implementation, unknown mode */
	PVPATCH_ERR_UNKNOWN_OP = -9,	/* no site table names this op */
	PVPATCH_ERR_CLOBBERS = -10,	/* impl clobbers more than the op allows */
	PVPATCH_ERR_RANGE = -11,	/* a direct op's site cannot reach impl */
	PVPATCH_ERR_NOT_LIVE = -12,	/* only a quiescent patch may change a site */
	/* Environment failures. */
	PVPATCH_ERR_NOMEM = -13,
	PVPATCH_ERR_WRITE = -14,	/* the text writer failed */
	PVPATCH_ERR_SYNC = -15,		/* other CPUs could not be serialized */
};

/* A message for any status; never NULL. */
const char *pvpatch_strerror(int err);

/* What the sites considered by an operation hold after it. */
struct pvpatch_stats {
	unsigned long inlined;	/* replacement instructions */
	unsigned long directed;	/* a direct call of the implementation */
	unsigned long nopped;	/* nothing but NOPs */
	unsigned long left;	/* their original call */
};

/*
 * Which site contents an operation may write.
 *
 * PVPATCH_MODE_LIVE (the default): other threads may be running the
 * sites, be stopped inside them, or be inside a function a site called.
 * Each site is then only ever rewritten as one instruction replacing the
 * one instruction at its start, exactly as long as the original call, so
 * no thread can resume in the middle of an instruction.  Replacements of
 * several instructions, or longer than the call, are not used (the site
 * gets a direct call instead).
 *
 * PVPATCH_MODE_QUIESCENT: the caller guarantees that no thread is inside
 * any site or any function called from one (e.g. before starting threads).
 * Replacements may then use the whole site.  A site so patched can later
 * be changed only in quiescent mode (else PVPATCH_ERR_NOT_LIVE).
 */
enum pvpatch_mode {
	PVPATCH_MODE_LIVE = 0,
	PVPATCH_MODE_QUIESCENT = 1,
};

/* ------------------------------------------------------------------ */
/* Userspace API (libpvpatch.a).  Thread-safe; calls are serialized.   */

/* Patch every site of the program and of every loaded shared object to
   its op's current binding: the slot's value for an indirect op, the last
   pvpatch_bind() implementation or else the op itself for a direct op. */
int pvpatch_apply(void);

/* Bind op to impl and re-patch that op's sites at once.  op is an
   annotated function (direct op) or the address of an annotated slot
   (indirect op; impl is also stored into the slot, after the sites are
   patched).  Refused if impl clobbers more than the op allows at a site
   where it would be called. */
int pvpatch_bind(void *op, void *impl);

/* Every site back to its original bytes.  Bindings are kept: slots keep
   their values and a later pvpatch_apply() patches to them again. */
int pvpatch_revert(void);

/* Sets the mode for later operations; returns PVPATCH_OK or
   PVPATCH_ERR_INVAL. */
int pvpatch_set_mode(enum pvpatch_mode mode);

/* The counts of the last successful apply, bind or revert. */
void pvpatch_get_stats(struct pvpatch_stats *stats);

/* The site, record or implementation the last error was about (for the
   code of a PVPATCH_INLINE record: the offending instruction), or NULL. */
const void *pvpatch_last_fault(void);

/* ------------------------------------------------------------------ */
/* PVPATCH_INLINE(impl, "instructions", "clobbers")                   */

/*
 * Declares that a site whose op is bound to impl may hold these
 * instructions instead of a call.  Use it at file scope in the unit that
 * defines impl, e.g.
 *
 *   PVPATCH_INLINE(native_irq_disable, "cli", "");
 *   PVPATCH_INLINE(native_save_fl, "pushf; pop %rax", "rax");
 *
 * The instructions follow the call's register convention and must be
 * position-independent straight-line code (no branches, calls or
 * PC-relative operands).  The clobber list names what they write besides
 * the flags ("rax,rdx", "eax", "xmm0"...).  Empty instructions declare
 * impl a no-op.
 *
 * The record is retained (SHF_GNU_RETAIN) and so keeps impl through
 * --gc-sections: the object's note refers to the records' section, whose
 * bounds must exist even if nothing else in the object uses impl.
 */
#define PVPATCH_STR_(x) #x
#define PVPATCH_STR(x) PVPATCH_STR_(x)

#if defined(__x86_64__)
#define PVPATCH_ASM_PTR_ ".quad"
#define PVPATCH_ASM_PTR_ALIGN_ "8"
#else
#define PVPATCH_ASM_PTR_ ".long"
#define PVPATCH_ASM_PTR_ALIGN_ "4"
#endif

/* The record's impl field: in PIC code a RELRO word holding the address,
   since a PC-relative reference cannot reach a preemptible symbol. */
#if defined(__PIC__)
#define PVPATCH_INLINE_IMPL_(impl)                                           \
	".pushsection .data.rel.ro.pvpatch_inline,\"aw\"\n"                  \
	".balign " PVPATCH_ASM_PTR_ALIGN_ "\n"                               \
	"770:\n\t" PVPATCH_ASM_PTR_ " " #impl "\n"                           \
	".popsection\n"                                                      \
	".long 770b - .\n"
#define PVPATCH_INLINE_FLAGS_ "1" /* PVPATCH_INLINE_REF */
#else
#define PVPATCH_INLINE_IMPL_(impl) ".long " #impl " - .\n"
#define PVPATCH_INLINE_FLAGS_ "0"
#endif

/* The note locating this object's pvpatch_inlines section, once per unit
   (the assembler symbol) and once per object (the COMDAT group). */
#define PVPATCH_INLINES_NOTE_                                                \
	".ifndef .Lpvpatch_inlines_note\n"                                   \
	".set .Lpvpatch_inlines_note, 1\n"                                   \
	".pushsection " PVPATCH_NOTE_SECTION                                 \
	",\"aGR\",@note,__pvpatch_inlines_note,comdat\n"                     \
	".balign 4\n"                                                        \
	".long 8, 8, " PVPATCH_STR(PVPATCH_NOTE_TYPE_INLINES) "\n"           \
	".asciz \"" PVPATCH_NOTE_NAME "\"\n"                                 \
	".hidden __start_" PVPATCH_INLINES_SECTION "\n"                      \
	".hidden __stop_" PVPATCH_INLINES_SECTION "\n"                       \
	".long __start_" PVPATCH_INLINES_SECTION " - .\n"                    \
	".long __stop_" PVPATCH_INLINES_SECTION " - .\n"                     \
	".popsection\n"                                                      \
	".endif\n"

#define PVPATCH_INLINE(impl, insns, clobbers)                                \
	__asm__(".pushsection " PVPATCH_INLINE_CODE_SECTION ",\"a\"\n"       \
		"771:\n\t" insns "\n"                                        \
		"772:\n"                                                     \
		"773:\t.asciz \"" clobbers "\"\n"                            \
		".popsection\n"                                              \
		".pushsection " PVPATCH_INLINES_SECTION ",\"aR\"\n"          \
		".balign 4\n"                                                \
		PVPATCH_INLINE_IMPL_(impl)                                   \
		".long 771b - .\n"                                           \
		".long 773b - .\n"                                           \
		".short 772b - 771b\n"                                       \
		".byte " PVPATCH_STR(PVPATCH_ABI_VERSION) ", "               \
		PVPATCH_INLINE_FLAGS_ "\n"                                   \
		".popsection\n"                                              \
		PVPATCH_INLINES_NOTE_)

/* ------------------------------------------------------------------ */
/* Freestanding core.                                                  */

/* A loaded segment of an object. */
enum pvpatch_prot {
	PVPATCH_PROT_READ = 1,
	PVPATCH_PROT_EXEC = 2,
	PVPATCH_PROT_WRITE = 4,		/* where slots may be */
};

struct pvpatch_range {
	uintptr_t begin, end;	/* [begin, end) */
	unsigned prot;		/* enum pvpatch_prot */
};

/*
 * One linked object (program, shared object, kernel, module): where its
 * tables and segments are.  Fill in the first group, then call
 * pvpatch_object_measure() and pvpatch_object_init() once; afterwards the
 * object belongs to the core until the caller drops it.
 */
struct pvpatch_object {
	const struct pvpatch_site *sites, *sites_end;
	const struct pvpatch_impl *impls, *impls_end;
	const struct pvpatch_inline *inlines, *inlines_end;
	const struct pvpatch_range *ranges;	/* every loaded segment */
	unsigned nranges;

	/* Set by pvpatch_object_init(), in the caller's work area; per
	   site, in address order. */
	uint32_t *by_addr;	/* index into sites; NULL if already sorted */
	unsigned char *state;	/* head length, and whether it is changing */
	unsigned char *first;	/* first byte, parked while being written */
	unsigned char *saved;	/* original bytes */
	unsigned char *planned;	/* the bytes an operation is about to write */
};

/* Check the object's descriptors and records; set *work_size to the bytes
   pvpatch_object_init() needs (4-byte aligned).  On error *fault is the
   offending entry. */
int pvpatch_object_measure(const struct pvpatch_object *obj, size_t *work_size,
			   const void **fault);

/* Check every site (inside an executable segment, one call followed by
   NOPs, no overlap) and keep their original bytes in work.  Writes no
   text.  A table with any error is rejected whole. */
int pvpatch_object_init(struct pvpatch_object *obj, void *work,
			size_t work_size, const void **fault);

/* Whether a site of an initialized object starts at addr.  Reads only the
   object's table and work area: safe in a trap handler. */
int pvpatch_object_site_at(const struct pvpatch_object *obj, uintptr_t addr);

/*
 * How the core changes text.  Sites are rewritten in three rounds, each
 * ended by sync(): an int3 on each changing site's first byte; the rest of
 * the new bytes; the new first byte.  A CPU that reaches a changing site
 * meanwhile traps (userspace: the backend's SIGTRAP handler waits for the
 * round to finish and restarts the site).
 */
struct pvpatch_writer {
	/* Store len bytes at text address dst; may be deferred until sync. */
	int (*write)(void *ctx, void *dst, const void *src, size_t len);
	/* Complete all writes and serialize every CPU that may run them. */
	int (*sync)(void *ctx);
	void *ctx;
};

/* What the core works out once per op during an operation (private). */
#define PVPATCH_MEMO_SLOTS 16
struct pvpatch_memo {
	const struct pvpatch_op *op;	/* NULL: slot unused */
	void *impl;			/* the binding its sites get */
	unsigned char call_allowed;	/* calling impl keeps the contract */
	unsigned char left_calls_impl;	/* so does the original call */
	unsigned char inline_len;
	unsigned char inline_first;	/* length of its first instruction */
	unsigned char inline_pad;	/* a prefix that pads it, or 0 */
	const unsigned char *inline_code;	/* NULL: no usable replacement */
};

struct pvpatch_patcher {
	struct pvpatch_object *const *objects;
	unsigned nobjects;
	struct pvpatch_writer writer;
	/* The current implementation of direct op fn, or NULL for fn
	   itself; may be NULL. */
	void *(*direct_binding)(void *ctx, const void *fn);
	void *binding_ctx;
	enum pvpatch_mode mode;

	/* Results of the last operation. */
	struct pvpatch_stats stats;
	const void *fault;

	/* Private to the core. */
	struct pvpatch_memo memo[PVPATCH_MEMO_SLOTS];
	unsigned char chunk[4096];	/* bytes of one writer call */
};

/* Patch every site to its op's current binding. */
int pvpatch_core_apply(struct pvpatch_patcher *p);

/* Patch op's sites to impl and, for an indirect op, then store impl into
   the slot.  The caller records a direct op's new binding on success. */
int pvpatch_core_bind(struct pvpatch_patcher *p, void *op, void *impl);

/* Every site back to its original bytes. */
int pvpatch_core_revert(struct pvpatch_patcher *p);

#ifdef __cplusplus
}
#endif

#endif /* PVPATCH_RUNTIME_H */
