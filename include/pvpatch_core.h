/* SPDX-License-Identifier: MIT */
/*
 * The freestanding core of the pvpatch runtime, for kernels and boot
 * loaders: no libc, i386 and x86-64 (runtime/pvpatch-core-{64,32}.o, or
 * the sources listed as CORE_SRCS in runtime/Makefile).  It validates
 * tables and decides and writes site contents through a caller-supplied
 * writer, so a kernel can use its own way of writing text.  All the
 * memory it keeps is a work area per object, sized by
 * pvpatch_object_measure() and provided by the caller.  docs/runtime.md
 * has an example.
 */
#ifndef PVPATCH_CORE_H
#define PVPATCH_CORE_H

#include <stddef.h>
#include <stdint.h>

#include "pvpatch_site.h"
#include "pvpatch_status.h"

#ifdef __cplusplus
extern "C" {
#endif

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

	/* The core's own: what pvpatch_object_measure() found, and the
	   work area pvpatch_object_init() laid out. */
	size_t saved_bytes, site_bytes;
	unsigned char measured, in_order;
	void *work_area;
};

/* Check the whole object, once: its notes, descriptors, sites (inside an
   executable segment, one call followed by NOPs, no overlap) and records;
   set *work_size to the bytes pvpatch_object_init() needs (0 for an
   object without sites).  Writes no text.  A table with any error is
   rejected whole; *fault is then the offending entry. */
int pvpatch_object_measure(struct pvpatch_object *obj, size_t *work_size,
			   const void **fault);

/* Lay out the work area, aligned to a pointer and at least *work_size
   bytes, for a measured object and keep the sites' original bytes in it:
   9 or 10 bytes a site for 8-byte sites (docs/runtime.md).  It can still
   find two sites overlapping in a table not in address order. */
int pvpatch_object_init(struct pvpatch_object *obj, void *work,
			size_t work_size, const void **fault);

/* Whether a site of an initialized object starts at addr.  Reads only the
   object's table and work area: safe in a trap handler. */
int pvpatch_object_site_at(const struct pvpatch_object *obj, uintptr_t addr);

/*
 * How the core changes text.  Sites are rewritten in three rounds (one if
 * the patcher is alone, below): an int3 on each changing site's first
 * byte; the rest of the new bytes; the new first byte.  The first two end
 * with sync(), the last with finish() if the writer has one, else sync().
 * A CPU that reaches a changing site meanwhile traps (userspace: the backend's SIGTRAP handler waits for the
 * round to finish and restarts the site).
 */
struct pvpatch_writer {
	/* Store len bytes at text address dst; may be deferred until sync. */
	int (*write)(void *ctx, void *dst, const void *src, size_t len);
	/* Complete all writes and serialize every CPU that may run them. */
	int (*sync)(void *ctx);
	void *ctx;
	/* Complete all writes without serializing the other CPUs, to end
	   the last round; NULL: sync() ends it.  Only for a trap handler
	   that restarts a site whose int3 has gone at any later time (the
	   userspace backend's): a CPU may still execute an int3 of the last
	   round after the operation, until it next serializes.
	   docs/runtime.md says why nothing else needs that sync. */
	int (*finish)(void *ctx);
	/* Bytes between two changing sites that the core may rewrite with
	   their current values to make one write call of both (it takes at
	   most 64); 0: it writes the sites' bytes only.  Only for text that
	   nothing else writes during an operation. */
	size_t merge_gap;
};

/* The objects an operation considers and how it writes: small (no state
   of the core's; that lives in the objects' work areas), so it may live
   on a kernel stack. */
struct pvpatch_patcher {
	struct pvpatch_object *const *objects;
	unsigned nobjects;
	struct pvpatch_writer writer;
	/* The current implementation of direct op fn, or NULL for fn
	   itself; may be NULL. */
	void *(*direct_binding)(void *ctx, const void *fn);
	void *binding_ctx;
	enum pvpatch_mode mode;
	/* Nothing but the calling thread can execute text during the
	   operation (one thread with asynchronous signals blocked; a kernel
	   before other CPUs start): the changes are written in one round,
	   each site's new bytes at once, ended by finish() or sync().  The
	   forms written stay the mode's. */
	int alone;

	/* Results of the last operation. */
	struct pvpatch_stats stats;
	const void *fault;
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

#endif /* PVPATCH_CORE_H */
