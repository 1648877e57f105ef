/* SPDX-License-Identifier: MIT */
/* The analysis stage (analyze.c): what bytes are, over the decoder. */
#ifndef PVPATCH_ANALYZE_H
#define PVPATCH_ANALYZE_H

#include "core.h"
#include "insn.h"

#pragma GCC visibility push(hidden)

#define LONGEST_NOP 11

/* Parse a NUL-terminated clobber list within [list, limit) into register
   bits; -1 on an unknown name, the stack pointer, or no terminator before
   limit. */
int pvpatch_parse_clobbers(const char *list, const char *limit,
			   uint32_t *mask);

/* What replacement code is, as scanned. */
struct shape {
	unsigned first_len;	/* bytes of its first instruction */
	unsigned char pad;	/* a neutral prefix for its first instruction */
	uint32_t writes;	/* the registers it leaves changed */
	/* For each of writes, the offset of the instruction that wrote it. */
	unsigned char written_at[PVPATCH_REG_COUNT];
	unsigned char bad_at;	/* if it cannot be used: the offending offset */
};

/* Check that code can run at any address in place of a call, and fill
   sh; -1 if it cannot, with sh->bad_at the offending instruction.
   frame_ok: it may address memory through the stack or frame pointer
   (declared code may; a compiled body may not). */
int pvpatch_scan_code(const unsigned char *code, unsigned len, int frame_ok,
		      struct shape *sh);

/* The offset of the first instruction writing a register of regs (some
   of sh->writes). */
unsigned pvpatch_first_write(const struct shape *sh, uint32_t regs);

/* The instructions of a function at fn (avail bytes readable) before its
   ret, if it is that short; -1 if not. */
int pvpatch_tiny_body(const unsigned char *fn, size_t avail,
		      const unsigned char **body, unsigned *len);

/* n bytes of the assemblers' longest NOPs; whether the bytes of a site
   after its head are them. */
void pvpatch_fill_nops(unsigned char *to, unsigned n);
int pvpatch_tail_nops(const unsigned char *site, unsigned size, unsigned head);

/* Them after a site's head; may scribble on the head, written after. */
void pvpatch_fill_tail_nops(unsigned char *site, unsigned size, unsigned head);

unsigned pvpatch_site_form(const unsigned char *b, unsigned size,
			   int *assembled);

/* A site of hand-written code that pvpatch-sites scan widened: pushes of
   registers, one call, and pops of the same registers in the reverse
   order, ending at the site's end.  The length of the call, or 0;
   *lead: the bytes of pushes before it; *saved: the registers pushed and
   popped (PVPATCH_REG_BIT() set). */
unsigned pvpatch_wrapped_form(const unsigned char *b, unsigned size,
			      unsigned *lead, uint32_t *saved);

#pragma GCC visibility pop

#endif /* PVPATCH_ANALYZE_H */
