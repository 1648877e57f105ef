/* An annotated function-pointer member of a union nested in a struct. */
/* { dg-do run } */
/* { dg-options "-O2 -fno-pic -no-pie" } */
#include <pvpatch.h>
static long impl(long x) { return x - 1; }
struct outer { long pad; union { long (*op)(long) __paravirt_callee_save; void *raw; } u; };
struct outer table = { 0, { impl } };
__attribute__((noinline)) long use(long x) { return table.u.op(x) * 2; }
int main(void) { return use(4) != 6; }
/* { dg-final { scan-objdump "call\\s+\\*0x\[0-9a-f\]+\\(%rip\\) +# \[0-9a-f\]+ <table\\+0x8>" } } */
