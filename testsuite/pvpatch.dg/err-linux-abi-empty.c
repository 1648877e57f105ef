/* The Linux site format needs a value. */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=" } */
/* { dg-error "'-fplugin-arg-pvpatch-linux-abi' needs a value: '6.1' \\('.parainstructions', Linux 6.1 to 6.7\\) or '6.8'" "" { target *-*-* } 0 } */
/* { dg-error "failed to initialize plugin" "" { target *-*-* } 0 } */
int x;
