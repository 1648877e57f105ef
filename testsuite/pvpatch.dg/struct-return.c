/* Ops returning structs: in rax:rdx (callee_save clobbers both) and in
   memory (the address comes back in rax). */
/* { dg-do run } */
/* { dg-options "-O2" } */
#include <pvpatch.h>
struct pair { long a, b; };
struct big { long v[6]; };
struct pair two(long) __paravirt_callee_save;
struct big six(long) __paravirt_callee_save;
__attribute__((no_caller_saved_registers, target("general-regs-only"))) struct pair two(long x) { struct pair p = { x, x * 2 }; return p; }
__attribute__((no_caller_saved_registers, target("general-regs-only"))) struct big six(long x) { struct big b = { { x, x + 1, x + 2, x + 3, x + 4, x + 5 } }; return b; }
__attribute__((noinline)) long use(long x, long y) { struct pair p = two(x); struct big b = six(y); return p.a + p.b + b.v[0] + b.v[5] + x * y; }
int main(void) { return use(3, 10) != 3 + 6 + 10 + 15 + 30; }
/* { dg-final { scan-objdump "call\[^\\n\]*<two>" } } */
