/* Outside kernel code there is no objtool: an own site gets no
   .discard.noendbr annotation (kernel-own-noendbr.c). */
/* { dg-do assemble } */
/* { dg-options "-O2 -fcf-protection=branch" } */
#include <pvpatch.h>
void irq_disable(void) __paravirt_callee_save;
void f(void) { irq_disable(); }
/* { dg-final { scan-assembler-times "\\.long \\.Lpvpatch_site_\\d+ - \\." 1 } } */
/* { dg-final { scan-assembler-not "\\.discard\\.noendbr" } } */
