/* SPDX-License-Identifier: MIT */
/*
 * What a Linux kernel needs to run pvpatch's freestanding core on a
 * loaded module: the module's memory as the core's ranges, and a writer
 * of its read-only text (docs/kernel.md, "Writing text").  pvtest.ko uses
 * it; a kernel tree adopting pvpatch can copy pvpatch_linux.c as it is.
 */
#ifndef PVPATCH_LINUX_H
#define PVPATCH_LINUX_H

#include <linux/module.h>
#include <linux/version.h>

#include <pvpatch_core.h>

/* Ranges pvpatch_linux_module_ranges() may fill. */
#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
#define PVPATCH_LINUX_MODULE_RANGES MOD_MEM_NUM_TYPES
#else
#define PVPATCH_LINUX_MODULE_RANGES 6
#endif

/* Fill r with mod's text, read-only and writable memory (slots, which
   pvpatch_core_bind() stores into, are in the last), core and init
   parts; returns how many. */
unsigned int pvpatch_linux_module_ranges(const struct module *mod,
					 struct pvpatch_range *r);

/* Writes text through a temporary writable alias of its pages and
   serializes every CPU; may sleep. */
extern const struct pvpatch_writer pvpatch_linux_writer;

#endif /* PVPATCH_LINUX_H */
