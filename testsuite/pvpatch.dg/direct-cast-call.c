/* A direct op called through a cast of its address is still a site. */
/* { dg-do compile } */
/* { dg-options "-O2" } */
#include <pvpatch.h>
long op(long) __paravirt_callee_save;
long g(long x) { return ((long (*)(long))op)(x) + x; }
/* { dg-final { scan-assembler-times "\\.long \\.Lpvpatch_site_\\d+ - \\." 1 } } */
/* { dg-final { scan-assembler-not "jmp\\s+op" } } */
