/* An op returning double: callee_save clobbers the vector registers
   (xmm0 returns the value) and nothing else. */
/* { dg-do run } */
/* { dg-options "-O2 -fplugin-arg-pvpatch-dump" } */
#include <pvpatch.h>
double half(double) __paravirt_callee_save;
__asm__(".text\n.globl half\n.type half, @function\nhalf:\n"
	"  mulsd .Lhalf(%rip), %xmm0\n  pcmpeqd %xmm1, %xmm1\n  ret\n"
	".section .rodata\n.balign 8\n.Lhalf: .double 0.5\n.text\n");
__attribute__((noinline)) double use(double a, double b, long k) { return half(a) + b + k * 2; }
int main(void) { return use(3.0, 1.0, 5) != 1.5 + 1.0 + 10; }
/* { dg-final { scan-dump "pvpatch" "op half\\+0 clobbers vec size 8" } } */
