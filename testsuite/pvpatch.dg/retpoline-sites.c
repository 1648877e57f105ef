/* With -mindirect-branch=thunk an unpatched indirect site calls the
   retpoline thunk: no indirect call instruction is left. */
/* { dg-do compile } */
/* { dg-options "-O2 -mindirect-branch=thunk -fcf-protection=none" } */
#include <pvpatch.h>
struct ops { void (*a)(void) __paravirt_callee_save; long (*b)(long) __paravirt; };
extern struct ops ops;
long g(long x) { ops.a(); return ops.b(x); }
/* { dg-final { scan-assembler-times "call\\s+__x86_indirect_thunk_" 2 } } */
/* { dg-final { scan-assembler-not "call\\s+\\*" } } */
