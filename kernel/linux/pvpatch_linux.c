// SPDX-License-Identifier: MIT
/*
 * pvpatch's core on a loaded Linux module: the module's memory as ranges,
 * and a writer of its text (pvpatch_linux.h).  Written for Linux 6.1 to
 * 6.12; meant to be copied into a kernel that adopts pvpatch.
 *
 * Use, from the module loader or the module's init, while nothing runs
 * the module's sites (else see docs/runtime.md on live patching):
 *
 *	obj.ranges = ranges;
 *	obj.nranges = pvpatch_linux_module_ranges(mod, ranges);
 *	... pvpatch_object_measure(), a kmalloc()ed work area,
 *	    pvpatch_object_init() ...
 *	patcher.writer = pvpatch_linux_writer;
 *	patcher.mode = PVPATCH_MODE_QUIESCENT;
 *	err = pvpatch_core_apply(&patcher);
 */
#include <linux/mm.h>
#include <linux/smp.h>
#include <linux/vmalloc.h>
#include <asm/sync_core.h>

#include "pvpatch_linux.h"

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 4, 0)
/* Since 6.4 a module has one region per kind of memory. */
unsigned int pvpatch_linux_module_ranges(const struct module *mod,
					 struct pvpatch_range *r)
{
	static const unsigned int prot[MOD_MEM_NUM_TYPES] = {
		[MOD_TEXT] = PVPATCH_PROT_READ | PVPATCH_PROT_EXEC,
		[MOD_INIT_TEXT] = PVPATCH_PROT_READ | PVPATCH_PROT_EXEC,
		[MOD_RODATA] = PVPATCH_PROT_READ,
		[MOD_RO_AFTER_INIT] = PVPATCH_PROT_READ,
		[MOD_INIT_RODATA] = PVPATCH_PROT_READ,
		[MOD_DATA] = PVPATCH_PROT_READ | PVPATCH_PROT_WRITE,
		[MOD_INIT_DATA] = PVPATCH_PROT_READ | PVPATCH_PROT_WRITE,
	};
	unsigned int type, n = 0;

	for (type = 0; type < MOD_MEM_NUM_TYPES; type++) {
		const struct module_memory *mem = &mod->mem[type];

		if (mem->size)
			r[n++] = (struct pvpatch_range){ (uintptr_t)mem->base,
				(uintptr_t)mem->base + mem->size, prot[type] };
	}
	return n;
}
#else
/* Before, a core and an init layout: text, read-only data (up to
   ro_after_init_size), writable data. */
unsigned int pvpatch_linux_module_ranges(const struct module *mod,
					 struct pvpatch_range *r)
{
	const struct module_layout *layouts[] = {
		&mod->core_layout, &mod->init_layout,
	};
	unsigned int i, n = 0;

	for (i = 0; i < ARRAY_SIZE(layouts); i++) {
		const struct module_layout *l = layouts[i];
		uintptr_t base = (uintptr_t)l->base;

		if (!l->size)
			continue;
		r[n++] = (struct pvpatch_range){ base, base + l->text_size,
			PVPATCH_PROT_READ | PVPATCH_PROT_EXEC };
		r[n++] = (struct pvpatch_range){ base + l->text_size,
			base + l->ro_after_init_size, PVPATCH_PROT_READ };
		r[n++] = (struct pvpatch_range){ base + l->ro_after_init_size,
			base + l->size, PVPATCH_PROT_READ | PVPATCH_PROT_WRITE };
	}
	return n;
}
#endif

/* Module text, in vmalloc space, is mapped read-only: write through a
   temporary writable alias of each page, as text_poke() does through a
   mapping of its own.  A call may cover a run of adjacent sites, so any
   number of pages. */
static int alias_write(void *ctx, void *dst, const void *src, size_t len)
{
	while (len) {
		unsigned int offset = offset_in_page(dst);
		size_t n = min_t(size_t, len, PAGE_SIZE - offset);
		struct page *page = vmalloc_to_page(dst);
		void *alias = page ? vmap(&page, 1, VM_MAP, PAGE_KERNEL) : NULL;

		if (!alias)
			return -1;
		memcpy(alias + offset, src, n);
		vunmap(alias);
		dst += n;
		src += n;
		len -= n;
	}
	return 0;
}

static void serialize_cpu(void *unused)
{
	sync_core();
}

/* No CPU may keep executing bytes it fetched before the writes. */
static int sync_all_cpus(void *ctx)
{
	on_each_cpu(serialize_cpu, NULL, 1);
	return 0;
}

const struct pvpatch_writer pvpatch_linux_writer = {
	.write = alias_write,
	.sync = sync_all_cpus,
};
