/* A call through an annotated ops-table member calls through the slot. */
/* { dg-do compile } */
/* { dg-options "-O2 -fno-pic" } */
#include <pvpatch.h>
struct pv_irq_ops {
	void (*irq_disable)(void) __paravirt_site("callee_save", 8);
	void (*irq_enable)(void) __paravirt_site("callee_save", 8);
};
extern struct pv_irq_ops pv_irq_ops;
void f(void) { pv_irq_ops.irq_enable(); }
/* { dg-final { scan-assembler "\\.Lpvpatch_site_0:\[^\\n\]*\\n(#\[^\\n\]*\\n)*\\s*call\\s+\\*pv_irq_ops\\+8\\(%rip\\)" } } */
/* { dg-final { scan-assembler "\\.long pv_irq_ops\\+8 - \\." } } */
