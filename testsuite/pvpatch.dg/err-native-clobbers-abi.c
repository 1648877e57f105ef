/* Any other member clobbers the C-ABI set: native code writing rbx clobbers too much. */
/* { dg-do compile } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=6.8" } */
#define LINUX_NATIVE_OWN_OPS
#include "linux-native.h"
struct ops {
	unsigned long (*f)(void) __attribute__((paravirt_native("mov %cr3, %rbx", 0))); /* { dg-error "native code of 'f' writes 'rbx' \\(instruction at byte 0\\), outside the clobber set of its op \\('rax,rcx,rdx,rsi,rdi,r8,r9,r10,r11,vec,x87'\\)" } */
};
