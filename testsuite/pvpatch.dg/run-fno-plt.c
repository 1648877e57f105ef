/* -fno-plt: a direct site's call goes through the GOT (the linker may
   relax it to addr32 call). */
/* { dg-do run } */
/* { dg-options "-O2 -fno-plt" } */
#include "site-run.h"
