/* An instruction whose register effect the decoder does not know makes a
   record refused at that instruction, whatever the record declares: its
   effect cannot be checked, so nothing about the record is trusted. */
/* { dg-options "-O2" } */
#include "effect-check.h"

EFFECT_RECORD("popcnt %ecx, %eax", "eax");
EFFECT_RECORD("mov %edi, %ecx; popcnt %ecx, %eax; mov %ecx, %eax", "eax,ecx,edx");
EFFECT_RECORD("pxor %xmm0, %xmm0", "xmm0");
EFFECT_RECORD("cli; enter $0, $0; leave", "eax,ecx,edx");
EFFECT_RECORD("cli; vmcall", "eax,ecx,edx");
/* { dg-output "record 0: refused at \\+0\n" } */
/* { dg-output "record 1: refused at \\+2\n" } */
/* { dg-output "record 2: refused at \\+0\n" } */
/* { dg-output "record 3: refused at \\+1\n" } */
/* { dg-output "record 4: refused at \\+1\n" } */
