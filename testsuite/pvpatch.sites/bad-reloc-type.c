/* A relocation type the tool does not compute, in the site table, is
   refused by number and section, exit status 2. */
/* { sites-run list 2 {^pvpatch-sites: [^\n]*\.o: relocation type 23 in \.relapvpatch_sites not handled$} } */
#include "site.h"
__asm__(".pushsection pvpatch_sites,\"a\"\n.balign 4\n"
	".reloc ., R_X86_64_TPOFF32, forty_two\n.long 0\n.long op_answer - .\n"
	".popsection\n");
