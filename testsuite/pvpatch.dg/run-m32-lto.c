/* -flto for i386. */
/* { dg-do run } */
/* { dg-options "-m32 -O2 -flto" } */
#include "site-run.h"
