/* check validates an i386 object with the i386 core. */
/* { sites-build {-m32 -O2 -c} } */
/* { sites-run check 0 {^[^\n]*check-valid-m32\.o: valid: 1 sites, 0 implementation records, 0 PVPATCH_INLINE records$} } */
#include "site.h"
