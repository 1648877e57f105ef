/* movs and cmps step both indexes, stos and scas the destination index,
   lods the source index and loads the accumulator; rep also counts the
   count register down.  A record forgetting any of them is refused at the
   string instruction. */
/* { dg-options "-O2" } */
#include "effect-check.h"

EFFECT_RECORD("movsb", "esi");
EFFECT_RECORD("movsb", "esi,edi");
EFFECT_RECORD("rep stosl", "edi");
EFFECT_RECORD("rep stosl", "ecx,edi");
EFFECT_RECORD("lodsw", "esi");
EFFECT_RECORD("lodsw", "eax,esi");
EFFECT_RECORD("repe cmpsb", "esi,edi");
EFFECT_RECORD("repe cmpsb", "ecx,esi,edi");
EFFECT_RECORD("repne scasb", "ecx");
EFFECT_RECORD("repne scasb", "ecx,edi");
/* { dg-output "record 0: refused at \\+0\n" } */
/* { dg-output "record 1: accepted\n" } */
/* { dg-output "record 2: refused at \\+0\n" } */
/* { dg-output "record 3: accepted\n" } */
/* { dg-output "record 4: refused at \\+0\n" } */
/* { dg-output "record 5: accepted\n" } */
/* { dg-output "record 6: refused at \\+0\n" } */
/* { dg-output "record 7: accepted\n" } */
/* { dg-output "record 8: refused at \\+0\n" } */
/* { dg-output "record 9: accepted\n" } */
