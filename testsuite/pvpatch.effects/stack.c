/* A register pushed and popped back is not a clobber; one popped into
   another register is, at the pop; pushf/popf and push/pop of an
   immediate or a segment register write no general register. */
/* { dg-options "-O2" } */
#include "effect-check.h"

EFFECT_RECORD(EFFECT_WIDTH("push %rbx; mov $1, %ebx; pop %rbx", "push %ebx; mov $1, %ebx; pop %ebx"), "");
EFFECT_RECORD(EFFECT_WIDTH("push %rbx; pop %rcx", "push %ebx; pop %ecx"), "");
EFFECT_RECORD(EFFECT_WIDTH("push %rbx; pop %rcx", "push %ebx; pop %ecx"), "ecx");
EFFECT_RECORD(EFFECT_WIDTH("pushf; push $1; popf; popf", "pushf; push $1; popf; popf"), "");
EFFECT_RECORD(EFFECT_WIDTH("pushf; pop %rdx", "pushf; pop %edx"), "");
EFFECT_RECORD(EFFECT_WIDTH("push %rdi; pop %rdx; push (%rsi); pop %rdi", "push %edi; pop %edx; push (%esi); pop %edi"), "edx");
EFFECT_RECORD(EFFECT_WIDTH("push %rdi; pop %rdx; push (%rsi); pop %rdi", "push %edi; pop %edx; push (%esi); pop %edi"), "edx,edi");
/* { dg-output "record 0: accepted\n" } */
/* { dg-output "record 1: refused at \\+1\n" } */
/* { dg-output "record 2: accepted\n" } */
/* { dg-output "record 3: accepted\n" } */
/* { dg-output "record 4: refused at \\+1\n" } */
/* { dg-output "record 5: refused at \\+4\n" } */
/* { dg-output "record 6: accepted\n" } */
