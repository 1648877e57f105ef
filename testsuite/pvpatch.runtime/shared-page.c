/* Patching works when code that is running shares the page with a site:
   here the re-bind loop and a spinning thread live on the site's page.
   A patcher that made the page writable but not executable (a strict
   RW-then-RX flip) would crash either. */
/* { dg-options "-O2" } */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include "fixture.h"

#define PAGE_SECTION ".text.shared_page"
#define ON_PAGE __attribute__((section(PAGE_SECTION), noinline))

static volatile unsigned long value = 1;
__attribute__((noinline)) unsigned long read_value(void) { return value; }
__attribute__((noinline)) unsigned long two(void) { return 2; }
unsigned long (*value_slot)(void) = read_value;

/* The section is page-aligned and smaller than a page. */
__asm__(".pushsection " PAGE_SECTION ",\"ax\",@progbits\n.balign 4096\n.popsection");
FIXTURE_OP(op_slot, value_slot, "REG_ABI", 8, 1);
FIXTURE_SITE_FN_IN(PAGE_SECTION, page_site, op_slot, 8, "", "call read_value");
extern unsigned char page_site_site[];
unsigned long page_site(void);

static atomic_int done;
static atomic_ulong spins;

ON_PAGE static void *spin(void *arg)
{
	(void)arg;
	while (!atomic_load_explicit(&done, memory_order_relaxed))
		atomic_fetch_add_explicit(&spins, 1, memory_order_relaxed);
	return NULL;
}

ON_PAGE static int rebind_loop(int times)
{
	for (int i = 0; i < times; i++) {
		int err = pvpatch_bind(&value_slot, i % 2 ? read_value : two);

		if (err)
			return err;
	}
	return 0;
}

static uintptr_t page(const void *p)
{
	return (uintptr_t)p & ~(uintptr_t)4095;
}

int main(void)
{
	pthread_t spinner;

	printf("one page: %s\n", page(page_site_site) == page((void *)spin) &&
	       page(page_site_site) == page((void *)rebind_loop) ? "yes" : "no");
	pthread_create(&spinner, NULL, spin, NULL);
	while (!atomic_load(&spins))
		;
	FIXTURE_CHECK(rebind_loop(5000));
	atomic_store(&done, 1);
	pthread_join(spinner, NULL);
	printf("call %lu\n", page_site());
	return 0;
}
/* { dg-output "one page: yes\n" } */
/* { dg-output "call 1" } */
