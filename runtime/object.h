/* SPDX-License-Identifier: MIT */
/* The validation stage (object.c): an object's tables, checked once, and
   its work area. */
#ifndef PVPATCH_OBJECT_H
#define PVPATCH_OBJECT_H

#include "core.h"

#pragma GCC visibility push(hidden)

/* What an object's work area holds, after this header: per site in
   address order, its table index (only if the table is not in address
   order), a state byte, its original bytes (none if they are its op's
   own call followed by the assembled NOPs, only the call if the NOPs
   are the assembled ones) and the bytes an operation is about to write;
   then the chunk each round copies a window of text into. */
struct object_work {
	const uint32_t *by_addr;	/* NULL: the table is in address order */
	unsigned char *state;
	unsigned char *saved;
	unsigned char *planned;
	unsigned char *chunk;
	size_t chunk_size;
	struct memo memo[MEMO_SLOTS];
};

/* A site's state byte: its head (the length of its call), whether its
   NOPs are the assembled ones, whether its call is wrapped in push/pop
   pairs (pvpatch_wrapped_form(): all its bytes are kept), whether its
   call is its op's own (so its original bytes are rebuilt, not kept), and
   whether an operation is changing it. */
#define STATE_HEAD 0x0f
#define STATE_ASSEMBLED 0x10
#define STATE_WRAPPED 0x20
#define STATE_OWN_CALL 0x40
#define STATE_CHANGING 0x80

/* Bytes of a site's original contents its object keeps. */
static inline unsigned pvpatch_kept_bytes(unsigned state, unsigned size)
{
	if (state & STATE_OWN_CALL)
		return 0;
	return (state & STATE_ASSEMBLED) ? (state & STATE_HEAD) : size;
}

static inline size_t pvpatch_site_count(const struct pvpatch_object *obj)
{
	return (size_t)(obj->sites_end - obj->sites);
}

static inline struct object_work *pvpatch_work(const struct pvpatch_object *obj)
{
	return obj->work_area;
}

/* The segment of obj with all of prot that holds addr, or NULL. */
const struct pvpatch_range *pvpatch_range_of(const struct pvpatch_object *obj,
					     uintptr_t addr, unsigned prot);

/* Whether [addr, addr+len) lies in one segment of obj with all of prot. */
int pvpatch_object_holds(const struct pvpatch_object *obj, uintptr_t addr,
			 size_t len, unsigned prot);

/* The end of the segment with all of prot holding addr, in any of the
   objects; 0 if none does. */
uintptr_t pvpatch_segment_end(struct pvpatch_object *const *objects,
			      unsigned n, uintptr_t addr, unsigned prot);

/* Whether the head bytes of the site at text are the call the plugin
   emits for op itself: e8 rel32 to a direct op's function, ff 15 to an
   indirect op's slot (RIP-relative on x86-64, absolute on i386).  If
   to is not NULL, that call is put there whatever text holds. */
int pvpatch_own_call(const struct pvpatch_op *op, const unsigned char *text,
		     unsigned head, unsigned char *to);

/* The own form of op's sites (core.h); op must have been checked. */
void pvpatch_work_out_own_form(const struct pvpatch_op *op,
			       struct own_form *f);

/* The bytes of f's form at the site at text. */
static inline uint64_t pvpatch_own_form_at(const struct own_form *f,
					   const unsigned char *text)
{
	uintptr_t end = (uintptr_t)text + f->head;
	uint32_t disp = (uint32_t)(f->relative ? f->target - end : f->target);

	return f->fixed | (uint64_t)disp << (8 * (f->head - 4));
}

static inline int pvpatch_holds_own_form(const struct own_form *f,
					 const unsigned char *text)
{
	return f->op->size == OWN_FORM_SIZE &&
	       pvpatch_load8(text) == pvpatch_own_form_at(f, text);
}

/* A PVPATCH_INLINE record's clobber list as register bits; -1 if bad. */
int pvpatch_inline_clobbers(const struct pvpatch_object *obj,
			    const struct pvpatch_inline *rec, uint32_t *mask);

/* The implementation a PVPATCH_INLINE record is for. */
const void *pvpatch_inline_impl(const struct pvpatch_inline *rec);

#pragma GCC visibility pop

#endif /* PVPATCH_OBJECT_H */
