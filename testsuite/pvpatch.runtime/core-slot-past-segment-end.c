/* A slot that starts inside a readable segment but ends past it must be
   rejected, not read: here the slot starts half a pointer before the end
   of the object's only segment, and the page after it is unmapped.
   Found by testsuite/fuzz/table_fuzz.c (libFuzzer); see docs/reliability.md. */
/* { dg-options "-O2" } */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "pvpatch_core.h"

static int32_t rel(const void *field, const void *target)
{
	return (int32_t)((const char *)target - (const char *)field);
}

static int write_text(void *ctx, void *dst, const void *src, size_t len)
{
	(void)ctx;
	memcpy(dst, src, len);
	return 0;
}

static int sync_text(void *ctx)
{
	(void)ctx;
	return 0;
}

int main(void)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	unsigned char *mem = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	/* A site of 8 bytes: call *slot (ff 15, any displacement), NOPs. */
	static const unsigned char site_bytes[8] = { 0xff, 0x15, 0, 0, 0, 0, 0x66, 0x90 };
	struct pvpatch_op *op = (struct pvpatch_op *)(mem + 64);
	struct pvpatch_site *site = (struct pvpatch_site *)(mem + 128);
	unsigned char *slot = mem + page - sizeof(void *) / 2;
	struct pvpatch_range range = { (uintptr_t)mem, (uintptr_t)mem + page,
				       PVPATCH_PROT_READ | PVPATCH_PROT_EXEC };
	struct pvpatch_object obj = { .sites = site, .sites_end = site + 1,
				      .ranges = &range, .nranges = 1 };
	struct pvpatch_object *objects[] = { &obj };
	struct pvpatch_patcher p = { .objects = objects, .nobjects = 1,
				     .writer = { write_text, sync_text, NULL } };
	const void *fault;
	size_t work_size;
	void *work;
	int err;

	if (mem == MAP_FAILED || mprotect(mem + page, page, PROT_NONE))
		return 2;
	memcpy(mem, site_bytes, sizeof(site_bytes));
	op->target = rel(&op->target, slot);
	op->clobbers = 0x30007;	/* eax, ecx, edx, vector and x87 state */
	op->version = PVPATCH_ABI_VERSION;
	op->size = sizeof(site_bytes);
	op->flags = PVPATCH_OP_INDIRECT;
#if defined(__i386__)
	op->flags |= PVPATCH_OP_I386;
#endif
	site->addr = rel(&site->addr, mem);
	site->op = rel(&site->op, op);
	err = pvpatch_object_measure(&obj, &work_size, &fault);
	work = malloc(work_size);
	if (!err)
		err = pvpatch_object_init(&obj, work, work_size, &fault);
	if (!err)
		err = pvpatch_core_apply(&p);
	printf("apply: %s\n", err == PVPATCH_ERR_BAD_OP ? "rejected" : pvpatch_strerror(err));
	free(work);
	return 0;
}
/* { dg-output "apply: rejected" } */
