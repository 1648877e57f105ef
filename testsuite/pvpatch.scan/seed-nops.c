/* The seed's example, push ax, cx, dx; call; pop dx, cx, ax: the site is the
   11 bytes, which keep ax, cx and dx; an op whose implementation declares
   no code makes them all NOPs, and revert brings the pushes, call and
   pops back. */
/* { dg-do run } */
/* { dg-options "-O2" } */
/* { dg-pvpatch-scan "seed.S" "" } */
#include "run.h"

void nothing(void) {}
PVPATCH_INLINE(nothing, "", "");

extern unsigned char seed_site[];
run_fn seed_run;

int main(void)
{
	return run_apply_revert(seed_site, 11, seed_run);
}
/* { dg-final { scan-pvpatch-scan "seed.o: .text\\+0x\[0-9a-f\]+: call of nothing: site .text\\+0x\[0-9a-f\]+, 11 bytes, clobbers (rsi,rdi,r8,r9,r10,r11,)?vec,x87; widening stopped at no push/pop pair around it" } } */
/* { dg-output "original: changed 0 ax 0x5a5a0000\n" } */
/* { dg-output "apply: inlined 0 directed 0 nopped 1 left 0\n" } */
/* { dg-output "site: 66 66 2e 0f 1f 84 00 00 00 00 00\n" } */
/* { dg-output "patched: changed 0 ax 0x5a5a0000\n" } */
/* { dg-output "revert: unchanged\n" } */
/* { dg-output "reverted: changed 0 ax 0x5a5a0000\n" } */
