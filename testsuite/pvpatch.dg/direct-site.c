/* A call of a direct op is the call followed by NOPs to the default
   8-byte site, with an entry in the site table. */
/* { dg-do compile } */
/* { dg-options "-O2" } */
#include <pvpatch.h>
unsigned long save_fl(void) __paravirt_callee_save;
unsigned long f(void) { return save_fl() + 1; }
/* { dg-final { scan-assembler "\\.Lpvpatch_site_0:\[^\\n\]*\\n(#\[^\\n\]*\\n)*\\s*call\\s+save_fl" } } */
/* { dg-final { scan-assembler "\\.set \\.Lpvpatch_pad_0, 8 - \\(\\. - \\.Lpvpatch_site_0\\)" } } */
/* { dg-final { scan-assembler "\\.pushsection pvpatch_sites,\"ao\",@progbits,\\.Lpvpatch_site_0" } } */
/* { dg-final { scan-assembler-times "\\.long \\.Lpvpatch_site_\\d+ - \\." 1 } } */
