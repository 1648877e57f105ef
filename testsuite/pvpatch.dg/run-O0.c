/* Sites, their clobbers and their table are right at -O0. */
/* { dg-do run } */
/* { dg-options "-O0" } */
#include "site-run.h"
