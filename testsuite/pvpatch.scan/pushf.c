/* pushf/popf around the call stop widening. */
/* { dg-pvpatch-scan "pushf.S" "" } */
/* { dg-final { scan-pvpatch-scan "call of op: site .text\\+0x1, 5 bytes, .*; widening stopped at pushf/popf at .text\\+0$" } } */
