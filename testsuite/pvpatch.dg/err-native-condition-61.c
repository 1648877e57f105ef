/* Linux 6.1's condition is 16 bits: a 6.8 feature word does not fit. */
/* { dg-do compile } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.1" } */
#define LINUX_NATIVE_OWN_OPS
#define LINUX_61
#include "linux-native.h"
struct ops {
	void (*f)(void) __attribute__((paravirt_native("cli", 0x10110))); /* { dg-error "condition 0x10110 of 'paravirt_native' does not fit the 16-bit 'cpuid' of Linux 6.1's 'struct alt_instr'" } */
};
