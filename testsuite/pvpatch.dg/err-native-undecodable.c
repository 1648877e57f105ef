/* Bytes the runtime's decoder cannot decode are refused. */
/* { dg-do compile } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.8" } */
#define LINUX_NATIVE_OWN_OPS
#include "linux-native.h"
struct ops {
	void (*f)(void) __attribute__((paravirt_native(".byte 0x0f, 0x04", 0))); /* { dg-error "native code of 'f' cannot replace a call: the instruction at byte 0 is not one the runtime's decoder knows" } */
};
