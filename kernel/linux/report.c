// SPDX-License-Identifier: MIT
/* Result lines and the helpers every check shares. */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <asm/nops.h>
#include <asm/processor-flags.h>

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

void pvtest_kernel_nops(u8 *buf, unsigned int len)
{
	static const u8 nops[ASM_NOP_MAX + 1][ASM_NOP_MAX] = {
		{}, { BYTES_NOP1 }, { BYTES_NOP2 }, { BYTES_NOP3 },
		{ BYTES_NOP4 }, { BYTES_NOP5 }, { BYTES_NOP6 },
		{ BYTES_NOP7 }, { BYTES_NOP8 },
	};

	while (len) {
		unsigned int n = min_t(unsigned int, len, ASM_NOP_MAX);

		memcpy(buf, nops[n], n);
		buf += n;
		len -= n;
	}
}

void pvtest_put_call(u8 *buf, const void *at, const void *target)
{
	s32 rel = (long)target - ((long)at + 5);

	buf[0] = 0xe8;
	memcpy(buf + 1, &rel, sizeof(rel));
}

unsigned long pvtest_flags_inside;

/* Runs seq with interrupts on and off; the flags inside and after. */
static void run_sequence(void (*seq)(void), bool start_on,
			 unsigned long *inside, unsigned long *after)
{
	unsigned long saved = native_save_fl();

	if (start_on)
		native_irq_enable();
	else
		native_irq_disable();
	WRITE_ONCE(pvtest_flags_inside, ~0UL);
	seq();
	*after = native_save_fl();
	*inside = READ_ONCE(pvtest_flags_inside);
	if (saved & X86_EFLAGS_IF)
		native_irq_enable();
	else
		native_irq_disable();
}

bool pvtest_check_irq_sequence(const char *what, void (*seq)(void))
{
	unsigned long on_in, on_after, off_in, off_after;

	run_sequence(seq, true, &on_in, &on_after);
	run_sequence(seq, false, &off_in, &off_after);
	return pvtest_check(!(on_in & X86_EFLAGS_IF) && (on_after & X86_EFLAGS_IF) &&
			    !(off_in & X86_EFLAGS_IF) && !(off_after & X86_EFLAGS_IF),
			    "%s: irqs off inside, restored after (from on: flags %#lx inside, %#lx after; from off: %#lx, %#lx)",
			    what, on_in, on_after, off_in, off_after);
}
