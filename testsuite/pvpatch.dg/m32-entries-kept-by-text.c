/* As entries-kept-by-text.c for i386: R_386_NONE on the call's last byte,
   after its R_386_PC32. */
/* { dg-do assemble } */
/* { dg-options "-m32 -O2 -fno-pic" } */
#include <pvpatch.h>
void op(void) __paravirt_callee_save;
void f(void) { op(); op(); }
/* { dg-final { scan-objdump "call\[^\\n\]*\\n\\s+\[0-9a-f\]+: R_386_PC32\\s+op\\n\\s+\[0-9a-f\]+: R_386_NONE\\s+pvpatch_sites\\n" } } */
/* { dg-final { scan-objdump-times "R_386_NONE" 1 } } */
