/* in writes the accumulator (al, ax or eax: one register), out no
   register: a record of in that does not declare it is refused at the in,
   one that does is accepted. */
/* { dg-options "-O2" } */
#include "effect-check.h"

EFFECT_RECORD("in $0x80, %al", "");
EFFECT_RECORD("in $0x80, %al", "eax");
EFFECT_RECORD("mov $0x3f8, %edx; in (%dx), %eax", "edx");
EFFECT_RECORD("mov $0x3f8, %edx; in (%dx), %eax", "eax,edx");
EFFECT_RECORD("in (%dx), %ax", "edx");
EFFECT_RECORD("in (%dx), %ax", "ax");
EFFECT_RECORD("out %al, $0x80; out %eax, (%dx); out %ax, (%dx)", "");
/* { dg-output "record 0: refused at \\+0\n" } */
/* { dg-output "record 1: accepted\n" } */
/* { dg-output "record 2: refused at \\+5\n" } */
/* { dg-output "record 3: accepted\n" } */
/* { dg-output "record 4: refused at \\+0\n" } */
/* { dg-output "record 5: accepted\n" } */
/* { dg-output "record 6: accepted\n" } */
