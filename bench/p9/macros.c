// SPDX-License-Identifier: MIT
/* P9's functions with Linux's own PVOP macros (bodies.h). */
#include <linux/irqflags.h>
#include <asm/paravirt.h>
#include <asm/tlbflush.h>

#define P9_NAME(fn) macros_##fn

static __always_inline unsigned long pv9_save_fl(void)
{
	return arch_local_save_flags();
}
static __always_inline void pv9_irq_disable(void)
{
	arch_local_irq_disable();
}
static __always_inline void pv9_irq_enable(void)
{
	arch_local_irq_enable();
}
static __always_inline unsigned long pv9_read_cr2(void)
{
	return read_cr2();
}
static __always_inline unsigned long pv9_read_cr3(void)
{
	return __read_cr3();
}
static __always_inline void pv9_write_cr3(unsigned long cr3)
{
	write_cr3(cr3);
}
static __always_inline void pv9_flush_tlb_user(void)
{
	__flush_tlb_local();
}
static __always_inline void pv9_flush_tlb_kernel(void)
{
	__flush_tlb_global();
}
static __always_inline void pv9_spin_unlock(struct qspinlock *lock)
{
	pv_queued_spin_unlock(lock);
}

#include "bodies.h"
