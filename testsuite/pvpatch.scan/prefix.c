/* A push with a prefix widening does not know (66: a 2-byte push) stops
   widening. */
/* { dg-pvpatch-scan "prefix.S" "" } */
/* { dg-final { scan-pvpatch-scan "call of op: site .text\\+0x2, 5 bytes, .*; widening stopped at a prefix it does not know on the push at .text\\+0$" } } */
