/* A move from a control or debug register writes its general register, a
   move to one writes none: a record that reads cr3 or dr7 without
   declaring the register is refused at the move. */
/* { dg-options "-O2" } */
#include "effect-check.h"

EFFECT_RECORD(EFFECT_WIDTH("mov %cr3, %rax", "mov %cr3, %eax"), "");
EFFECT_RECORD(EFFECT_WIDTH("mov %cr3, %rax", "mov %cr3, %eax"), "eax");
EFFECT_RECORD(EFFECT_WIDTH("mov %rdi, %cr3; mov %rsi, %cr4", "mov %edi, %cr3; mov %esi, %cr4"), "");
EFFECT_RECORD(EFFECT_WIDTH("mov %cr0, %rcx; or $8, %rcx; mov %rcx, %cr0",
			   "mov %cr0, %ecx; or $8, %ecx; mov %ecx, %cr0"), "edx");
EFFECT_RECORD(EFFECT_WIDTH("mov %cr0, %rcx; or $8, %rcx; mov %rcx, %cr0",
			   "mov %cr0, %ecx; or $8, %ecx; mov %ecx, %cr0"), "ecx");
EFFECT_RECORD(EFFECT_WIDTH("mov %rdi, %dr7; mov %dr6, %rdx", "mov %edi, %dr7; mov %dr6, %edx"), "");
EFFECT_RECORD(EFFECT_WIDTH("mov %rdi, %dr7; mov %dr6, %rdx", "mov %edi, %dr7; mov %dr6, %edx"), "edx");
/* { dg-output "record 0: refused at \\+0\n" } */
/* { dg-output "record 1: accepted\n" } */
/* { dg-output "record 2: accepted\n" } */
/* { dg-output "record 3: refused at \\+0\n" } */
/* { dg-output "record 4: accepted\n" } */
/* { dg-output "record 5: refused at \\+3\n" } */
/* { dg-output "record 6: accepted\n" } */
