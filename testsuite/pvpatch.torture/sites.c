/* Sites, their clobbers and their table are right under every option set
   of torture.exp (optimisation levels, code models, i386, LTO). */
/* { dg-do run } */
#include "../pvpatch.dg/site-run.h"
