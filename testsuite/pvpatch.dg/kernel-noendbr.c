/* Kernel code: every address of text that pvpatch's records
   hold - the site (table entry), the op function (descriptor) and the
   implementation (impl record) - is annotated as Linux's ANNOTATE_NOENDBR
   does, or objtool --ibt warns "data relocation to !ENDBR" (found by make
   fuzz with Linux 6.12's module flags). */
/* { dg-do assemble } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -fcf-protection=branch" } */
#include <pvpatch.h>
void op(void) __paravirt_callee_save;
__paravirt_impl_clobbers("") void impl(void) { }
void f(void) { op(); }
/* { dg-final { scan-assembler-times "\\.pushsection \\.discard\\.noendbr\\n\\t\\.quad \\.Lpvpatch_site_0\\n" 1 } } */
/* { dg-final { scan-assembler-times "\\.pushsection \\.discard\\.noendbr\\n\\t\\.quad op\\+0\\n" 1 } } */
/* { dg-final { scan-assembler-times "\\.pushsection \\.discard\\.noendbr\\n\\t\\.quad impl\\n" 1 } } */
/* { dg-final { scan-readelf "-r" "'\\.rela\\.discard\\.noendbr' at offset 0x\[0-9a-f\]+ contains 3 entries" } } */
