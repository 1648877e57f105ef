/* Native code is for the kernel's own patcher: without Linux-native mode it is an error. */
/* { dg-do compile } */
/* { dg-options "-O2" } */
#define LINUX_NATIVE_OWN_OPS
#include "linux-native.h"
struct ops {
	void (*f)(void) __attribute__((paravirt_native("cli", 0))); /* { dg-error "'paravirt_native' attribute on 'f' needs Linux-native mode" } */
};
