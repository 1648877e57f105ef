/* As err-ms-abi-definition.c, with the disable argument: a file that
   builds with it must build without it. */
/* { dg-do compile } */
/* { dg-options "-m64 -fplugin-arg-pvpatch-disable" } */
__attribute__((paravirt)) __attribute__((ms_abi)) long op(void) { return 33; } /* { dg-error "'ms_abi' ops are not supported" } */
