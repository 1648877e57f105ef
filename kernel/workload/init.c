/* SPDX-License-Identifier: MIT */
/*
 * /init of make check-linux's initramfs: a workload through what Linux's
 * pv ops carry (page tables, TLB flushes, cr2, interrupt flags, the
 * spinlocks, timers, IPIs, CPU hotplug), one PASS or FAIL line per check,
 * then the kernel log, "workload-end", and power off.  Statically linked;
 * the initramfs holds this, /stress, /pvwork.ko and /dev/console.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define PAGE 4096
/* What the fork/exec check's child exits with. */
#define EXEC_CHILD_STATUS 42
/* How long each stress program runs, in seconds. */
#define STRESS_SECONDS "4"

static int passed, failed;

/* Say why a check fails, below its FAIL line's place in the log. */
static int why(const char *fmt, ...)
{
	va_list ap;

	printf("    ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf(" (errno %d: %s)\n", errno, strerror(errno));
	return -1;
}

static void report(const char *name, int (*check)(void))
{
	int ok = check() == 0;

	printf("%s: workload: %s\n", ok ? "PASS" : "FAIL", name);
	fflush(stdout);
	if (ok)
		passed++;
	else
		failed++;
}

/* The status of a child that must exit with STATUS. */
static int reap(pid_t pid, int status)
{
	int ws;

	if (waitpid(pid, &ws, 0) != pid)
		return why("waitpid %d", pid);
	if (!WIFEXITED(ws) || WEXITSTATUS(ws) != status)
		return why("child %d ended with wait status %#x, not exit %d", pid, ws, status);
	return 0;
}

static int write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t n = write(fd, p, len);

		if (n <= 0)
			return -1;
		p += n;
		len -= n;
	}
	return 0;
}

static int read_all(int fd, void *buf, size_t len)
{
	char *p = buf;

	while (len) {
		ssize_t n = read(fd, p, len);

		if (n <= 0)
			return -1;
		p += n;
		len -= n;
	}
	return 0;
}

/* ---- fork and exec ---------------------------------------------------- */

static int fork_exec(void)
{
	for (int i = 0; i < 20; i++) {
		pid_t pid = fork();

		if (pid < 0)
			return why("fork");
		if (pid == 0) {
			execl("/init", "/init", "exec-child", (char *)NULL);
			_exit(1);
		}
		if (reap(pid, EXEC_CHILD_STATUS))
			return -1;
	}
	return 0;
}

/* ---- pipes -------------------------------------------------------------- */

/* 4 MiB through a pipe from a child, each word its own index. */
static int pipes(void)
{
	enum { WORDS = 1 << 20, CHUNK = 4096 };
	unsigned buf[CHUNK];
	int fd[2];
	pid_t pid;

	if (pipe(fd))
		return why("pipe");
	pid = fork();
	if (pid < 0)
		return why("fork");
	if (pid == 0) {
		close(fd[0]);
		for (unsigned w = 0; w < WORDS; w += CHUNK) {
			for (unsigned i = 0; i < CHUNK; i++)
				buf[i] = w + i;
			if (write_all(fd[1], buf, sizeof(buf)))
				_exit(1);
		}
		_exit(0);
	}
	close(fd[1]);
	for (unsigned w = 0; w < WORDS; w += CHUNK) {
		if (read_all(fd[0], buf, sizeof(buf)))
			return why("pipe read at word %u", w);
		for (unsigned i = 0; i < CHUNK; i++)
			if (buf[i] != w + i)
				return why("word %u reads %u", w + i, buf[i]);
	}
	close(fd[0]);
	return reap(pid, 0);
}

/* ---- signals ------------------------------------------------------------ */

static volatile sig_atomic_t handled;

static void count_signal(int sig)
{
	(void)sig;
	handled++;
}

/*
 * A handler runs for a signal sent to oneself; then 500 rounds of
 * SIGUSR1 ping-pong with a child, each side waiting with sigwaitinfo;
 * then SIGCHLD when the child exits.
 */
static int signals(void)
{
	enum { ROUNDS = 500 };
	struct sigaction sa = { .sa_handler = count_signal };
	sigset_t usr1, old;
	siginfo_t info;
	pid_t pid;

	if (sigaction(SIGUSR2, &sa, NULL))
		return why("sigaction");
	handled = 0;
	raise(SIGUSR2);
	if (handled != 1)
		return why("handler ran %d times for one raise", (int)handled);

	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigaddset(&usr1, SIGCHLD);
	sigprocmask(SIG_BLOCK, &usr1, &old);
	pid = fork();
	if (pid < 0)
		return why("fork");
	if (pid == 0) {
		for (int i = 0; i < ROUNDS; i++) {
			if (sigwaitinfo(&usr1, &info) != SIGUSR1 || kill(getppid(), SIGUSR1))
				_exit(1);
		}
		_exit(0);
	}
	for (int i = 0; i < ROUNDS; i++) {
		if (kill(pid, SIGUSR1))
			return why("kill round %d", i);
		if (sigwaitinfo(&usr1, &info) != SIGUSR1 || info.si_pid != pid)
			return why("round %d: no SIGUSR1 from the child", i);
	}
	if (sigwaitinfo(&usr1, &info) != SIGCHLD || info.si_pid != pid)
		return why("no SIGCHLD from the child");
	sigprocmask(SIG_SETMASK, &old, NULL);
	return reap(pid, 0);
}

/* ---- memory ------------------------------------------------------------- */

static sigjmp_buf fault_jump;
static volatile void *fault_addr;
static volatile int fault_code;

static void catch_segv(int sig, siginfo_t *info, void *ctx)
{
	(void)sig;
	(void)ctx;
	fault_addr = info->si_addr;
	fault_code = info->si_code;
	siglongjmp(fault_jump, 1);
}

/*
 * Store to P, which must fault with CODE at P: the address comes from
 * cr2 (under Xen, from the hypervisor's copy of it).
 */
static int must_fault(volatile unsigned char *p, int code)
{
	fault_addr = NULL;
	if (sigsetjmp(fault_jump, 1) == 0) {
		*p = 1;
		return why("store to %p did not fault", (void *)p);
	}
	if (fault_addr != p || fault_code != code)
		return why("fault at %p code %d, not at %p code %d",
			   (void *)fault_addr, fault_code, (void *)p, code);
	return 0;
}

static int fill_check(unsigned char *p, size_t len, unsigned seed, int fill)
{
	for (size_t i = 0; i < len; i += PAGE / 4) {
		unsigned char v = (unsigned char)(i / (PAGE / 4) * 7 + seed);

		if (fill)
			p[i] = v;
		else if (p[i] != v)
			return why("byte %zu reads %u, not %u", i, p[i], v);
	}
	return 0;
}

/*
 * 32 MiB faulted in and read back; a copy-on-write child changes every
 * page and the parent sees none of it; mprotect to read-only makes a
 * store fault at its address, back to read-write makes it work; munmap
 * of half makes a store there fault as unmapped.
 */
static int memory(void)
{
	const size_t len = 32 << 20;
	struct sigaction sa = { .sa_sigaction = catch_segv, .sa_flags = SA_SIGINFO };
	unsigned char *p;
	pid_t pid;

	if (sigaction(SIGSEGV, &sa, NULL))
		return why("sigaction");
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return why("mmap");
	if (fill_check(p, len, 1, 1) || fill_check(p, len, 1, 0))
		return -1;
	pid = fork();
	if (pid < 0)
		return why("fork");
	if (pid == 0)
		_exit(fill_check(p, len, 2, 1) || fill_check(p, len, 2, 0));
	if (reap(pid, 0) || fill_check(p, len, 1, 0))
		return -1;
	if (mprotect(p, len, PROT_READ))
		return why("mprotect read-only");
	if (must_fault(p + len / 2 + 123, SEGV_ACCERR) || fill_check(p, len, 1, 0))
		return -1;
	if (mprotect(p, len, PROT_READ | PROT_WRITE))
		return why("mprotect read-write");
	p[len / 2 + 123] = 5;
	if (munmap(p + len / 2, len / 2))
		return why("munmap");
	if (must_fault(p + len / 2 + PAGE, SEGV_MAPERR) || fill_check(p, len / 2, 1, 0))
		return -1;
	signal(SIGSEGV, SIG_DFL);
	return munmap(p, len / 2) ? why("munmap") : 0;
}

/* ---- tmpfs -------------------------------------------------------------- */

/*
 * A file on tmpfs written, renamed, read back; changed through a shared
 * mapping and read again; unlinked; the file system unmounted.
 */
static int tmpfs(void)
{
	enum { LEN = 1 << 20 };
	static unsigned char buf[LEN];
	unsigned char *map;
	int fd;

	if (mount("tmpfs", "/tmp", "tmpfs", 0, "size=8m"))
		return why("mount tmpfs");
	for (int i = 0; i < LEN; i++)
		buf[i] = (unsigned char)(i * 13);
	fd = open("/tmp/a", O_CREAT | O_RDWR | O_TRUNC, 0644);
	if (fd < 0 || write_all(fd, buf, LEN) || close(fd))
		return why("write /tmp/a");
	if (rename("/tmp/a", "/tmp/b"))
		return why("rename");
	fd = open("/tmp/b", O_RDWR);
	if (fd < 0)
		return why("open /tmp/b");
	memset(buf, 0, LEN);
	if (read_all(fd, buf, LEN))
		return why("read /tmp/b");
	for (int i = 0; i < LEN; i++)
		if (buf[i] != (unsigned char)(i * 13))
			return why("byte %d reads %u", i, buf[i]);
	map = mmap(NULL, LEN, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (map == MAP_FAILED)
		return why("mmap /tmp/b");
	for (int i = 0; i < LEN; i += PAGE)
		map[i] = 0xa5;
	if (munmap(map, LEN) || pread(fd, buf, LEN, 0) != LEN)
		return why("munmap or pread");
	for (int i = 0; i < LEN; i++)
		if (buf[i] != (i % PAGE ? (unsigned char)(i * 13) : 0xa5))
			return why("after the mapping, byte %d reads %u", i, buf[i]);
	close(fd);
	if (unlink("/tmp/b") || access("/tmp/b", F_OK) == 0)
		return why("unlink");
	return umount("/tmp") ? why("umount") : 0;
}

/* ---- timers ------------------------------------------------------------- */

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

/*
 * nanosleep sleeps at least what it was asked; an interval timer and a
 * POSIX timer each deliver 10 signals, never earlier than their periods.
 */
static int timers(void)
{
	struct itimerval it = { { 0, 10000 }, { 0, 10000 } };
	struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR2 };
	struct itimerspec ts = { { 0, 10000000 }, { 0, 10000000 } };
	struct timespec nap = { 0, 20000000 };
	struct sigaction sa = { .sa_handler = count_signal };
	sigset_t none;
	timer_t timer;
	double t0;

	t0 = now();
	for (int i = 0; i < 5; i++)
		if (nanosleep(&nap, NULL))
			return why("nanosleep");
	if (now() - t0 < 0.1)
		return why("5 sleeps of 20 ms took %.3f s", now() - t0);

	sigemptyset(&none);
	sigaction(SIGALRM, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	handled = 0;
	t0 = now();
	if (setitimer(ITIMER_REAL, &it, NULL))
		return why("setitimer");
	while (handled < 10)
		sigsuspend(&none);
	it.it_value.tv_usec = it.it_interval.tv_usec = 0;
	setitimer(ITIMER_REAL, &it, NULL);
	if (now() - t0 < 0.1)
		return why("10 ticks of 10 ms took %.3f s", now() - t0);

	if (timer_create(CLOCK_MONOTONIC, &ev, &timer))
		return why("timer_create");
	handled = 0;
	t0 = now();
	if (timer_settime(timer, 0, &ts, NULL))
		return why("timer_settime");
	while (handled < 10)
		sigsuspend(&none);
	timer_delete(timer);
	if (now() - t0 < 0.1)
		return why("10 POSIX timer ticks of 10 ms took %.3f s", now() - t0);
	return 0;
}

/* ---- a module ----------------------------------------------------------- */

static int module_listed(void)
{
	char line[256];
	FILE *f = fopen("/proc/modules", "r");
	int found = 0;

	if (!f)
		return why("open /proc/modules");
	while (fgets(line, sizeof(line), f))
		found |= strncmp(line, "pvwork ", 7) == 0;
	fclose(f);
	return found;
}

/* /pvwork.ko loaded (its init takes irq-saving spinlocks on every CPU),
 * listed, unloaded, gone. */
static int module(void)
{
	int fd = open("/pvwork.ko", O_RDONLY);

	if (fd < 0)
		return why("open /pvwork.ko");
	if (syscall(SYS_finit_module, fd, "", 0))
		return why("finit_module");
	close(fd);
	if (module_listed() != 1)
		return why("pvwork not in /proc/modules once loaded");
	if (syscall(SYS_delete_module, "pvwork", O_NONBLOCK))
		return why("delete_module");
	if (module_listed() != 0)
		return why("pvwork still in /proc/modules once unloaded");
	return 0;
}

/* ---- CPU hotplug -------------------------------------------------------- */

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);

	if (fd < 0 || write_all(fd, text, strlen(text)) || close(fd))
		return why("write '%s' to %s", text, path);
	return 0;
}

static int file_is(const char *path, const char *text)
{
	char buf[64] = "";
	int fd = open(path, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (fd >= 0)
		close(fd);
	if (n < 0 || strcmp(buf, text))
		return why("%s reads '%s', not '%s'", path, buf, text);
	return 0;
}

static int on_cpu(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		return why("sched_setaffinity to CPU %d", cpu);
	if (sched_getcpu() != cpu)
		return why("running on CPU %d, not %d", sched_getcpu(), cpu);
	return 0;
}

/* CPU 1 taken offline and brought back; this process then runs on it. */
static int cpu_hotplug(void)
{
	const char *online = "/sys/devices/system/cpu/cpu1/online";
	cpu_set_t all;

	if (file_is("/sys/devices/system/cpu/online", "0-1\n") ||
	    write_file(online, "0") || file_is("/sys/devices/system/cpu/online", "0\n") ||
	    write_file(online, "1") || file_is("/sys/devices/system/cpu/online", "0-1\n") ||
	    on_cpu(1) || on_cpu(0))
		return -1;
	CPU_ZERO(&all);
	CPU_SET(0, &all);
	CPU_SET(1, &all);
	return sched_setaffinity(0, sizeof(all), &all) ? why("sched_setaffinity") : 0;
}

/* ---- stress on both CPUs ------------------------------------------------ */

/*
 * /stress on CPU 0 and on CPU 1, for STRESS_SECONDS, passing a token to
 * each other through two pipes every round (cross-CPU wakeups); each
 * exits 0 only if its own checks held.
 */
static int stress(void)
{
	int to1[2], to0[2];
	pid_t pid[2];

	if (pipe(to1) || pipe(to0))
		return why("pipe");
	for (int cpu = 0; cpu < 2; cpu++) {
		pid[cpu] = fork();
		if (pid[cpu] < 0)
			return why("fork");
		if (pid[cpu] == 0) {
			char in[16], out[16];

			snprintf(in, sizeof(in), "%d", cpu ? to1[0] : to0[0]);
			snprintf(out, sizeof(out), "%d", cpu ? to0[1] : to1[1]);
			close(cpu ? to1[1] : to0[1]);
			close(cpu ? to0[0] : to1[0]);
			if (on_cpu(cpu))
				_exit(1);
			execl("/stress", "/stress", cpu ? "follower" : "leader",
			      STRESS_SECONDS, in, out, (char *)NULL);
			_exit(1);
		}
	}
	close(to1[0]);
	close(to1[1]);
	close(to0[0]);
	close(to0[1]);
	return reap(pid[0], 0) | reap(pid[1], 0);
}

/* ---- the end ------------------------------------------------------------ */

static void print_kernel_log(void)
{
	static char log[1 << 20];
	int n = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, log, sizeof(log));

	if (n > 0)
		write_all(1, log, n);
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "exec-child") == 0)
		return EXEC_CHILD_STATUS;
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (mount("proc", "/proc", "proc", 0, NULL) || mount("sysfs", "/sys", "sysfs", 0, NULL))
		why("mount /proc and /sys");

	report("fork and exec 20 children", fork_exec);
	report("4 MiB through a pipe", pipes);
	report("signals: a handler, 500 rounds of ping-pong, SIGCHLD", signals);
	report("32 MiB faulted, copy-on-write, mprotect and munmap faults at their address", memory);
	report("tmpfs: write, rename, read, shared mapping, unlink, umount", tmpfs);
	report("timers: nanosleep, setitimer, timer_create", timers);
	report("module pvwork loaded and unloaded", module);
	report("CPU 1 offline and online again", cpu_hotplug);
	report("stress on both CPUs for " STRESS_SECONDS " s", stress);

	printf("workload: %d passed, %d failed\n", passed, failed);
	print_kernel_log();
	printf("\nworkload-end\n");
	fflush(stdout);
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}
