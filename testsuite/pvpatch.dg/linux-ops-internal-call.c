/* Regression: internal calls (here .DEFERRED_INIT from
   -ftrivial-auto-var-init, as kernels build) have no callee to trace in
   Linux-native mode. */
/* { dg-do compile } */
/* { dg-options "-O2 -ftrivial-auto-var-init=zero -fplugin-arg-pvpatch-linux-ops=pv_ops" } */
#include <stdarg.h>
extern void h(const char *, va_list *);
void g(const char *f, ...) { va_list a; va_start(a, f); h(f, &a); va_end(a); }
