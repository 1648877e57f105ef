/* Native code must leave the stack as it found it. */
/* { dg-do compile } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.8" } */
#define LINUX_NATIVE_OWN_OPS
#include "linux-native.h"
struct ops {
	struct paravirt_callee_save f __attribute__((paravirt_native("pushf", 0))); /* { dg-error "native code of 'f' cannot replace a call: the instruction at byte 0 leaves the stack unbalanced" } */
};
