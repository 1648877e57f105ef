// SPDX-License-Identifier: GPL-2.0
/*
 * pvwork.ko: the module make check-linux's workload loads and unloads.
 * Its init runs irq-saving spinlock sections on every online CPU at once
 * (pv irq flags, pv spinlocks, cross-CPU calls); its exit does it again.
 */
#include <linux/module.h>
#include <linux/smp.h>
#include <linux/spinlock.h>

static DEFINE_SPINLOCK(pvwork_lock);
static unsigned long pvwork_sections;

static void pvwork_sections_run(void *unused)
{
	unsigned long flags;
	int i;

	for (i = 0; i < 1000; i++) {
		spin_lock_irqsave(&pvwork_lock, flags);
		pvwork_sections++;
		spin_unlock_irqrestore(&pvwork_lock, flags);
	}
}

static int __init pvwork_init(void)
{
	on_each_cpu(pvwork_sections_run, NULL, 1);
	pr_info("pvwork: loaded, %lu irq-saving sections on %u CPUs\n",
		pvwork_sections, num_online_cpus());
	return pvwork_sections == 1000UL * num_online_cpus() ? 0 : -EIO;
}

static void __exit pvwork_exit(void)
{
	on_each_cpu(pvwork_sections_run, NULL, 1);
	pr_info("pvwork: unloaded after %lu sections\n", pvwork_sections);
}

module_init(pvwork_init);
module_exit(pvwork_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("make check-linux's workload module");
