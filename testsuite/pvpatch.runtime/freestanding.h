/* SPDX-License-Identifier: MIT */
/*
 * Body of freestanding-64.c and freestanding-32.c: the runtime's core used
 * the way a kernel or boot loader would, without libc.  The tables come
 * from linker symbols, the segments from the program's own headers, and
 * text is written by a writer of the program's own (here mprotect through
 * raw system calls, where a kernel would write before paging is on, or
 * use text_poke or an alias mapping).
 */
#include <elf.h>
#include <stddef.h>
#include <stdint.h>

#include "pvpatch_core.h"
#include "pvpatch_inline.h"
#include "fixture-asm.h"

#if defined(__x86_64__)
#define SYS_WRITE 1
#define SYS_MPROTECT 10
#define SYS_EXIT 60
typedef Elf64_Ehdr Ehdr;
typedef Elf64_Phdr Phdr;

static long sys3(long n, long a, long b, long c)
{
	long r;

	__asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c)
			 : "rcx", "r11", "memory");
	return r;
}

__asm__(".text\n.globl _start\n_start:\n\txor %ebp, %ebp\n\tand $-16, %rsp\n"
	"\tcall freestanding_main\n\tmov %eax, %edi\n\tmov $60, %eax\n\tsyscall\n");
#else
#define SYS_WRITE 4
#define SYS_MPROTECT 125
#define SYS_EXIT 1
typedef Elf32_Ehdr Ehdr;
typedef Elf32_Phdr Phdr;

static long sys3(long n, long a, long b, long c)
{
	long r;

	__asm__ volatile("int $0x80" : "=a"(r) : "a"(n), "b"(a), "c"(b), "d"(c)
			 : "memory");
	return r;
}

__asm__(".text\n.globl _start\n_start:\n\txor %ebp, %ebp\n\tand $-16, %esp\n"
	"\tcall freestanding_main\n\tmov %eax, %ebx\n\tmov $1, %eax\n\tint $0x80\n");
#endif

/* GCC may call these even in freestanding code; the program provides them. */
void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;

	while (n--)
		*d++ = *s++;
	return dst;
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;

	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

static void out(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	sys3(SYS_WRITE, 1, (long)s, (long)n);
}

static void out_hex(const unsigned char *p, unsigned n)
{
	static const char digits[] = "0123456789abcdef";
	char buf[3 * 16 + 1];
	unsigned i;

	for (i = 0; i < n && i < 16; i++) {
		buf[3 * i] = ' ';
		buf[3 * i + 1] = digits[p[i] >> 4];
		buf[3 * i + 2] = digits[p[i] & 15];
	}
	buf[3 * i] = 0;
	out(buf);
}

static void out_num(unsigned long v)
{
	char buf[24], *p = buf + sizeof(buf) - 1;

	*p = 0;
	do
		*--p = (char)('0' + v % 10);
	while (v /= 10);
	out(p);
}

/* The program's loaded segments, from its own program headers. */
extern const Ehdr __ehdr_start;

static unsigned load_ranges(struct pvpatch_range *r, unsigned max)
{
	const Phdr *ph = (const void *)((const char *)&__ehdr_start + __ehdr_start.e_phoff);
	unsigned n = 0;

	for (unsigned i = 0; i < __ehdr_start.e_phnum && n < max; i++) {
		if (ph[i].p_type != PT_LOAD)
			continue;
		r[n].begin = ph[i].p_vaddr;
		r[n].end = ph[i].p_vaddr + ph[i].p_memsz;
		r[n].prot = ((ph[i].p_flags & PF_R) ? PVPATCH_PROT_READ : 0) |
			    ((ph[i].p_flags & PF_X) ? PVPATCH_PROT_EXEC : 0) |
			    ((ph[i].p_flags & PF_W) ? PVPATCH_PROT_WRITE : 0);
		n++;
	}
	return n;
}

/* The writer: make the pages writable for the copy, then executable
   again.  Executable throughout: this very code may share a page. */
static int write_text(void *ctx, void *dst, const void *src, size_t len)
{
	uintptr_t page = (uintptr_t)dst & ~(uintptr_t)4095;
	size_t span = (uintptr_t)dst + len - page;

	(void)ctx;
	if (sys3(SYS_MPROTECT, (long)page, (long)span, 7))
		return -1;
	memcpy(dst, src, len);
	return sys3(SYS_MPROTECT, (long)page, (long)span, 5) ? -1 : 0;
}

static int sync_text(void *ctx)
{
	(void)ctx;
	return 0;	/* one thread, and mprotect serializes this CPU */
}

/* The sites.  seven() is more than one instruction: a direct call. */
static volatile unsigned long six_v = 6, one_v = 1;
__attribute__((noinline)) unsigned long forty_two(void) { return 42; }
__attribute__((noinline)) unsigned long seven(void) { return six_v + one_v; }
__attribute__((noinline)) void nothing(void) { }
FIXTURE_IMPL(seven, "REG_AX | REG_CX | REG_DX");
PVPATCH_INLINE(nothing, "", "");

unsigned long (*value_slot)(void) = seven;
FIXTURE_OP(op_direct, forty_two, "REG_AX", 8, 0);
FIXTURE_SITE_FN(direct_site, op_direct, 8, "", "call forty_two");
FIXTURE_OP(op_slot, value_slot, "REG_AX | REG_CX | REG_DX", 8, 1);
FIXTURE_SLOT_SITE_FN(slot_site, op_slot, 8, value_slot);
FIXTURE_OP(op_nothing, nothing, "0", 8, 0);
FIXTURE_SITE_FN(nothing_site, op_nothing, 8, "", "call nothing");
unsigned long direct_site(void), slot_site(void), nothing_site(void);
extern unsigned char direct_site_site[], slot_site_site[];

extern const struct pvpatch_site __start_pvpatch_sites[], __stop_pvpatch_sites[];
extern const struct pvpatch_impl __start_pvpatch_impls[], __stop_pvpatch_impls[];
extern const struct pvpatch_inline __start_pvpatch_inlines[], __stop_pvpatch_inlines[];

static struct pvpatch_range ranges[8];
static struct pvpatch_object object;
static struct pvpatch_object *const objects[] = { &object };
static struct pvpatch_patcher patcher;
static unsigned char work[4096] __attribute__((aligned(8)));

static int report(const char *what, int err)
{
	out(what);
	out(": ");
	out(pvpatch_strerror(err));
	out("\n");
	return err;
}

static void out_stats(const char *what)
{
	out(what);
	out(": inlined ");
	out_num(patcher.stats.inlined);
	out(" directed ");
	out_num(patcher.stats.directed);
	out(" nopped ");
	out_num(patcher.stats.nopped);
	out("\n");
}

static void out_calls(void)
{
	out("calls ");
	out_num(direct_site());
	out(" ");
	out_num(slot_site());
	out("\n");
}

int freestanding_main(void)
{
	unsigned char original[8];
	const void *fault;
	size_t size;

	object = (struct pvpatch_object){
		.sites = __start_pvpatch_sites, .sites_end = __stop_pvpatch_sites,
		.impls = __start_pvpatch_impls, .impls_end = __stop_pvpatch_impls,
		.inlines = __start_pvpatch_inlines,
		.inlines_end = __stop_pvpatch_inlines,
		.ranges = ranges, .nranges = load_ranges(ranges, 8),
	};
	if (report("measure", pvpatch_object_measure(&object, &size, &fault)) ||
	    size > sizeof(work) ||
	    report("init", pvpatch_object_init(&object, work, size, &fault)))
		return 1;
	memcpy(original, slot_site_site, 8);
	patcher.objects = objects;
	patcher.nobjects = 1;
	patcher.writer = (struct pvpatch_writer){ write_text, sync_text, 0 };
	if (report("apply", pvpatch_core_apply(&patcher)))
		return 1;
	out_stats("apply");
	nothing_site();
	out_calls();
	if (report("bind", pvpatch_core_bind(&patcher, &value_slot, forty_two)))
		return 1;
	out_hex(slot_site_site, 8);
	out("\n");
	out_calls();
	if (report("revert", pvpatch_core_revert(&patcher)))
		return 1;
	out("slot site");
	for (int i = 0; i < 8; i++)
		if (slot_site_site[i] != original[i]) {
			out(" changed\n");
			return 1;
		}
	out(" original\n");
	out_calls();
	return 0;
}
