/* All site entries of a function go into one link-order section, linked
   to its first site: one section per site made assembly time grow with
   the square of a unit's sites (found by the benchmarks). */
/* { dg-do assemble } */
/* { dg-options "-O2" } */
#include <pvpatch.h>
void op(void) __paravirt_callee_save;
void f(void) { op(); op(); op(); op(); }
/* { dg-final { scan-assembler-times "\\.pushsection pvpatch_sites,\"ao\",@progbits,\\.Lpvpatch_site_0\\n" 4 } } */
/* { dg-final { scan-readelf "-SW" "pvpatch_sites +PROGBITS +\[0-9a-f\]+ \[0-9a-f\]+ 000020 " } } */
