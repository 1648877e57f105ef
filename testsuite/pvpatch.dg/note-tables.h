/* Test helper: find site tables the way a runtime does, through each
   loaded object's pvpatch note (dl_iterate_phdr), so that the test does
   not reference __start_pvpatch_sites from code (which makes the linker
   keep every function that has a site). */
#define _GNU_SOURCE
#include <link.h>
#include <string.h>
#include <pvpatch_site.h>

struct note_tables {
	unsigned objects;	/* loaded objects with a pvpatch note */
	unsigned sites;		/* sites in all their tables */
};

static void count_note(const ElfW(Nhdr) *n, struct note_tables *t)
{
	const char *name = (const char *)(n + 1);
	const struct pvpatch_note *desc =
		(const void *)(name + ((n->n_namesz + 3) & ~3u));
	const char *begin = pvpatch_rel(&desc->begin);
	const char *end = pvpatch_rel(&desc->end);

	if (n->n_type != PVPATCH_NOTE_TYPE || strcmp(name, PVPATCH_NOTE_NAME))
		return;
	t->objects++;
	t->sites += (end - begin) / sizeof(struct pvpatch_site);
}

static int scan_object(struct dl_phdr_info *info, size_t size, void *data)
{
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		const char *p = (const char *)(info->dlpi_addr + ph->p_vaddr);
		const char *end = p + ph->p_memsz;

		while (ph->p_type == PT_NOTE && p + sizeof(ElfW(Nhdr)) <= end) {
			const ElfW(Nhdr) *n = (const void *)p;

			count_note(n, data);
			p += sizeof(*n) + ((n->n_namesz + 3) & ~3u) +
			     ((n->n_descsz + 3) & ~3u);
		}
	}
	return 0;
}

static struct note_tables note_tables(void)
{
	struct note_tables t = { 0, 0 };

	dl_iterate_phdr(scan_object, &t);
	return t;
}
