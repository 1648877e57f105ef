// SPDX-License-Identifier: MIT
/*
 * P9's functions with plain C calls through pv_ops (bodies.h), which the
 * plugin's Linux-native mode makes the kernel's own sites.  The headers'
 * struct definitions come from paravirt_types_native.h, the installed
 * asm/paravirt_types.h with kernel/linux/native.sed's paravirt_native annotations
 * (same include guard, so the kernel's own copy is then skipped).
 */
#include "paravirt_types_native.h"
#include <linux/irqflags.h>
#include <asm/paravirt.h>

#define P9_NAME(fn) plain_##fn

static __always_inline unsigned long pv9_save_fl(void)
{
	return ((unsigned long (*)(void))pv_ops.irq.save_fl.func)();
}
static __always_inline void pv9_irq_disable(void)
{
	((void (*)(void))pv_ops.irq.irq_disable.func)();
}
static __always_inline void pv9_irq_enable(void)
{
	((void (*)(void))pv_ops.irq.irq_enable.func)();
}
static __always_inline unsigned long pv9_read_cr2(void)
{
	return ((unsigned long (*)(void))pv_ops.mmu.read_cr2.func)();
}
static __always_inline unsigned long pv9_read_cr3(void)
{
	return pv_ops.mmu.read_cr3();
}
static __always_inline void pv9_write_cr3(unsigned long cr3)
{
	pv_ops.mmu.write_cr3(cr3);
}
static __always_inline void pv9_flush_tlb_user(void)
{
	pv_ops.mmu.flush_tlb_user();
}
static __always_inline void pv9_flush_tlb_kernel(void)
{
	pv_ops.mmu.flush_tlb_kernel();
}
static __always_inline void pv9_spin_unlock(struct qspinlock *lock)
{
	((void (*)(struct qspinlock *))pv_ops.lock.queued_spin_unlock.func)(lock);
}

#include "bodies.h"
