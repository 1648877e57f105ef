/* Plugin argument values are checked. */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-pvpatch-size=4x -fplugin-arg-pvpatch-disable=1" } */
/* { dg-error "site size must be a number of bytes from 5 to 255" "" { target *-*-* } 0 } */
/* { dg-error "takes no value" "" { target *-*-* } 0 } */
/* { dg-error "failed to initialize plugin" "" { target *-*-* } 0 } */
int x;
