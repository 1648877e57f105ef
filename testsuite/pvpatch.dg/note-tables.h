/* Test helper: find the pvpatch tables of every loaded object the way a
   runtime does, through their notes (dl_iterate_phdr), so that the test
   does not reference __start_pvpatch_sites from code (which makes the
   linker keep every function that has a site). */
#define _GNU_SOURCE
#include <link.h>
#include <string.h>
#include <pvpatch_site.h>

typedef void note_fn(const struct pvpatch_note *desc, void *data);

struct note_walk {
	uint32_t type;
	note_fn *fn;
	void *data;
};

static int walk_object(struct dl_phdr_info *info, size_t size, void *arg)
{
	const struct note_walk *w = arg;

	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		const char *p = (const char *)(info->dlpi_addr + ph->p_vaddr);
		const char *end = p + ph->p_memsz;

		while (ph->p_type == PT_NOTE && p + sizeof(ElfW(Nhdr)) <= end) {
			const ElfW(Nhdr) *n = (const void *)p;
			const char *name = (const char *)(n + 1);
			const char *desc = name + ((n->n_namesz + 3) & ~3u);

			if (n->n_type == w->type && !strcmp(name, PVPATCH_NOTE_NAME))
				w->fn((const struct pvpatch_note *)desc, w->data);
			p = desc + ((n->n_descsz + 3) & ~3u);
		}
	}
	return 0;
}

/* Call FN for the descriptor of every pvpatch note of TYPE. */
static void walk_notes(uint32_t type, note_fn *fn, void *data)
{
	struct note_walk w = { type, fn, data };

	dl_iterate_phdr(walk_object, &w);
}

struct note_tables {
	unsigned objects;	/* loaded objects with a site table */
	unsigned sites;		/* sites in all their tables */
};

static void count_sites(const struct pvpatch_note *desc, void *data)
{
	struct note_tables *t = data;
	const char *begin = pvpatch_rel(&desc->begin);
	const char *end = pvpatch_rel(&desc->end);

	t->objects++;
	t->sites += (end - begin) / sizeof(struct pvpatch_site);
}

static struct note_tables note_tables(void)
{
	struct note_tables t = { 0, 0 };

	walk_notes(PVPATCH_NOTE_TYPE, count_sites, &t);
	return t;
}
