/* An op no symbol of the object names is a typo: one line naming the
   file and the op, exit status 2. */
/* { dg-pvpatch-scan "named.S" "--ops paravirt_cli,paravirt_clj" } */
/* { dg-final { scan-pvpatch-scan "^\[^\n\]*named.o: unknown op paravirt_clj" } } */
/* { dg-final { scan-pvpatch-scan-times "^.+$" 1 } } */
/* { dg-final { pvpatch-scan-exit 2 } } */
