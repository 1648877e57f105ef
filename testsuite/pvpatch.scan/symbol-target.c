/* A symbol inside the region stops widening there: the site keeps the
   pair that widening took before it (push/pop cx) and frees cx, not ax. */
/* { dg-pvpatch-scan "symbol-target.S" "" } */
/* { dg-final { scan-pvpatch-scan "call of op: site .text\\+0x1, 7 bytes, clobbers (r|e)ax,(r|e)dx,.*; widening stopped at a branch target inside the region, at .text\\+0x1$" } } */
