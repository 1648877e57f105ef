/* Native code is self-contained: a reference to a symbol would need a relocation in .altinstr_replacement. */
/* { dg-do compile } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.8" } */
#define LINUX_NATIVE_OWN_OPS
#include "linux-native.h"
struct ops {
	unsigned long (*f)(void) __attribute__((paravirt_native("mov foo, %eax", 0))); /* { dg-error "native code of 'f' refers to a symbol: it must be self-contained" } */
};
