/* A function whose only call is a site is not a leaf: it keeps no data in
   the red zone across the site, and the stack is 16-byte aligned at the
   call.  The op writes below its stack pointer and checks alignment. */
/* { dg-do run } */
/* { dg-options "-O2" } */
#include <pvpatch.h>
long misaligned;
void scribble(void) __paravirt_callee_save;
__asm__(".text\n.globl scribble\n.type scribble, @function\nscribble:\n"
	"  lea 8(%rsp), %rax\n  and $15, %rax\n  add %rax, misaligned(%rip)\n"
	"  movq $-1, -8(%rsp)\n  movq $-1, -16(%rsp)\n  movq $-1, -24(%rsp)\n"
	"  movq $-1, -32(%rsp)\n  movq $-1, -64(%rsp)\n  movq $-1, -96(%rsp)\n"
	"  movq $-1, -120(%rsp)\n  ret\n");
__attribute__((noinline)) long leafish(long a, long b)
{
	volatile long local[8] = { a, b, a + b, a - b, a * b, 1, 2, 3 };
	scribble();
	return local[0] + local[1] + local[2] + local[3] + local[4] + local[5] + local[6] + local[7];
}
int main(void) { return leafish(5, 3) != 5 + 3 + 8 + 2 + 15 + 6 || misaligned; }
