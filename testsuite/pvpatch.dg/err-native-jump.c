/* Native code runs in place of a call, at another address: no jump, call or return. */
/* { dg-do compile } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.8" } */
#define LINUX_NATIVE_OWN_OPS
#include "linux-native.h"
struct ops {
	void (*f)(void) __attribute__((paravirt_native("jmp 1f; 1: cli", 0))); /* { dg-error "native code of 'f' cannot replace a call: the instruction at byte 0 transfers control" } */
};
