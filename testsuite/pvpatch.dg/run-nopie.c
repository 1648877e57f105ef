/* Sites work in a fixed-address executable. */
/* { dg-do run } */
/* { dg-options "-O2 -fno-pic -no-pie" } */
#include "site-run.h"
