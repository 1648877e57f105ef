/* Objects come and go: a private copy of a shared object with sites,
   opened with dlopen, is patched by the next operation; once dlclose has
   unloaded it, operations forget it (and do not touch its old address
   range); a copy opened again is validated and patched afresh. */
/* { dg-options "-O2" } */
/* { dg-pvpatch-shlib "libsites.c" "-O2" } */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <link.h>
#include <stdlib.h>
#include <unistd.h>
#include "fixture.h"

const unsigned char *lib_site_bytes(int which);	/* of the linked libsites.so */

static const char *linked_path;

static int find_linked(struct dl_phdr_info *info, size_t size, void *arg)
{
	(void)size;
	(void)arg;
	if (strstr(info->dlpi_name, "libsites.so"))
		linked_path = info->dlpi_name;
	return 0;
}

/* dlopen a fresh copy of libsites.so: a separate object. */
static void *open_copy(char *path)
{
	char buf[65536];
	int in = open(linked_path, O_RDONLY), out = mkstemp(path);
	ssize_t n;

	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			return NULL;
	close(in);
	close(out);
	return dlopen(path, RTLD_NOW | RTLD_LOCAL);
}

static unsigned long sites_patched(void)
{
	struct pvpatch_stats st;

	pvpatch_get_stats(&st);
	return st.inlined + st.directed + st.nopped + st.left;
}

static int use_copy(const char *what, void *lib)
{
	unsigned long (*slot_site)(void) = (unsigned long (*)(void))dlsym(lib, "lib_slot_site");
	void *(*slot_address)(void) = (void *(*)(void))dlsym(lib, "lib_slot_address");
	void *(*read_address)(void) = (void *(*)(void))dlsym(lib, "lib_read_address");
	const unsigned char *(*bytes)(int) =
		(const unsigned char *(*)(int))dlsym(lib, "lib_site_bytes");

	FIXTURE_CHECK(pvpatch_apply());
	printf("%s: %lu sites, copy's site starts %02x\n", what, sites_patched(), bytes(1)[0]);
	/* Another function of the copy, one that cannot be inlined: a direct
	   call, returning the address of the copy's lib_read. */
	FIXTURE_CHECK(pvpatch_bind(slot_address(), (void *)read_address));
	printf("%s: copy's site starts %02x %02x, call %s\n", what, bytes(1)[0], bytes(1)[1],
	       slot_site() == (unsigned long)read_address() ? "rebound" : "old");
	return 0;
}

int main(void)
{
	char first[] = "/tmp/pvpatch-unload-XXXXXX", second[] = "/tmp/pvpatch-unload-XXXXXX";
	void *lib;

	dl_iterate_phdr(find_linked, NULL);
	FIXTURE_CHECK(pvpatch_apply());
	printf("linked only: %lu sites, its site starts %02x\n", sites_patched(),
	       lib_site_bytes(1)[0]);
	lib = open_copy(first);
	if (!lib || use_copy("first copy", lib))
		return 1;
	dlclose(lib);
	unlink(first);
	FIXTURE_CHECK(pvpatch_apply());
	printf("after dlclose: %lu sites\n", sites_patched());
	lib = open_copy(second);
	if (!lib || use_copy("second copy", lib))
		return 1;
	unlink(second);
	return 0;
}
/* { dg-output "linked only: 2 sites, its site starts 2e\n" } */
/* { dg-output "first copy: 4 sites, copy's site starts 2e\n" } */
/* { dg-output "first copy: copy's site starts 2e e8, call rebound\n" } */
/* { dg-output "after dlclose: 2 sites\n" } */
/* { dg-output "second copy: 4 sites, copy's site starts 2e\n" } */
/* { dg-output "second copy: copy's site starts 2e e8, call rebound" } */
