/* What a small i386 kernel needs first, run as a program without libc:
   a pv_ops table with narrow clobber sets and cdecl stack arguments,
   native implementations marked paravirt_impl, PVPATCH_INLINE records
   written for the site's layout (first argument at 0(%esp), no return
   address), and the freestanding core patching every site at boot, in
   quiescent mode since nothing else runs yet.  Callers keep values in
   the registers the ops leave alone, before and after patching. */
/* { dg-options "-m32 -O2 -ffreestanding -nostdlib -static -fno-pie -fno-stack-protector" } */
#include <pvpatch.h>
#include "freestanding-base.h"

struct pv_ops {
	unsigned long (*save_fl)(void) __paravirt_site("eax", 8);
	void (*restore_fl)(unsigned long flags) __paravirt_site("", 8);
	unsigned long (*add)(unsigned long a, unsigned long b) __paravirt_site("eax", 8);
	unsigned long long (*read_tsc)(void) __paravirt_site("eax,edx", 8);
	unsigned long (*scramble)(unsigned long v) __paravirt_site("eax", 8);
};

static __paravirt_impl_clobbers("eax") unsigned long native_save_fl(void)
{
	unsigned long flags;

	__asm__ volatile("pushf; pop %0" : "=r"(flags));
	return flags;
}

static __paravirt_impl_clobbers("") void native_restore_fl(unsigned long flags)
{
	__asm__ volatile("push %0; popf" : : "g"(flags) : "memory", "cc");
}

static __paravirt_impl_clobbers("eax") unsigned long native_add(unsigned long a,
								  unsigned long b)
{
	return a + b;
}

static __paravirt_impl_clobbers("eax,edx") unsigned long long native_read_tsc(void)
{
	unsigned long long tsc;

	__asm__ volatile("rdtsc" : "=A"(tsc));
	return tsc;
}

/* No replacement: compiled to keep every register but eax, and called. */
static __paravirt_impl_clobbers("eax") unsigned long native_scramble(unsigned long v)
{
	return (v * 2654435761u) ^ (v >> 7);
}

PVPATCH_INLINE(native_save_fl, "pushf; pop %eax", "eax");
PVPATCH_INLINE(native_restore_fl, "push (%esp); popf", "");
PVPATCH_INLINE(native_add, "mov (%esp), %eax; add 4(%esp), %eax", "eax");
PVPATCH_INLINE(native_read_tsc, "rdtsc", "eax,edx");

struct pv_ops pv_ops = {
	.save_fl = native_save_fl,
	.restore_fl = native_restore_fl,
	.add = native_add,
	.read_tsc = native_read_tsc,
	.scramble = native_scramble,
};

/* Values live in ebx, ecx, edx, esi, edi across the ops that keep them. */
__attribute__((noinline)) static unsigned long work(unsigned long a, unsigned long b)
{
	unsigned long x = a * 3, y = b * 5, z = a ^ b, w = a + 7, flags;

	flags = pv_ops.save_fl();
	pv_ops.restore_fl(flags);
	x += pv_ops.add(a, b);
	y += pv_ops.scramble(z) & 0xff;
	return x + y + z + w + (flags & 0x200 ? 1 : 0);
}

static int tsc_moves(void)
{
	unsigned long long t0 = pv_ops.read_tsc(), t1 = pv_ops.read_tsc();

	return t1 > t0;
}

static struct pvpatch_range ranges[8];
static struct pvpatch_object object;
static struct pvpatch_object *const objects[] = { &object };
static struct pvpatch_patcher patcher;
static unsigned char work_area[1024] __attribute__((aligned(8)));

static volatile unsigned long input_a = 1000, input_b = 24;

static void out_results(const char *when)
{
	out(when);
	out(": work ");
	out_num(work(input_a, input_b));
	out(tsc_moves() ? ", tsc moves\n" : ", tsc stuck\n");
}

int freestanding_main(void)
{
	const void *fault;
	size_t size;

	out_results("before");
	program_object(&object, ranges, 8);
	if (report("measure", pvpatch_object_measure(&object, &size, &fault)) ||
	    size > sizeof(work_area) ||
	    report("init", pvpatch_object_init(&object, work_area, size, &fault)))
		return 1;
	patcher.objects = objects;
	patcher.nobjects = 1;
	patcher.writer = (struct pvpatch_writer){ write_text, sync_text, 0 };
	patcher.mode = PVPATCH_MODE_QUIESCENT;
	if (report("apply", pvpatch_core_apply(&patcher)))
		return 1;
	out_stats("apply", &patcher);
	out_results("after");
	return 0;
}
/* { dg-output "before: work 6407, tsc moves\n" } */
/* { dg-output "measure: success\ninit: success\napply: success\n" } */
/* { dg-output "apply: inlined 5 directed 1 nopped 0\n" } */
/* { dg-output "after: work 6407, tsc moves\n" } */
