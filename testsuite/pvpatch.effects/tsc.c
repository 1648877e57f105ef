/* rdtsc writes edx:eax, rdtscp also ecx: a record forgetting one of them
   is refused at the instruction. */
/* { dg-options "-O2" } */
#include "effect-check.h"

EFFECT_RECORD("rdtsc", "eax");
EFFECT_RECORD("rdtsc", "eax,edx");
EFFECT_RECORD("rdtscp", "eax,edx");
EFFECT_RECORD("rdtscp", "eax,ecx,edx");
EFFECT_RECORD(EFFECT_WIDTH("rdtsc; shl $32, %rdx; or %rdx, %rax", "rdtsc; add %edx, %eax"), "eax");
EFFECT_RECORD(EFFECT_WIDTH("rdtsc; shl $32, %rdx; or %rdx, %rax", "rdtsc; add %edx, %eax"), "eax,edx");
/* { dg-output "record 0: refused at \\+0\n" } */
/* { dg-output "record 1: accepted\n" } */
/* { dg-output "record 2: refused at \\+0\n" } */
/* { dg-output "record 3: accepted\n" } */
/* { dg-output "record 4: refused at \\+0\n" } */
/* { dg-output "record 5: accepted\n" } */
