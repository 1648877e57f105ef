/* i386, cdecl stack arguments, -O2. */
/* { dg-do run } */
/* { dg-options "-m32 -O2" } */
#include "site-run.h"
