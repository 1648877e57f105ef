/* SPDX-License-Identifier: MIT */
/*
 * P9's pv-heavy kernel functions, written once and compiled twice against
 * the installed kernel headers (bench/p9/Makefile): macros.c gives the pv
 * operations below as Linux's own inline functions (PVOP_* macros),
 * plain.c as plain C calls through pv_ops that the plugin makes sites.
 * The includer defines, as static inline functions:
 *   pv9_save_fl, pv9_irq_disable, pv9_irq_enable    (irq.*)
 *   pv9_read_cr2, pv9_read_cr3, pv9_write_cr3        (mmu.*)
 *   pv9_flush_tlb_user, pv9_flush_tlb_kernel         (mmu.*, no native code)
 *   pv9_spin_unlock                                  (lock.queued_spin_unlock)
 * and P9_NAME(fn), the variant's function names.  The bodies follow
 * Linux 6.12 (Debian's linux-source), with the pv calls renamed.
 */
#include <linux/compiler.h>
#include <linux/preempt.h>
#include <asm/processor-flags.h>
#include <asm/ptrace.h>
#include <asm/qspinlock.h>

void P9_NAME(irq_sequence)(void);
unsigned long P9_NAME(spin_lock_irqsave)(struct qspinlock *lock);
void P9_NAME(spin_unlock_irqrestore)(struct qspinlock *lock,
				     unsigned long flags);
void P9_NAME(page_fault)(struct pt_regs *regs, unsigned long error_code);
void P9_NAME(flush_tlb_all)(bool global);
void P9_NAME(switch_cr3)(unsigned long new_cr3);

void p9_critical_section(void);
void p9_handle_fault(struct pt_regs *regs, unsigned long error_code,
		     unsigned long address);

static __always_inline unsigned long pv9_irq_save(void)
{
	unsigned long flags = pv9_save_fl();

	pv9_irq_disable();
	return flags;
}

static __always_inline void pv9_irq_restore(unsigned long flags)
{
	if (flags & X86_EFLAGS_IF)
		pv9_irq_enable();
}

/* A.5: local_irq_save() ... local_irq_restore(). */
noinline void P9_NAME(irq_sequence)(void)
{
	unsigned long flags = pv9_irq_save();

	p9_critical_section();
	pv9_irq_restore(flags);
}

/* spin_lock_irqsave(): __raw_spin_lock_irqsave() of
   include/linux/spinlock_api_smp.h, without lockdep. */
noinline unsigned long P9_NAME(spin_lock_irqsave)(struct qspinlock *lock)
{
	unsigned long flags = pv9_irq_save();

	preempt_disable();
	queued_spin_lock(lock);
	return flags;
}

/* spin_unlock_irqrestore(): __raw_spin_unlock_irqrestore(). */
noinline void P9_NAME(spin_unlock_irqrestore)(struct qspinlock *lock,
					      unsigned long flags)
{
	pv9_spin_unlock(lock);
	pv9_irq_restore(flags);
	preempt_enable();
}

/* A cr2 user: exc_page_fault() reads the address first thing, and
   do_user_addr_fault() runs the handler with interrupts on if the
   faulting context had them (arch/x86/mm/fault.c). */
noinline void P9_NAME(page_fault)(struct pt_regs *regs,
				  unsigned long error_code)
{
	unsigned long address = pv9_read_cr2();

	if (regs->flags & X86_EFLAGS_IF)
		pv9_irq_enable();
	p9_handle_fault(regs, error_code, address);
	pv9_irq_disable();
}

/* A TLB flush path: __flush_tlb_all() (arch/x86/mm/tlb.c) under the
   irq-save section native_flush_tlb_global() takes. */
noinline void P9_NAME(flush_tlb_all)(bool global)
{
	unsigned long flags = pv9_irq_save();

	if (global)
		pv9_flush_tlb_kernel();
	else
		pv9_flush_tlb_user();
	pv9_irq_restore(flags);
}

/* A cr3 user: switch_mm_irqs_off()'s check of the loaded cr3 and
   load_new_mm_cr3()'s write, with interrupts off. */
noinline void P9_NAME(switch_cr3)(unsigned long new_cr3)
{
	unsigned long flags = pv9_irq_save();

	if (pv9_read_cr3() != new_cr3)
		pv9_write_cr3(new_cr3);
	pv9_irq_restore(flags);
}
