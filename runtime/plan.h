/* SPDX-License-Identifier: MIT */
/* The planning stage (plan.c): what each site gets, and the walk over
   every site that the writing stage also uses. */
#ifndef PVPATCH_PLAN_H
#define PVPATCH_PLAN_H

#include "object.h"

#pragma GCC visibility push(hidden)

/* One site during an operation. */
struct site {
	const struct pvpatch_op *op;
	unsigned char *text;
	unsigned size;
	unsigned head;			/* length of the original call */
	unsigned char *state;		/* in its object's work area */
	const unsigned char *saved;	/* original bytes kept, maybe none */
	unsigned char *planned;		/* what the operation will write */
	struct object_work *work;	/* its object's */
};

/* Every site of every object, in address order within each object.  The
   current object's arrays are copied in so they can live in registers. */
struct walk {
	struct pvpatch_patcher *p;
	unsigned object;		/* the next one */
	size_t index, count;
	const struct pvpatch_site *sites;
	struct object_work *work;
	unsigned char *saved, *planned;
};

void pvpatch_walk_start(struct walk *w, struct pvpatch_patcher *p);

/* Move on to the next object with sites left; 0 at the end. */
int pvpatch_walk_object(struct walk *w);

/* The next site into s; 0 at the end.  Inline: every operation calls it
   for every site several times. */
static inline int pvpatch_walk_next(struct walk *w, struct site *s)
{
	const struct pvpatch_site *e;
	size_t j;

	if (w->index == w->count && !pvpatch_walk_object(w))
		return 0;
	j = w->index++;
	e = &w->sites[w->work->by_addr ? w->work->by_addr[j] : j];
	s->op = pvpatch_site_op(e);
	s->text = pvpatch_site_addr(e);
	s->size = s->op->size;
	s->state = &w->work->state[j];
	s->head = *s->state & STATE_HEAD;
	s->saved = w->saved;
	s->planned = w->planned;
	s->work = w->work;
	w->saved += pvpatch_kept_bytes(*s->state, s->size);
	w->planned += s->size;
	return 1;
}

static inline int pvpatch_changing(const struct site *s)
{
	return *s->state & STATE_CHANGING;
}

enum goal { GOAL_BIND, GOAL_REVERT };

struct operation {
	enum goal goal;
	const void *only;	/* only sites of the op with this target */
	void *impl;		/* with only: the binding they get */
	const struct pvpatch_op *found;	/* set by pvpatch_find_op() */
	size_t changing;	/* sites the plan changes */
};

/* The descriptor of the op with target op->only, into op->found; 0 if no
   site names it. */
int pvpatch_find_op(struct pvpatch_patcher *p, struct operation *op);

/* Whether desc's slot is an aligned word wholly inside one segment, with
   all of prot, of some object (maybe not the descriptor's). */
int pvpatch_slot_ok(struct pvpatch_patcher *p, const struct pvpatch_op *desc,
		    unsigned prot);

/* Plan every site the operation considers: its new bytes in planned,
   and the site flagged changing if they differ from its text.  Counts into p->stats.  On error,
   p->fault says where and some sites may be flagged. */
int pvpatch_plan(struct pvpatch_patcher *p, struct operation *op);

#pragma GCC visibility pop

#endif /* PVPATCH_PLAN_H */
