/* An object cut short (its section headers gone) is refused with one line
   naming it and what is wrong, exit status 2. */
/* { sites-truncate 200 } */
/* { sites-run check 2 {^pvpatch-sites: [^\n]*bad-truncated\.o: [^\n]*past the end of the file$} } */
#include "site.h"
