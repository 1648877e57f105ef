/* The core links and runs without libc on x86-64 (freestanding.h). */
/* { dg-options "-m64 -O2 -ffreestanding -nostdlib -static -fno-pie -fno-stack-protector" } */
#include "freestanding.h"
/* { dg-output "measure: success\ninit: success\napply: success\n" } */
/* { dg-output "apply: inlined 1 directed 1 nopped 1\n" } */
/* { dg-output "calls 42 7\n" } */
/* { dg-output "bind: success\n 2e b8 2a 00 00 00 66 90\n" } */
/* { dg-output "calls 42 42\n" } */
/* { dg-output "revert: success\nslot site original\n" } */
/* { dg-output "calls 42 42" } */
