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
 * changes again (docs/runtime.md).
 *
 * Each round writes runs of adjacent changing sites of one object,
 * rewriting the bytes it does not change with their current value.
 * Rounds 1 and 2 copy each site, its text then its planned bytes, into
 * the object's chunk with an int3 in place of its first byte, a writer
 * call per chunk; round 3 writes the planned bytes in place, one call
 * per run.
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

/* A run of adjacent changing sites. */
struct run {
	unsigned char *text;
	const unsigned char *from;
	size_t len;
	const struct object_work *work;
};

static int extends_run(enum round r, const struct run *run,
		       const struct site *s)
{
	return run->text + run->len == s->text && run->work == s->work &&
	       (r == ROUND_HEAD || run->len + s->size <= s->work->chunk_size);
}

static int write_round(struct pvpatch_patcher *p, enum round r)
{
	struct walk w;
	struct site s;
	struct run run = { 0, 0, 0, 0 };
	int err = PVPATCH_OK;

	pvpatch_walk_start(&w, p);
	while (!err && pvpatch_walk_next(&w, &s)) {
		if (!pvpatch_changing(&s))
			continue;
		if (run.len && !extends_run(r, &run, &s)) {
			err = call_writer(p, run.text, run.from, run.len);
			run.len = 0;
		}
		if (!run.len) {
			run.text = s.text;
			run.from = r == ROUND_HEAD ? s.planned : s.work->chunk;
			run.work = s.work;
		}
		if (r == ROUND_HEAD) {
			*s.state &= ~STATE_CHANGING;	/* the last look at it */
		} else {
			pvpatch_copy(s.work->chunk + run.len,
				     r == ROUND_TRAP ? s.text : s.planned, s.size);
			s.work->chunk[run.len] = PVPATCH_INT3;
		}
		run.len += s.size;
	}
	if (!err && run.len)
		err = call_writer(p, run.text, run.from, run.len);
	return err ? err : end_round(p, r);
}

static int write_rounds(struct pvpatch_patcher *p)
{
	int err = PVPATCH_OK;

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
