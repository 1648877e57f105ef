/* An ELF file for another machine (e_machine EM_ARM) is refused by name,
   exit status 2. */
/* { sites-poke 18 2800 } */
/* { sites-run check 2 {^pvpatch-sites: [^\n]*\.o: ELF file for machine 40, not x86-64$} } */
#include "site.h"
