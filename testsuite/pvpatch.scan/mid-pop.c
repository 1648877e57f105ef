/* A jump into the middle of a two-byte pop (x86-64) is a branch target
   inside the region and stops widening; on i386 the same jump lands just
   after the region, which widens.  (Found by make fuzz-scan: only the
   instruction boundaries were checked.) */
/* { dg-pvpatch-scan "mid-pop.S" "" } */
/* { dg-final { scan-pvpatch-scan "call of op: site (.text\\+0x2, 5 bytes, .*; widening stopped at a branch target inside the region, at .text\\+0x8|.text\\+0, 7 bytes, .*; widening stopped at the start of the section)$" } } */
