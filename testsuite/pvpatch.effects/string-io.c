/* ins steps the destination index, outs the source index, and with rep
   both also count the count register down: a record that forgets one of
   these is refused at the string instruction. */
/* { dg-options "-O2" } */
#include "effect-check.h"

EFFECT_RECORD("insb", "");
EFFECT_RECORD("insb", "edi");
EFFECT_RECORD("rep insl", "edi");
EFFECT_RECORD("rep insl", "ecx,edi");
EFFECT_RECORD("outsw", "");
EFFECT_RECORD("outsw", "esi");
EFFECT_RECORD("mov $4, %ecx; rep outsb", "ecx");
EFFECT_RECORD("mov $4, %ecx; rep outsb", "ecx,esi");
/* { dg-output "record 0: refused at \\+0\n" } */
/* { dg-output "record 1: accepted\n" } */
/* { dg-output "record 2: refused at \\+0\n" } */
/* { dg-output "record 3: accepted\n" } */
/* { dg-output "record 4: refused at \\+0\n" } */
/* { dg-output "record 5: accepted\n" } */
/* { dg-output "record 6: refused at \\+5\n" } */
/* { dg-output "record 7: accepted\n" } */
