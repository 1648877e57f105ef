/* With the plugin, __paravirt_impl and __paravirt_impl_clobbers mark
   implementations: each gets a pvpatch_impl record. */
/* { dg-do compile } */
/* { dg-options "-O2 -Wall -Werror" } */
#include "impl-macros.h"
/* { dg-final { scan-assembler "pvpatch_impls" } } */
/* { dg-final { scan-assembler-times "\\.set\[ \t\]+\\.Lpvpatch_impl_\[0-9\]+,\[ \t\]*native_read\n" 1 } } */
/* { dg-final { scan-assembler-times "\\.set\[ \t\]+\\.Lpvpatch_impl_\[0-9\]+,\[ \t\]*native_write\n" 1 } } */
