/* SPDX-License-Identifier: MIT */
/* <stddef.h> for the runtime in a kernel module; see stdint.h here. */
#ifndef PVTEST_SHIM_STDDEF_H
#define PVTEST_SHIM_STDDEF_H

#include <linux/stddef.h>
#include <linux/types.h>

#endif
