/* SPDX-License-Identifier: MIT */
/*
 * The writing stage and the operations: an operation plans every site,
 * then writes the changes in three int3-first rounds through the caller's
 * writer.  Freestanding; docs/runtime.md explains the protocol.
 */
#include "plan.h"

/*
 * Writing: round 1 puts an int3 on the first byte of each changing site;
 * round 2 writes the other bytes, which no CPU can now reach; round 3 the
 * first byte.  Rounds 1 and 2 end with sync(), so every CPU has dropped
 * the old bytes before the next round; round 3 with the writer's finish()
 * if it has one: a CPU that still runs the int3 meanwhile traps, and the
 * next operation's first sync() serializes it before any of these bytes
 * changes again (docs/runtime.md).  A patcher alone (no other thread)
 * needs only the last round.
 *
 * Each round writes windows of an object's text, each at most its chunk
 * long, holding changing sites at most the writer's merge_gap (and
 * WINDOW_GAP) bytes apart: a window is copied from the text into the
 * chunk as it grows, the round's bytes of each site put over the copy,
 * and the writer called once for it.  The bytes it does not change
 * (between sites, if the writer allows, and in them) are rewritten with
 * their current values.
 */
enum round { ROUND_TRAP, ROUND_TAIL, ROUND_HEAD };

static int call_writer(struct pvpatch_patcher *p, void *dst, const void *src,
		       size_t len)
{
	if (!p->writer.write(p->writer.ctx, dst, src, len))
		return PVPATCH_OK;
	p->fault = dst;
	return PVPATCH_ERR_WRITE;
}

/* The end of a round: the last may need no serializing. */
static int end_round(struct pvpatch_patcher *p, enum round r)
{
	int (*end)(void *) = r == ROUND_HEAD && p->writer.finish
				     ? p->writer.finish : p->writer.sync;

	if (!end(p->writer.ctx))
		return PVPATCH_OK;
	p->fault = 0;
	return PVPATCH_ERR_SYNC;
}

static void clear_changing(struct pvpatch_patcher *p)
{
	struct walk w;
	struct site s;

	pvpatch_walk_start(&w, p);
	while (pvpatch_walk_next(&w, &s))
		*s.state &= ~STATE_CHANGING;
}

/* Shorter than a page, so that the bytes between two sites of a window
   never span a hole between segments. */
#define WINDOW_GAP 64

/* Text being copied into its object's chunk. */
struct window {
	unsigned char *text;
	size_t len;
	struct object_work *work;
	size_t gap;	/* the most it may hold between two sites */
};

static int extends_window(const struct window *win, const struct site *s)
{
	size_t gap = (size_t)(s->text - (win->text + win->len));

	return win->work == s->work && s->text >= win->text + win->len &&
	       gap <= win->gap &&
	       (size_t)(s->text + s->size - win->text) <= s->work->chunk_size;
}

/* The site's bytes as the round writes them, over the window's copy. */
static void put_round(enum round r, struct window *win, const struct site *s)
{
	unsigned char *at = win->work->chunk + (s->text - win->text);
	size_t end = (size_t)(s->text + s->size - win->text);

	pvpatch_copy(win->work->chunk + win->len, win->text + win->len, end - win->len);
	win->len = end;
	if (r != ROUND_TRAP)
		pvpatch_copy(at, s->planned, s->size);
	if (r != ROUND_HEAD)
		*at = PVPATCH_INT3;
	else
		*s->state &= ~STATE_CHANGING;	/* the last look at it */
}

static int write_round(struct pvpatch_patcher *p, enum round r)
{
	struct walk w;
	struct site s;
	struct window win = { 0, 0, 0, p->writer.merge_gap };
	int err = PVPATCH_OK;

	if (win.gap > WINDOW_GAP)
		win.gap = WINDOW_GAP;

	pvpatch_walk_start(&w, p);
	while (!err && pvpatch_walk_next(&w, &s)) {
		if (!pvpatch_changing(&s))
			continue;
		if (win.len && !extends_window(&win, &s)) {
			err = call_writer(p, win.text, win.work->chunk, win.len);
			win.len = 0;
		}
		if (!win.len) {
			win.text = s.text;
			win.work = s.work;
		}
		put_round(r, &win, &s);
	}
	if (!err && win.len)
		err = call_writer(p, win.text, win.work->chunk, win.len);
	return err ? err : end_round(p, r);
}

/* Alone, the last round's writing every site's new bytes whole is all
   it takes: no other thread can run a site meanwhile. */
static int write_rounds(struct pvpatch_patcher *p)
{
	int err = PVPATCH_OK;

	if (p->alone)
		return write_round(p, ROUND_HEAD);

	for (enum round r = ROUND_TRAP; !err && r <= ROUND_HEAD; r++)
		err = write_round(p, r);
	return err;
}

/* ---- Operations ---- */

static int run(struct pvpatch_patcher *p, struct operation *op)
{
	int err;

	p->stats = (struct pvpatch_stats){ 0, 0, 0, 0 };
	p->fault = 0;
	/* Flags are clear between operations: the last round clears them. */
	err = pvpatch_plan(p, op);
	if (!err && op->changing)
		err = write_rounds(p);
	if (err)
		clear_changing(p);
	return err;
}

int pvpatch_core_apply(struct pvpatch_patcher *p)
{
	struct operation op = { GOAL_BIND, 0, 0, 0, 0 };

	return run(p, &op);
}

int pvpatch_core_revert(struct pvpatch_patcher *p)
{
	struct operation op = { GOAL_REVERT, 0, 0, 0, 0 };

	return run(p, &op);
}

int pvpatch_core_bind(struct pvpatch_patcher *p, void *target, void *impl)
{
	struct operation op = { GOAL_BIND, target, impl, 0, 0 };
	int err;

	p->fault = 0;
	if (!target || !impl)
		return PVPATCH_ERR_INVAL;
	if (!pvpatch_find_op(p, &op))
		return PVPATCH_ERR_UNKNOWN_OP;
	if ((op.found->flags & PVPATCH_OP_INDIRECT) &&
	    !pvpatch_slot_ok(p, op.found, PVPATCH_PROT_READ | PVPATCH_PROT_WRITE))
		return PVPATCH_ERR_BAD_OP;
	err = run(p, &op);
	if (err || !(op.found->flags & PVPATCH_OP_INDIRECT))
		return err;
	/* After the sites: none calls through the slot to impl before its
	   own contract was checked. */
	__atomic_store_n((void **)target, impl, __ATOMIC_RELEASE);
	return PVPATCH_OK;
}

const char *pvpatch_strerror(int err)
{
	switch (err) {
	case PVPATCH_OK:
		return "success";
	case PVPATCH_ERR_BAD_NOTE:
		return "a pvpatch note does not bound a table inside its object";
	case PVPATCH_ERR_BAD_OP:
		return "an op descriptor has an unknown version, flags or clobbers, "
		       "a size below 5, or a target outside its object";
	case PVPATCH_ERR_SITE_RANGE:
		return "a site lies outside the executable segments of its object";
	case PVPATCH_ERR_SITE_BYTES:
		return "a site is not one call instruction followed by NOPs";
	case PVPATCH_ERR_OVERLAP:
		return "two sites overlap";
	case PVPATCH_ERR_BAD_IMPL:
		return "an implementation record is malformed";
	case PVPATCH_ERR_BAD_INLINE:
		return "a PVPATCH_INLINE record is malformed or its code cannot be "
		       "moved into a site";
	case PVPATCH_ERR_INVAL:
		return "invalid argument";
	case PVPATCH_ERR_UNKNOWN_OP:
		return "no site table names this op";
	case PVPATCH_ERR_CLOBBERS:
		return "the implementation clobbers registers the op must preserve";
	case PVPATCH_ERR_RANGE:
		return "a call rel32 at a site cannot reach the implementation";
	case PVPATCH_ERR_NOT_LIVE:
		return "a site holds code only a quiescent patch may replace";
	case PVPATCH_ERR_NOMEM:
		return "out of memory";
	case PVPATCH_ERR_WRITE:
		return "writing text failed";
	case PVPATCH_ERR_SYNC:
		return "serializing the other CPUs failed";
	default:
		return "unknown pvpatch status";
	}
}
