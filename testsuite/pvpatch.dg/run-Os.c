/* Sites, their clobbers and their table are right at -Os. */
/* { dg-do run } */
/* { dg-options "-Os" } */
#include "site-run.h"
