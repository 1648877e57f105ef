// SPDX-License-Identifier: GPL-2.0
/*
 * pvwork.ko: the module make check-linux's workload loads and unloads.
 * Its init runs irq-saving spinlock sections on every online CPU at once
 * (pv irq flags, pv spinlocks, cross-CPU calls); its exit does it again.
 *
 * Its init also reads back what the kernel's patcher left at each pv_ops
 * call site of vmlinux, as listed in /pvsites (kernel/linux-pvsites.py
 * --list): pairs of little-endian u64, first pv_ops's link address and the
 * number of sites, then each site's link address and member offset in
 * pv_ops.  It prints one line per member and form, "pvwork: site pv_ops+OFF
 * FORM xCOUNT", FORM being the site's bytes in hex, or for a direct call
 * "call SYMBOL" and the bytes after it: the same for the stock and the
 * plain-C kernel when both patch their sites alike (check-linux.sh).
 */
#include <linux/kernel_read_file.h>
#include <linux/module.h>
#include <linux/smp.h>
#include <linux/spinlock.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>

/* The site of a pv_ops call: call *pv_ops+N(%rip). */
#define PVWORK_SITE_BYTES 6
#define PVWORK_CALL_OPCODE 0xe8
#define PVWORK_CALL_BYTES 5
/* More forms than this means something is wrong with the list. */
#define PVWORK_MAX_FORMS 512
#define PVWORK_FORM_CHARS 96

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

struct pvwork_form {
	u64 offset;
	unsigned int count;
	char text[PVWORK_FORM_CHARS];
};

/* FORM of the site bytes CODE at ADDR. */
static void pvwork_form_text(char *form, const u8 *code, unsigned long addr)
{
	int n = 0, i = 0;

	if (code[0] == PVWORK_CALL_OPCODE) {
		s32 rel;

		memcpy(&rel, code + 1, sizeof(rel));
		n = scnprintf(form, PVWORK_FORM_CHARS, "call %ps",
			      (void *)(addr + PVWORK_CALL_BYTES + rel));
		i = PVWORK_CALL_BYTES;
	}
	for (; i < PVWORK_SITE_BYTES; i++)
		n += scnprintf(form + n, PVWORK_FORM_CHARS - n, "%s%02x",
			       n ? " " : "", code[i]);
}

/* Counts FORM of a site of the member at OFFSET in FORMS (N of them). */
static int pvwork_count_form(struct pvwork_form *forms, int n, u64 offset,
			     const char *form)
{
	int i;

	for (i = 0; i < n; i++) {
		if (forms[i].offset == offset && !strcmp(forms[i].text, form)) {
			forms[i].count++;
			return n;
		}
	}
	if (n == PVWORK_MAX_FORMS)
		return -ENOSPC;
	forms[n].offset = offset;
	forms[n].count = 1;
	strscpy(forms[n].text, form, PVWORK_FORM_CHARS);
	return n + 1;
}

/* The forms of the LIST's sites (pairs of u64, N of them after the first)
 * into FORMS; returns how many, or a negative errno. */
static int pvwork_read_sites(const u64 *list, u64 n, struct pvwork_form *forms)
{
	/* The kernel may run elsewhere than it was linked (KASLR). */
	unsigned long slide = (unsigned long)&pv_ops - list[0];
	char form[PVWORK_FORM_CHARS];
	u8 code[PVWORK_SITE_BYTES];
	int forms_n = 0;
	u64 i;

	for (i = 1; i <= n && forms_n >= 0; i++) {
		unsigned long addr = list[2 * i] + slide;

		if (copy_from_kernel_nofault(code, (void *)addr, sizeof(code))) {
			pr_err("pvwork: site %#lx cannot be read\n", addr);
			return -EFAULT;
		}
		pvwork_form_text(form, code, addr);
		forms_n = pvwork_count_form(forms, forms_n, list[2 * i + 1], form);
	}
	return forms_n;
}

/* The sites of /pvsites, printed by form. */
static int pvwork_sites(void)
{
	struct pvwork_form *forms = NULL;
	void *list = NULL;
	size_t size;
	ssize_t got;
	int n, i;
	u64 sites;

	got = kernel_read_file_from_path("/pvsites", 0, &list, INT_MAX, &size,
					 READING_UNKNOWN);
	if (got < 0) {
		pr_err("pvwork: /pvsites not read: %zd\n", got);
		return got;
	}
	sites = got >= 16 ? ((u64 *)list)[1] : 0;
	if (!sites || got != 16 * (sites + 1)) {
		pr_err("pvwork: /pvsites (%zd bytes) is no site list\n", got);
		vfree(list);
		return -EINVAL;
	}
	forms = vmalloc(PVWORK_MAX_FORMS * sizeof(*forms));
	n = forms ? pvwork_read_sites(list, sites, forms) : -ENOMEM;
	for (i = 0; i < n; i++)
		pr_info("pvwork: site pv_ops+%llu %s x%u\n", forms[i].offset,
			forms[i].text, forms[i].count);
	if (n >= 0)
		pr_info("pvwork: %llu sites read, %d forms\n", sites, n);
	vfree(forms);
	vfree(list);
	return n < 0 ? n : 0;
}

static int __init pvwork_init(void)
{
	int err = pvwork_sites();

	if (err)
		return err;
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
