/* An unknown Linux site format is refused with the accepted ones. */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.12" } */
/* { dg-error "'-fplugin-arg-pvpatch-linux-abi=6.12': unknown Linux site format; accepted: '6.1' \\('.parainstructions', Linux 6.1 to 6.7\\) or '6.8'" "" { target *-*-* } 0 } */
/* { dg-error "failed to initialize plugin" "" { target *-*-* } 0 } */
int x;
