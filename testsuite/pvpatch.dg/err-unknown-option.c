/* Unknown plugin arguments are rejected by name. */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-pvpatch-foo" } */
/* { dg-error "unknown option '-fplugin-arg-pvpatch-foo'" "" { target *-*-* } 0 } */
/* { dg-error "failed to initialize plugin" "" { target *-*-* } 0 } */
int x;
