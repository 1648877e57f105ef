/* A file that is not ELF at all is refused, exit status 2. */
/* { sites-poke 0 00 } */
/* { sites-run stats 2 {^pvpatch-sites: [^\n]*\.o: not an ELF file$} } */
#include "site.h"
