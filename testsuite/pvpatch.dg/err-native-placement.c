/* paravirt_native belongs on a member holding one slot: not on a member of another type, a variable or a function. */
/* { dg-do compile } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.8" } */
#define LINUX_NATIVE_OWN_OPS
#include "linux-native.h"
struct ops {
	long count __attribute__((paravirt_native("cli", 0))); /* { dg-error "'paravirt_native' attribute applies only to struct or union members holding one slot of the Linux ops table" } */
	struct { void *a, *b; } two __attribute__((paravirt_native("cli", 0))); /* { dg-error "'paravirt_native' attribute applies only to struct or union members" } */
};
static void (*slot)(void) __attribute__((paravirt_native("cli", 0))); /* { dg-error "'paravirt_native' attribute applies only to struct or union members" } */
void f(void) __attribute__((paravirt_native("cli", 0))); /* { dg-error "'paravirt_native' attribute applies only to struct or union members" } */
