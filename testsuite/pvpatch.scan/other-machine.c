/* Another machine's ELF (e_machine made EM_AARCH64): one line naming the
   file, exit status 2. */
/* { dg-pvpatch-scan "named.S" "--ops paravirt_cli" "poke 18 b7 00" } */
/* { dg-final { scan-pvpatch-scan "^\[^\n\]*named.o: " } } */
/* { dg-final { scan-pvpatch-scan-times "^.+$" 1 } } */
/* { dg-final { pvpatch-scan-exit 2 } } */
