/* With the plugin: calls through annotated pv_ops-style slots are sites.
   In quiescent mode pvpatch_apply inlines a declared two-instruction
   replacement (pushf; pop) and replaces the call of an empty
   paravirt_impl too (by NOPs, or on i386, where the plugin compiles it to
   push %eax; pop %eax to preserve registers, by those). */
/* { dg-options "-O2" } */
#include "fixture.h"
#include "pvpatch.h"

struct pv_irq_ops {
	unsigned long (*save_fl)(void) __paravirt_site("callee_save", 8);
	void (*irq_disable)(void) __paravirt_callee_save;
};

__attribute__((paravirt_impl("callee_save"))) unsigned long native_save_fl(void)
{
	unsigned long flags;

	__asm__ volatile("pushf; pop %0" : "=r"(flags));
	return flags;
}
#ifdef __x86_64__
PVPATCH_INLINE(native_save_fl, "pushf; pop %rax", "rax");
#else
PVPATCH_INLINE(native_save_fl, "pushf; pop %eax", "eax");
#endif
/* User space cannot cli: a no-op stands in for it. */
__attribute__((paravirt_impl("callee_save"))) void native_irq_disable(void) { }

struct pv_irq_ops pv_irq_ops = { native_save_fl, native_irq_disable };

__attribute__((noinline)) unsigned long save_and_disable(void)
{
	unsigned long flags = pv_irq_ops.save_fl();

	pv_irq_ops.irq_disable();
	return flags;
}

int main(void)
{
	struct pvpatch_stats st;

	FIXTURE_CHECK(pvpatch_set_mode(PVPATCH_MODE_QUIESCENT));
	FIXTURE_CHECK(pvpatch_apply());
	pvpatch_get_stats(&st);
	printf("sites %lu, still calling %lu\n", st.inlined + st.nopped + st.directed + st.left,
	       st.directed + st.left);
	/* Bit 1 of EFLAGS always reads as 1. */
	printf("flags bit 1: %lu\n", (save_and_disable() >> 1) & 1);
	return 0;
}
/* { dg-output "sites 2, still calling 0\n" } */
/* { dg-output "flags bit 1: 1" } */
