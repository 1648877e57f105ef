/* Sites work in code compiled -fPIC (ops reached through the GOT). */
/* { dg-do run } */
/* { dg-options "-O2 -fPIC" } */
#include "site-run.h"
