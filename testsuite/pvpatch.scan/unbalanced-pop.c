/* A pop after the call without a push before it stops widening. */
/* { dg-pvpatch-scan "unbalanced-pop.S" "" } */
/* { dg-final { scan-pvpatch-scan "call of op: site .text\\+0x\[0-9a-f\]+, 5 bytes, .*; widening stopped at an unbalanced pop at .text\\+0x\[0-9a-f\]+$" } } */
