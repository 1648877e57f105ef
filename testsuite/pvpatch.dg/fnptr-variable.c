/* A function-pointer variable annotated paravirt: calls through it are
   sites whose op is the variable. */
/* { dg-do run } */
/* { dg-options "-O2 -fno-pic -no-pie" } */
#include <pvpatch.h>
static long impl(long x) { return x * 5; }
long (*hook)(long) __paravirt = impl;
__attribute__((noinline)) long use(long x) { return hook(x) + 1; }
int main(void) { return use(4) != 21; }
/* { dg-final { scan-objdump "call\\s+\\*0x\[0-9a-f\]+\\(%rip\\) +# \[0-9a-f\]+ <hook>" } } */
