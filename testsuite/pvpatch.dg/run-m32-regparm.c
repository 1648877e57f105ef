/* i386 ops with regparm(3) register arguments. */
/* { dg-do run } */
/* { dg-options "-m32 -O2 -DOP_REGPARM=3" } */
#include "site-run.h"
