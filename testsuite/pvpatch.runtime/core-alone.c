/* A patcher alone (struct pvpatch_patcher.alone: no other thread can run
   text meanwhile) writes an operation's changes in one round: every
   site's new bytes at once, never an int3, and no sync() before the
   end.  The forms are still the mode's: live, a one-instruction head
   form of the same length as the call.  The core is driven directly,
   with a writer that counts what it is asked. */
/* { dg-options "-O2" } */
#define _GNU_SOURCE
#include <link.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include "fixture.h"
#include "pvpatch_core.h"

__attribute__((noinline)) unsigned long one(void) { return 1; }
__attribute__((noinline)) unsigned long two(void) { return 2; }
FIXTURE_OP(op_one, one, "REG_ABI", 8, 0);
FIXTURE_SITE_FN(one_site, op_one, 8, "", "call one");
FIXTURE_OP(op_two, two, "REG_ABI", 8, 0);
FIXTURE_SITE_FN(two_site, op_two, 8, "", "call two");
extern unsigned char one_site_site[], two_site_site[];
unsigned long one_site(void), two_site(void);
extern const struct pvpatch_site __start_pvpatch_sites[], __stop_pvpatch_sites[];

static struct pvpatch_range ranges[16];
static unsigned nranges;

static int program_ranges(struct dl_phdr_info *info, size_t size, void *arg)
{
	(void)size;
	(void)arg;
	for (unsigned i = 0; i < info->dlpi_phnum && nranges < 16; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];

		if (ph->p_type != PT_LOAD)
			continue;
		ranges[nranges].begin = info->dlpi_addr + ph->p_vaddr;
		ranges[nranges].end = ranges[nranges].begin + ph->p_memsz;
		ranges[nranges++].prot = PVPATCH_PROT_READ |
			((ph->p_flags & PF_X) ? PVPATCH_PROT_EXEC : 0);
	}
	return 1;	/* the program is the first object */
}

static unsigned writes, int3s, syncs;

static int write_text(void *ctx, void *dst, const void *src, size_t len)
{
	uintptr_t page = (uintptr_t)dst & ~(uintptr_t)4095;
	size_t span = (uintptr_t)dst + len - page;
	const unsigned char *from = src;

	(void)ctx;
	writes++;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char *)dst + i == one_site_site ||
		    (unsigned char *)dst + i == two_site_site)
			int3s += from[i] == 0xcc;
	if (mprotect((void *)page, span, PROT_READ | PROT_WRITE | PROT_EXEC))
		return -1;
	memcpy(dst, src, len);
	return mprotect((void *)page, span, PROT_READ | PROT_EXEC);
}

static int sync_text(void *ctx)
{
	(void)ctx;
	syncs++;
	return 0;
}

int main(void)
{
	static struct pvpatch_object obj;
	static struct pvpatch_patcher p;
	struct pvpatch_object *objects[] = { &obj };
	const void *fault;
	size_t size;
	void *work;

	dl_iterate_phdr(program_ranges, NULL);
	obj = (struct pvpatch_object){ .sites = __start_pvpatch_sites,
				       .sites_end = __stop_pvpatch_sites,
				       .ranges = ranges, .nranges = nranges };
	FIXTURE_CHECK(pvpatch_object_measure(&obj, &size, &fault));
	work = malloc(size);
	FIXTURE_CHECK(pvpatch_object_init(&obj, work, size, &fault));
	p.objects = objects;
	p.nobjects = 1;
	p.writer = (struct pvpatch_writer){ write_text, sync_text, NULL };
	p.alone = 1;
	FIXTURE_CHECK(pvpatch_core_bind(&p, one, two));
	printf("alone: syncs %u, int3s %u, first bytes %02x %02x\n", syncs,
	       int3s, one_site_site[0], two_site_site[0]);
	printf("calls %lu %lu\n", one_site(), two_site());
	syncs = int3s = 0;
	p.alone = 0;
	FIXTURE_CHECK(pvpatch_core_bind(&p, one, one));
	printf("not alone: syncs %u, int3s %u, first bytes %02x\n", syncs, int3s,
	       one_site_site[0]);
	printf("calls %lu %lu\n", one_site(), two_site());
	return 0;
}
/* { dg-output "alone: syncs 1, int3s 0, first bytes b8 e8\n" } */
/* { dg-output "calls 2 2\n" } */
/* { dg-output "not alone: syncs 3, int3s 2, first bytes b8\n" } */
/* { dg-output "calls 1 2" } */
