#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The i386 VM: i386 test programs on a host that cannot run them.

A host kernel without IA32 emulation cannot execute i386 programs, and
qemu-user cannot stand in for it: the runtime patches its own code
through /proc/self/mem, which QEMU's user-mode translation does not see.
So the testsuite boots Debian's 6.1 kernel (which has IA32 emulation)
under qemu-system-x86_64, once per run, with the host's file system as
the guest's (9p), and run-i386 hands it each i386 program (docs/testsuite.md).

    i386vm.py native            exit 0 if this host runs i386 programs
    i386vm.py start DIR PID     boot the VM, its files in DIR; it is shut
                                down when process PID ends
    i386vm.py stop DIR          shut it down; exit 1 if it crashed
    i386vm.py run DIR CMD...    run CMD with the VM up (if the host needs
                                one) and shut it down after; CMD's exit
                                status, or 1 if the VM failed

DIR holds spool/ (the jobs, see agent.c), serial.log (the guest's console),
jobs.log (one line per program run-i386 ran), ready once it has booted or
problem saying why it failed, and the supervisor's and QEMU's pids.
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.dirname(os.path.dirname(HERE))
KERNEL_SERIES = '6.1'
# 9p and virtio_pci are modules in Debian's kernel; their dependencies
# come from modules.dep.
MODULES = ('virtio_pci', '9pnet_virtio', '9p')
BOOT_SECONDS = int(os.environ.get('PVPATCH_I386_BOOT_TIMEOUT') or 300)
MEMORY_MB = 1024
# What a crashed or broken guest kernel prints on its console (loglevel 4
# keeps ordinary messages, e.g. a test program's segfault, off it).
CRASH_RE = re.compile(r'Kernel panic|BUG:|Oops|general protection fault|'
                      r'WARNING: CPU|Call Trace:|i386-vm: (?!ready|stopping).*')


def path(vm, name):
    return os.path.join(vm, name)


def spool(vm):
    return path(vm, 'spool')


def read(name, default=''):
    try:
        with open(name, errors='replace') as f:
            return f.read()
    except OSError:
        return default


def pid_in(pid_file):
    """The pid in PID_FILE, or None."""
    text = read(pid_file).strip()
    return int(text) if text.isdigit() and int(text) > 0 else None


def alive(pid_file):
    try:
        os.kill(pid_in(pid_file), 0)
        return True
    except (OSError, TypeError):
        return False


def crash(vm):
    """The first line of the serial log that shows a crash, or None."""
    m = CRASH_RE.search(read(path(vm, 'serial.log')))
    if not m:
        return None
    log = read(path(vm, 'serial.log'))
    start = log.rfind('\n', 0, m.start()) + 1
    end = log.find('\n', m.start())
    return log[start:end if end >= 0 else None].strip()


def problem(vm):
    """Why the VM cannot run jobs, or None if it can."""
    said = read(path(vm, 'problem')).strip()
    if said:
        return said
    seen = crash(vm)
    if seen:
        return 'the guest crashed: ' + seen
    if not alive(path(vm, 'qemu.pid')):
        return 'QEMU is not running (see %s)' % path(vm, 'serial.log')
    return None


def wait_until_ready(vm):
    """Wait for the VM to finish booting (run.sh boots it while the first
    tests run); returns problem(vm)."""
    deadline = time.monotonic() + BOOT_SECONDS + 60
    while not os.path.exists(path(vm, 'ready')) and not os.path.exists(path(vm, 'problem')):
        if time.monotonic() > deadline:
            return 'the VM in %s did not become ready' % vm
        time.sleep(0.2)
    return problem(vm)


# ---- Is the VM needed? ----------------------------------------------------

PROBE = '.globl _start\n_start:\n\tmovl $1, %eax\n\txorl %ebx, %ebx\n\tint $0x80\n'


def host_runs_i386():
    """Whether this kernel executes an i386 program: build a tiny static
    one (exit(0) by system call) and try it."""
    cc = os.environ.get('CC') or 'gcc'
    with tempfile.TemporaryDirectory(prefix='pvpatch-i386-probe-') as work:
        exe = os.path.join(work, 'probe')
        subprocess.run(cc.split() + ['-m32', '-nostdlib', '-static', '-x', 'assembler', '-',
                                     '-o', exe], input=PROBE.encode(), check=True)
        try:
            return subprocess.run([exe]).returncode == 0
        except OSError:
            return False


# ---- Booting --------------------------------------------------------------

def kernel_release():
    return subprocess.run([os.path.join(TOP, 'kernel', 'linux-release.sh'), KERNEL_SERIES],
                          check=True, stdout=subprocess.PIPE, text=True).stdout.strip()


def module_order(release):
    """The .ko files MODULES need, each after what it depends on."""
    base = os.path.join('/lib/modules', release)
    deps = {}
    with open(os.path.join(base, 'modules.dep')) as f:
        for line in f:
            ko, _, needs = line.partition(':')
            deps[os.path.basename(ko)[:-3].replace('-', '_')] = (ko, needs.split())
    order = []

    def add(name):
        ko, needs = deps[name]
        for need in reversed(needs):
            add(os.path.basename(need)[:-3].replace('-', '_'))
        if ko not in order:
            order.append(ko)
    for name in MODULES:
        add(name)
    return [os.path.join(base, ko) for ko in order]


def i386_libraries():
    """The host's i386 shared libraries, which every i386 program loads."""
    found = []
    for dirpath, _, files in os.walk('/usr/lib32'):
        found += [os.path.join(dirpath, f) for f in files
                  if '.so' in f and os.path.isfile(os.path.join(dirpath, f))
                  and not os.path.islink(os.path.join(dirpath, f))]
    return sorted(found)


def build_initramfs(vm, release):
    """An uncompressed cpio of init, the agent, a static busybox, the
    modules, and copies of the i386 libraries below libs/."""
    root = path(vm, 'initramfs')
    shutil.rmtree(root, ignore_errors=True)
    for d in ('bin', 'modules', 'proc', 'dev', 'sys'):
        os.makedirs(os.path.join(root, d))
    shutil.copy(os.path.join(HERE, 'init'), os.path.join(root, 'init'))
    shutil.copy('/bin/busybox', os.path.join(root, 'bin', 'busybox'))
    cc = (os.environ.get('CC') or 'gcc').split()
    subprocess.run(cc + ['-std=gnu11', '-static', '-O2', '-Wall', '-Wextra', '-Werror',
                         os.path.join(HERE, 'agent.c'), '-o', os.path.join(root, 'agent')],
                   check=True)
    names = []
    for ko in module_order(release):
        shutil.copy(ko, os.path.join(root, 'modules'))
        names.append(os.path.basename(ko))
    with open(os.path.join(root, 'modules', 'order'), 'w') as f:
        f.write('\n'.join(names) + '\n')
    for lib in i386_libraries():
        copy = os.path.join(root, 'libs', lib.lstrip('/'))
        os.makedirs(os.path.dirname(copy), exist_ok=True)
        shutil.copy(lib, copy)
    files = subprocess.run(['find', '.'], cwd=root, check=True, stdout=subprocess.PIPE).stdout
    cpio = path(vm, 'initramfs.cpio')
    with open(cpio, 'wb') as out:
        subprocess.run(['cpio', '-o', '-H', 'newc', '--quiet'], cwd=root, input=files,
                       stdout=out, check=True)
    shutil.rmtree(root)
    return cpio


def qemu_command(vm, release, initramfs):
    return ['qemu-system-x86_64', '-accel', 'tcg', '-cpu', 'max,la57=off', '-smp', '2',
            '-m', str(MEMORY_MB), '-display', 'none', '-monitor', 'none', '-no-reboot',
            '-serial', 'file:' + path(vm, 'serial.log'),
            '-kernel', '/boot/vmlinuz-' + release, '-initrd', initramfs,
            '-append', 'console=ttyS0 loglevel=4 panic=-1 oops=panic mitigations=off tsc=reliable '
                       'pvpatch.spool=' + spool(vm),
            '-fsdev', 'local,id=host,path=/,security_model=none,multidevs=remap',
            '-device', 'virtio-9p-pci,fsdev=host,mount_tag=host']


def supervise(vm, owner):
    """Run QEMU until it exits, killing it when the process OWNER (the
    test run) ends without stopping it.  Runs detached from the test run,
    so that an interrupt reaches the run's own cleanup first."""
    with open(path(vm, 'qemu.err'), 'wb') as err:
        qemu = subprocess.Popen(read(path(vm, 'qemu.cmd')).split('\0'), stdin=subprocess.DEVNULL,
                                stdout=err, stderr=subprocess.STDOUT)
    with open(path(vm, 'qemu.pid'), 'w') as f:
        f.write('%d\n' % qemu.pid)
    while qemu.poll() is None:
        try:
            os.kill(owner, 0)
        except OSError:
            qemu.kill()
        time.sleep(1)


def start(vm, owner):
    """Boot the VM and wait until its agent is ready.  On failure, the
    reason is printed and left in DIR/problem for run-i386 to report."""
    stop(vm, quiet=True)
    shutil.rmtree(vm, ignore_errors=True)
    os.makedirs(spool(vm))
    began = time.monotonic()
    try:
        release = kernel_release()
        command = qemu_command(vm, release, build_initramfs(vm, release))
    except (OSError, subprocess.CalledProcessError, KeyError) as e:
        return fail(vm, 'cannot prepare the VM: %s' % e)
    with open(path(vm, 'qemu.cmd'), 'w') as f:
        f.write('\0'.join(command))
    supervisor = subprocess.Popen(
        [sys.executable, os.path.abspath(__file__), 'supervise', vm, str(owner)],
        stdin=subprocess.DEVNULL, start_new_session=True)
    with open(path(vm, 'supervisor.pid'), 'w') as f:
        f.write('%d\n' % supervisor.pid)
    while 'i386-vm: ready' not in read(path(vm, 'serial.log')):
        seconds = time.monotonic() - began
        seen = crash(vm)
        if seen:
            return fail(vm, 'Linux %s crashed while booting: %s' % (release, seen))
        if supervisor.poll() is not None:
            return fail(vm, 'QEMU exited while booting: %s' % read(path(vm, 'qemu.err')).strip())
        if seconds > BOOT_SECONDS:
            return fail(vm, 'Linux %s did not boot within %d s' % (release, BOOT_SECONDS))
        time.sleep(0.2)
    print('i386-vm: Linux %s booted in %.0f s (QEMU, TCG, %s)'
          % (release, time.monotonic() - began, vm))
    open(path(vm, 'ready'), 'w').close()
    return 0


def fail(vm, why):
    with open(path(vm, 'problem'), 'w') as f:
        f.write(why + '\n')
    print('i386-vm: FAIL: ' + why)
    stop(vm, quiet=True)
    return 1


def stop(vm, quiet=False):
    """Ask the guest to power off; kill QEMU if it has not within 30 s.
    Prints how many jobs ran and exits 1 if the guest crashed."""
    if os.path.isdir(spool(vm)):
        open(os.path.join(spool(vm), 'stop'), 'w').close()
    deadline = time.monotonic() + 30
    while alive(path(vm, 'supervisor.pid')) and time.monotonic() < deadline:
        time.sleep(0.2)
    for name in ('qemu.pid', 'supervisor.pid'):
        if alive(path(vm, name)):
            os.kill(pid_in(path(vm, name)), signal.SIGKILL)
    shutil.rmtree(spool(vm), ignore_errors=True)
    if quiet:
        return 0
    seen = crash(vm)
    jobs = read(path(vm, 'jobs.log')).count('\n')
    print('i386-vm: stopped after %d program%s' % (jobs, '' if jobs == 1 else 's'))
    if seen and not os.path.exists(path(vm, 'problem')):  # else start reported it
        print('i386-vm: FAIL: the guest crashed: ' + seen)
        return 1
    return 0


def run(vm, command):
    """For the fuzzers, which run outside the testsuite's run.sh."""
    if host_runs_i386():
        return subprocess.call(command)
    if start(vm, os.getpid()):
        return 1
    try:
        status = subprocess.call(command, env=dict(os.environ, PVPATCH_I386_VM=vm))
    finally:
        crashed = stop(vm)
    return status or crashed


def main(argv):
    if argv[1:2] == ['native']:
        return 0 if host_runs_i386() else 1
    if argv[1:2] == ['start'] and len(argv) == 4:
        return start(os.path.abspath(argv[2]), int(argv[3]))
    if argv[1:2] == ['stop'] and len(argv) == 3:
        return stop(os.path.abspath(argv[2]))
    if argv[1:2] == ['run'] and len(argv) > 3:
        return run(os.path.abspath(argv[2]), argv[3:])
    if argv[1:2] == ['supervise'] and len(argv) == 4:
        return supervise(argv[2], int(argv[3]))
    sys.stderr.write(__doc__)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))
