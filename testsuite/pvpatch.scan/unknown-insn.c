/* An instruction the decoder does not know in the section stops widening
   (nothing after it can be told apart from data), and the call is still a
   site, at its narrow size. */
/* { dg-pvpatch-scan "unknown-insn.S" "" } */
/* { dg-final { scan-pvpatch-scan "call of op: site .text\\+0x3, 5 bytes, .*; widening stopped at an instruction it does not know at .text\\+0$" } } */
