/* SPDX-License-Identifier: MIT */
/*
 * What a program using the runtime's core without libc needs, as a kernel
 * or boot loader would use it: an entry point calling
 * freestanding_main(), output through raw system calls, the segments from
 * the program's own headers, and a text writer of the program's own (here
 * mprotect through raw system calls, where a kernel would write before
 * paging is on, or use text_poke or an alias mapping).  The tables come
 * from linker symbols.
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

extern const struct pvpatch_site __start_pvpatch_sites[], __stop_pvpatch_sites[];
extern const struct pvpatch_impl __start_pvpatch_impls[], __stop_pvpatch_impls[];
extern const struct pvpatch_inline __start_pvpatch_inlines[], __stop_pvpatch_inlines[];

/* The program as one object of the core. */
static void program_object(struct pvpatch_object *obj, struct pvpatch_range *ranges,
			   unsigned max)
{
	*obj = (struct pvpatch_object){
		.sites = __start_pvpatch_sites, .sites_end = __stop_pvpatch_sites,
		.impls = __start_pvpatch_impls, .impls_end = __stop_pvpatch_impls,
		.inlines = __start_pvpatch_inlines,
		.inlines_end = __stop_pvpatch_inlines,
		.ranges = ranges, .nranges = load_ranges(ranges, max),
	};
}

static int report(const char *what, int err)
{
	out(what);
	out(": ");
	out(pvpatch_strerror(err));
	out("\n");
	return err;
}

static void out_stats(const char *what, const struct pvpatch_patcher *p)
{
	out(what);
	out(": inlined ");
	out_num(p->stats.inlined);
	out(" directed ");
	out_num(p->stats.directed);
	out(" nopped ");
	out_num(p->stats.nopped);
	out("\n");
}

