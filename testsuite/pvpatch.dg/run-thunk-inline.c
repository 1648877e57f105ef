/* -mindirect-branch=thunk-inline: an inline retpoline cannot be a site, so
   the function's indirect sites use the out-of-line thunk instead. */
/* { dg-do run } */
/* { dg-options "-O2 -mindirect-branch=thunk-inline -fcf-protection=none" } */
#include "site-run.h"
