/* Kernel code: pvpatch's table refers to each own site's call, which is
   no indirect branch target, so each site is annotated for objtool as
   Linux's ANNOTATE_NOENDBR does (.discard.noendbr, pointing at the
   site's label); objtool --ibt would otherwise warn "data relocation to
   !ENDBR" on the table (Linux 6.12 with X86_KERNEL_IBT).  A slot op and a
   direct op alike; the direct op's descriptor adds the third entry
   (kernel-noendbr.c). */
/* { dg-do assemble } */
/* { dg-options "-O2 -mcmodel=kernel -fno-pic -mno-red-zone -mgeneral-regs-only -fcf-protection=branch" } */
#include <pvpatch.h>
struct ops {
	void (*irq_disable)(void) __paravirt_callee_save;
};
extern struct ops ops;
unsigned long save_fl(void) __paravirt_callee_save;
unsigned long f(void)
{
	ops.irq_disable();
	return save_fl();
}
/* { dg-final { scan-assembler-times "\\.long (\\.Lpvpatch_site_\\d+) - \\.\\n(\\t\\.\[^\\n\]*\\n){1,3}\\t\\.pushsection \\.discard\\.noendbr\\n\\t\\.quad \\1$" 2 } } */
/* { dg-final { scan-readelf "-r" "'\\.rela\\.discard\\.noendbr' at offset 0x\[0-9a-f\]+ contains 3 entries" } } */
