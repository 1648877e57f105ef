/* Descriptor-table loads (lgdt, lidt, lldt, ltr, lmsw) write no general
   register; the stores sldt, str and smsw to a register write it.  A
   record forgetting that register is refused at the store. */
/* { dg-options "-O2" } */
#include "effect-check.h"

EFFECT_RECORD(EFFECT_WIDTH("lgdt (%rdi); lidt 16(%rdi)", "lgdt (%edi); lidt 8(%edi)"), "");
EFFECT_RECORD("lldt %di; ltr %si; lmsw %dx", "");
EFFECT_RECORD(EFFECT_WIDTH("sgdt (%rdi); sidt (%rsi); str (%rdi)", "sgdt (%edi); sidt (%esi); str (%edi)"), "");
EFFECT_RECORD("str %eax", "");
EFFECT_RECORD("str %eax", "eax");
EFFECT_RECORD("sldt %ecx", "eax");
EFFECT_RECORD("sldt %ecx", "ecx");
EFFECT_RECORD("mov %esi, %eax; smsw %edx", "eax");
EFFECT_RECORD("mov %esi, %eax; smsw %edx", "eax,edx");
/* { dg-output "record 0: accepted\n" } */
/* { dg-output "record 1: accepted\n" } */
/* { dg-output "record 2: accepted\n" } */
/* { dg-output "record 3: refused at \\+0\n" } */
/* { dg-output "record 4: accepted\n" } */
/* { dg-output "record 5: refused at \\+0\n" } */
/* { dg-output "record 6: accepted\n" } */
/* { dg-output "record 7: refused at \\+2\n" } */
/* { dg-output "record 8: accepted\n" } */
