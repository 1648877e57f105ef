/* An ms_abi after paravirt on a definition with no declaration before it
   is rejected too: definitions get no PLUGIN_FINISH_DECL, where the
   other late ms_abi are caught.  Found by testsuite/fuzz/attrfuzz.py (seed
   300233); see docs/reliability.md. */
/* { dg-do compile } */
/* { dg-options "-m64" } */
__attribute__((paravirt)) __attribute__((ms_abi)) long op(void) { return 33; } /* { dg-error "'ms_abi' ops are not supported" } */
