#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Differential fuzzing of the pvpatch plugin and runtime with csmith.

For each seed: csmith writes a program; annotate.py marks a random subset
of its functions paravirt; the program is built with and without the
plugin for one random x86-64 and one random i386 configuration (-O level
and flags), and each plugin build must print the reference's checksum
unpatched, after pvpatch_apply(), after pvpatch_apply() +
pvpatch_revert(), and while a thread applies and reverts (phase.c,
linked in, does that from before main).

A program is discarded, not counted, when csmith fails, or a reference
build fails, times out or is slow, or two references of the same width
disagree (the configuration's level against -O0): csmith programs are
meant to be free of undefined behaviour, and that comparison catches the
ones that are not.

A contract error from the plugin ("'f' clobbers 'rcx', outside the clobber
set ...") means a narrow set cannot hold for that body: the function is
demoted to "abi" and the program rebuilt.  Any other failure of a plugin
build whose reference worked is a bug: an internal compiler error counts
as an ICE, everything else (another error, a wrong checksum, a crash, a
refused pvpatch_apply) as a mismatch.  Each leaves a reproducer in the
results folder; with --reduce, creduce shrinks it.

    difffuzz.py run [-n N] [-s SEED | --seeds FILE] [-j JOBS] [--reduce] [--results DIR]
    difffuzz.py check CASE.json FILE.c   (exit 0 if FILE.c shows the case's bug)
    difffuzz.py replay FILE.c            (exit 0 if FILE.c, a regression program, passes)

A run prints one line per program and ends with
"fuzz: N programs, N ICE, N mismatches"; it exits non-zero if either
count is.
"""
import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from multiprocessing import Pool

import annotate
import toolchain
from toolchain import run

CSMITH_INCLUDE = '/usr/include/csmith'
OPT_LEVELS = ['-O0', '-O1', '-O2', '-O3', '-Os']
# Flags a configuration may add: each group is taken with its
# probability, as one of its alternatives (which exclude each other).  All
# are documented as supported (docs/user-guide.md).
EXTRA_FLAGS = [
    ([['-fno-pie', '-no-pie']], 0.15),
    ([['-fno-plt']], 0.1),
    ([['-fPIC']], 0.1),
    ([['-flto']], 0.1),
    ([['-g']], 0.1),
    ([['-fno-omit-frame-pointer']], 0.1),
    ([['-mgeneral-regs-only']], 0.15),
    # Retpolines, also as Linux builds them (the target in a register:
    # Linux links its own thunks, user space gets them inline), or IBT's
    # end-branches.
    ([['-mindirect-branch=thunk', '-mfunction-return=thunk'],
      ['-mindirect-branch=thunk', '-mfunction-return=thunk', '-mindirect-branch-register'],
      ['-fcf-protection']], 0.25),
    ([['-ffunction-sections', '-Wl,--gc-sections,-z,start-stop-gc']], 0.1),
    # Kernel hardening: call-used registers zeroed on return, which must
    # not reach registers a narrow clobber set declares preserved (Linux's
    # 2022 paravirt miscompile).
    ([['-fzero-call-used-regs=used-gpr'], ['-fzero-call-used-regs=all']], 0.2),
]
# Flags of i386 configurations only, as EXTRA_FLAGS: Linux's i386 calling
# convention, arguments in %eax, %edx and %ecx.
REGPARM = '-mregparm=3'
M32_FLAGS = [
    ([[REGPARM]], 0.3),
]
# What sanitized reference builds (creduce's test) cannot take: the
# ASan and UBSan runtimes are built for the default calling convention.
NOT_SANITIZABLE = (REGPARM,)
# The share of programs also compiled with a Linux module's flags (one
# installed kernel at random): compile-only, since that code cannot run in
# user space.
KERNEL_SHARE = 0.5
# How a kernel configuration can fail, besides the build itself.
KERNEL_PHASES = ('unannotated', 'objtool')
# plain: the sites as compiled; then after pvpatch_apply(), after
# pvpatch_apply() + pvpatch_revert(), and with a thread applying and
# reverting while the program runs (phase.c).
PHASES = ['plain', 'apply', 'revert', 'concurrent']
EXIT_RUNTIME = 97       # phase.c: the runtime refused an operation
COMPILE_TIMEOUT = 600
# csmith programs run in milliseconds; one that takes seconds loops.
RUN_TIMEOUT = 4
# A narrow set that cannot hold for a body: it clobbers more, or (only
# with --float: csmith programs have no floating point by default) it
# computes with floating point and so cannot keep the vector registers.
CONTRACT_RE = re.compile(r"error: '([\w.]+)' clobbers '[^']+', outside the clobber set")
FLOAT_CONTRACT_RE = re.compile(r"error: '([\w.]+)' computes with floating-point values")
STATS_RE = re.compile(r'pvfuzz: apply: inlined (\d+) directed (\d+) nopped (\d+) left (\d+)')
SITE_KINDS = ('inlined', 'directed', 'nopped', 'left')
# While creduce shrinks a wrong-code case, its reference must stay free of
# undefined behaviour: these warnings and the sanitizers reject variants
# that are not.
UB_WARNINGS = ['-Werror=uninitialized', '-Werror=maybe-uninitialized',
               '-Werror=return-type', '-Werror=implicit-function-declaration',
               '-Werror=implicit-int', '-Werror=int-conversion',
               '-Werror=incompatible-pointer-types', '-Werror=array-bounds']
SANITIZE = ['-O0', '-fsanitize=address,undefined', '-fno-sanitize-recover=all']


@dataclass(frozen=True)
class Config:
    m32: bool
    opt: str
    extra: tuple = ()
    # The program in a shared object, its functions exported: ops called
    # through the PLT or GOT, REF descriptors, several loaded objects.
    shared: bool = False
    # A Linux series: compiled to an object with that kernel's module
    # flags (extra), not run.
    kernel: str = ''

    @property
    def flags(self):
        if self.kernel:
            return list(self.extra)
        return ['-m32' if self.m32 else '-m64', self.opt, *self.extra]

    @property
    def name(self):
        if self.kernel:
            return 'Linux %s module flags (compile-only)' % self.kernel
        return ' '.join(self.flags) + (' (shared object)' if self.shared else '')


def kernel_config(kbuild):
    return Config(False, '', kbuild.cflags, kernel=kbuild.series)


def random_config(rng, m32, floats=False):
    """With floats (csmith --float) no -mgeneral-regs-only, which cannot
    compile them, and C's excess precision rules, so that where a
    register allocation spills an x87 value cannot change results."""
    opt = rng.choice(OPT_LEVELS)
    groups = EXTRA_FLAGS + (M32_FLAGS if m32 else [])
    extra = [f for group, p in groups if rng.random() < p for f in rng.choice(group)
             # At -O0 csmith.h's unused floating-point helpers are
             # compiled too, and cannot be without SSE.
             if not ((opt == '-O0' or floats) and f == '-mgeneral-regs-only')]
    if floats:
        extra.append('-fexcess-precision=standard')
    return Config(m32, opt, tuple(extra), rng.random() < 0.2)


def baseline_of(cfg):
    """The reference cfg's must agree with: same width, -O0 and no extra
    flags (-O2 when cfg itself is at -O0)."""
    return Config(cfg.m32, '-O2' if cfg.opt == '-O0' else '-O0')


# ---- Building and running ----

SHARED_MAIN = os.path.join(toolchain.FUZZ_DIR, 'shared-main.c')


def build_commands(cfg, source, exe, plugin, extra=()):
    """The exact commands of a build.  A plugin build links phase.c's
    constructor and the runtime; a reference build ignores the
    attributes, which then mean nothing.  A shared configuration builds
    the program as libEXE.so next to EXE, with main renamed, and EXE from
    shared-main.c."""
    cc = (toolchain.CC + cfg.flags + list(extra) + toolchain.DIAGNOSTIC_FLAGS +
          ['-I' + CSMITH_INCLUDE])
    ops = toolchain.plugin_flags() if plugin else ['-Wno-attributes']
    patcher = [toolchain.phase_object(cfg.m32), toolchain.runtime_lib(cfg.m32),
               '-lpthread'] if plugin else []
    if cfg.kernel:
        return [cc + ops + ['-c', source, '-o', exe]]
    # The program's own 64-bit division helpers where the system's libgcc
    # has the wrong calling convention (regparm-libgcc.c).
    source = [source] + ([toolchain.REGPARM_LIBGCC] if REGPARM in cc else [])
    if not cfg.shared:
        return [cc + ops + source + patcher + ['-o', exe]]
    where, name = os.path.split(exe)
    lib = 'lib%s.so' % name
    return [cc + ops + ['-fPIC', '-shared', '-Dmain=csmith_main', '-Wl,-soname,' + lib,
                        *source, '-o', os.path.join(where, lib)],
            cc + [SHARED_MAIN] + patcher + ['-L' + (where or '.'), '-l' + name,
                                            '-Wl,-rpath,$ORIGIN', '-o', exe]]


def build(cmds):
    """Run a build's commands up to the first that fails; its result."""
    for cmd in cmds:
        r = run(cmd, COMPILE_TIMEOUT)
        if not r.ok:
            break
    return r


def phase_env(phase, mode):
    return {'PVFUZZ_PHASE': phase, 'PVFUZZ_MODE': mode} if phase != 'plain' else {}


def run_program(exe, phase, mode, timeout):
    return run([exe], timeout, env=dict(toolchain.ENV, **phase_env(phase, mode)))


def describe_run(r, want):
    if r.status == EXIT_RUNTIME:
        return 'runtime refused: ' + r.output.strip().splitlines()[-1]
    return 'exit %s, printed %r, expected %r' % (r.status, r.stdout.strip()[-80:],
                                                 want.strip()[-80:])


def first_error(r):
    """What identifies a failed build: its first error, without the
    location (creduce moves lines)."""
    errs = toolchain.errors(r)
    if not errs:
        return 'exit %s: %s' % (r.status, r.output.strip()[-200:])
    return re.sub(r'^.*?(?=(fatal )?error: |Error: )', '', errs[0])


@dataclass
class Failure:
    kind: str           # 'ice' or 'mismatch'
    config: Config
    phase: str          # None: the plugin build itself failed
    detail: str
    signature: str      # what check() looks for; None for wrong output


class Discard(Exception):
    pass


def kernel_difference(cfg, source, phase, work):
    """source compiled for a kernel without and with the plugin: for
    'unannotated' the assembly must be the same; for 'objtool' the
    plugin's object may give objtool nothing new to say.  A Failure, or
    None; Discard if the build without the plugin fails."""
    outputs = []
    for plugin in (False, True):
        out = os.path.join(work, '%s-%s' % (phase, 'pv' if plugin else 'ref'))
        cmd = build_commands(cfg, source, out, plugin)[0]
        if phase == 'unannotated':
            cmd = ['-S' if word == '-c' else word for word in cmd]
        r = build([cmd])
        if not r.ok and not plugin:
            raise Discard('reference %s does not build: %s' % (cfg.name, first_error(r)))
        if not r.ok:
            ice = toolchain.ice(r)
            error = ice or first_error(r)
            return Failure('ice' if ice else 'mismatch', cfg, None,
                           'plugin build failed: ' + error, error)
        outputs.append(out)
    if phase == 'unannotated':
        with open(outputs[0]) as ref, open(outputs[1]) as pv:
            if ref.read() == pv.read():
                return None
        detail = 'the plugin changed the assembly of a unit without annotations'
        return Failure('mismatch', cfg, phase, detail, detail)
    kbuild = toolchain.kbuild(cfg.kernel)
    ref, pv = (toolchain.objtool_findings(kbuild, out) for out in outputs)
    new = sorted(pv - ref)
    return Failure('mismatch', cfg, phase, new[0], new[0]) if new else None


class Program:
    """One csmith program through both configurations."""

    def __init__(self, seed, settings, workdir):
        self.seed = seed
        self.s = settings
        self.dir = workdir
        self.rng = random.Random(seed)
        self.csmith = self.generate()
        self.functions = annotate.program_functions(self.csmith, settings.helpers)
        self.plan = annotate.random_plan(self.functions + settings.helpers, self.rng,
                                         settings.max_size)
        self.mode = self.rng.choice(['live', 'quiescent'])
        self.configs = [random_config(self.rng, m32, settings.floats) for m32 in (False, True)]
        # Kernel code has no floating point (-mno-sse -mno-80387).
        kernels = [] if settings.floats else sorted(settings.kernels)
        self.kernel = (kernel_config(settings.kernels[self.rng.choice(kernels)])
                       if kernels and self.rng.random() < KERNEL_SHARE else None)
        if any(c.shared and '-fno-plt' in c.extra for c in self.configs):
            # An exported op is then called through the GOT: 6 bytes.
            self.plan = annotate.widen_direct_sites(self.plan, 6)
        self.references = {}
        self.stats = dict.fromkeys(SITE_KINDS + ('demoted', 'narrow'), 0)

    def generate(self):
        floats = ['--float'] if self.s.floats else []
        # In the work folder: csmith leaves a platform.info behind.
        r = run(['csmith', '--seed', str(self.seed)] + floats + self.s.csmith_args, 120,
                cwd=self.dir)
        if not r.ok:
            raise Discard('csmith failed: %s' % r.status)
        return r.stdout

    def write_source(self, plan, cfg, name):
        path = os.path.join(self.dir, name + '.c')
        with open(path, 'w') as f:
            f.write(annotate.render(self.csmith, self.functions, self.s.helpers, plan,
                                    cfg.m32, export=cfg.shared))
        return path

    def reference(self, cfg):
        """The output of cfg's build without the plugin; raises Discard."""
        if cfg not in self.references:
            name = 'ref%d' % len(self.references)
            exe = os.path.join(self.dir, name)
            src = self.write_source(self.plan, cfg, name)
            r = build(build_commands(cfg, src, exe, False))
            if not r.ok:
                raise Discard('reference %s does not build: %s' % (cfg.name, first_error(r)))
            r = run_program(exe, 'plain', self.mode, self.s.run_timeout)
            if not r.ok or 'checksum' not in r.stdout:
                raise Discard('reference %s: exit %s' % (cfg.name, r.status))
            if r.seconds > self.s.run_timeout / 4 * r.time_factor:
                raise Discard('reference %s is slow (%.1f s)' % (cfg.name, r.seconds))
            self.references[cfg] = r.stdout
        return self.references[cfg]

    def check_references(self):
        for cfg in self.configs:
            if self.reference(cfg) != self.reference(baseline_of(cfg)):
                raise Discard('undefined behaviour: %s and %s disagree'
                              % (cfg.name, baseline_of(cfg).name))

    def build_with_plugin(self, cfg, name):
        """Build, demoting functions whose narrow sets cannot hold.
        Returns (source, exe, failure)."""
        plan = dict(self.plan)
        exe = os.path.join(self.dir, name)
        while True:
            src = self.write_source(plan, cfg, name)
            r = build(build_commands(cfg, src, exe, True))
            ice = toolchain.ice(r)
            if ice:
                return src, None, Failure('ice', cfg, None, ice, ice)
            if r.ok:
                self.stats['narrow'] += sum(m.kind != 'impl' and m.clobbers.narrow
                                            for m in plan.values())
                return src, exe, None
            contract = CONTRACT_RE.search(r.output) or (
                self.s.floats and FLOAT_CONTRACT_RE.search(r.output))
            if not contract or not annotate.demote(plan, contract.group(1)):
                error = first_error(r)
                return src, None, Failure('mismatch', cfg, None,
                                          'plugin build failed: ' + error, error)
            self.stats['demoted'] += 1

    def run_phases(self, cfg, exe):
        want = self.reference(cfg)
        for phase in PHASES:
            r = run_program(exe, phase, self.mode, self.s.run_timeout)
            m = STATS_RE.search(r.output) if phase == 'apply' else None
            for kind, n in zip(SITE_KINDS, m.groups() if m else ()):
                self.stats[kind] += int(n)
            if not r.ok or r.stdout != want:
                return Failure('mismatch', cfg, phase, describe_run(r, want), None)
        return None

    def fuzz(self):
        """(failure, its annotated source), or (None, None)."""
        self.check_references()
        for index, cfg in enumerate(self.configs):
            src, exe, failure = self.build_with_plugin(cfg, 'pv%d' % index)
            failure = failure or self.run_phases(cfg, exe)
            if failure:
                return failure, src
        if self.kernel:
            return self.fuzz_kernel()
        return None, None

    def fuzz_kernel(self):
        """The kernel configuration: without annotations the plugin changes
        nothing; with them the unit builds, and objtool finds nothing in it
        that it does not find in the build without the plugin."""
        plain = self.write_source({}, self.kernel, 'kplain')
        failure = kernel_difference(self.kernel, plain, 'unannotated', self.dir)
        if failure:
            return failure, plain
        src, _, failure = self.build_with_plugin(self.kernel, 'kpv')
        return (failure or kernel_difference(self.kernel, src, 'objtool', self.dir)), src

    @property
    def all_configs(self):
        return self.configs + ([self.kernel] if self.kernel else [])


# ---- Reproducers ----

def case_dir(results, seed):
    path = os.path.join(results, str(seed))
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def save_reproducer(prog, failure, src):
    """results/SEED/: prog.c, csmith.c, case.json, commands.sh and
    interesting.sh (the creduce test); returns the folder."""
    where = case_dir(prog.s.results, prog.seed)
    shutil.copy(src, os.path.join(where, 'prog.c'))
    with open(os.path.join(where, 'csmith.c'), 'w') as f:
        f.write(prog.csmith)
    case = {'seed': prog.seed, 'kind': failure.kind, 'm32': failure.config.m32,
            'opt': failure.config.opt, 'extra': list(failure.config.extra),
            'shared': failure.config.shared, 'kernel': failure.config.kernel,
            'phase': failure.phase, 'mode': prog.mode, 'detail': failure.detail,
            'signature': failure.signature, 'expected': prog.references.get(failure.config)}
    with open(os.path.join(where, 'case.json'), 'w') as f:
        json.dump(case, f, indent=1)
    cfg = failure.config
    lines = ['#!/bin/sh', '# pvfuzz seed %d: %s' % (prog.seed, failure.detail),
             '# Reference (no plugin), then the plugin build, then the run that failed.',
             'set -ex']
    lines += [toolchain.shell_line(c) for c in build_commands(cfg, 'prog.c', './ref', False)]
    lines += [] if cfg.kernel else ['./ref']
    lines += [toolchain.shell_line(c) for c in build_commands(cfg, 'prog.c', './pv', True)]
    if failure.phase == 'objtool':
        objtool = toolchain.kbuild(cfg.kernel).objtool
        lines += [toolchain.shell_line(list(objtool) + [obj], {'SRCARCH': 'x86'})
                  for obj in ('./ref', './pv')]
    elif failure.phase == 'unannotated':
        lines.append('# compile both with -S instead of -c and compare the assembly')
    elif failure.phase is not None:
        lines.append(toolchain.shell_line(['./pv'], phase_env(failure.phase, prog.mode)))
    write_script(os.path.join(where, 'commands.sh'), lines)
    write_script(os.path.join(where, 'interesting.sh'), [
        '#!/bin/sh', '# creduce test: exit 0 while reduced.c shows the bug of case.json',
        toolchain.shell_line(['python3', os.path.abspath(__file__), 'check',
                              os.path.join(where, 'case.json'), 'reduced.c'])])
    if prog.s.reduce:
        reduce(where)
    return where


def write_script(path, lines):
    with open(path, 'w') as f:
        f.write('\n'.join(lines) + '\n')
    os.chmod(path, 0o755)


def reduce(where):
    shutil.copy(os.path.join(where, 'prog.c'), os.path.join(where, 'reduced.c'))
    with open(os.path.join(where, 'creduce.log'), 'w') as log:
        subprocess.run(['timeout', '2h', 'creduce', '--n', '1', './interesting.sh',
                        'reduced.c'], cwd=where, stdout=log, stderr=subprocess.STDOUT)


def check(case_path, source):
    """creduce's test: 0 if source still shows the case's bug.  A
    wrong-code variant must keep a well-defined reference: it builds
    with UB_WARNINGS, and its sanitized build prints the same."""
    with open(case_path) as f:
        case = json.load(f)
    cfg = Config(case['m32'], case['opt'], tuple(case['extra']), case['shared'],
                 case.get('kernel', ''))
    work = tempfile.mkdtemp(prefix='pvfuzz-check-')
    try:
        if case['phase'] in KERNEL_PHASES:
            try:
                failure = kernel_difference(cfg, source, case['phase'], work)
            except Discard:
                return False
            return failure is not None and failure.signature == case['signature']
        exe = os.path.join(work, 'pv')
        r = build(build_commands(cfg, source, exe, True))
        if case['kind'] == 'ice':
            return toolchain.ice(r) == case['signature']
        if case['phase'] is None:
            return not r.ok and first_error(r) == case['signature'] and \
                build(build_commands(cfg, source, exe + '-ref', False)).ok
        want = well_defined_output(cfg, source, work)
        if not r.ok or want is None:
            return False
        r = run_program(exe, case['phase'], case['mode'], RUN_TIMEOUT)
        return not r.ok or r.stdout != want
    finally:
        shutil.rmtree(work, ignore_errors=True)


def well_defined_output(cfg, source, work):
    outputs = set()
    sanitizable = Config(cfg.m32, cfg.opt,
                         tuple(f for f in cfg.extra if f not in NOT_SANITIZABLE), cfg.shared)
    for build_cfg, extra in ((cfg, UB_WARNINGS), (sanitizable, SANITIZE)):
        exe = os.path.join(work, 'ref')
        if not build(build_commands(build_cfg, source, exe, False, extra)).ok:
            return None
        r = run_program(exe, 'plain', 'live', RUN_TIMEOUT)
        if not r.ok or not r.stdout:
            return None
        outputs.add(r.stdout)
    return outputs.pop() if len(outputs) == 1 else None


# ---- Regression programs ----

# A regression program's configuration: flags as a configuration's name
# spells them (width, -O level, extra flags).
CONFIG_DIRECTIVE_RE = re.compile(r'\{ dg-fuzz-config "([^"]*)" \}')


def replay(source):
    """A fixed program (testsuite/pvpatch.fuzz/*.c) through the
    fuzzer's builds for the configuration its dg-fuzz-config directive
    names: the reference, the baseline reference (baseline_of) and every
    phase of the plugin build must print the same.  Prints one line per
    disagreement; whether there was none."""
    with open(source) as f:
        m = CONFIG_DIRECTIVE_RE.search(f.read())
    if not m:
        print('replay: %s: no dg-fuzz-config directive' % source)
        return False
    flags = m.group(1).split()
    opt = next((f for f in flags if f in OPT_LEVELS), '-O2')
    cfg = Config('-m32' in flags, opt, tuple(f for f in flags if f not in ('-m32', '-m64', opt)))
    toolchain.build_phase_objects()
    work = tempfile.mkdtemp(prefix='pvfuzz-replay-')
    try:
        exes = {}
        for name, c, plugin in (('baseline', baseline_of(cfg), False), ('reference', cfg, False),
                                ('plugin', cfg, True)):
            exes[name] = os.path.join(work, name)
            r = build(build_commands(c, source, exes[name], plugin))
            if not r.ok:
                print('replay: %s: %s build (%s) failed: %s' % (source, name, c.name,
                                                                first_error(r)))
                return False
        want = run_program(exes['baseline'], 'plain', 'live', RUN_TIMEOUT)
        if not want.ok:
            print('replay: %s: baseline exit %s' % (source, want.status))
            return False
        runs = [('reference', 'plain', 'live')] + [
            ('plugin', phase, mode) for phase in PHASES
            for mode in (('live',) if phase == 'plain' else ('live', 'quiescent'))]
        same = True
        for name, phase, mode in runs:
            r = run_program(exes[name], phase, mode, RUN_TIMEOUT)
            if not r.ok or r.stdout != want.stdout:
                print('replay: %s: %s, %s %s: %s' % (source, name, phase, mode,
                                                     describe_run(r, want.stdout)))
                same = False
        return same
    finally:
        shutil.rmtree(work, ignore_errors=True)


# ---- Driver ----

class Settings:
    """What every worker needs; sent once to each pool process."""
    def __init__(self, args):
        self.results = os.path.abspath(args.results)
        self.reduce = args.reduce
        self.csmith_args = args.csmith_args.split()
        self.floats = args.floats
        self.run_timeout = args.timeout
        self.max_size = args.max_site_size
        self.helpers = annotate.helper_functions(preprocessed_csmith_h())
        self.kernels, self.kernels_left = toolchain.kernel_builds()


def preprocessed_csmith_h():
    proc = subprocess.run(toolchain.CC + ['-E', '-P', '-I' + CSMITH_INCLUDE, '-x', 'c', '-'],
                          input=b'#include "csmith.h"\n', capture_output=True, check=True)
    return proc.stdout.decode()


@dataclass
class Outcome:
    seed: int
    status: str         # 'ok', 'ice', 'mismatch' or 'discarded'
    detail: str = ''
    stats: dict = field(default_factory=dict)
    configs: tuple = ()


# Each pool process gets the settings once, not with every seed.
SETTINGS = None


def init_worker(settings):
    global SETTINGS
    SETTINGS = settings


def fuzz_one(seed):
    workdir = tempfile.mkdtemp(prefix='pvfuzz-%d-' % seed)
    try:
        prog = Program(seed, SETTINGS, workdir)
        failure, src = prog.fuzz()
        configs = tuple(prog.all_configs)
        if not failure:
            return Outcome(seed, 'ok', '; '.join(c.name for c in configs), prog.stats, configs)
        where = save_reproducer(prog, failure, src)
        return Outcome(seed, failure.kind, '%s%s: %s [%s]' % (
            failure.config.name, ', phase ' + failure.phase if failure.phase else '',
            failure.detail, where), prog.stats, configs)
    except Discard as e:
        return Outcome(seed, 'discarded', str(e))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def summarize(outcomes):
    counted = [o for o in outcomes if o.status != 'discarded']
    totals = {k: sum(o.stats.get(k, 0) for o in counted)
              for k in SITE_KINDS + ('narrow', 'demoted')}
    print('fuzz: %d discarded; applied sites: %s; narrow ops built: %d, demoted to abi: %d'
          % (len(outcomes) - len(counted),
             ', '.join('%d %s' % (totals[k], k) for k in SITE_KINDS),
             totals['narrow'], totals['demoted']))
    print('fuzz: configurations: ' + configuration_counts(counted))
    ices = sum(o.status == 'ice' for o in counted)
    mismatches = sum(o.status == 'mismatch' for o in counted)
    print('fuzz: %d programs, %d ICE, %d mismatches' % (len(counted), ices, mismatches))
    return ices == 0 and mismatches == 0


def configuration_counts(outcomes):
    """How often each width, flag and kernel was compiled, as reliability.md
    records for a batch."""
    counts = Counter()
    for o in outcomes:
        for cfg in o.configs:
            if cfg.kernel:
                counts[cfg.name] += 1
            else:
                counts['i386' if cfg.m32 else 'x86-64'] += 1
                counts.update([cfg.opt, *cfg.extra] + ['shared object'] * cfg.shared)
    return ', '.join('%s %d' % item for item in sorted(counts.items()))


def read_seeds(path):
    """A file of seeds, one per line; '#' starts a comment."""
    with open(path) as f:
        return [int(line.split('#')[0]) for line in f if line.split('#')[0].strip()]


def main_run(args):
    toolchain.build_phase_objects()
    settings = Settings(args)
    if settings.kernels_left:
        print('fuzz: ' + settings.kernels_left, flush=True)
    seeds = read_seeds(args.seeds) if args.seeds else range(args.seed, args.seed + args.count)
    outcomes = []
    with Pool(args.jobs, initializer=init_worker, initargs=(settings,)) as pool:
        for o in pool.imap_unordered(fuzz_one, seeds):
            print('%s seed %d: %s' % (o.status, o.seed, o.detail), flush=True)
            outcomes.append(o)
    return 0 if summarize(outcomes) else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    sub = ap.add_subparsers(dest='command', required=True)
    r = sub.add_parser('run', help='fuzz N programs')
    r.add_argument('-n', '--count', type=int, default=100)
    r.add_argument('-s', '--seed', type=int, default=1)
    r.add_argument('--seeds', help='a file of seeds to run instead of -n/-s')
    r.add_argument('-j', '--jobs', type=int, default=os.cpu_count())
    r.add_argument('--reduce', action='store_true', help='creduce each reproducer')
    r.add_argument('--results', default=os.path.join(toolchain.BUILD_DIR, 'results'))
    r.add_argument('--timeout', type=float, default=RUN_TIMEOUT, help='seconds per program run')
    r.add_argument('--csmith-args', default='', help='extra csmith arguments')
    r.add_argument('--float', dest='floats', action='store_true',
                   help='programs with floating point (csmith --float)')
    r.add_argument('--max-site-size', type=int, default=255,
                   help='largest site size to generate (to fuzz past a known bug)')
    c = sub.add_parser('check', help="creduce's interestingness test")
    c.add_argument('case')
    c.add_argument('source')
    p = sub.add_parser('replay', help='a regression program, as its dg-fuzz-config says')
    p.add_argument('source')
    args = ap.parse_args()
    if args.command == 'check':
        return 0 if check(args.case, args.source) else 1
    if args.command == 'replay':
        return 0 if replay(args.source) else 1
    return main_run(args)


if __name__ == '__main__':
    sys.exit(main())
