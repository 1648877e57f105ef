/* With -flto the check that a static initializer binds a slot only to a
   function that keeps the slot's clobber set is made at link time, like
   the other contract checks; it was skipped, and the program ran with the
   caller's registers clobbered.  Found by testsuite/fuzz/attrfuzz.py; see
   docs/reliability.md. */
/* { dg-do link } */
/* { dg-options "-O2 -flto" } */
/* { dg-prune-output "lto-wrapper" } */
#include <pvpatch.h>
struct pv_irq_ops { void (*irq_disable)(void) __paravirt_callee_save; };
void native_disable(void) { __asm__ volatile("xor %%esi, %%esi" ::: "esi"); }
struct pv_irq_ops bad = { native_disable }; /* { dg-error "'native_disable' clobbers '\[er\]si', outside the clobber set of the paravirt slot it is bound to" } */
int main(void)
{
	bad.irq_disable();
	return 0;
}
