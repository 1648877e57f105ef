/* A relocation pointing into the region (a word of data holding the
   address of the pop after the call) stops widening. */
/* { dg-pvpatch-scan "reloc-target.S" "" } */
/* { dg-final { scan-pvpatch-scan "call of op: site .text\\+0x1, 5 bytes, clobbers (r|e)ax,.*; widening stopped at a branch target inside the region, at .text\\+0x6$" } } */
