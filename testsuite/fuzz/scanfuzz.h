/* SPDX-License-Identifier: MIT */
/*
 * What scanfuzz.py's generated files share with scanfuzz.c, the driver
 * that runs each generated function unpatched and with its scanned sites
 * patched, and compares (docs/reliability.md, "Scanner fuzzing").
 *
 * The generated assembly (FUNCS.S) defines the functions and the ops'
 * original implementations, and uses the state below; the generated table
 * (TABLE.c) defines, per op, the implementations bound for each form of
 * patching and the tables fz_ops and fz_fns.
 */
#ifndef SCANFUZZ_H
#define SCANFUZZ_H

#include <stdint.h>

/* Written by every generated function before it returns: its general
   registers by number (the stack pointer's slot unused), then the flags. */
#define FZ_FLAGS_SLOT 16
extern unsigned long fz_state[FZ_FLAGS_SLOT + 1];
/* The memory a function stores into. */
#define FZ_OUT_WORDS 16
extern unsigned long fz_out[FZ_OUT_WORDS];
/* The stack pointer at a function's entry, which its end restores: a path
   may leave the stack unbalanced. */
extern unsigned long fz_sp;
/* Non-zero: the ops' original implementations return at once (the
   unpatched counterpart of the NOP form). */
extern unsigned char fz_nop_mode;
/* Per op, the stack pointer's low four bits where its implementation was
   called (original and direct-call implementations record it). */
extern uint32_t fz_align[];

/* One op: it has exactly one call, so one site.  inline_impl has a
   PVPATCH_INLINE replacement writing exactly the site's freed registers;
   direct_impl is called (never inlined) and writes the op's clobbers as
   the original does; nop_impl is an empty replacement. */
struct fz_op {
	void (*op)(void);
	void (*inline_impl)(void);
	void (*direct_impl)(void);
	void (*nop_impl)(void);
	const char *name;
	const char *site;	/* as the scanner described it */
	const unsigned char *at;	/* the site */
	unsigned size;
};

/* One generated function and its ops, fz_ops[first_op, first_op + nops). */
struct fz_fn {
	void (*run)(void);
	const char *name;
	int flags_defined;	/* its flags at the end are the same on every path
				   whatever its sites hold */
	unsigned first_op, nops;
};

extern const struct fz_op fz_ops[];
extern const unsigned fz_nops;
extern const struct fz_fn fz_fns[];
extern const unsigned fz_nfns;

#endif /* SCANFUZZ_H */
