/* Native code is copied elsewhere by the kernel: a RIP-relative operand would read the wrong place. */
/* { dg-do compile } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.8" } */
#define LINUX_NATIVE_OWN_OPS
#include "linux-native.h"
struct ops {
	unsigned long (*f)(void) __attribute__((paravirt_native("mov 0(%rip), %eax", 0))); /* { dg-error "native code of 'f' cannot replace a call: the instruction at byte 0 is RIP-relative" } */
};
