/* Issue 12's program: a PVPATCH_INLINE record that writes ecx without
   declaring it, with a lahf after that write, makes pvpatch_apply fail
   with PVPATCH_ERR_BAD_INLINE and name the instruction that writes ecx;
   nothing is patched, so the caller's values survive the op's call. */
/* { dg-options "-O2" } */
#include <stdio.h>
#include <pvpatch.h>
#include <pvpatch_runtime.h>

#if defined(__x86_64__)
#define RESULT "rax"
#else
#define RESULT "eax"
#endif

struct ops { unsigned long (*bad)(unsigned long) __paravirt_site(RESULT, 16); };
static __attribute__((paravirt_impl(RESULT))) unsigned long bad_impl(unsigned long v)
{
	return v;
}
#if defined(__x86_64__)
PVPATCH_INLINE(bad_impl, "mov %rdi, %rcx; mov %rdi, %rdx; mov %rdi, %rsi; "
		"mov %rdi, %r8; lahf; mov %rcx, %rax", "rax");
#else
PVPATCH_INLINE(bad_impl, "movl (%esp), %ecx; lahf; movl %ecx, %eax", "eax");
#endif
struct ops ops = { bad_impl };
extern const struct pvpatch_inline __start_pvpatch_inlines[];

__attribute__((noinline)) unsigned long use(unsigned long a, unsigned long b,
					    unsigned long c, unsigned long d)
{
	unsigned long x = a * 3, y = b * 5, z = c * 7, w = d * 11;
	unsigned long r = ops.bad(1000);

	return x + y + z + w + r;
}

int main(void)
{
	const unsigned char *code = pvpatch_rel(&__start_pvpatch_inlines->code);
	unsigned long before = use(1, 2, 3, 4);
	int err;

	pvpatch_set_mode(PVPATCH_MODE_QUIESCENT);
	err = pvpatch_apply();
	printf("apply: %s\n", pvpatch_strerror(err));
	printf("fault: %s\n", pvpatch_last_fault() == code ? "the write of cx" : "elsewhere");
	printf("%lu before, %lu after\n", before, use(1, 2, 3, 4));
	return 0;
}
/* { dg-output "apply: a PVPATCH_INLINE record is malformed or its code cannot be moved into a site\n" } */
/* { dg-output "fault: the write of cx\n" } */
/* { dg-output "1078 before, 1078 after" } */
