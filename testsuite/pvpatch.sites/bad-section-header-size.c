/* Corrupt section headers (an entry size smaller than a section header)
   are refused with one line, exit status 2. */
/* { sites-poke 58 1000 } */
/* { sites-run list 2 {^pvpatch-sites: [^\n]*\.o: section header size 16 too small$} } */
#include "site.h"
