/* An op bound to an implementation that is no inline code gets a direct
   call in place of the original call, the pushes and pops around it kept,
   since the implementation may clobber what they save; revert restores
   the call of the op. */
/* { dg-do run } */
/* { dg-options "-O2" } */
/* { dg-pvpatch-scan "count.S" "" } */
#include <stdint.h>
#include "run.h"

#if defined(__x86_64__)
#define LEAD 13		/* push rax, rcx, rdx, rsi, rdi, r8-r11 */
#else
#define LEAD 3		/* push eax, ecx, edx */
#endif
#define SIZE (2 * LEAD + 5)

volatile unsigned long a_calls, b_calls;
__attribute__((noinline)) void count_a(void) { a_calls++; }
__attribute__((noinline)) void count_b(void) { b_calls++; }

extern unsigned char count_site[];
run_fn count_run;

/* Where the call after the pushes goes. */
static const char *call_target(void)
{
	int32_t rel;

	if (count_site[LEAD] != 0xe8)
		return "no call";
	memcpy(&rel, count_site + LEAD + 1, 4);
	return count_site + LEAD + 5 + rel == (void *)count_b ? "count_b" :
	       count_site + LEAD + 5 + rel == (void *)count_a ? "count_a" : "elsewhere";
}

int main(void)
{
	unsigned char before[SIZE];

	memcpy(before, count_site, sizeof(before));
	run_print("original", count_run);
	FIXTURE_CHECK(pvpatch_set_mode(PVPATCH_MODE_QUIESCENT));
	FIXTURE_CHECK(pvpatch_bind((void *)count_a, (void *)count_b));
	fixture_print_stats("bind");
	printf("pushes and pops %s, call to %s\n",
	       !memcmp(count_site, before, LEAD) &&
	       !memcmp(count_site + LEAD + 5, before + LEAD + 5, LEAD) ? "kept" : "changed",
	       call_target());
	run_print("bound", count_run);
	FIXTURE_CHECK(pvpatch_revert());
	printf("revert: %s\n", fixture_same(count_site, before, sizeof(before)));
	run_print("reverted", count_run);
	printf("calls: a %lu b %lu\n", a_calls, b_calls);
	return 0;
}
/* { dg-final { scan-pvpatch-scan "call of count_a: site .text\\+0x\[0-9a-f\]+, (31|11) bytes, clobbers vec,x87;" } } */
/* { dg-output "original: changed 0 ax 0x5a5a0000\n" } */
/* { dg-output "bind: inlined 0 directed 1 nopped 0 left 0\n" } */
/* { dg-output "pushes and pops kept, call to count_b\n" } */
/* { dg-output "bound: changed 0 ax 0x5a5a0000\n" } */
/* { dg-output "revert: unchanged\n" } */
/* { dg-output "reverted: changed 0 ax 0x5a5a0000\n" } */
/* { dg-output "calls: a 2 b 1\n" } */
