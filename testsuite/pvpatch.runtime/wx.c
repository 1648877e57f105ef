/* No mapping is ever writable and executable: not after patching, and
   not while 2000 re-binds run (a thread reads /proc/self/maps all along).
   The text holding the sites stays r-x. */
/* { dg-options "-O2" } */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include "fixture.h"

static volatile unsigned long value = 1;
__attribute__((noinline)) unsigned long read_value(void) { return value; }
__attribute__((noinline)) unsigned long two(void) { return 2; }
unsigned long (*value_slot)(void) = read_value;

FIXTURE_OP(op_slot, value_slot, "REG_ABI", 8, 1);
FIXTURE_SLOT_SITE_FN(slot_site, op_slot, 8, value_slot);
extern unsigned char slot_site_site[];

static atomic_int done;
static atomic_int wx_seen;

/* Whether a maps line has both w and x; copies the permissions of the
   mapping holding addr into perms. */
static int scan_maps(uintptr_t addr, char perms[5])
{
	FILE *maps = fopen("/proc/self/maps", "r");
	char line[512];
	int wx = 0;

	while (fgets(line, sizeof(line), maps)) {
		unsigned long lo, hi;
		char p[5];

		if (sscanf(line, "%lx-%lx %4s", &lo, &hi, p) != 3)
			continue;
		wx |= p[1] == 'w' && p[2] == 'x';
		if (addr >= lo && addr < hi)
			memcpy(perms, p, 5);
	}
	fclose(maps);
	return wx;
}

static void *watch(void *arg)
{
	char perms[5];

	(void)arg;
	while (!atomic_load(&done))
		if (scan_maps(0, perms))
			atomic_store(&wx_seen, 1);
	return NULL;
}

int main(void)
{
	pthread_t watcher;
	char perms[5] = "none";

	pthread_create(&watcher, NULL, watch, NULL);
	FIXTURE_CHECK(pvpatch_apply());
	for (int i = 0; i < 2000; i++)
		FIXTURE_CHECK(pvpatch_bind(&value_slot, i % 2 ? read_value : two));
	atomic_store(&done, 1);
	pthread_join(watcher, NULL);
	if (scan_maps((uintptr_t)slot_site_site, perms))
		atomic_store(&wx_seen, 1);
	printf("writable and executable: %s\n", atomic_load(&wx_seen) ? "seen" : "never");
	printf("site mapping: %.3s\n", perms);
	return 0;
}
/* { dg-output "writable and executable: never\n" } */
/* { dg-output "site mapping: r-x" } */
