/* The first site of a function part keeps the part's table entries with
   a no-op relocation, so that ld --gc-sections cannot drop them while it
   keeps the function (bug 12).  It sits on the call's last byte, after
   the call's own relocation, because objtool takes an instruction's first
   relocation for its operand; the part's other sites need none. */
/* { dg-do assemble } */
/* { dg-options "-O2" } */
#include <pvpatch.h>
void op(void) __paravirt_callee_save;
void f(void) { op(); op(); }
/* { dg-final { scan-objdump "e8 00 00 00 00\\s+call\[^\\n\]*\\n\\s+\[0-9a-f\]+: R_X86_64_PLT32\\s+op-0x4\\n\\s+\[0-9a-f\]+: R_X86_64_NONE\\s+pvpatch_sites\\n" } } */
/* { dg-final { scan-objdump-times "R_X86_64_NONE" 1 } } */
