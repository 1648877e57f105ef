/* An instruction whose register writes the runtime's decoder does not know is refused, not trusted. */
/* { dg-do compile } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.8" } */
#define LINUX_NATIVE_OWN_OPS
#include "linux-native.h"
struct ops {
	void (*f)(void) __attribute__((paravirt_native("cli; vaddps %ymm0, %ymm1, %ymm2", 0))); /* { dg-error "native code of 'f' cannot replace a call: the instruction at byte 1 has register effects the runtime's decoder does not know" } */
};
