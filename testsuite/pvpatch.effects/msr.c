/* rdmsr and rdpmc write edx:eax, wrmsr no register: a record reading an
   MSR or a counter that forgets edx is refused at that instruction. */
/* { dg-options "-O2" } */
#include "effect-check.h"

EFFECT_RECORD("mov $0x10, %ecx; rdmsr", "eax,ecx");
EFFECT_RECORD("mov $0x10, %ecx; rdmsr", "eax,ecx,edx");
EFFECT_RECORD("wrmsr", "");
EFFECT_RECORD("rdpmc", "eax");
EFFECT_RECORD("rdpmc", "eax,edx");
/* { dg-output "record 0: refused at \\+5\n" } */
/* { dg-output "record 1: accepted\n" } */
/* { dg-output "record 2: accepted\n" } */
/* { dg-output "record 3: refused at \\+0\n" } */
/* { dg-output "record 4: accepted\n" } */
