/* check reports every problem of a table, each with the entry the
   runtime blames and its status, not only the first; exit status 1. */
/* { sites-run check 1 {^[^\n]*\.o: op descriptor at \.rodata\.pvpatch_op\+0x[0-9a-f]+ \(op_bad\) of site 1: PVPATCH_ERR_BAD_OP \([^\n]*\)\n[^\n]*\.o: site 2 at \.data\+0x0 \(not_text\): PVPATCH_ERR_SITE_RANGE \([^\n]*\)$} } */
#include "site.h"
FIXTURE_OP_FIELDS(op_bad, forty_two, "REG_ABI", 2, 8, 0, 0);
FIXTURE_SITE_FN(bad_site, op_bad, 8, "", "call forty_two");
unsigned char not_text[8] = { 0xe8 };
FIXTURE_ENTRY("not_text", op_answer);
