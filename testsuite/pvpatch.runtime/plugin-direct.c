/* With the plugin: a call of a direct op declared __paravirt_callee_save
   is a site.  Its own tiny body is inlined by pvpatch_apply; binding it to
   a paravirt_impl whose recorded clobbers fit gives a direct call; an
   implementation without a record is refused. */
/* { dg-options "-O2" } */
#include "fixture.h"
#include "pvpatch.h"

unsigned long answer(void) __paravirt_callee_save;
unsigned long answer(void) { return 42; }

static volatile unsigned long value = 7;
__attribute__((paravirt_impl("callee_save"))) unsigned long recorded(void)
{
	return value;
}
__attribute__((noinline)) unsigned long unrecorded(void) { return value; }

__attribute__((noinline)) unsigned long use_answer(void) { return answer() + 1; }

int main(void)
{
	FIXTURE_CHECK(pvpatch_apply());
	fixture_print_stats("apply");
	printf("call %lu\n", use_answer());
	FIXTURE_CHECK(pvpatch_bind(answer, recorded));
	fixture_print_stats("bind");
	printf("call %lu\n", use_answer());
	printf("unrecorded: %s\n", pvpatch_strerror(pvpatch_bind(answer, unrecorded)));
	printf("call %lu\n", use_answer());
	return 0;
}
/* { dg-output "apply: inlined 1 directed 0 nopped 0 left 0\n" } */
/* { dg-output "call 43\n" } */
/* { dg-output "bind: inlined 0 directed 1 nopped 0 left 0\n" } */
/* { dg-output "call 8\n" } */
/* { dg-output "unrecorded: the implementation clobbers registers the op must preserve\n" } */
/* { dg-output "call 8" } */
