/* -mindirect-branch=thunk for i386. */
/* { dg-do run } */
/* { dg-options "-m32 -O2 -mindirect-branch=thunk -fcf-protection=none" } */
#include "site-run.h"
