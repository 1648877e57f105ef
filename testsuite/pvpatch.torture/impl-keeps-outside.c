/* An implementation declared to clobber only its return register keeps
   every other C-ABI call-used register for its caller, though it uses
   them (a shift count, a division, a call of a plain function, which
   clobbers them all), while its own set's register is not saved for it.
   The caller is asm, which holds known values in those registers across
   the call; C would keep nothing there for GCC to prove. */
/* { dg-do run } */
#include <pvpatch.h>

unsigned sink;
__attribute__((noinline)) void plain(unsigned v)
{
	sink = v;
}

#ifdef __x86_64__
#define RET "rax"
#else
#define RET "eax"
#endif

__attribute__((paravirt_impl(RET), noinline, used)) void
impl(unsigned *p)
{
	p[0] = p[1] >> p[2];
	p[3] = p[1] / p[2];
	plain(p[0] + p[3]);
}

int main(void)
{
	unsigned v[4] = { 0, 1000, 3, 0 };
	unsigned long c = 0xc1, d = 0xd1, junk;
#ifdef __x86_64__
	register unsigned long r8 __asm__("r8") = 0x81;
	register unsigned long r9 __asm__("r9") = 0x91;
	register unsigned long r10 __asm__("r10") = 0x101;
	register unsigned long r11 __asm__("r11") = 0x111;
	unsigned long si = 0x51, di = (unsigned long)v;

	/* Below the red zone, aligned as the ABI wants at a call. */
	__asm__ volatile("mov %%rsp, %%rbx\n\t"
			 "lea -128(%%rsp), %%rsp\n\t"
			 "and $-16, %%rsp\n\t"
			 "call impl\n\t"
			 "mov %%rbx, %%rsp"
			 : "=a"(junk), "+c"(c), "+d"(d), "+S"(si), "+D"(di),
			   "+r"(r8), "+r"(r9), "+r"(r10), "+r"(r11)
			 : : "rbx", "memory", "cc");
	if (si != 0x51 || di != (unsigned long)v || r8 != 0x81 ||
	    r9 != 0x91 || r10 != 0x101 || r11 != 0x111)
		return 1;
#else
	__asm__ volatile("push %[p]\n\t"
			 "call impl\n\t"
			 "add $4, %%esp"
			 : "=a"(junk), "+c"(c), "+d"(d)
			 : [p] "S"(v) : "memory", "cc");
#endif
	(void)junk;
	return c != 0xc1 || d != 0xd1 || v[0] != 125 || v[3] != 333 ||
	       sink != 458;
}
