/* In 6.8 format the condition may invert its feature and nothing else: ALT_FLAG_DIRECT_CALL would make apply_alternatives expect a call. */
/* { dg-do compile } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.8" } */
#define LINUX_NATIVE_OWN_OPS
#include "linux-native.h"
struct ops {
	void (*f)(void) __attribute__((paravirt_native("cli", (2 << 16) | X86_FEATURE_XENPV))); /* { dg-error "condition 0x20110 of 'paravirt_native' is not a feature with at most 'ALT_FLAG_NOT'" } */
};
