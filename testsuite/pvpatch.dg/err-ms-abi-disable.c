/* -fplugin-arg-pvpatch-disable still checks the annotations (only the
   calls stay plain), so a file that builds with it builds without it: an
   'ms_abi' op is an error whatever the order of the attributes here too.
   Found by testsuite/fuzz/attrfuzz.py; see docs/reliability.md. */
/* { dg-do compile } */
/* { dg-options "-m64 -fplugin-arg-pvpatch-disable" } */
__attribute__((ms_abi)) int a(int) __attribute__((paravirt)); /* { dg-error "'ms_abi' ops are not supported" } */
__attribute__((paravirt)) __attribute__((ms_abi)) int b(int); /* { dg-error "'ms_abi' ops are not supported" } */
int c(int) __attribute__((ms_abi, paravirt)); /* { dg-error "'ms_abi' ops are not supported" } */
