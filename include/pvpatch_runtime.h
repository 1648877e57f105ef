/* SPDX-License-Identifier: MIT */
/*
 * pvpatch runtime, userspace API (libpvpatch.a): patches the sites
 * of the table that the pvpatch plugin emits (include/pvpatch_site.h) in
 * every loaded object, found through dl_iterate_phdr, to inline code, a
 * direct call or NOPs; re-patches them when an op is re-bound, and
 * reverts them, while other threads run the sites.  docs/runtime.md
 * explains it.
 *
 * Also includes PVPATCH_INLINE (pvpatch_inline.h).  Kernels and boot code
 * use the freestanding core instead: pvpatch_core.h.
 */
#ifndef PVPATCH_RUNTIME_H
#define PVPATCH_RUNTIME_H

#include "pvpatch_inline.h"
#include "pvpatch_status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Thread-safe; calls are serialized. */

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

#ifdef __cplusplus
}
#endif

#endif /* PVPATCH_RUNTIME_H */
