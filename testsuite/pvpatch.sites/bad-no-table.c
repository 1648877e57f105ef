/* An object compiled without the plugin has no site table: refused with
   the section it lacks, exit status 2. */
/* { sites-no-plugin } */
/* { sites-run check 2 {^pvpatch-sites: [^\n]*\.o: no pvpatch site table \(no section pvpatch_sites\)$} } */
int answer(void) { return 42; }
