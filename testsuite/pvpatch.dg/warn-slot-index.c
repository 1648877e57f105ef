/* A slot at a variable index is not statically known: warned, and
   emitted as a plain call; a constant index is a site. */
/* { dg-do compile } */
/* { dg-options "-O2" } */
#include <pvpatch.h>
struct ops { void (*f)(void) __paravirt; };
struct ops table[4];
void g(int i)
{
	table[i].f(); /* { dg-warning "the slot of this paravirt call is not statically known" } */
	table[2].f();
}
/* { dg-final { scan-assembler-times "\\.long \\.Lpvpatch_site_\\d+ - \\." 1 } } */
