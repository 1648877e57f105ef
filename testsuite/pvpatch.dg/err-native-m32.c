/* Native code is supported for x86-64 kernels only. */
/* { dg-do compile } */
/* { dg-options "-m32 -O2 -fno-pic -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.1" } */
#define LINUX_NATIVE_OWN_OPS
#define LINUX_61
#include "linux-native.h"
struct ops {
	void (*f)(void) __attribute__((paravirt_native("cli", 0))); /* { dg-error "native code is supported for x86-64 kernels only" } */
};
