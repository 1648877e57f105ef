/* i386 PIC: direct sites call through the PLT with %ebx holding the GOT. */
/* { dg-do run } */
/* { dg-options "-m32 -O2 -fPIC" } */
#include "site-run.h"
