/* Debug information does not change sites. */
/* { dg-do run } */
/* { dg-options "-O2 -g" } */
#include "site-run.h"
