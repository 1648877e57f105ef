/* Linux-native mode needs the kernel's site format: never a guess. */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-pvpatch-linux-ops=pv_ops" } */
/* { dg-error "'-fplugin-arg-pvpatch-linux-ops' needs '-fplugin-arg-pvpatch-linux-abi', the site format of the kernel the unit is built for: '6.1' \\('.parainstructions', Linux 6.1 to 6.7\\) or '6.8' \\(alternative calls, Linux 6.8 and later\\)" "" { target *-*-* } 0 } */
/* { dg-error "failed to initialize plugin" "" { target *-*-* } 0 } */
int x;
