/* -mindirect-branch=thunk: indirect sites call the retpoline thunk. */
/* { dg-do run } */
/* { dg-options "-O2 -mindirect-branch=thunk -mfunction-return=thunk -fcf-protection=none" } */
#include "site-run.h"
/* { dg-final { scan-objdump "call\[^\\n\]*__x86_indirect_thunk_" } } */
