/* SPDX-License-Identifier: MIT */
/*
 * The userspace backend over the freestanding core: finds the tables of
 * every loaded object (dl_iterate_phdr, PT_NOTE), writes text through
 * /proc/self/mem, serializes the other CPUs with membarrier(SYNC_CORE),
 * and lets a thread that hits a site being rewritten wait in a SIGTRAP
 * handler.  docs/runtime.md explains why each of these.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <linux/membarrier.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "pvpatch_runtime.h"
#include "object.h"

#if defined(__x86_64__)
#define PC_REGISTER REG_RIP
#else
#define PC_REGISTER REG_EIP
#endif

/* Serializes every operation; everything below that is not atomic is
   only touched with it held. */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* ---- Loaded objects ---- */

/* A loaded object: its segments (where implementations and slots may be)
   and its pvpatch tables, if it has notes.  The list is walked without the
   lock by the trap handler, so it is changed only by the locked patcher,
   with atomic links, and an unlinked entry is freed only once no handler
   can still be on it. */
struct loaded {
	struct pvpatch_object obj;
	const void *phdr;	/* its program headers, and its name: together */
	char *name;		/* they tell objects apart across dlclose */
	int seen;		/* found by the current dl_iterate_phdr walk */
	struct loaded *_Atomic next;
	struct loaded *gone_next;	/* unlinked, waiting to be freed */
	void *work;			/* pvpatch_object_init's work area */
	size_t work_size;
	struct pvpatch_range ranges[];
};

static struct loaded *_Atomic loaded_head;
static atomic_uint handlers_running;

struct notes {
	const struct pvpatch_note *sites, *impls, *inlines;
};

static const void *note_begin(const struct pvpatch_note *n)
{
	return n ? pvpatch_rel(&n->begin) : NULL;
}

static const void *note_end(const struct pvpatch_note *n)
{
	return n ? pvpatch_rel(&n->end) : NULL;
}

static void take_note(struct notes *found, const ElfW(Nhdr) *nh,
		      const struct pvpatch_note *desc)
{
	if (nh->n_namesz != sizeof(PVPATCH_NOTE_NAME) ||
	    nh->n_descsz != sizeof(struct pvpatch_note) ||
	    memcmp(nh + 1, PVPATCH_NOTE_NAME, sizeof(PVPATCH_NOTE_NAME)))
		return;
	if (nh->n_type == PVPATCH_NOTE_TYPE)
		found->sites = desc;
	else if (nh->n_type == PVPATCH_NOTE_TYPE_IMPLS)
		found->impls = desc;
	else if (nh->n_type == PVPATCH_NOTE_TYPE_INLINES)
		found->inlines = desc;
}

/* Notes are padded to the segment's alignment (4, or 8 for some). */
static void scan_notes(const char *p, const char *end, size_t align,
		       struct notes *found)
{
	align = align < 4 ? 4 : align;
	while ((size_t)(end - p) >= sizeof(ElfW(Nhdr))) {
		const ElfW(Nhdr) *nh = (const void *)p;
		size_t name = (nh->n_namesz + align - 1) & ~(align - 1);
		size_t desc = (nh->n_descsz + align - 1) & ~(align - 1);

		if (name + desc > (size_t)(end - p) - sizeof(*nh))
			return;
		take_note(found, nh, (const void *)(p + sizeof(*nh) + name));
		p += sizeof(*nh) + name + desc;
	}
}

static struct notes find_notes(const struct dl_phdr_info *info)
{
	struct notes found = { 0 };

	for (unsigned i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		const char *at = (const char *)(info->dlpi_addr + ph->p_vaddr);

		if (ph->p_type == PT_NOTE)
			scan_notes(at, at + ph->p_memsz, ph->p_align, &found);
	}
	return found;
}

/* Room for the segments: PT_LOADs, one of which RELRO may split in three. */
static unsigned max_segments(const struct dl_phdr_info *info)
{
	unsigned n = 2;

	for (unsigned i = 0; i < info->dlpi_phnum; i++)
		n += info->dlpi_phdr[i].p_type == PT_LOAD;
	return n;
}

static const ElfW(Phdr) *find_phdr(const struct dl_phdr_info *info, ElfW(Word) type)
{
	for (unsigned i = 0; i < info->dlpi_phnum; i++)
		if (info->dlpi_phdr[i].p_type == type)
			return &info->dlpi_phdr[i];
	return NULL;
}

static unsigned add_range(struct pvpatch_range *r, unsigned n, uintptr_t begin,
			  uintptr_t end, unsigned prot)
{
	if (begin >= end)
		return n;
	r[n] = (struct pvpatch_range){ begin, end, prot };
	return n + 1;
}

/* The PT_LOAD segments, except that the PT_GNU_RELRO part of a writable
   one is not writable: the loader makes it read-only once relocated
   (const data with addresses, e.g. a const slot in PIC code). */
static unsigned copy_segments(const struct dl_phdr_info *info,
			      struct pvpatch_range *r)
{
	const ElfW(Phdr) *relro = find_phdr(info, PT_GNU_RELRO);
	uintptr_t ro_begin = relro ? info->dlpi_addr + relro->p_vaddr : 0;
	uintptr_t ro_end = relro ? ro_begin + relro->p_memsz : 0;
	unsigned n = 0;

	for (unsigned i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		uintptr_t begin = info->dlpi_addr + ph->p_vaddr;
		uintptr_t end = begin + ph->p_memsz;
		unsigned prot = ((ph->p_flags & PF_R) ? PVPATCH_PROT_READ : 0) |
				((ph->p_flags & PF_X) ? PVPATCH_PROT_EXEC : 0) |
				((ph->p_flags & PF_W) ? PVPATCH_PROT_WRITE : 0);

		if (ph->p_type != PT_LOAD)
			continue;
		if (!(prot & PVPATCH_PROT_WRITE) || ro_end <= begin || ro_begin >= end) {
			n = add_range(r, n, begin, end, prot);
			continue;
		}
		n = add_range(r, n, begin, ro_begin, prot);
		n = add_range(r, n, ro_begin > begin ? ro_begin : begin,
			      ro_end < end ? ro_end : end, prot & ~PVPATCH_PROT_WRITE);
		n = add_range(r, n, ro_end, end, prot);
	}
	return n;
}

/* Whether a segment of the object with all of prot holds p. */
static int inside(const struct loaded *l, const void *p, unsigned prot)
{
	return pvpatch_range_of(&l->obj, (uintptr_t)p, prot) != NULL;
}

static struct loaded *find_loaded(const struct dl_phdr_info *info)
{
	for (struct loaded *l = loaded_head; l; l = l->next)
		if (l->phdr == info->dlpi_phdr && !strcmp(l->name, info->dlpi_name))
			return l;
	return NULL;
}

/*
 * Work areas hold a copy of every site twice over: tens of megabytes for
 * a million sites, touched once each.  Huge pages keep the page faults
 * from costing more than the patching; a small area gets small pages.
 */
#define HUGE_PAGE ((size_t)2 << 20)

static size_t work_span(size_t size)
{
	size_t unit = size >= HUGE_PAGE ? HUGE_PAGE : (size_t)sysconf(_SC_PAGESIZE);

	return (size + unit - 1) & ~(unit - 1);
}

/* NULL for an object without sites, which needs no work area. */
static int alloc_work(size_t size, void **work)
{
	*work = NULL;
	if (!size)
		return PVPATCH_OK;
	*work = mmap(NULL, work_span(size), PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (*work == MAP_FAILED) {
		*work = NULL;
		return PVPATCH_ERR_NOMEM;
	}
	if (size >= HUGE_PAGE)
		madvise(*work, work_span(size), MADV_HUGEPAGE);	/* a hint only */
	return PVPATCH_OK;
}

static void free_work(void *work, size_t size)
{
	if (work)
		munmap(work, work_span(size));
}

static void free_loaded(struct loaded *l)
{
	free_work(l->work, l->work_size);
	free(l->name);
	free(l);
}

/* Before the core first reads an object's sites (below). */
static void own_text_pages(const struct dl_phdr_info *info,
			   const struct pvpatch_object *obj);

/* Validate a newly seen object and keep its original site bytes. */
static int add_object(const struct dl_phdr_info *info, const void **fault)
{
	struct notes n = find_notes(info);
	struct loaded *l = calloc(1, sizeof(*l) + max_segments(info) * sizeof(l->ranges[0]));
	size_t size = 0;
	void *work = NULL;
	int err;

	if (!l)
		return PVPATCH_ERR_NOMEM;
	l->obj = (struct pvpatch_object){
		.sites = note_begin(n.sites), .sites_end = note_end(n.sites),
		.impls = note_begin(n.impls), .impls_end = note_end(n.impls),
		.inlines = note_begin(n.inlines),
		.inlines_end = note_end(n.inlines),
		.ranges = l->ranges, .nranges = copy_segments(info, l->ranges),
	};
	l->phdr = info->dlpi_phdr;
	l->name = strdup(info->dlpi_name);
	l->seen = 1;
	own_text_pages(info, &l->obj);
	err = l->name ? pvpatch_object_measure(&l->obj, &size, fault)
		      : PVPATCH_ERR_NOMEM;
	if (!err)
		err = alloc_work(size, &work);
	if (!err)
		err = pvpatch_object_init(&l->obj, work, size, fault);
	if (err) {
		free_work(work, size);
		free(l->name);
		free(l);
		return err;
	}
	l->work = work;
	l->work_size = size;
	l->next = loaded_head;
	atomic_store_explicit(&loaded_head, l, memory_order_release);
	return PVPATCH_OK;
}

/* glibc counts the objects it ever loaded and unloaded: while both
   counts stay, so does the list, and an operation need not walk it. */
static unsigned long long known_adds, known_subs;
static int objects_known;

struct scan {
	int err;
	const void *fault;
	int started, unchanged;
	unsigned long long adds, subs;
};

static int visit_object(struct dl_phdr_info *info, size_t size, void *arg)
{
	struct scan *w = arg;
	struct loaded *l;

	if (!w->started) {
		w->started = 1;
		w->adds = info->dlpi_adds;
		w->subs = info->dlpi_subs;
		w->unchanged = objects_known && w->adds == known_adds &&
			       w->subs == known_subs;
		if (w->unchanged)
			return 1;
		for (l = loaded_head; l; l = l->next)
			l->seen = 0;
	}
	(void)size;
	l = find_loaded(info);
	if (l) {
		l->seen = 1;
		return 0;
	}
	w->err = add_object(info, &w->fault);
	return w->err != PVPATCH_OK;
}

/* ---- Direct-op bindings ---- */

struct binding {
	const void *fn;
	void *impl;
};

static struct binding *bindings;
static size_t nbindings, bindings_cap;

static struct binding *find_binding(const void *fn)
{
	for (size_t i = 0; i < nbindings; i++)
		if (bindings[i].fn == fn)
			return &bindings[i];
	return NULL;
}

static void *direct_binding(void *ctx, const void *fn)
{
	struct binding *b = find_binding(fn);

	(void)ctx;
	return b ? b->impl : NULL;
}

/* Room for one more binding, made before any text changes. */
static int reserve_binding(void)
{
	struct binding *grown;
	size_t cap = bindings_cap ? 2 * bindings_cap : 16;

	if (nbindings < bindings_cap)
		return PVPATCH_OK;
	grown = realloc(bindings, cap * sizeof(*grown));
	if (!grown)
		return PVPATCH_ERR_NOMEM;
	bindings = grown;
	bindings_cap = cap;
	return PVPATCH_OK;
}

static void record_binding(const void *fn, void *impl)
{
	struct binding *b = find_binding(fn);

	if (!b)
		b = &bindings[nbindings++];
	b->fn = fn;
	b->impl = impl;
}


/* Bindings of an unloaded object's ops, or to its functions, are gone:
   such an op is bound to itself again. */
static void forget_bindings_in(const struct loaded *l)
{
	size_t kept = 0;

	for (size_t i = 0; i < nbindings; i++)
		if (!inside(l, bindings[i].fn, 0) && !inside(l, bindings[i].impl, 0))
			bindings[kept++] = bindings[i];
	nbindings = kept;
}

/* Drop objects dlclose() unloaded: unlink, wait until no trap handler
   can be walking them, free. */
static void drop_unseen(void)
{
	struct loaded *_Atomic *link = &loaded_head;
	struct loaded *gone = NULL, *l;

	while ((l = *link)) {
		if (l->seen) {
			link = &l->next;
			continue;
		}
		atomic_store_explicit(link, l->next, memory_order_release);
		l->gone_next = gone;
		gone = l;
	}
	while (gone && atomic_load(&handlers_running))
		sched_yield();
	while ((l = gone)) {
		gone = l->gone_next;
		forget_bindings_in(l);
		free_loaded(l);
	}
}

/* The loaded objects, as the core takes them. */
static struct pvpatch_object **object_list;
static unsigned object_count;

static int list_objects(void)
{
	struct pvpatch_object **a;
	unsigned n = 0;

	for (struct loaded *l = loaded_head; l; l = l->next)
		n++;
	a = realloc(object_list, (n ? n : 1) * sizeof(*a));
	if (!a)
		return PVPATCH_ERR_NOMEM;
	n = 0;
	for (struct loaded *l = loaded_head; l; l = l->next)
		a[n++] = &l->obj;
	object_list = a;
	object_count = n;
	return PVPATCH_OK;
}

static int sync_objects(const void **fault)
{
	struct scan w = { PVPATCH_OK, NULL, 0, 0, 0, 0 };
	int err;

	dl_iterate_phdr(visit_object, &w);
	*fault = w.fault;
	if (w.unchanged)
		return PVPATCH_OK;
	objects_known = 0;
	if (w.err)
		return w.err;	/* the walk stopped: unseen is not unloaded */
	drop_unseen();
	err = list_objects();
	if (err)
		return err;
	known_adds = w.adds;
	known_subs = w.subs;
	objects_known = 1;
	return PVPATCH_OK;
}

/* ---- Writing text ---- */

/*
 * Writes go through /proc/self/mem, which the kernel performs on the
 * page behind the mapping whatever its protection: no page ever becomes
 * writable, let alone writable and executable, and code sharing a page
 * with a site keeps running.  Writes are merged into large pwrite()s
 * (rewriting the unchanged bytes between them with their own values) to
 * keep a million sites cheap.
 */
#define MERGE_GAP 4096

struct text_writer {
	int fd;
	uintptr_t start;	/* text address of buf[0] */
	size_t len;
	unsigned char buf[256 * 1024];
};

static struct text_writer writer = { .fd = -1 };

/*
 * The descriptor stays open between operations, but a forked child's
 * inherited one writes its parent's memory: the child opens its own.
 * Whether this process opened it is a flag in a page the kernel zeroes
 * in a child (MADV_WIPEONFORK, Linux 4.14, older than the membarrier
 * command this backend needs), so that no operation has to ask the
 * kernel for its pid, a system call per re-bind.
 */
static unsigned char *opened_here;

static int map_fork_flag(void)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	void *p = mmap(NULL, page, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return PVPATCH_ERR_NOMEM;
	if (madvise(p, page, MADV_WIPEONFORK)) {
		munmap(p, page);
		return PVPATCH_ERR_WRITE;
	}
	opened_here = p;
	return PVPATCH_OK;
}

static int open_text(void)
{
	int err = opened_here ? PVPATCH_OK : map_fork_flag();

	if (err || (writer.fd >= 0 && *opened_here))
		return err;
	if (writer.fd >= 0)
		close(writer.fd);
	writer.fd = open("/proc/self/mem", O_RDWR | O_CLOEXEC);
	*opened_here = writer.fd >= 0;
	return writer.fd < 0 ? PVPATCH_ERR_WRITE : PVPATCH_OK;
}

static int pwrite_all(int fd, const unsigned char *src, size_t len,
		      uintptr_t to)
{
	size_t done = 0;

	while (done < len) {
		ssize_t n = pwrite(fd, src + done, len - done, (off_t)(to + done));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		done += (size_t)n;
	}
	return 0;
}

static int flush_text(struct text_writer *w)
{
	if (pwrite_all(w->fd, w->buf, w->len, w->start))
		return -1;
	w->len = 0;
	return 0;
}

static int proc_mem_write(void *ctx, void *dst, const void *src, size_t len)
{
	struct text_writer *w = ctx;
	uintptr_t to = (uintptr_t)dst, end = w->start + w->len;

	if (w->len && to >= end && to - end <= MERGE_GAP &&
	    to + len - w->start <= sizeof(w->buf)) {
		memcpy(w->buf + w->len, (const void *)end, to - end);
		w->len += to - end;
	} else {
		if (flush_text(w))
			return -1;
		if (len > sizeof(w->buf))
			return pwrite_all(w->fd, src, len, to);
		w->start = to;
	}
	memcpy(w->buf + w->len, src, len);
	w->len += len;
	return 0;
}

/* Ends the last round: a thread still executing an int3 of it traps, and
   the handler restarts it at the site once the int3 has gone. */
static int proc_mem_finish(void *ctx)
{
	return flush_text(ctx);
}

static int membarrier(int cmd)
{
	return (int)syscall(SYS_membarrier, cmd, 0, 0);
}

/* Every other thread of the process executes a serializing instruction
   before it runs user code again, so none keeps stale instruction bytes. */
static int proc_mem_sync(void *ctx)
{
	if (flush_text(ctx))
		return -1;
	return membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE);
}

/* ---- Text pages of our own before the first read ---- */

/*
 * The first write to a text page through /proc/self/mem gives the
 * process its own copy of the page.  If no thread has touched the page
 * yet, the kernel just maps the copy; if it is mapped (the core reads
 * every site when it checks a new object's table), the kernel replaces
 * the mapping and flushes it from the TLB, page by page: under the
 * hypervisor of docs/performance.md ten times the cost of the copy, most
 * of a first pvpatch_apply.  So before the core reads a new object, each
 * page holding a site that no thread has mapped yet is copied first,
 * rewritten with the bytes of the file the mapping maps, which are what
 * the page holds: an unmapped page of a private file mapping that was
 * never copied shows the file's cached bytes.  The file opened is used
 * only if /proc/self/maps shows the segment mapped from that very file
 * (device, inode, offset): one replaced on disk since loading (a package
 * upgrade) is another inode, and is not read.  A page that is already
 * mapped or swapped (maybe a copy of our own) is left alone, as is
 * everything if any step fails: this only makes the writes that follow
 * cheaper, and changes no byte of text.
 */
#define PAGE_BATCH 64
#define PAGEMAP_PRESENT (UINT64_C(1) << 63)
#define PAGEMAP_SWAPPED (UINT64_C(1) << 62)

struct own_pages {
	int file, pagemap;
	uintptr_t seg_begin;	/* the segment's first page */
	off_t file_at;		/* its file offset */
	size_t page;
	unsigned char buf[];	/* PAGE_BATCH pages */
};

/* Pages [first, first+n) of the segment, all holding sites. */
static void own_run(struct own_pages *o, size_t first, size_t n)
{
	uint64_t entry[PAGE_BATCH];
	size_t i = 0;

	if (pread(o->pagemap, entry, n * sizeof(entry[0]),
		  (off_t)((o->seg_begin / o->page + first) * sizeof(entry[0]))) !=
	    (ssize_t)(n * sizeof(entry[0])))
		return;
	while (i < n) {
		size_t j = i;

		while (j < n && !(entry[j] & (PAGEMAP_PRESENT | PAGEMAP_SWAPPED)))
			j++;
		if (j > i) {
			size_t len = (j - i) * o->page;
			off_t at = (off_t)((first + i) * o->page);

			if (pread(o->file, o->buf, len, o->file_at + at) != (ssize_t)len ||
			    pwrite(writer.fd, o->buf, len,
				   (off_t)(o->seg_begin + (uintptr_t)at)) != (ssize_t)len)
				return;
		}
		i = j + 1;
	}
}

/* The pages of one executable segment that hold sites. */
static void own_segment(struct own_pages *o, const struct pvpatch_object *obj,
			uintptr_t begin, uintptr_t end)
{
	size_t pages = (end - begin + o->page - 1) / o->page, first = 0;
	unsigned char *holds = calloc(pages / 8 + 1, 1);

	if (!holds)
		return;
	for (const struct pvpatch_site *s = obj->sites; s < obj->sites_end; s++) {
		uintptr_t addr = (uintptr_t)pvpatch_site_addr(s);

		if (addr >= begin && addr < end)
			holds[(addr - begin) / o->page / 8] |=
				(unsigned char)(1u << ((addr - begin) / o->page % 8));
	}
	o->seg_begin = begin;
	while (first < pages) {
		size_t n = 0;

		while (first < pages && !(holds[first / 8] & (1u << (first % 8))))
			first++;
		while (first + n < pages && n < PAGE_BATCH &&
		       (holds[(first + n) / 8] & (1u << ((first + n) % 8))))
			n++;
		if (n)
			own_run(o, first, n);
		first += n;
	}
	free(holds);
}

/* Whether /proc/self/maps shows [begin, end) mapped from the file open
   as fd, with begin at file offset file_at. */
static int mapped_from(int fd, uintptr_t begin, uintptr_t end, off_t file_at)
{
	FILE *maps = fopen("/proc/self/maps", "re");
	char *line = NULL;
	size_t cap = 0;
	struct stat st;
	int same = 0;

	while (maps && !fstat(fd, &st) && getline(&line, &cap, maps) > 0) {
		unsigned long long from, to, offset, inode;
		unsigned dev_major, dev_minor;

		if (sscanf(line, "%llx-%llx %*s %llx %x:%x %llu", &from, &to,
			   &offset, &dev_major, &dev_minor, &inode) != 6 ||
		    begin < from || begin >= to)
			continue;
		same = end <= to && offset + (begin - from) == (unsigned long long)file_at &&
		       inode == st.st_ino && dev_major == major(st.st_dev) &&
		       dev_minor == minor(st.st_dev);
		break;
	}
	free(line);
	if (maps)
		fclose(maps);
	return same;
}

/* The site table is read before the core has checked it: only if it lies
   whole in a readable segment. */
static int sites_readable(const struct pvpatch_object *obj)
{
	uintptr_t b = (uintptr_t)obj->sites, e = (uintptr_t)obj->sites_end;

	return b < e && b % 4 == 0 && (e - b) % sizeof(*obj->sites) == 0 &&
	       pvpatch_object_holds(obj, b, e - b, PVPATCH_PROT_READ);
}

static void own_text_pages(const struct dl_phdr_info *info,
			   const struct pvpatch_object *obj)
{
	struct own_pages *o;
	const char *path = info->dlpi_name[0] ? info->dlpi_name : "/proc/self/exe";
	size_t page = (size_t)sysconf(_SC_PAGESIZE);

	if (!sites_readable(obj) || open_text() ||
	    !(o = malloc(sizeof(*o) + PAGE_BATCH * page)))
		return;
	o->page = page;
	o->file = open(path, O_RDONLY | O_CLOEXEC);
	o->pagemap = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	for (unsigned i = 0; o->file >= 0 && o->pagemap >= 0 &&
			     i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		uintptr_t begin = info->dlpi_addr + ph->p_vaddr;
		uintptr_t skip = begin % o->page;

		if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_X) ||
		    ph->p_offset % o->page != skip)
			continue;
		o->file_at = (off_t)(ph->p_offset - skip);
		if (!mapped_from(o->file, begin - skip, begin + ph->p_filesz,
				 o->file_at))
			continue;
		own_segment(o, obj, begin - skip, begin + ph->p_filesz);
	}
	if (o->file >= 0)
		close(o->file);
	if (o->pagemap >= 0)
		close(o->pagemap);
	free(o);
}

/* ---- Threads that reach a site being rewritten ---- */

/* Odd while an operation may be writing text (a seqlock). */
static atomic_uint patching_seq;
static struct sigaction previous_trap;


/* Only the object that holds addr is searched: another may have been
   unloaded since the last operation. */
static int site_starts_at(uintptr_t addr)
{
	struct loaded *l = atomic_load_explicit(&loaded_head, memory_order_acquire);

	for (; l; l = atomic_load_explicit(&l->next, memory_order_acquire))
		if (inside(l, (const void *)addr, PVPATCH_PROT_EXEC))
			return pvpatch_object_site_at(&l->obj, addr);
	return 0;
}

/* Wait for the operation to finish; whether the int3 at addr was ours,
   i.e. has gone. */
static int int3_was_ours(const volatile unsigned char *addr)
{
	for (;;) {
		unsigned seq = atomic_load_explicit(&patching_seq, memory_order_acquire);
		unsigned char byte;

		if (seq & 1) {
			sched_yield();
			continue;
		}
		byte = *addr;
		atomic_thread_fence(memory_order_acquire);
		if (atomic_load_explicit(&patching_seq, memory_order_relaxed) == seq)
			return byte != PVPATCH_INT3;
	}
}

/* As if this handler were not there: the previous one, or the default
   action (the kernel also applies it to an ignored trap). */
static void chain_trap(int sig, siginfo_t *info, void *context)
{
	if (previous_trap.sa_flags & SA_SIGINFO) {
		previous_trap.sa_sigaction(sig, info, context);
	} else if (previous_trap.sa_handler != SIG_DFL &&
		   previous_trap.sa_handler != SIG_IGN) {
		previous_trap.sa_handler(sig);
	} else {
		signal(SIGTRAP, SIG_DFL);
		raise(SIGTRAP);	/* delivered when this handler returns */
	}
}

/* A thread hit the int3 on a changing site's first byte: once the
   operation is done, run the site again, now holding its new bytes. */
static void on_trap(int sig, siginfo_t *info, void *context)
{
	ucontext_t *uc = context;
	uintptr_t at = (uintptr_t)uc->uc_mcontext.gregs[PC_REGISTER] - 1;
	int ours;

	atomic_fetch_add(&handlers_running, 1);
	ours = info->si_code == SI_KERNEL && site_starts_at(at) &&
	       int3_was_ours((const unsigned char *)at);
	atomic_fetch_sub(&handlers_running, 1);
	if (ours)
		uc->uc_mcontext.gregs[PC_REGISTER] = (greg_t)at;
	else
		chain_trap(sig, info, context);
}

/* Installed before every operation in case the program replaced it. */
static int install_trap_handler(void)
{
	struct sigaction sa, current;

	if (sigaction(SIGTRAP, NULL, &current))
		return PVPATCH_ERR_SYNC;
	if ((current.sa_flags & SA_SIGINFO) && current.sa_sigaction == on_trap)
		return PVPATCH_OK;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_trap;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	previous_trap = current;
	return sigaction(SIGTRAP, &sa, NULL) ? PVPATCH_ERR_SYNC : PVPATCH_OK;
}

/* ---- Operations ---- */

static struct pvpatch_patcher patcher = {
	.writer = { proc_mem_write, proc_mem_sync, &writer, proc_mem_finish,
		    MERGE_GAP },
	.direct_binding = direct_binding,
	.mode = PVPATCH_MODE_LIVE,
};
static struct pvpatch_stats last_stats;
static const void *last_fault;
static int sync_core_registered;

static int prepare(void)
{
	if (!sync_core_registered) {
		if (membarrier(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE))
			return PVPATCH_ERR_SYNC;
		sync_core_registered = 1;
	}
	return install_trap_handler();
}

struct request {
	enum { DO_APPLY, DO_BIND, DO_REVERT } what;
	void *op, *impl;
};

static int run_core(const struct request *rq)
{
	int err;

	atomic_fetch_add_explicit(&patching_seq, 1, memory_order_acq_rel);
	if (rq->what == DO_APPLY)
		err = pvpatch_core_apply(&patcher);
	else if (rq->what == DO_BIND)
		err = pvpatch_core_bind(&patcher, rq->op, rq->impl);
	else
		err = pvpatch_core_revert(&patcher);
	atomic_fetch_add_explicit(&patching_seq, 1, memory_order_acq_rel);
	last_fault = patcher.fault;
	return err;
}

/* Whether the calling thread is the process's only one: then no other
   can start until the operation returns, and, with asynchronous signals
   blocked, nothing else runs a site meanwhile.  Asked for the
   whole-program operations only: a re-bind's cost is a few syscalls, and
   this is one more. */
static int only_thread(void)
{
	char buf[4096];
	int fd = open("/proc/self/status", O_RDONLY | O_CLOEXEC);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf) - 1) : -1;
	const char *at;

	if (fd >= 0)
		close(fd);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	at = strstr(buf, "\nThreads:\t");
	return at && !strncmp(at + sizeof("\nThreads:\t") - 1, "1\n", 2);
}

static int patch_objects(const struct request *rq)
{
	int err = sync_objects(&last_fault);

	if (!err)
		err = open_text();
	if (err)
		return err;
	patcher.objects = object_list;
	patcher.nobjects = object_count;
	patcher.alone = rq->what != DO_BIND && only_thread();
	writer.len = 0;
	err = run_core(rq);
	if (!err)
		last_stats = patcher.stats;
	return err;
}

/* Serialized, with asynchronous signals blocked so that no handler of
   this thread runs a site while the thread itself is rewriting it. */
static int operate(const struct request *rq)
{
	sigset_t async, saved;
	int err;

	sigfillset(&async);
	sigdelset(&async, SIGSEGV);
	sigdelset(&async, SIGBUS);
	sigdelset(&async, SIGILL);
	sigdelset(&async, SIGFPE);
	sigdelset(&async, SIGTRAP);
	pthread_sigmask(SIG_BLOCK, &async, &saved);
	pthread_mutex_lock(&lock);
	last_fault = NULL;
	err = prepare();
	if (!err && rq->what == DO_BIND)
		err = reserve_binding();
	if (!err)
		err = patch_objects(rq);
	/* Consulted for direct ops only; a slot holds its own binding. */
	if (!err && rq->what == DO_BIND)
		record_binding(rq->op, rq->impl);
	pthread_mutex_unlock(&lock);
	pthread_sigmask(SIG_SETMASK, &saved, NULL);
	return err;
}

int pvpatch_apply(void)
{
	const struct request rq = { DO_APPLY, NULL, NULL };

	return operate(&rq);
}

int pvpatch_bind(void *op, void *impl)
{
	const struct request rq = { DO_BIND, op, impl };

	return operate(&rq);
}

int pvpatch_revert(void)
{
	const struct request rq = { DO_REVERT, NULL, NULL };

	return operate(&rq);
}

int pvpatch_set_mode(enum pvpatch_mode mode)
{
	if (mode != PVPATCH_MODE_LIVE && mode != PVPATCH_MODE_QUIESCENT)
		return PVPATCH_ERR_INVAL;
	pthread_mutex_lock(&lock);
	patcher.mode = mode;
	pthread_mutex_unlock(&lock);
	return PVPATCH_OK;
}

void pvpatch_get_stats(struct pvpatch_stats *stats)
{
	pthread_mutex_lock(&lock);
	*stats = last_stats;
	pthread_mutex_unlock(&lock);
}

const void *pvpatch_last_fault(void)
{
	const void *fault;

	pthread_mutex_lock(&lock);
	fault = last_fault;
	pthread_mutex_unlock(&lock);
	return fault;
}
