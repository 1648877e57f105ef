/* A push whose word the call reads (the op declares a stack argument)
   stops widening: the site is the call alone, flagged stack-args. */
/* { dg-pvpatch-scan "stack-arg.S" "" } */
/* { dg-final { scan-pvpatch-scan "call of takes_arg: site .text\\+0x1, 5 bytes, clobbers .*; widening stopped at the word push %(r|e)ax at .text\\+0 stores is read by the call \\(a stack argument of takes_arg\\)$" } } */
