/* SPDX-License-Identifier: MIT */
/*
 * The driver of the scanner fuzzer (scanfuzz.py, docs/reliability.md):
 * runs every generated function unpatched, then with its scanned sites
 * patched in each form the runtime writes, and compares what it leaves
 * (registers, flags where the generator says they are defined, memory,
 * the stack's alignment at calls).  Prints, for scanfuzz.py:
 *
 *   site OP FORM KIND [WHERE]  what the op's one site became; a call at a
 *                              wrapped site: over the whole site or
 *                              inside its pushes and pops
 *   bind OP FORM ERROR         the runtime refused to patch it
 *   mismatch FN FORM DETAIL    the function differs from its unpatched run
 *   culprit FN FORM OP         patching only OP's site reproduces it
 *   done
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pvpatch_runtime.h"
#include "scanfuzz.h"

unsigned long fz_state[FZ_FLAGS_SLOT + 1];
unsigned long fz_out[FZ_OUT_WORDS];
unsigned long fz_sp;
unsigned char fz_nop_mode;

/* The arithmetic flags: CF PF AF ZF SF OF. */
#define ARITH_FLAGS 0x8d5ul
#define NREGS (sizeof(long) == 8 ? 16 : 8)
#define MAX_OPS_PER_FN 64

struct snapshot {
	int signal;		/* what stopped the run, 0 if it returned */
	unsigned long state[FZ_FLAGS_SLOT + 1];
	unsigned long out[FZ_OUT_WORDS];
	uint32_t align[MAX_OPS_PER_FN];
};

enum form { FORM_INLINE, FORM_DIRECT, FORM_NOP, FORM_REVERTED, FORM_COUNT };
static const char *const form_names[FORM_COUNT] = {
	"inline", "direct", "nop", "reverted",
};

static sigjmp_buf escape;
static volatile sig_atomic_t running;

static void on_fault(int sig)
{
	if (running)
		siglongjmp(escape, sig);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void catch_faults(void)
{
	static char alt[1 << 16];
	stack_t ss = { .ss_sp = alt, .ss_size = sizeof(alt) };
	struct sigaction sa = { .sa_handler = on_fault, .sa_flags = SA_ONSTACK | SA_NODEFER };
	static const int sigs[] = { SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGALRM };

	sigaltstack(&ss, NULL);
	for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
}

/* Run fn once from a clean state (the original ops doing nothing if nop). */
static void run(const struct fz_fn *fn, int nop, struct snapshot *s)
{
	int sig;

	memset(s, 0, sizeof(*s));
	memset(fz_state, 0, sizeof(fz_state));
	memset(fz_out, 0, sizeof(fz_out));
	memset(fz_align + fn->first_op, 0xff, fn->nops * sizeof(*fz_align));
	fz_nop_mode = (unsigned char)nop;
	fflush(stdout);
	sig = sigsetjmp(escape, 1);
	if (sig == 0) {
		running = 1;
		alarm(10);
		fn->run();
		alarm(0);
	}
	running = 0;
	alarm(0);
	s->signal = sig;
	memcpy(s->state, fz_state, sizeof(s->state));
	memcpy(s->out, fz_out, sizeof(s->out));
	memcpy(s->align, fz_align + fn->first_op, fn->nops * sizeof(*fz_align));
}

/* What differs between want and got, as text; "" if nothing. */
static const char *difference(const struct fz_fn *fn, enum form form,
			      const struct snapshot *want, const struct snapshot *got)
{
	static char why[256];

	if (got->signal != want->signal) {
		snprintf(why, sizeof(why), "signal %d, unpatched %d", got->signal,
			 want->signal);
		return why;
	}
	for (unsigned r = 0; r < NREGS; r++)
		if (r != 4 && got->state[r] != want->state[r]) {
			snprintf(why, sizeof(why), "register %u is %#lx, unpatched %#lx",
				 r, got->state[r], want->state[r]);
			return why;
		}
	if (fn->flags_defined &&
	    (got->state[FZ_FLAGS_SLOT] ^ want->state[FZ_FLAGS_SLOT]) & ARITH_FLAGS) {
		snprintf(why, sizeof(why), "flags %#lx, unpatched %#lx",
			 got->state[FZ_FLAGS_SLOT] & ARITH_FLAGS,
			 want->state[FZ_FLAGS_SLOT] & ARITH_FLAGS);
		return why;
	}
	for (unsigned i = 0; i < FZ_OUT_WORDS; i++)
		if (got->out[i] != want->out[i]) {
			snprintf(why, sizeof(why), "memory word %u is %#lx, unpatched %#lx",
				 i, got->out[i], want->out[i]);
			return why;
		}
	for (unsigned i = 0; form == FORM_DIRECT && i < fn->nops; i++)
		if (got->align[i] != want->align[i]) {
			snprintf(why, sizeof(why), "%s called with the stack pointer at "
				 "%u mod 16, unpatched %u", fz_ops[fn->first_op + i].name,
				 got->align[i], want->align[i]);
			return why;
		}
	return "";
}

static void (*impl_of(const struct fz_op *op, enum form form))(void)
{
	return form == FORM_INLINE ? op->inline_impl :
	       form == FORM_DIRECT ? op->direct_impl : op->nop_impl;
}

static const char *kind_of(const struct pvpatch_stats *st)
{
	return st->inlined ? "inlined" : st->directed ? "directed" :
	       st->nopped ? "nopped" : "left";
}

/* Bind op to its implementation for form; 0 or the runtime's error. */
static int bind(const struct fz_op *op, enum form form)
{
	struct pvpatch_stats st;
	int err = pvpatch_bind((void *)op->op, (void *)impl_of(op, form));

	if (err) {
		printf("bind %s %s %s\n", op->name, form_names[form], pvpatch_strerror(err));
		return err;
	}
	pvpatch_get_stats(&st);
	printf("site %s %s %s%s\n", op->name, form_names[form], kind_of(&st),
	       st.directed && op->size > 5 ? (op->at[0] == 0xe8 ? " whole" : " inside") : "");
	return 0;
}

/* fn mismatched in form: find the sites whose patching alone reproduces
   it, each patched by itself (the others original). */
static void blame(const struct fz_fn *fn, enum form form,
		  const struct snapshot *want)
{
	struct snapshot got;

	for (unsigned i = fn->first_op; i < fn->first_op + fn->nops; i++) {
		if (pvpatch_revert() || bind(&fz_ops[i], form))
			continue;
		run(fn, form == FORM_NOP, &got);
		if (*difference(fn, form, want, &got))
			printf("culprit %s %s %s\n", fn->name, form_names[form], fz_ops[i].name);
	}
	pvpatch_revert();
}

int main(void)
{
	struct snapshot *full = calloc(fz_nfns, sizeof(*full));
	struct snapshot *none = calloc(fz_nfns, sizeof(*none));
	char *bad = calloc(fz_nfns, 1);
	struct snapshot got;

	if (!full || !none || !bad)
		return 2;
	setvbuf(stdout, NULL, _IOLBF, 0);
	catch_faults();
	for (unsigned f = 0; f < fz_nfns; f++) {
		run(&fz_fns[f], 0, &full[f]);
		run(&fz_fns[f], 1, &none[f]);
	}
	if (pvpatch_set_mode(PVPATCH_MODE_QUIESCENT))
		return 2;
	for (enum form form = 0; form < FORM_COUNT; form++) {
		memset(bad, 0, fz_nfns);
		for (unsigned i = 0; form != FORM_REVERTED && i < fz_nops; i++)
			if (bind(&fz_ops[i], form))
				return 1;
		if (form == FORM_REVERTED && pvpatch_revert())
			return 1;
		for (unsigned f = 0; f < fz_nfns; f++) {
			const struct snapshot *want = form == FORM_NOP ? &none[f] : &full[f];
			const char *why;

			run(&fz_fns[f], form == FORM_NOP, &got);
			why = difference(&fz_fns[f], form, want, &got);
			if (*why) {
				printf("mismatch %s %s %s\n", fz_fns[f].name, form_names[form], why);
				bad[f] = 1;
			}
		}
		if (pvpatch_revert())
			return 1;
		for (unsigned f = 0; form != FORM_REVERTED && f < fz_nfns; f++)
			if (bad[f])
				blame(&fz_fns[f], form, form == FORM_NOP ? &none[f] : &full[f]);
	}
	printf("done\n");
	return 0;
}
