/* A call bound at a wrapped site replaces the whole site only where that
   leaves the stack as aligned as at the original call: eleven pushes in
   16 bytes of code (x86-64) are 88 bytes of stack, so the call stays
   inside the pushes and pops.  (Found by make fuzz-scan: the runtime
   counted the bytes of the push instructions, not of the stack.) */
/* { dg-do run } */
/* { dg-options "-O2" } */
/* { dg-pvpatch-scan "odd-pushes.S" "" } */
#include "stack-bits.h"

extern unsigned char odd_site[];
run_fn odd_run;

int main(void)
{
	return stack_bits_story(odd_site, odd_run);
}
/* { dg-final { scan-pvpatch-scan "call of stack_bits: site .text\\+0x\[0-9a-f\]+, (37|11) bytes, clobbers (r|e)ax;" } } */
/* { dg-output "original: changed 0\n" } */
/* { dg-output "bind: inlined 0 directed 1 nopped 0 left 0\n" } */
/* { dg-output "call inside the pushes and pops\n" } */
/* { dg-output "bound: changed 0\n" } */
/* { dg-output "stack at the call: as at the original\n" } */
