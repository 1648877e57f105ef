/* Shared body of the run tests that compile one program under different
   options: pvpatch.torture/sites.c under every option set of
   torture.exp, and the run-*.c tests here that also scan their output.

   The ops are implemented in assembly that clobbers every register its
   op's clobber set allows (poisoning them), so a caller that assumed a
   narrower set than declared computes a wrong result.  main() then walks
   the program's own site table and checks each site: one call, then
   NOPs up to the op's size. */
#include <pvpatch.h>
#include <pvpatch_site.h>
#include <stdio.h>
#include <stdlib.h>

/* nop_length(): the NOP forms every test accepts, one definition. */
#include "../../kernel/common/site_bytes.h"

#ifndef OP_REGPARM
#define OP_REGPARM 0
#endif
#ifdef __i386__
#define OPCC __attribute__((regparm(OP_REGPARM)))
#else
#define OPCC
#endif

/* 2x+1; clobbers only the return register. */
OPCC long dbl(long x) __paravirt_callee_save;
/* x+7; clobbers rax and rdx (eax, edx). */
#ifdef __x86_64__
OPCC long rdx_op(long x) __paravirt_clobbers("rax,rdx");
#else
OPCC long rdx_op(long x) __paravirt_clobbers("eax,edx");
#endif
struct pv_ops {
	OPCC long (*mix)(long, long) __paravirt;	/* x + 2y, C-ABI clobbers */
	void (*nothing)(void) __paravirt_site("callee_save", 8);
};
OPCC long mix_impl(long, long);
void nothing_impl(void);
struct pv_ops pv_ops = { mix_impl, nothing_impl };

#define FN(name) ".globl " #name "\n.type " #name ", @function\n" #name ":\n"
#ifdef __x86_64__
__asm__(".text\n"
	FN(dbl) "lea 1(%rdi,%rdi), %rax\n ret\n"
	FN(rdx_op) "lea 7(%rdi), %rax\n mov $0x5a5a5a5a, %edx\n ret\n"
	FN(mix_impl) "lea (%rdi,%rsi,2), %rax\n mov $-1, %rcx\n"
	" mov %rcx, %rdx\n mov %rcx, %rsi\n mov %rcx, %rdi\n mov %rcx, %r8\n"
	" mov %rcx, %r9\n mov %rcx, %r10\n mov %rcx, %r11\n"
	" pcmpeqd %xmm0, %xmm0\n pcmpeqd %xmm1, %xmm1\n pcmpeqd %xmm2, %xmm2\n"
	" pcmpeqd %xmm3, %xmm3\n pcmpeqd %xmm4, %xmm4\n pcmpeqd %xmm5, %xmm5\n"
	" pcmpeqd %xmm6, %xmm6\n pcmpeqd %xmm7, %xmm7\n pcmpeqd %xmm8, %xmm8\n"
	" pcmpeqd %xmm9, %xmm9\n pcmpeqd %xmm10, %xmm10\n"
	" pcmpeqd %xmm11, %xmm11\n pcmpeqd %xmm12, %xmm12\n"
	" pcmpeqd %xmm13, %xmm13\n pcmpeqd %xmm14, %xmm14\n"
	" pcmpeqd %xmm15, %xmm15\n ret\n"
	FN(nothing_impl) "ret\n");
#elif OP_REGPARM == 3
__asm__(".text\n"
	FN(dbl) "lea 1(%eax,%eax), %eax\n ret\n"
	FN(rdx_op) "add $7, %eax\n mov $0x5a5a5a5a, %edx\n ret\n"
	FN(mix_impl) "lea (%eax,%edx,2), %eax\n mov $-1, %ecx\n mov %ecx, %edx\n"
	" pcmpeqd %xmm0, %xmm0\n pcmpeqd %xmm7, %xmm7\n ret\n"
	FN(nothing_impl) "ret\n");
#else
__asm__(".text\n"
	FN(dbl) "mov 4(%esp), %eax\n lea 1(%eax,%eax), %eax\n ret\n"
	FN(rdx_op) "mov 4(%esp), %eax\n add $7, %eax\n mov $0x5a5a5a5a, %edx\n ret\n"
	FN(mix_impl) "mov 4(%esp), %eax\n mov 8(%esp), %ecx\n"
	" lea (%eax,%ecx,2), %eax\n mov $-1, %ecx\n mov %ecx, %edx\n"
	" pcmpeqd %xmm0, %xmm0\n pcmpeqd %xmm7, %xmm7\n ret\n"
	FN(nothing_impl) "ret\n");
#endif

__attribute__((noinline)) long compute(long a, long b, long c, long d, long e,
				       long f, double x)
{
	long s = dbl(a);
	double y = x * 1.5;

	s += rdx_op(b) * c;
	pv_ops.nothing();
	s += (long)(y * 2);
	s += pv_ops.mix(d, e) + f;
	return s + a * b * c * d * e * f + (long)(x * y);
}

static long expected(long a, long b, long c, long d, long e, long f, double x)
{
	double y = x * 1.5;

	return (2 * a + 1) + (b + 7) * c + (long)(y * 2) + (d + 2 * e) + f +
	       a * b * c * d * e * f + (long)(x * y);
}

/* Length of the call instruction at P (e8 rel32, 67 e8 rel32, or ff /2),
   or 0. */
static unsigned call_length(const unsigned char *p)
{
	unsigned rex = (p[0] & 0xf0) == 0x40, mod, rm, len;

	if (p[0] == 0xe8)
		return 5;
	if (p[0] == 0x67 && p[1] == 0xe8)
		return 6;	/* call *GOT relaxed by the linker */
	if (p[rex] != 0xff || ((p[rex + 1] >> 3) & 7) != 2)
		return 0;
	mod = p[rex + 1] >> 6;
	rm = p[rex + 1] & 7;
	len = rex + 2;
	if (mod != 3 && rm == 4)
		len++;		/* SIB */
	if (mod == 1)
		len += 1;
	else if (mod == 2 || (mod == 0 && rm == 5))
		len += 4;
	else if (mod == 0 && rm == 4 && (p[rex + 2] & 7) == 5)
		len += 4;
	return len;
}

extern const struct pvpatch_site __start_pvpatch_sites[]
	__attribute__((visibility("hidden")));
extern const struct pvpatch_site __stop_pvpatch_sites[]
	__attribute__((visibility("hidden")));

static void check_site(const struct pvpatch_site *s)
{
	const struct pvpatch_op *op = pvpatch_site_op(s);
	const unsigned char *p = pvpatch_site_addr(s);
	unsigned at = call_length(p), n;

	if (op->version != PVPATCH_ABI_VERSION || op->size < 5 || !at ||
	    at > op->size) {
		fprintf(stderr, "bad site at %p\n", (const void *)p);
		abort();
	}
	for (; at < op->size; at += n)
		if (!(n = nop_length(p + at, op->size - at))) {
			fprintf(stderr, "site %p: no NOP at +%u\n",
				(const void *)p, at);
			abort();
		}
}

static void check_table(unsigned min_sites)
{
	unsigned count = __stop_pvpatch_sites - __start_pvpatch_sites;

	if (count < min_sites) {
		fprintf(stderr, "%u sites, expected at least %u\n", count,
			min_sites);
		abort();
	}
	for (unsigned i = 0; i < count; i++)
		check_site(&__start_pvpatch_sites[i]);
}

int main(void)
{
	for (long i = 1; i < 50; i++) {
		long got = compute(i, i + 1, i + 2, i + 3, i + 4, i + 5, i * 0.25);
		long want = expected(i, i + 1, i + 2, i + 3, i + 4, i + 5, i * 0.25);
		if (got != want) {
			fprintf(stderr, "compute(%ld) = %ld, want %ld\n", i, got, want);
			abort();
		}
	}
	check_table(4);
	return 0;
}
