/* In 6.8 format native code must fit the 6-byte call: alt_replace_call() needs the site's direct-call entry to stay 6 bytes. */
/* { dg-do compile } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.8" } */
#define LINUX_NATIVE_OWN_OPS
#include "linux-native.h"
struct ops {
	unsigned long (*f)(void) __attribute__((paravirt_native("mov $1, %eax; mov $2, %edx", 0))); /* { dg-error "native code of 'f' is 10 bytes, longer than the 6-byte call it replaces" } */
};
