/* SPDX-License-Identifier: MIT */
/*
 * The i386 VM's job agent (testsuite/i386/i386vm.py builds it static into
 * the guest's initramfs; init starts it).
 *
 *   agent ROOT SPOOL
 *
 * ROOT is where the host's file system is mounted, SPOOL the spool
 * directory below it.  run-i386 on the host writes a job as a directory
 * NAME.job holding cwd, argv and env (NUL-terminated strings) and limit
 * (seconds).  The agent renames it NAME.run and runs argv[0] chrooted in
 * ROOT, in cwd, with exactly env, stdin /dev/null, stdout and stderr in
 * NAME.run/out and err, in a process group of its own; when it ends, the
 * agent writes NAME.run/status: the exit code, or 128+N after signal N.
 * A job still running after its limit, or whose directory gets a file
 * "cancel" (its launcher went away), is killed with its process group.
 * A file "stop" in SPOOL ends the agent.  Jobs run concurrently.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_JOBS 64
#define POLL_NS 10000000L	/* 10 ms */

struct job {
	pid_t pid;		/* 0: free slot */
	char name[256];		/* NAME.run */
	double deadline;
	int killed;
};

static struct job jobs[MAX_JOBS];
static const char *root;

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static int exists(const char *dir, const char *file)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	return access(path, F_OK) == 0;
}

/* The whole of DIR/FILE, NUL-terminated; NULL if it cannot be read. */
static char *slurp(const char *dir, const char *file, size_t *size)
{
	char path[512], *data = NULL;
	size_t used = 0, room = 0;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return NULL;
	do {
		if (used + 4096 + 1 > room) {
			room = 2 * room + 4096 + 1;
			data = realloc(data, room);
			if (!data)
				break;
		}
		n = read(fd, data + used, 4096);
		if (n > 0)
			used += n;
	} while (n > 0);
	close(fd);
	if (data)
		data[used] = 0;
	if (size)
		*size = used;
	return data;
}

/* The NUL-terminated strings of DIR/FILE as a NULL-terminated vector. */
static char **strings(const char *dir, const char *file)
{
	size_t size, count = 0;
	char *data = slurp(dir, file, &size), **v;

	if (!data)
		return NULL;
	for (size_t i = 0; i < size; i++)
		count += data[i] == 0;
	v = calloc(count + 1, sizeof(*v));
	for (size_t i = 0, k = 0; v && i < size; i += strlen(data + i) + 1)
		v[k++] = data + i;
	return v;
}

static int redirect(const char *dir, const char *file, int fd)
{
	char path[512];
	int out;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	return out >= 0 && dup2(out, fd) == fd ? 0 : -1;
}

/* In the child: become the job. */
static void become(const char *dir)
{
	char *cwd = slurp(dir, "cwd", NULL);
	char **argv = strings(dir, "argv"), **env = strings(dir, "env");
	int in = open("/dev/null", O_RDONLY);

	setpgid(0, 0);
	if (in < 0 || dup2(in, 0) || redirect(dir, "out", 1) || redirect(dir, "err", 2))
		_exit(125);
	if (!cwd || !argv || !argv[0] || !env) {
		dprintf(2, "i386-vm agent: job %s is incomplete\n", dir);
		_exit(125);
	}
	if (chroot(root) || chdir(cwd)) {
		dprintf(2, "i386-vm agent: cannot enter %s: %s\n", cwd, strerror(errno));
		_exit(126);
	}
	execve(argv[0], argv, env);
	dprintf(2, "i386-vm agent: cannot execute %s: %s\n", argv[0], strerror(errno));
	_exit(errno == ENOENT ? 127 : 126);
}

static void start(const char *job_name)
{
	struct job *j = NULL;
	char *limit;

	for (int i = 0; i < MAX_JOBS && !j; i++)
		if (!jobs[i].pid)
			j = &jobs[i];
	if (!j)
		return;		/* all busy: it waits for the next round */
	snprintf(j->name, sizeof(j->name), "%.*s.run", (int)(strlen(job_name) - 4), job_name);
	if (rename(job_name, j->name))
		return;
	limit = slurp(j->name, "limit", NULL);
	j->deadline = now() + (limit ? atof(limit) : 300);
	free(limit);
	j->killed = 0;
	j->pid = fork();
	if (j->pid == 0)
		become(j->name);
	if (j->pid < 0)
		j->pid = 0;
	else
		setpgid(j->pid, j->pid);	/* before any kill of the group */
}

static void finish(struct job *j, int wstatus)
{
	char tmp[512], path[512];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s/status.new", j->name);
	snprintf(path, sizeof(path), "%s/status", j->name);
	f = fopen(tmp, "w");
	if (f) {
		fprintf(f, "%d\n", WIFSIGNALED(wstatus) ? 128 + WTERMSIG(wstatus)
							: WEXITSTATUS(wstatus));
		if (fclose(f) == 0)
			rename(tmp, path);
	}
	j->pid = 0;
}

static void watch(void)
{
	double t = now();
	int wstatus;
	pid_t pid;

	while ((pid = waitpid(-1, &wstatus, WNOHANG)) > 0)
		for (int i = 0; i < MAX_JOBS; i++)
			if (jobs[i].pid == pid)
				finish(&jobs[i], wstatus);
	for (int i = 0; i < MAX_JOBS; i++) {
		struct job *j = &jobs[i];

		if (j->pid && !j->killed && (t > j->deadline || exists(j->name, "cancel"))) {
			kill(-j->pid, SIGKILL);
			j->killed = 1;
		}
	}
}

int main(int argc, char **argv)
{
	const struct timespec pause = { 0, POLL_NS };

	if (argc != 3 || chdir(argv[2])) {
		fprintf(stderr, "i386-vm agent: usage: agent ROOT SPOOL\n");
		return 2;
	}
	root = argv[1];
	while (access("stop", F_OK)) {
		DIR *d = opendir(".");
		struct dirent *e;

		while (d && (e = readdir(d))) {
			size_t n = strlen(e->d_name);

			if (n > 4 && !strcmp(e->d_name + n - 4, ".job"))
				start(e->d_name);
		}
		if (d)
			closedir(d);
		watch();
		nanosleep(&pause, NULL);
	}
	return 0;
}
