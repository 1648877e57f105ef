/* An implementation that calls another implementation with a wider set
   still keeps, for its own caller, the registers outside its own set
   that the callee clobbers (%ecx or %rcx, the callee's shift count): the
   call is taken to clobber the C ABI's registers.  The callee is
   defined after the caller, so that no knowledge of its body (-fipa-ra)
   can stand in for that.  The caller's caller is asm, as in
   impl-keeps-outside.c. */
/* { dg-do run } */
#include <pvpatch.h>

#ifdef __x86_64__
#define RET "rax"
#define WIDE "rax,rcx,rdx,rsi,rdi,r8,r9,r10"
#else
#define RET "eax"
#define WIDE "eax,ecx"
#endif

void wide(unsigned *p);

__attribute__((paravirt_impl(RET), noinline, used)) void impl(unsigned *p)
{
	wide(p);
}

__attribute__((paravirt_impl(WIDE), noinline)) void wide(unsigned *p)
{
	p[0] = p[1] >> p[2];
}

int main(void)
{
	unsigned v[3] = { 0, 1000, 3 };
	unsigned long c = 0xc1, junk;
#ifdef __x86_64__
	unsigned long di = (unsigned long)v;

	/* Below the red zone, aligned as the ABI wants at a call. */
	__asm__ volatile("mov %%rsp, %%rbx\n\t"
			 "lea -128(%%rsp), %%rsp\n\t"
			 "and $-16, %%rsp\n\t"
			 "call impl\n\t"
			 "mov %%rbx, %%rsp"
			 : "=a"(junk), "+c"(c), "+D"(di)
			 : : "rbx", "rdx", "rsi", "r8", "r9", "r10", "r11",
			     "memory", "cc");
#else
	__asm__ volatile("push %[p]\n\t"
			 "call impl\n\t"
			 "add $4, %%esp"
			 : "=a"(junk), "+c"(c)
			 : [p] "S"(v) : "edx", "memory", "cc");
#endif
	(void)junk;
	return c != 0xc1 || v[0] != 125;
}
