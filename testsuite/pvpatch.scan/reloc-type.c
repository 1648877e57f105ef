/* A relocation of a type scan does not handle (a thread-local offset):
   one line naming the file, the place and the type, exit status 2. */
/* { dg-pvpatch-scan "tls.S" "" } */
/* { dg-final { scan-pvpatch-scan "^\[^\n\]*tls.o: .text\\+0x\[0-9a-f\]+: relocation type \[0-9\]+, which scan does not handle$" } } */
/* { dg-final { scan-pvpatch-scan-times "^.+$" 1 } } */
/* { dg-final { pvpatch-scan-exit 2 } } */
