/* A forked child re-binds its own copy of the text, not its parent's: the
   descriptor the parent kept open writes the parent's memory, so the
   child must open its own.  The parent's descriptor still works after. */
/* { dg-options "-O2" } */
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include "fixture.h"

__attribute__((noinline)) unsigned long one(void) { return 1; }
__attribute__((noinline)) unsigned long two(void) { return 2; }
__attribute__((noinline)) unsigned long three(void) { return 3; }

FIXTURE_OP(op_direct, one, "REG_ABI", 8, 0);
FIXTURE_SITE_FN(direct_site, op_direct, 8, "", "call one");
unsigned long direct_site(void);

int main(void)
{
	pid_t child;
	int status;

	FIXTURE_CHECK(pvpatch_apply());
	fflush(stdout);
	child = fork();
	if (child == 0) {
		FIXTURE_CHECK(pvpatch_bind(one, two));
		printf("child calls %lu\n", direct_site());
		return 0;
	}
	waitpid(child, &status, 0);
	printf("parent calls %lu after the child's bind\n", direct_site());
	FIXTURE_CHECK(pvpatch_bind(one, three));
	printf("parent calls %lu\n", direct_site());
	return 0;
}
/* { dg-output "child calls 2\n" } */
/* { dg-output "parent calls 1 after the child's bind\n" } */
/* { dg-output "parent calls 3" } */
