/* A call through a copy of a slot (here a parameter) cannot be patched:
   warned, and emitted as a plain call. */
/* { dg-do compile } */
/* { dg-options "-O2" } */
#include <pvpatch.h>
struct ops { void (*f)(void) __paravirt; };
extern struct ops ops;
__attribute__((noinline)) void call_it(typeof(ops.f) fn)
{
	fn(); /* { dg-warning "the slot of this paravirt call is not statically known" } */
}
void g(void) { call_it(ops.f); }
/* { dg-final { scan-assembler-not "Lpvpatch_site" } } */
