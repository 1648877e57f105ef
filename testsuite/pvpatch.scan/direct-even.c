/* A call bound at a site wrapped in 16 bytes of pushes (two on x86-64,
   four on i386) replaces the whole site, pushes and pops included, where
   the implementation clobbers only what the site frees: the stack is as
   aligned at it as at the original call. */
/* { dg-do run } */
/* { dg-options "-O2" } */
/* { dg-pvpatch-scan "even-pushes.S" "" } */
#include "stack-bits.h"

extern unsigned char even_site[];
run_fn even_run;

int main(void)
{
	return stack_bits_story(even_site, even_run);
}
/* { dg-final { scan-pvpatch-scan "call of stack_bits: site .text\\+0x\[0-9a-f\]+, (11|13) bytes, clobbers (r|e)ax;" } } */
/* { dg-output "original: changed 0\n" } */
/* { dg-output "bind: inlined 0 directed 1 nopped 0 left 0\n" } */
/* { dg-output "call over the whole site\n" } */
/* { dg-output "bound: changed 0\n" } */
/* { dg-output "stack at the call: as at the original\n" } */
