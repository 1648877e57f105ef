/* Each inlined copy of a caller gets its own site (and label). */
/* { dg-do compile } */
/* { dg-options "-O2" } */
#include <pvpatch.h>
void irq_disable(void) __paravirt_callee_save;
static inline void lock(int *l) { irq_disable(); *l = 1; }
void a(int *l) { lock(l); }
void b(int *l) { lock(l); lock(l + 1); }
/* { dg-final { scan-assembler-times "^\\s*\\.Lpvpatch_site_\\d+:" 3 } } */
/* { dg-final { scan-assembler-times "\\.long \\.Lpvpatch_site_\\d+ - \\." 3 } } */
