/* Sites, their clobbers and their table are right at -O1. */
/* { dg-do run } */
/* { dg-options "-O1" } */
#include "site-run.h"
