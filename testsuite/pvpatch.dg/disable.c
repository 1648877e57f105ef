/* -fplugin-arg-pvpatch-disable: the attribute is accepted but calls stay
   plain calls: the code is exactly that of a build without the plugin. */
/* { dg-do assemble } */
/* { dg-options "-O2 -fplugin-arg-pvpatch-disable" } */
#include <pvpatch.h>
unsigned long save_fl(void) __paravirt_callee_save;
struct ops { void (*f)(void) __paravirt; };
extern struct ops ops;
long g(long a, long b) { ops.f(); return a * b + (long)save_fl(); }
/* { dg-final { pvpatch-same-code-without-plugin } } */
/* { dg-final { scan-objdump-not "Lpvpatch|pvpatch_sites|pvpatch_op" } } */
