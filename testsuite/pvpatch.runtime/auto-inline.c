/* A tiny compiled body with no record is inlined when the decoder can
   prove what it writes: "return 42" is mov $42 to the return register,
   which the op may clobber.  An empty body becomes NOPs. */
/* { dg-options "-O2" } */
#include "fixture.h"

__attribute__((noinline)) unsigned long forty_two(void) { return 42; }
__attribute__((noinline)) void empty(void) { }
unsigned long (*answer_slot)(void) = forty_two;
void (*hook_slot)(void) = empty;

FIXTURE_OP(op_answer, answer_slot, "REG_AX", 8, 1);
FIXTURE_SLOT_SITE_FN(answer_site, op_answer, 8, answer_slot);
FIXTURE_OP(op_hook, hook_slot, "0", 8, 1);
FIXTURE_SLOT_SITE_FN(hook_site, op_hook, 8, hook_slot);
extern unsigned char answer_site_site[], hook_site_site[];
unsigned long answer_site(void);
void hook_site(void);

int main(void)
{
	FIXTURE_CHECK(pvpatch_apply());
	fixture_print_stats("apply");
	fixture_print_bytes("answer", answer_site_site, 8);
	fixture_print_bytes("hook", hook_site_site, 8);
	hook_site();
	printf("call %lu\n", answer_site());
	return 0;
}
/* { dg-output "apply: inlined 1 directed 0 nopped 1 left 0\n" } */
/* { dg-output "answer: 2e b8 2a 00 00 00 66 90\n" } */
/* { dg-output "hook: 66 0f 1f 44 00 00 66 90\n" } */
/* { dg-output "call 42" } */
