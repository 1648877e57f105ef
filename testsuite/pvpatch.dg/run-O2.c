/* Sites, their clobbers and their table are right at -O2. */
/* { dg-do run } */
/* { dg-options "-O2" } */
#include "site-run.h"
