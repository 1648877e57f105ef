/* Inline code that writes only what the widened site frees (the op's
   return register) replaces the whole site, pushes and pops included;
   revert restores them. */
/* { dg-do run } */
/* { dg-options "-O2" } */
/* { dg-pvpatch-scan "answer.S" "" } */
#include "run.h"

unsigned long answer(void) { return 42; }
PVPATCH_INLINE(answer, "mov $42, %eax", "eax");

extern unsigned char answer_site[];
run_fn answer_run;

int main(void)
{
	return run_apply_revert(answer_site, 9, answer_run);
}
/* { dg-final { scan-pvpatch-scan "call of answer: site .text\\+0x\[0-9a-f\]+, 9 bytes, clobbers (r|e)ax;" } } */
/* { dg-output "original: changed 0 ax 0x2a\n" } */
/* { dg-output "apply: inlined 1 directed 0 nopped 0 left 0\n" } */
/* { dg-output "site: b8 2a 00 00 00 0f 1f 40 00\n" } */
/* { dg-output "patched: changed 0 ax 0x2a\n" } */
/* { dg-output "revert: unchanged\n" } */
/* { dg-output "reverted: changed 0 ax 0x2a\n" } */
