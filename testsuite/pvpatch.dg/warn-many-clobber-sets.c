/* More distinct clobber sets than GCC has call ABIs (6 free ids in GCC 12,
   more in GCC 11): sites past the limit conservatively assume the C-ABI set,
   with one warning; code stays correct.  No set contains another, since a
   set within one already given an id would share it without a warning,
   and GCC versions ask for the sets in different orders. */
/* { dg-do run } */
/* { dg-options "-O2" } */
#define OP(n, regs) long op##n(long) __attribute__((paravirt(regs))); \
	long op##n(long x) { return x + n; }
OP(1, "rax,r11") OP(2, "rax,rcx") OP(3, "rax,rdx") OP(4, "rax,rsi") OP(5, "rax,rdi")
OP(6, "rax,r8") OP(7, "rax,r9") OP(8, "rax,r10") OP(9, "rax,rbx")
__attribute__((noinline)) long use(long x) { return op1(x) + op2(x) + op3(x) + op4(x) + op5(x) + op6(x) + op7(x) + op8(x) + op9(x); }
int main(void) { return use(1) != 9 + 45; }
/* { dg-warning "more distinct clobber sets than GCC has call ABIs" "" { target *-*-* } 0 } */
