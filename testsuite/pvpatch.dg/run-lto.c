/* -flto with the plugin on the link line: sites are made in lto1. */
/* { dg-do run } */
/* { dg-options "-O2 -flto" } */
#include "site-run.h"
