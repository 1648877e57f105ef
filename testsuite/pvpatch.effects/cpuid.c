/* cpuid writes eax, ebx, ecx and edx: a record forgetting ebx is refused
   at the cpuid. */
/* { dg-options "-O2" } */
#include "effect-check.h"

EFFECT_RECORD("xor %eax, %eax; cpuid", "eax,ecx,edx");
EFFECT_RECORD("xor %eax, %eax; cpuid", "eax,ebx,ecx,edx");
/* { dg-output "record 0: refused at \\+2\n" } */
/* { dg-output "record 1: accepted\n" } */
