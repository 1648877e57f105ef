/* A jump into the region (to the pop after the call) stops widening: the
   site is the call alone, with all the op's clobbers. */
/* { dg-pvpatch-scan "branch-target.S" "" } */
/* { dg-final { scan-pvpatch-scan "call of op: site .text\\+0x1, 5 bytes, clobbers (r|e)ax,.*; widening stopped at a branch target inside the region, at .text\\+0x6$" } } */
