/* i386 PIC: a direct op defined in a shared library is called through
   its PLT, which needs %ebx to hold the GOT at the call; the narrow
   clobbers still let values live in other registers across the site. */
/* { dg-do run } */
/* { dg-options "-m32 -O2 -fPIC" } */
/* { dg-pvpatch-shlib "m32-pic-plt-lib.c" "" } */
#include <pvpatch.h>
long lib_op(long) __paravirt_callee_save;
__attribute__((noinline)) long use(long a, long b, long c) { return lib_op(a) + a * b - c; }
int main(void) { return use(3, 4, 5) != 3 * 3 + 12 - 5; }
/* { dg-final { scan-assembler "call\\s+lib_op@PLT" } } */
