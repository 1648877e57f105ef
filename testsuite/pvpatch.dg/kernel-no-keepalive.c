/* Kernel code gets no keep-alive relocation in its sites (see
   entries-kept-by-text.c): objtool takes a relocation inside a call for
   its target, which breaks on a call gas resolved itself, to a static
   function of the same section ("can't find call dest symbol at
   pvpatch_sites", found by make fuzz with Linux's module flags).  x86
   kernels never link with --gc-sections, so nothing needs it there. */
/* { dg-do assemble } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only" } */
#include <pvpatch.h>
static void op(void) __paravirt_callee_save;
static void __attribute__((noinline)) op(void) { __asm__ volatile("" ::: "memory"); }
void f(void) { op(); op(); }
/* { dg-final { scan-objdump-times "R_X86_64_NONE" 0 } } */
/* { dg-final { scan-objdump-times "e8 \[0-9a-f \]{11}\\s+call" 2 } } */
