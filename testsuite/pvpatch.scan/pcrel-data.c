/* A PC-relative relocation in another section (.long label - .) points
   at the symbol plus addend, here the pop after the call: it stops
   widening.  (Found by make fuzz-scan: such a relocation was taken for an
   instruction's displacement, pointing 4 bytes further.) */
/* { dg-pvpatch-scan "pcrel-data.S" "" } */
/* { dg-final { scan-pvpatch-scan "call of op: site .text\\+0x1, 5 bytes, clobbers (r|e)ax,.*; widening stopped at a branch target inside the region, at .text\\+0x6$" } } */
