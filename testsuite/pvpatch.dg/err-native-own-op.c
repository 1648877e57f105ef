/* A member that is an op of pvpatch's own gets inline code from PVPATCH_INLINE records, not paravirt_native. */
/* { dg-do compile } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.8" } */
#define LINUX_NATIVE_OWN_OPS
#include "linux-native.h"
struct ops {
	void (*f)(void) __attribute__((paravirt("callee_save"), paravirt_native("cli", 0))); /* { dg-error "'paravirt_native' attribute on 'f', an op of pvpatch's own" } */
};
