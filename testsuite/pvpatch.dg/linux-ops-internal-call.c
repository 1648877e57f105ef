/* Regression: internal calls have no callee to trace in Linux-native
   mode.  .ADD_OVERFLOW (from __builtin_add_overflow) stays an internal
   call in every GCC; kernels built with GCC 12 also get .DEFERRED_INIT
   from -ftrivial-auto-var-init, which GCC 11 does not have. */
/* { dg-do compile } */
/* { dg-options "-O2 -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.1" } */
int add(long a, long b, long *sum) { return __builtin_add_overflow(a, b, sum); }
