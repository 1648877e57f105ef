/* SPDX-License-Identifier: MIT */
/*
 * What both runtime layers return and report: the statuses, the counts of
 * an operation and the patching modes.  Included by pvpatch_runtime.h
 * (userspace API) and pvpatch_core.h (freestanding core).
 *
 * Every function returning int returns PVPATCH_OK or a negative
 * enum pvpatch_status.
 */
#ifndef PVPATCH_STATUS_H
#define PVPATCH_STATUS_H

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

#ifdef __cplusplus
}
#endif

#endif /* PVPATCH_STATUS_H */
