/* When the writer fails in the middle of an operation, sites can be left
   holding the int3 of the first round (the error is PVPATCH_ERR_WRITE).
   The next operation repairs them, even one about other sites: here a
   failed apply leaves both sites trapped, then a bind of one op succeeds
   and neither site still starts with int3.  Found by the table fuzzer.
   The core is driven directly, with a writer that can be made to fail. */
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

/* Fails once writes_left reaches zero. */
static int writes_left = -1;

static int write_text(void *ctx, void *dst, const void *src, size_t len)
{
	uintptr_t page = (uintptr_t)dst & ~(uintptr_t)4095;
	size_t span = (uintptr_t)dst + len - page;

	(void)ctx;
	if (writes_left == 0)
		return -1;
	writes_left--;
	if (mprotect((void *)page, span, PROT_READ | PROT_WRITE | PROT_EXEC))
		return -1;
	memcpy(dst, src, len);
	return mprotect((void *)page, span, PROT_READ | PROT_EXEC);
}

static int sync_text(void *ctx)
{
	(void)ctx;
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
	writes_left = 2;	/* round 1 writes both int3s, round 2 fails */
	printf("apply: %s\n", pvpatch_strerror(pvpatch_core_apply(&p)));
	printf("trapped: %02x %02x\n", one_site_site[0], two_site_site[0]);
	writes_left = -1;
	FIXTURE_CHECK(pvpatch_core_bind(&p, one, two));
	printf("after bind: %02x %02x\n", one_site_site[0], two_site_site[0]);
	printf("calls %lu %lu\n", one_site(), two_site());
	return 0;
}
/* { dg-output "apply: writing text failed\n" } */
/* { dg-output "trapped: cc cc\n" } */
/* { dg-output "after bind: b8 b8\n" } */
/* { dg-output "calls 2 2" } */
