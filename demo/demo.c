/* SPDX-License-Identifier: MIT */
/*
 * pvpatch demo: a pv_ops-style table of CPU operations, called as plain
 * C, whose sites are patched at start-up to "bare metal" native code,
 * re-bound live to "hypervisor" implementations, and reverted.
 *
 * User space cannot run cli/sti, so the native ops here are the
 * unprivileged ones a kernel also patches inline: reading the flags
 * (pushf; pop), the time-stamp counter, and a no-op io_delay.
 */
#include <stdio.h>
#include <stdlib.h>
#include <pvpatch.h>
#include <pvpatch_runtime.h>

struct pv_cpu_ops {
	unsigned long (*save_fl)(void) __paravirt_callee_save;
	unsigned long long (*read_tsc)(void) __paravirt_site("rax,rdx", 12);
	void (*io_delay)(void) __paravirt_callee_save;
	long (*hypercall)(long, long) __paravirt;
};

/* Native implementations and the instructions that may replace calls of
   them.  Written in assembly so that they clobber exactly what their
   inline forms do. */
unsigned long native_save_fl(void);
unsigned long long native_read_tsc(void);
__asm__(".text\n"
	".type native_save_fl, @function\nnative_save_fl:\n"
	"\tpushf\n\tpop %rax\n\tret\n"
	".type native_read_tsc, @function\nnative_read_tsc:\n"
	"\trdtsc\n\tshl $32, %rdx\n\tor %rdx, %rax\n\tret\n");
PVPATCH_INLINE(native_save_fl, "pushf; pop %rax", "rax");
PVPATCH_INLINE(native_read_tsc, "rdtsc; shl $32, %rdx; or %rdx, %rax", "rax,rdx");

/* An empty body needs no declaration: the runtime NOPs the site. */
__attribute__((paravirt_impl("callee_save"))) static void native_io_delay(void) {}

static long native_hypercall(long nr, long arg)
{
	return -38 - nr * 0 - arg * 0;	/* -ENOSYS: no hypervisor */
}

/* "Hypervisor" implementations: plain functions, reached by direct calls. */
static unsigned long virtual_flags = 0x202;
__attribute__((paravirt_impl("callee_save"))) static unsigned long hv_save_fl(void)
{
	return virtual_flags;
}
__attribute__((paravirt_impl("rax,rdx"))) static unsigned long long hv_read_tsc(void)
{
	static unsigned long long clock;
	return clock += 1000;
}
static long hv_hypercall(long nr, long arg)
{
	return nr * 1000 + arg;
}

struct pv_cpu_ops pv_cpu_ops = {
	native_save_fl, native_read_tsc, native_io_delay, native_hypercall
};

/* The code that uses the ops: plain C calls, each a site. */
__attribute__((noinline)) static void run_ops(const char *state)
{
	unsigned long fl = pv_cpu_ops.save_fl();
	unsigned long long t0 = pv_cpu_ops.read_tsc();
	pv_cpu_ops.io_delay();
	unsigned long long t1 = pv_cpu_ops.read_tsc();
	long hc = pv_cpu_ops.hypercall(7, 42);

	printf("  %-22s flags IF=%lu  tsc advances=%s  hypercall(7, 42)=%ld\n",
	       state, (fl >> 9) & 1, t1 > t0 ? "yes" : "no", hc);
}

extern const struct pvpatch_site __start_pvpatch_sites[]
	__attribute__((visibility("hidden")));
extern const struct pvpatch_site __stop_pvpatch_sites[]
	__attribute__((visibility("hidden")));

static void show_sites(const char *title)
{
	printf("%s\n", title);
	for (const struct pvpatch_site *s = __start_pvpatch_sites;
	     s < __stop_pvpatch_sites; s++) {
		const unsigned char *p = pvpatch_site_addr(s);
		const struct pvpatch_op *op = pvpatch_site_op(s);

		printf("  site %p:", (const void *)p);
		for (unsigned i = 0; i < op->size; i++)
			printf(" %02x", p[i]);
		printf("\n");
	}
}

static void check(int err, const char *what)
{
	struct pvpatch_stats st;

	if (err) {
		fprintf(stderr, "%s: %s\n", what, pvpatch_strerror(err));
		exit(1);
	}
	pvpatch_get_stats(&st);
	printf("%s: %lu inlined, %lu direct calls, %lu NOP'd, %lu left\n",
	       what, st.inlined, st.directed, st.nopped, st.left);
}

int main(void)
{
	show_sites("Sites as compiled (call + NOPs):");
	run_ops("unpatched:");

	/* Single-threaded start-up: multi-instruction inline code is safe. */
	pvpatch_set_mode(PVPATCH_MODE_QUIESCENT);
	check(pvpatch_apply(), "\npvpatch_apply (bare metal)");
	show_sites("Sites patched to native code:");
	run_ops("native, patched:");

	pvpatch_set_mode(PVPATCH_MODE_QUIESCENT);
	check(pvpatch_bind(&pv_cpu_ops.save_fl, hv_save_fl), "\nbind save_fl");
	check(pvpatch_bind(&pv_cpu_ops.read_tsc, hv_read_tsc), "bind read_tsc");
	check(pvpatch_bind(&pv_cpu_ops.hypercall, hv_hypercall), "bind hypercall");
	show_sites("Sites re-bound to the hypervisor:");
	run_ops("hypervisor, patched:");

	check(pvpatch_revert(), "\npvpatch_revert");
	run_ops("reverted (slot calls):");
	return 0;
}
