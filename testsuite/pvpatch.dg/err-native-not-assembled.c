/* Native code the assembler refuses is an error at the member, with the assembler's reason. */
/* { dg-do compile } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.8" } */
#define LINUX_NATIVE_OWN_OPS
#include "linux-native.h"
struct ops {
	void (*f)(void) __attribute__((paravirt_native("cli; frob %rax", 0))); /* { dg-error "native code of 'f' is not assembled: no such instruction: .frob %rax'" } */
};
