/* The condition is an integer constant (a feature word of struct alt_instr), not a variable. */
/* { dg-do compile } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.8" } */
#define LINUX_NATIVE_OWN_OPS
#include "linux-native.h"
extern int feature;
struct ops {
	void (*f)(void) __attribute__((paravirt_native("cli", feature))); /* { dg-error "second argument of 'paravirt_native' must be a non-negative integer constant: the condition" } */
};
