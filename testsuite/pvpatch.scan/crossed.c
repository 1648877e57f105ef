/* A push and pop of different registers (a crossed pair) stop widening. */
/* { dg-pvpatch-scan "crossed.S" "" } */
/* { dg-final { scan-pvpatch-scan "call of op: site .text\\+0x2, 5 bytes, .*; widening stopped at crossed pair: push %(r|e)cx at .text\\+0x1, pop %(r|e)ax$" } } */
