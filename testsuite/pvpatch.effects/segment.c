/* Segment register loads (mov, pop, lfs...) and stores (mov, push): a
   load writes no general register except the one lfs, lgs and lss load
   the offset into, a store to a register writes it.  A record forgetting
   such a register is refused at the instruction, one declaring it is
   accepted. */
/* { dg-options "-O2" } */
#include "effect-check.h"

EFFECT_RECORD("mov %eax, %ds; mov %edi, %es", "");
EFFECT_RECORD("mov %ds, %eax", "");
EFFECT_RECORD("mov %ds, %eax", "eax");
EFFECT_RECORD("push %fs; pop %gs", "");
EFFECT_RECORD(EFFECT_WIDTH("lfs (%rdi), %ecx", "lfs (%edi), %ecx"), "");
EFFECT_RECORD(EFFECT_WIDTH("lss (%rdi), %edx", "lss (%edi), %edx"), "edx");
EFFECT_RECORD(EFFECT_WIDTH("push %fs; mov %fs, %eax; pop %fs", "push %ds; push %ss; mov %ds, %eax; pop %es; pop %ds"), "");
EFFECT_RECORD(EFFECT_WIDTH("push %fs; mov %fs, %eax; pop %fs", "push %ds; push %ss; mov %ds, %eax; pop %es; pop %ds"), "eax");
EFFECT_RECORD(EFFECT_WIDTH("lgs (%rsi), %eax", "les (%esi), %eax"), "edx");
EFFECT_RECORD(EFFECT_WIDTH("lgs (%rsi), %eax", "les (%esi), %eax"), "eax");
/* { dg-output "record 0: accepted\n" } */
/* { dg-output "record 1: refused at \\+0\n" } */
/* { dg-output "record 2: accepted\n" } */
/* { dg-output "record 3: accepted\n" } */
/* { dg-output "record 4: refused at \\+0\n" } */
/* { dg-output "record 5: accepted\n" } */
/* { dg-output "record 6: refused at \\+2\n" } */
/* { dg-output "record 7: accepted\n" } */
/* { dg-output "record 8: refused at \\+0\n" } */
/* { dg-output "record 9: accepted\n" } */
