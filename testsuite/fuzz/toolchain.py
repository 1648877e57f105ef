# SPDX-License-Identifier: MIT
"""Where the tree's parts are, and running the compiler and programs.

Shared by the fuzzers.  Everything runs with a time limit in its own
process group, so a hung cc1 or test program is killed with its driver.
"""
import os
import re
import shlex
import signal
import subprocess
import json
import tempfile
import time
from dataclasses import dataclass

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FUZZ_DIR = os.path.join(TOP, 'testsuite', 'fuzz')
BUILD_DIR = os.path.join(TOP, 'build', 'fuzz')
INCLUDE = os.path.join(TOP, 'include')
PLUGIN = os.environ.get('PVPATCH_PLUGIN') or os.path.join(TOP, 'build', 'plugin', 'pvpatch.so')
RUNTIME_DIR = os.environ.get('PVPATCH_RUNTIME_DIR') or os.path.join(TOP, 'build', 'runtime')
CC = shlex.split(os.environ.get('CC') or 'gcc')

# Diagnostics in ASCII, without colours or fix-it hints: they are parsed.
ENV = dict(os.environ, LC_ALL='C')
DIAGNOSTIC_FLAGS = ['-fdiagnostics-plain-output']


@dataclass
class Result:
    status: object      # exit code, 'timeout', or 'signal N'
    output: str         # stdout and stderr (stderr after stdout)
    stdout: str
    seconds: float
    time_factor: int = 1  # how much more time than asked the program had

    @property
    def ok(self):
        return self.status == 0


# Runs i386 programs, in the testsuite's i386 VM (PVPATCH_I386_VM) if the
# host cannot (docs/testsuite.md).  QEMU emulates the VM's CPU, so
# programs run there get VM_TIME_FACTOR times their time limit.
RUN_I386 = os.path.join(TOP, 'testsuite', 'i386', 'run-i386')
VM_TIME_FACTOR = 5
vm_ready = []


def is_i386(path):
    """Whether path is an i386 ELF executable (ELF32, EM_386)."""
    try:
        with open(path, 'rb') as f:
            header = f.read(20)
    except OSError:
        return False
    return header[:5] == b'\x7fELF\x01' and header[18:20] == b'\x03\x00'


def through_run_i386(cmd, timeout, env):
    """cmd and its time factor, for an i386 program.  The first one waits
    for the VM to have booted, which is no part of any program's time."""
    if not (env or ENV).get('PVPATCH_I386_VM'):
        return [RUN_I386] + cmd, 1
    if not vm_ready:
        vm_ready.append(subprocess.run([RUN_I386, '--ready'], env=env or ENV).returncode)
    return [RUN_I386, '--timeout', str(timeout * VM_TIME_FACTOR)] + cmd, VM_TIME_FACTOR


def run(cmd, timeout, env=None, cwd=None):
    """Run cmd (a list) with a time limit; never raises for the program."""
    factor = 1
    if is_i386(os.path.join(cwd or '', cmd[0])):
        cmd, factor = through_run_i386(list(cmd), timeout, env)
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, env=env or ENV, cwd=cwd,
                            start_new_session=True)
    try:
        out, err = proc.communicate(timeout=timeout * factor)
        status = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        status = 'timeout'
    if isinstance(status, int) and status < 0:
        status = 'signal %d' % -status
    out = out.decode('utf-8', 'replace')
    err = err.decode('utf-8', 'replace')
    return Result(status, out + err, out, time.monotonic() - start, factor)


def plugin_flags(args=()):
    """-fplugin and its arguments (which must follow it), and our headers."""
    return (['-fplugin=' + PLUGIN] +
            ['-fplugin-arg-pvpatch-' + a for a in args] + ['-I' + INCLUDE])


def runtime_lib(m32):
    name = 'libpvpatch-m32.a' if m32 else 'libpvpatch.a'
    return os.path.join(RUNTIME_DIR, name)


def phase_object(m32):
    """phase.c, compiled for the width: linked into programs built with
    the plugin, it patches them before main() as PVFUZZ_PHASE says."""
    return os.path.join(BUILD_DIR, 'phase-%d.o' % (32 if m32 else 64))


# libgcc's 64-bit division for programs built with -mregparm=3, which
# cannot call the system's (regparm-libgcc.c).
REGPARM_LIBGCC = os.path.join(BUILD_DIR, 'regparm-libgcc.o')


def build_phase_objects():
    os.makedirs(BUILD_DIR, exist_ok=True)
    common = ['-std=c11', '-O2', '-Wall', '-Wextra', '-Werror', '-I' + INCLUDE, '-c']
    for m32 in (False, True):
        subprocess.run(CC + ['-m32' if m32 else '-m64'] + common +
                       [os.path.join(FUZZ_DIR, 'phase.c'), '-o', phase_object(m32)], check=True)
    subprocess.run(CC + ['-m32', '-mregparm=3', '-fPIC', '-fno-builtin'] + common +
                   [os.path.join(FUZZ_DIR, 'regparm-libgcc.c'), '-o', REGPARM_LIBGCC],
                   check=True)


ICE_RE = re.compile(r'internal compiler error: ?(.*)')


def ice(result):
    """The first line of an internal compiler error, or None.  The driver
    reports a crashed cc1, as or lto1 the same way; a driver killed by a
    signal counts too."""
    m = ICE_RE.search(result.output)
    if m:
        return m.group(1).strip() or 'internal compiler error'
    if isinstance(result.status, str) and result.status.startswith('signal'):
        return 'compiler killed by ' + result.status
    return None


def errors(result):
    """The compiler's error lines."""
    return [line for line in result.output.splitlines()
            if re.search(r'(^|: )(fatal )?error: |: Error: ', line)]


def shell_line(cmd, env=None):
    """cmd as one line a reader can paste into a shell."""
    prefix = ' '.join('%s=%s' % (k, shlex.quote(v)) for k, v in (env or {}).items())
    return (prefix + ' ' if prefix else '') + ' '.join(shlex.quote(c) for c in cmd)


# ---- Kernel code generation (compile-only configurations) ----

# The kernels whose module flags the fuzzer compiles with: each series is
# resolved to the newest installed release as the kernel checks do.
KERNEL_SERIES = ('6.1', '6.12')
LINUX_RELEASE = os.path.join(TOP, 'kernel', 'linux-release.sh')
# What of a Kbuild compile line is code generation; the rest (include
# paths, -include, -D, warnings, dependency files) only serves kernel
# sources, which a csmith program is not.
CODEGEN_FLAG_RE = re.compile(r'-[mfO]|-std=|-pg$')
NOT_CODEGEN_RE = re.compile(r'-fmacro-prefix-map=')


@dataclass(frozen=True)
class Kbuild:
    series: str
    release: str
    compiler: str       # the compiler Kbuild runs, e.g. gcc-12
    cflags: tuple       # its code-generation flags for a module's C file
    objtool: tuple      # the objtool command it runs on the object, less the object


def kbuild(series):
    """The Kbuild of the installed kernel series, learnt from a verbose
    build of a one-line module (cached in BUILD_DIR); None without one."""
    r = run([LINUX_RELEASE, series], 10)
    if not r.ok:
        return None
    release = r.stdout.strip()
    cache = os.path.join(BUILD_DIR, 'kbuild-%s.json' % release)
    if not os.path.exists(cache):
        os.makedirs(BUILD_DIR, exist_ok=True)
        with open(cache + '.tmp', 'w') as f:
            json.dump(probe_kbuild(release), f)
        os.replace(cache + '.tmp', cache)
    with open(cache) as f:
        known = json.load(f)
    return Kbuild(series, release, known['compiler'], tuple(known['cflags']),
                  tuple(known['objtool']))


def probe_kbuild(release):
    headers = '/usr/src/linux-headers-' + release
    with tempfile.TemporaryDirectory(prefix='pvfuzz-kbuild-') as module:
        with open(os.path.join(module, 'probe.c'), 'w') as f:
            f.write('#include <linux/module.h>\nint probe(void) { return 0; }\n'
                    'MODULE_LICENSE("GPL");\n')
        with open(os.path.join(module, 'Kbuild'), 'w') as f:
            f.write('obj-m := probe.o\n')
        # Kbuild's own compiler, whatever the fuzzer's CC is.
        env = {k: v for k, v in ENV.items()
               if k not in ('CC', 'CXX', 'MAKEFLAGS', 'MFLAGS', 'MAKELEVEL')}
        r = run(['make', '-C', headers, 'M=' + module, 'V=1', 'modules'], 300, env=env)
        if not r.ok:
            raise RuntimeError('Kbuild of %s failed: %s' % (release, r.output[-500:]))
        obj = os.path.join(module, 'probe.o')
        commands = [c.strip() for line in r.output.splitlines() for c in line.split(';')]
    compile_line = next(c for c in commands if c.endswith(' -o %s %s.c' % (obj, obj[:-2])))
    words = shlex.split(compile_line)
    cflags = [w for w in words[1:] if CODEGEN_FLAG_RE.match(w) and not NOT_CODEGEN_RE.match(w)]
    objtool = shlex.split(next(c for c in commands if 'tools/objtool/objtool ' in c
                               and c.endswith(' ' + obj)))[:-1]
    objtool[0] = os.path.normpath(os.path.join(headers, objtool[0]))
    return {'compiler': words[0], 'cflags': cflags, 'objtool': objtool}


def major_version(compiler):
    r = run(shlex.split(compiler) + ['-dumpversion'], 30)
    return r.stdout.strip().split('.')[0] if r.ok else None


def kernel_builds():
    """{series: Kbuild} for the installed kernels whose Kbuild runs the
    compiler the fuzzer uses (the plugin is built for that one), and a
    line saying which were left out and why."""
    found, left = {}, []
    mine = major_version(' '.join(CC))
    for series in KERNEL_SERIES:
        try:
            k = kbuild(series)
        except RuntimeError as e:
            left.append('%s (%s)' % (series, str(e).splitlines()[0][:120]))
            continue
        if k is None:
            left.append('%s (no headers and image installed)' % series)
        elif major_version(k.compiler) != mine:
            left.append('%s (its Kbuild runs %s, the plugin is for GCC %s)'
                        % (series, k.compiler, mine))
        else:
            found[series] = k
    return found, ('kernel configurations left out: ' + ', '.join(left)) if left else ''


# objtool's environment: the 6.12 wrapper needs the architecture, which
# Kbuild exports.
OBJTOOL_ENV = dict(ENV, SRCARCH='x86')


def objtool_findings(kbuild, obj):
    """What objtool says of obj, without the file name and instruction
    offsets (which differ between two builds of one program)."""
    r = run(list(kbuild.objtool) + [obj], 300, env=OBJTOOL_ENV)
    lines = r.output.splitlines() or ([] if r.ok else ['objtool exit %s' % r.status])
    return {re.sub(r'\+0x[0-9a-f]+', '', line.replace(obj, 'OBJ')) for line in lines}
