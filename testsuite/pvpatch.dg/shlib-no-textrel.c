/* A shared object's site table needs no dynamic relocation: entries are
   PC-relative, preemptible targets go through a RELRO word. */
/* { dg-do link } */
/* { dg-options "-O2 -fPIC -shared" } */
#include <pvpatch.h>
long op(long) __paravirt;
long op(long x) { return x + 1; }
struct ops { long (*f)(long) __paravirt_callee_save; } ops;
long g(long x) { return op(x) + ops.f(x); }
/* { dg-final { scan-readelf-not "-d" "TEXTREL" } } */
/* { dg-final { scan-readelf-not "-rW" "pvpatch_sites|\\.rodata\\.pvpatch_op" } } */
/* { dg-final { scan-readelf "-SW" "pvpatch_sites +PROGBITS +\[0-9a-f\]+ \[0-9a-f\]+ 000010 " } } */
