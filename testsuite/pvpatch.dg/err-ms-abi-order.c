/* 'ms_abi' ops are rejected whatever the order of the attributes: the
   check used to see only an ms_abi given before paravirt in the same
   attribute list.  Found by testsuite/fuzz/attrfuzz.py; see
   docs/reliability.md. */
/* { dg-do compile } */
/* { dg-options "-m64" } */
__attribute__((ms_abi)) int a(int) __attribute__((paravirt)); /* { dg-error "'ms_abi' ops are not supported" } */
__attribute__((paravirt)) __attribute__((ms_abi)) int b(int); /* { dg-error "'ms_abi' ops are not supported" } */
int c(int) __attribute__((paravirt)) __attribute__((ms_abi)); /* { dg-error "'ms_abi' ops are not supported" } */
int d(int) __attribute__((paravirt, ms_abi)); /* { dg-error "'ms_abi' ops are not supported" } */
int e(int) __attribute__((ms_abi, paravirt)); /* { dg-error "'ms_abi' ops are not supported" } */
