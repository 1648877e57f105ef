/* With -ffunction-sections -Wl,--gc-sections,-z,start-stop-gc (what
   docs/user-guide.md recommends), the linker may drop every function with
   a site and every paravirt_impl; the notes must not then refer to the
   __start_/__stop_ symbols of the emptied sections, or the link fails
   ("hidden symbol `__start_pvpatch_sites' isn't defined").  Found by
   testsuite/fuzz/difffuzz.py; see docs/reliability.md. */
/* { dg-do link } */
/* { dg-options "-O2 -ffunction-sections -Wl,--gc-sections,-z,start-stop-gc" } */
int op(int) __attribute__((paravirt));
int op(int x) { return x + 1; }
int unused_caller(int x) { return op(x); }
__attribute__((paravirt_impl)) int unused_impl(int x) { return x + 2; }
int main(void) { return 0; }
