/* The Linux ops table must be named by a C identifier. */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-pvpatch-linux-ops=pv-ops" } */
/* { dg-error "needs a C identifier" "" { target *-*-* } 0 } */
/* { dg-error "failed to initialize plugin" "" { target *-*-* } 0 } */
int x;
