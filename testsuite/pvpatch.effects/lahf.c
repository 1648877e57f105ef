/* lahf writes ah (so eax), sahf no register.  Record 0 is issue 12's: it
   writes ecx and does not say so; the lahf after it once hid that write
   (an instruction the decoder did not know made it drop what it had
   seen), and the record was inlined over the caller's ecx. */
/* { dg-options "-O2" } */
#include "effect-check.h"

EFFECT_RECORD(EFFECT_WIDTH("mov %rdi, %rcx; lahf; mov %rcx, %rax", "mov (%esp), %ecx; lahf; mov %ecx, %eax"), "eax");
EFFECT_RECORD(EFFECT_WIDTH("mov %rdi, %rcx; lahf; mov %rcx, %rax", "mov (%esp), %ecx; lahf; mov %ecx, %eax"), "eax,ecx");
EFFECT_RECORD("lahf", "");
EFFECT_RECORD("lahf", "ah");
EFFECT_RECORD("sahf", "");
/* { dg-output "record 0: refused at \\+0\n" } */
/* { dg-output "record 1: accepted\n" } */
/* { dg-output "record 2: refused at \\+0\n" } */
/* { dg-output "record 3: accepted\n" } */
/* { dg-output "record 4: accepted\n" } */
