// SPDX-License-Identifier: MIT
/* Result lines and the helpers every check shares. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/irq_work.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <asm/processor-flags.h>
#include <asm/special_insns.h>
#include <asm/tlbflush.h>

#include "pvtest.h"

static unsigned int passed, failed;

bool pvtest_check(bool ok, const char *fmt, ...)
{
	struct va_format vaf;
	va_list args;

	va_start(args, fmt);
	vaf.fmt = fmt;
	vaf.va = &args;
	pr_info("%s: %pV\n", ok ? "PASS" : "FAIL", &vaf);
	va_end(args);
	if (ok)
		passed++;
	else
		failed++;
	return ok;
}

void pvtest_summary(void)
{
	pr_info("done: %u passed, %u failed\n", passed, failed);
}

/* kallsyms prints "name+0x0/0xSIZE [module]" for the start of a function. */
bool pvtest_fn_init(struct pvtest_fn *fn, const char *name, const void *addr)
{
	char buf[KSYM_SYMBOL_LEN], *size;

	fn->name = name;
	fn->start = (unsigned long)addr;
	fn->size = 0;
	sprint_symbol(buf, fn->start);
	size = strstr(buf, "+0x0/");
	if (!size)
		return false;
	size += strlen("+0x0/");
	*strchrnul(size, ' ') = '\0';
	return !kstrtoul(size, 16, &fn->size) && fn->size;
}

bool pvtest_fn_holds(const struct pvtest_fn *fn, const void *addr)
{
	return (unsigned long)addr - fn->start < fn->size;
}

void pvtest_put_call(u8 *buf, const void *at, const void *target)
{
	s32 rel = (long)target - ((long)at + 5);

	buf[0] = 0xe8;
	memcpy(buf + 1, &rel, sizeof(rel));
}

/*
 * Whether interrupts are masked is observed, not read: the critical
 * section queues an irq_work, which raises an interrupt on this CPU (an
 * IPI on bare hardware, an event channel under Xen), and it must not run
 * there; once the sequence has restored interrupts it must have run.
 * Under Xen the flags register says nothing (a PV kernel runs with IF
 * set); the per-vCPU event mask is what irq_disable sets.
 */
static atomic_t probe_runs;

static void probe_ran(struct irq_work *work)
{
	atomic_inc(&probe_runs);
}

static struct irq_work probe = IRQ_WORK_INIT_HARD(probe_ran);

/* What the critical section saw. */
static struct {
	int queued;		/* irq_work_queue() took the probe */
	int ran;		/* and it ran there: interrupts were not masked */
	unsigned long flags;	/* the kernel's arch_local_save_flags() */
} inside;

noinline void pvtest_inside(void)
{
	int before = atomic_read(&probe_runs);

	inside.queued = irq_work_queue(&probe);
	udelay(20);
	inside.ran = atomic_read(&probe_runs) != before;
	inside.flags = pvtest_kernel_save_fl();
}

noinline void pvtest_kernel_irqs(bool on)
{
	if (on)
		local_irq_enable();
	else
		local_irq_disable();
}

noinline unsigned long pvtest_kernel_save_fl(void)
{
	return arch_local_save_flags();
}

noinline unsigned long pvtest_kernel_read_cr2(void)
{
	return read_cr2();
}

noinline unsigned long pvtest_kernel_read_cr3(void)
{
	return __read_cr3();
}

bool pvtest_is_accessor(const void *addr)
{
	static const struct {
		const char *name;
		const void *addr;
	} accessors[] = {
		{ "pvtest_kernel_irqs", pvtest_kernel_irqs },
		{ "pvtest_kernel_save_fl", pvtest_kernel_save_fl },
		{ "pvtest_kernel_read_cr2", pvtest_kernel_read_cr2 },
		{ "pvtest_kernel_read_cr3", pvtest_kernel_read_cr3 },
	};
	struct pvtest_fn fn;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(accessors); i++)
		if (pvtest_fn_init(&fn, accessors[i].name, accessors[i].addr) &&
		    pvtest_fn_holds(&fn, addr))
			return true;
	return false;
}

/* Interrupts on or off, in the kernel's view and in fact. */
struct irq_state {
	bool flag_on;		/* IF in the kernel's save_fl */
	bool delivered;		/* an interrupt raised meanwhile was taken */
};

/* Waits up to 10 ms for the probe of the critical section to run. */
static bool probe_done(int runs)
{
	unsigned int i;

	for (i = 0; i < 1000 && atomic_read(&probe_runs) == runs; i++)
		udelay(10);
	return atomic_read(&probe_runs) != runs;
}

/* Runs seq starting with interrupts on or off: what it saw inside, and
   what holds after it.  Interrupts are on again when it returns. */
static void run_sequence(void (*seq)(void), bool start_on,
			 struct irq_state *in, struct irq_state *after)
{
	int runs = atomic_read(&probe_runs);

	pvtest_kernel_irqs(start_on);
	seq();
	after->flag_on = pvtest_kernel_save_fl() & X86_EFLAGS_IF;
	after->delivered = start_on ? probe_done(runs) : atomic_read(&probe_runs) != runs;
	pvtest_kernel_irqs(true);
	if (!start_on)
		probe_done(runs);
	in->flag_on = inside.flags & X86_EFLAGS_IF;
	in->delivered = !inside.queued || inside.ran;
}

bool pvtest_check_irq_sequence(const char *what, void (*seq)(void))
{
	struct irq_state on_in, on_after, off_in, off_after;

	run_sequence(seq, true, &on_in, &on_after);
	run_sequence(seq, false, &off_in, &off_after);
	return pvtest_check(!on_in.flag_on && !on_in.delivered &&
			    on_after.flag_on && on_after.delivered &&
			    !off_in.flag_on && !off_in.delivered &&
			    !off_after.flag_on && !off_after.delivered,
			    "%s: irqs masked inside, restored after (from on: inside flag %d taken %d, after %d %d; from off: %d %d, %d %d)",
			    what, on_in.flag_on, on_in.delivered, on_after.flag_on,
			    on_after.delivered, off_in.flag_on, off_in.delivered,
			    off_after.flag_on, off_after.delivered);
}

/*
 * A fault at a known address: a read of the guard page that follows a
 * vmalloc() area, with interrupts masked so that no other fault comes
 * between it and the reads of cr2.
 */
bool pvtest_check_cr2(const char *what, unsigned long (*read)(void))
{
	char *area = vmalloc(PAGE_SIZE), byte;
	unsigned long at = (unsigned long)area + PAGE_SIZE, site, kernel;
	long err;

	if (!area)
		return pvtest_check(false, "%s: vmalloc() a page", what);
	pvtest_kernel_irqs(false);
	err = copy_from_kernel_nofault(&byte, (void *)at, 1);
	site = read();
	kernel = pvtest_kernel_read_cr2();
	pvtest_kernel_irqs(true);
	vfree(area);
	return pvtest_check(err && site == at && kernel == at,
			    "%s: cr2 %#lx after a fault at %#lx, as the kernel's read_cr2() %#lx",
			    what, site, at, kernel);
}

/* The page table the CPU is on is that of the task's mm (insmod's). */
bool pvtest_check_cr3(const char *what, unsigned long cr3)
{
	unsigned long kernel = pvtest_kernel_read_cr3();
	unsigned long pgd = __pa(current->active_mm->pgd);

	return pvtest_check(cr3 == kernel && (cr3 & CR3_ADDR_MASK) == pgd,
			    "%s: cr3 %#lx, as the kernel's __read_cr3() %#lx, at the mm's pgd %#lx",
			    what, cr3, kernel, pgd);
}
