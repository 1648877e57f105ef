/* i386, cdecl stack arguments, -O0. */
/* { dg-do run } */
/* { dg-options "-m32 -O0" } */
#include "site-run.h"
