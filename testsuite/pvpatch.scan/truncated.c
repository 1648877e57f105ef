/* A truncated object (its first 100 bytes): one line naming the file,
   exit status 2. */
/* { dg-pvpatch-scan "named.S" "--ops paravirt_cli" "truncate 100" } */
/* { dg-final { scan-pvpatch-scan "^\[^\n\]*named.o: " } } */
/* { dg-final { scan-pvpatch-scan-times "^.+$" 1 } } */
/* { dg-final { pvpatch-scan-exit 2 } } */
