/* A push before the call without a pop after it stops widening. */
/* { dg-pvpatch-scan "unbalanced-push.S" "" } */
/* { dg-final { scan-pvpatch-scan "call of op: site .text\\+0x1, 5 bytes, .*; widening stopped at an unbalanced push at .text\\+0$" } } */
