/* SPDX-License-Identifier: MIT */
/*
 * Body of freestanding-64.c and freestanding-32.c: the runtime's core used
 * the way a kernel or boot loader would, without libc
 * (freestanding-base.h): apply, bind and revert on a few sites.
 */
#include "freestanding-base.h"

/* The sites.  seven() is more than one instruction: a direct call. */
static volatile unsigned long six_v = 6, one_v = 1;
__attribute__((noinline)) unsigned long forty_two(void) { return 42; }
__attribute__((noinline)) unsigned long seven(void) { return six_v + one_v; }
__attribute__((noinline)) void nothing(void) { }
FIXTURE_IMPL(seven, "REG_AX | REG_CX | REG_DX");
PVPATCH_INLINE(nothing, "", "");

unsigned long (*value_slot)(void) = seven;
FIXTURE_OP(op_direct, forty_two, "REG_AX", 8, 0);
FIXTURE_SITE_FN(direct_site, op_direct, 8, "", "call forty_two");
FIXTURE_OP(op_slot, value_slot, "REG_AX | REG_CX | REG_DX", 8, 1);
FIXTURE_SLOT_SITE_FN(slot_site, op_slot, 8, value_slot);
FIXTURE_OP(op_nothing, nothing, "0", 8, 0);
FIXTURE_SITE_FN(nothing_site, op_nothing, 8, "", "call nothing");
unsigned long direct_site(void), slot_site(void), nothing_site(void);
extern unsigned char direct_site_site[], slot_site_site[];


static struct pvpatch_range ranges[8];
static struct pvpatch_object object;
static struct pvpatch_object *const objects[] = { &object };
static struct pvpatch_patcher patcher;
static unsigned char work[4096] __attribute__((aligned(8)));

static void out_calls(void)
{
	out("calls ");
	out_num(direct_site());
	out(" ");
	out_num(slot_site());
	out("\n");
}

int freestanding_main(void)
{
	unsigned char original[8];
	const void *fault;
	size_t size;

	program_object(&object, ranges, 8);
	if (report("measure", pvpatch_object_measure(&object, &size, &fault)) ||
	    size > sizeof(work) ||
	    report("init", pvpatch_object_init(&object, work, size, &fault)))
		return 1;
	memcpy(original, slot_site_site, 8);
	patcher.objects = objects;
	patcher.nobjects = 1;
	patcher.writer = (struct pvpatch_writer){ write_text, sync_text, 0 };
	if (report("apply", pvpatch_core_apply(&patcher)))
		return 1;
	out_stats("apply", &patcher);
	nothing_site();
	out_calls();
	if (report("bind", pvpatch_core_bind(&patcher, &value_slot, forty_two)))
		return 1;
	out_hex(slot_site_site, 8);
	out("\n");
	out_calls();
	if (report("revert", pvpatch_core_revert(&patcher)))
		return 1;
	out("slot site");
	for (int i = 0; i < 8; i++)
		if (slot_site_site[i] != original[i]) {
			out(" changed\n");
			return 1;
		}
	out(" original\n");
	out_calls();
	return 0;
}
