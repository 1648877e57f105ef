/* -fplugin-arg-pvpatch-size sets the default site size. */
/* { dg-do run } */
/* { dg-options "-O2 -fplugin-arg-pvpatch-size=16" } */
#include "site-run.h"
/* { dg-final { scan-assembler-times "\\.if \\. - \\.Lpvpatch_site_\\d+ > 16" 3 } } */
