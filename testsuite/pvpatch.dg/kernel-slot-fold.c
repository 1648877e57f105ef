/* Kernel code with retpolines: pvpatch's own slot ops are, like Linux's
   sites, call *slot(%rip) plus NOPs annotated retpoline-safe, with no
   load of the slot left outside the site; other indirect calls keep
   their load and thunk. */
/* { dg-do assemble } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -mindirect-branch=thunk-extern -mindirect-branch-register -mfunction-return=thunk-extern" } */
#include <pvpatch.h>
struct ops {
	unsigned long (*save_fl)(void) __paravirt_callee_save;
	void (*irq_disable)(void) __paravirt_callee_save;
};
extern struct ops ops;
extern void (*hook)(void);
unsigned long g(void)
{
	unsigned long fl = ops.save_fl();
	ops.irq_disable();
	hook();
	return fl;
}
/* { dg-final { scan-objdump-times "ff 15 00 00 00 00 \\s+call\\s+\\*0x0\\(%rip\\)\[^\\n\]*\\n\[^\\n\]*R_X86_64_PC32\\s+ops\[-+\]0x4\\n(\\s+\[0-9a-f\]+: R_X86_64_NONE\[^\\n\]*\\n)?\\s+\[0-9a-f\]+:\\s+66 90 " 2 } } */
/* { dg-final { scan-objdump-times "R_X86_64_PC32\\s+ops" 2 } } */
/* { dg-final { scan-objdump-times "call\\s+\[0-9a-f\]+ <\[^>\]*>\\n\[^\\n\]*__x86_indirect_thunk_" 1 } } */
/* { dg-final { scan-readelf "-r" "'\\.rela\\.discard\\.retpoline_safe' at offset 0x\[0-9a-f\]+ contains 2 entries" } } */
