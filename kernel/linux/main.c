// SPDX-License-Identifier: MIT
/*
 * pvtest: pvpatch in a running Linux 6.1 or 6.12 kernel (docs/kernel.md).
 * The checks run once, when the module is loaded; see pvtest.h.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>

#include "pvtest.h"

static int __init pvtest_init(void)
{
	pvtest_native();
	pvtest_native_code();
	pvtest_own();
	pvtest_compare();
	pvtest_summary();
	return 0;
}
module_init(pvtest_init);

static void __exit pvtest_exit(void)
{
}
module_exit(pvtest_exit);

MODULE_DESCRIPTION("pvpatch sites checked inside a running kernel");
MODULE_LICENSE("Dual MIT/GPL");
