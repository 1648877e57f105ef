/* The x32 ABI is not supported. */
/* { dg-do compile } */
/* { dg-options "-mx32" } */
/* { dg-error "does not support the x32 ABI" "" { target *-*-* } 0 } */
int x;
