/* An op declared with the attribute and later defined without it keeps
   its class: calls after the definition are still sites. */
/* { dg-do compile } */
/* { dg-options "-O2" } */
#include <pvpatch.h>
long op(long) __paravirt_callee_save;
long op(long x) { return x + 1; }
long g(long x) { return op(x) + x; }
/* { dg-final { scan-assembler-times "\\.long \\.Lpvpatch_site_\\d+ - \\." 1 } } */
