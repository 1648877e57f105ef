/* A Linux site format without the ops table it applies to. */
/* { dg-do compile } */
/* { dg-options "-fplugin-arg-pvpatch-linux-abi=6.8" } */
/* { dg-error "'-fplugin-arg-pvpatch-linux-abi' needs '-fplugin-arg-pvpatch-linux-ops', the ops table of the kernel" "" { target *-*-* } 0 } */
/* { dg-error "failed to initialize plugin" "" { target *-*-* } 0 } */
int x;
