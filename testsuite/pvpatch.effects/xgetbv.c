/* xgetbv writes edx:eax, xsetbv no register: a record of xgetbv that
   declares only eax is refused at the xgetbv. */
/* { dg-options "-O2" } */
#include "effect-check.h"

EFFECT_RECORD("xor %ecx, %ecx; xgetbv", "eax,ecx");
EFFECT_RECORD("xor %ecx, %ecx; xgetbv", "eax,ecx,edx");
EFFECT_RECORD("xgetbv", "eax");
EFFECT_RECORD("xsetbv", "");
/* { dg-output "record 0: refused at \\+2\n" } */
/* { dg-output "record 1: accepted\n" } */
/* { dg-output "record 2: refused at \\+0\n" } */
/* { dg-output "record 3: accepted\n" } */
