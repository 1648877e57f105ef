/* pvpatch_bind refuses what is not an op of any loaded table, and NULL. */
/* { dg-options "-O2" } */
#include "fixture.h"

__attribute__((noinline)) unsigned long one(void) { return 1; }
__attribute__((noinline)) unsigned long two(void) { return 2; }
unsigned long (*plain_slot)(void) = one;	/* no site calls through it */

FIXTURE_OP(op_one, one, "REG_ABI", 8, 0);
FIXTURE_SITE_FN(one_site, op_one, 8, "", "call one");

int main(void)
{
	printf("plain slot: %s\n", pvpatch_strerror(pvpatch_bind(&plain_slot, two)));
	printf("plain function: %s\n", pvpatch_strerror(pvpatch_bind(two, one)));
	printf("NULL op: %s\n", pvpatch_strerror(pvpatch_bind(NULL, two)));
	printf("NULL impl: %s\n", pvpatch_strerror(pvpatch_bind(one, NULL)));
	printf("slot %s\n", plain_slot == one ? "unchanged" : "changed");
	return 0;
}
/* { dg-output "plain slot: no site table names this op\n" } */
/* { dg-output "plain function: no site table names this op\n" } */
/* { dg-output "NULL op: invalid argument\n" } */
/* { dg-output "NULL impl: invalid argument\n" } */
/* { dg-output "slot unchanged" } */
