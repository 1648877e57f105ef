/* Sites, their clobbers and their table are right at -O3. */
/* { dg-do run } */
/* { dg-options "-O3" } */
#include "site-run.h"
