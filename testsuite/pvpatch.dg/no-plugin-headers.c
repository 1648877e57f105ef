/* Without the plugin the annotation macros expand to nothing, so
   annotated headers build with a plain compiler. */
/* { dg-do compile } */
/* { dg-pvpatch-no-plugin } */
/* { dg-options "-Wall -Werror" } */
#include <pvpatch.h>
#if defined(__PVPATCH__) || __has_attribute(paravirt)
#error "plugin features without the plugin"
#endif
unsigned long save_fl(void) __paravirt_callee_save;
struct ops { void (*a)(void) __paravirt; long (*b)(long) __paravirt_site("abi", 8); long (*c)(long) __paravirt_clobbers("rax"); };
extern struct ops ops;
long g(long x) { ops.a(); return ops.b(x) + ops.c(x) + (long)save_fl(); }
