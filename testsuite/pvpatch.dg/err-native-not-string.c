/* The native code of paravirt_native is a string of instructions. */
/* { dg-do compile } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.8" } */
#define LINUX_NATIVE_OWN_OPS
#include "linux-native.h"
struct ops {
	void (*f)(void) __attribute__((paravirt_native(0xfa, 0))); /* { dg-error "first argument of 'paravirt_native' must be a string: the native instructions" } */
};
