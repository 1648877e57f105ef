/* Without the plugin the implementation macros expand to nothing, so
   implementation files build with a plain compiler (no unknown-attribute
   warning, no record). */
/* { dg-do compile } */
/* { dg-pvpatch-no-plugin } */
/* { dg-options "-O2 -Wall -Werror" } */
#include "impl-macros.h"
/* { dg-final { scan-assembler-not "pvpatch" } } */
