/* check accepts a valid object's tables, exit status 0. */
/* { sites-run check 0 {^[^\n]*check-valid\.o: valid: 1 sites, 0 implementation records, 0 PVPATCH_INLINE records$} } */
#include "site.h"
