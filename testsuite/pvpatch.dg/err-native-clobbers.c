/* A callee-save member clobbers only rax: native code writing rdx clobbers too much (checked from the assembled bytes). */
/* { dg-do compile } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.8" } */
#define LINUX_NATIVE_OWN_OPS
#include "linux-native.h"
struct ops {
	struct paravirt_callee_save f __attribute__((paravirt_native("mov %rdi, %rax; mov %rdi, %rdx", 0))); /* { dg-error "native code of 'f' writes 'rdx' \\(instruction at byte 3\\), outside the clobber set of its op \\('rax'\\)" } */
};
