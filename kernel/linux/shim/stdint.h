/* SPDX-License-Identifier: MIT */
/*
 * <stdint.h> for pvpatch's freestanding runtime built into a kernel
 * module: Kbuild compiles with -nostdinc, and the kernel already defines
 * the fixed-width types.  GCC's own <stdint.h> would define uint64_t as
 * unsigned long, conflicting with <linux/types.h>'s unsigned long long.
 */
#ifndef PVTEST_SHIM_STDINT_H
#define PVTEST_SHIM_STDINT_H

#include <linux/types.h>

typedef long intptr_t;	/* the one C99 type the kernel does not define */

#define INT32_C(c) c
#define UINT32_C(c) c##U

#endif
