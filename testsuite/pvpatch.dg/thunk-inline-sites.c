/* With -mindirect-branch=thunk-inline, indirect sites call the thunk out
   of line rather than holding an inline retpoline. */
/* { dg-do compile } */
/* { dg-options "-O2 -mindirect-branch=thunk-inline -fcf-protection=none" } */
#include <pvpatch.h>
struct ops { void (*a)(void) __paravirt_callee_save; };
extern struct ops ops;
void g(void) { ops.a(); }
/* { dg-final { scan-assembler "call\\s+__x86_indirect_thunk_" } } */
/* { dg-final { scan-assembler-not "call\\s+\\*" } } */
