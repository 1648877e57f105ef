/* Instructions with implicit destinations: mul and div write edx:eax,
   cltd edx, cmpxchg eax and its destination, xadd and xchg both operands,
   xlat al.  A record forgetting one is refused at the instruction. */
/* { dg-options "-O2" } */
#include "effect-check.h"

EFFECT_RECORD("mul %ecx", "eax");
EFFECT_RECORD("mul %ecx", "eax,edx");
EFFECT_RECORD("mov %edi, %eax; cltd; idiv %esi", "eax");
EFFECT_RECORD("mov %edi, %eax; cltd; idiv %esi", "eax,edx");
EFFECT_RECORD("cmpxchg %ecx, %edx", "edx");
EFFECT_RECORD("cmpxchg %ecx, %edx", "eax,edx");
EFFECT_RECORD("xadd %ecx, %edx", "edx");
EFFECT_RECORD("xadd %ecx, %edx", "ecx,edx");
EFFECT_RECORD("xchg %esi, %edi", "esi");
EFFECT_RECORD("xchg %esi, %edi", "esi,edi");
EFFECT_RECORD("xlat", "");
EFFECT_RECORD("xlat", "eax");
/* { dg-output "record 0: refused at \\+0\n" } */
/* { dg-output "record 1: accepted\n" } */
/* { dg-output "record 2: refused at \\+2\n" } */
/* { dg-output "record 3: accepted\n" } */
/* { dg-output "record 4: refused at \\+0\n" } */
/* { dg-output "record 5: accepted\n" } */
/* { dg-output "record 6: refused at \\+0\n" } */
/* { dg-output "record 7: accepted\n" } */
/* { dg-output "record 8: refused at \\+0\n" } */
/* { dg-output "record 9: accepted\n" } */
/* { dg-output "record 10: refused at \\+0\n" } */
/* { dg-output "record 11: accepted\n" } */
