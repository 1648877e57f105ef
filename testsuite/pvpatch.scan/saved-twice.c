/* A register saved again around a pair that saves it already stops
   widening: the site keeps the inner pair only. */
/* { dg-pvpatch-scan "saved-twice.S" "" } */
/* { dg-final { scan-pvpatch-scan "call of op: site .text\\+0x1, 7 bytes, .*; widening stopped at a push/pop of an already saved %(r|e)ax at .text\\+0$" } } */
