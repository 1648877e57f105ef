/* paravirt_native takes the code and its condition, both. */
/* { dg-do compile } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.8" } */
#define LINUX_NATIVE_OWN_OPS
#include "linux-native.h"
struct ops {
	void (*f)(void) __attribute__((paravirt_native("cli"))); /* { dg-error "wrong number of arguments specified for 'paravirt_native' attribute" } */
};
/* { dg-prune-output "expected between 2 and 2, found 1" } */
