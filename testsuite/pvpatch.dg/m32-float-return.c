/* i386 returns floating point in st(0): callee_save then clobbers the
   x87 state and nothing else. */
/* { dg-do run } */
/* { dg-options "-m32 -O2 -fplugin-arg-pvpatch-dump" } */
#include <pvpatch.h>
double same(double) __paravirt_callee_save;
__asm__(".text\n.globl same\n.type same, @function\nsame:\n"
	"  fldl 4(%esp)\n  ret\n");
__attribute__((noinline)) double use(double a, long k) { return same(a) + k * 2; }
int main(void) { return use(3.0, 5) != 3.0 + 10; }
/* { dg-final { scan-dump "pvpatch" "op same\\+0 clobbers x87 size 8" } } */
