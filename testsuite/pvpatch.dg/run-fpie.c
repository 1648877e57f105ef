/* Sites work in a position-independent executable. */
/* { dg-do run } */
/* { dg-options "-O2 -fPIE -pie" } */
#include "site-run.h"
