#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Attribute and plugin-argument fuzzing.

Each case is a small program whose ops are spelled at random: the
paravirt and paravirt_impl attributes with right and wrong argument types,
counts, registers and sizes, in every declaration position (function
declarations and definitions, function-pointer variables of each storage
class, struct, union and nested members, and things that are not ops at
all), plus random plugin arguments and compiler flags.  The case is
compiled with the plugin, and:

  - no spelling may crash the compiler (an internal compiler error or a
    signal), or fail without an error message;
  - where docs/attributes.md says a spelling is an error, the build must
    fail; where every spelling is documented as valid, it must succeed
    (others, e.g. "rax,,rdx" or a size written as 'c', may go either way);
  - a program that builds must run correctly: main() checks what every op
    returned, unpatched and after pvpatch_apply() (a refusal because an
    implementation clobbers too much is the runtime doing its job).

    attrfuzz.py [-n N] [-s SEED] [-j JOBS] [--results DIR]

Prints each failing case, then "attrs: N cases, N failures"; exits
non-zero if any case failed.  A failing case is kept as
build/fuzz/results/attrs/SEED/case.c with its command in commands.sh.
"""
import argparse
import os
import random
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from multiprocessing import Pool

import toolchain
from toolchain import run

OK, ERROR, ANY = 'ok', 'error', 'any'


def combine(expects):
    """A case must fail if any part is an error, build if all are valid."""
    if ERROR in expects:
        return ERROR
    return OK if all(e == OK for e in expects) else ANY


@dataclass
class Arch:
    m32: bool

    @property
    def gprs(self):
        if self.m32:
            return ['eax', 'ecx', 'edx', 'ebx', 'esi', 'edi']
        return ['rax', 'rcx', 'rdx', 'rbx', 'rsi', 'rdi'] + ['r%d' % n for n in range(8, 16)]

    @property
    def ax(self):
        return self.gprs[0]

    @property
    def dx(self):
        return self.gprs[2]

    @property
    def stack(self):
        return ['esp', 'ebp'] if self.m32 else ['rsp', 'rbp']

    @property
    def vec(self):
        """Names of the vector state as a whole."""
        return ['xmm%d' % i for i in range(8 if self.m32 else 32)] + ['ymm0', 'zmm1', 'k0', 'k7']

    x87 = ['st', 'st0', 'st7', 'mm0', 'mm7']


# ---- Signatures and bodies ----

RET_TYPES = ['void', 'int', 'long', 'unsigned char', 'long long',
             'struct pair', 'struct triple', 'double']
PRELUDE = '''#include <stddef.h>
struct pair { long a, b; };
struct triple { long a, b, c; };
'''


@dataclass
class Sig:
    ret: str
    nparams: int
    variadic: bool = False
    fn_attr: str = ''       # e.g. __attribute__((ms_abi))

    def params(self, named=True):
        ps = ['%s p%d' % ('long' if i % 2 else 'int', i) if named else
              ('long' if i % 2 else 'int') for i in range(self.nparams)]
        if self.variadic:
            ps.append('...')
        return ', '.join(ps) or 'void'

    def return_regs(self, arch):
        """What the return value occupies: register names or vec/x87."""
        if self.ret == 'void':
            return set()
        if self.ret == 'double':
            return {'x87'} if arch.m32 else {'vec'}
        two = self.ret == 'long long' if arch.m32 else self.ret == 'struct pair'
        return {arch.ax, arch.dx} if two else {arch.ax}


def random_sig(rng):
    sig = Sig(rng.choice(RET_TYPES), rng.choice([0, 1, 2, 3, 6, 8]))
    pick = rng.random()
    if pick < 0.04 and sig.nparams:
        sig.variadic = True
    elif pick < 0.07:
        sig.fn_attr = '__attribute__((ms_abi))'
    return sig


def sig_expect(sig, attr, m32):
    """Variadic and ms_abi ops are errors; ms_abi does not exist on i386
    (GCC ignores it there with a warning)."""
    if attr.ignored:
        return OK
    if sig.variadic:
        return ERROR
    if sig.fn_attr:
        return ANY if m32 else ERROR
    return OK


ARGS = [3, 5, 7, 11, 13, 17, 19, 23]


def value_of(sig, k):
    """What the generated body computes from the call's arguments."""
    return k + sum(ARGS[i] * (i + 2) for i in range(sig.nparams))


def body(sig, k, sink):
    terms = ' + '.join(['%dL' % k] + ['(long)p%d * %d' % (i, i + 2) for i in range(sig.nparams)])
    ret = {'void': '%s = v;' % sink,
           'struct pair': 'return (struct pair){ v, %d };' % k,
           'struct triple': 'return (struct triple){ v, %d, -v };' % k}
    return '{ long v = %s; %s }' % (terms, ret.get(sig.ret, 'return (%s)v;' % sig.ret))


def check(sig, call, k, sink, fail):
    """A statement of main() returning fail if call computed wrongly."""
    v = value_of(sig, k)
    if sig.ret == 'void':
        return '%s; if (%s != %dL) return %d;' % (call, sink, v, fail)
    if sig.ret.startswith('struct'):
        return '{ %s r = %s; if (r.a != %dL || r.b != %d) return %d; }' % (sig.ret, call, v, k, fail)
    want = {'unsigned char': '(unsigned char)%d' % v, 'double': '%d.0' % v}
    return 'if (%s != %s) return %d;' % (call, want.get(sig.ret, '%dL' % v), fail)


def call_args(sig):
    return ', '.join(str(a) for a in ARGS[:sig.nparams])


# ---- Attribute spellings ----

@dataclass
class Spec:
    text: str
    expect: str
    narrow: bool = False
    state: bool = True      # names vector or x87 state: no preservation


def register_list(rng, arch, sig):
    """A list of valid names; an error if it misses a return register."""
    ret = sig.return_regs(arch)
    names = set(n for n in ret if n not in ('vec', 'x87'))
    names |= {r for r in arch.gprs if rng.random() < 0.2}
    if rng.random() < 0.15:      # drop one: likely a return register
        names.discard(rng.choice(sorted(names) or ['none']))
    state = {s for s in ('vec', 'x87') if s in ret or rng.random() < 0.2}
    spelled = sorted(names) + [rng.choice(arch.vec if s == 'vec' else arch.x87)
                               for s in sorted(state)]
    rng.shuffle(spelled)
    return spelled, (OK if ret <= names | state else ERROR), bool(state)


def random_spec(rng, arch, sig):
    pick = rng.random()
    if pick < 0.25:
        return Spec('"abi"', OK)
    if pick < 0.45:
        ok = not (sig.return_regs(arch) & {'vec', 'x87'})
        return Spec('"callee_save"', OK if ok else ANY, narrow=True, state=False)
    if pick < 0.75:
        names, expect, state = register_list(rng, arch, sig)
        return Spec('"%s"' % ','.join(names), expect, narrow=True, state=state)
    return odd_spec(rng, arch, sig)


def odd_spec(rng, arch, sig):
    """Spellings that are wrong, or whose validity the docs leave open."""
    other = ['rax', 'r8', 'r15'] if arch.m32 else []
    wrong = ['"rzz"', '"r16"', '"foo"', '"xmm"', '"eaxx"', '"%s"' % rng.choice(arch.stack)]
    wrong += ['"%s"' % r for r in other]
    ax = arch.ax
    choices = [
        (rng.choice(wrong), ERROR), ('8', ERROR), ('abi', ERROR), ('(char *)0', ERROR),
        ('""', OK if not sig.return_regs(arch) else ERROR),
        ('"a" "bi"', OK), ('u8"abi"', ANY), ('L"abi"', ANY),
        ('" %s"' % ax, ANY), ('"%s,"' % ax, ANY), ('"%s,,%s"' % (ax, arch.dx), ANY),
        ('"%s"' % ax.upper(), ANY), ('"%s,%s"' % (ax, ax), ANY), ('"abi,%s"' % ax, ANY),
        ('"callee_save\\0rzz"', ANY), ('"%s"' % ','.join([ax] * 300), ANY),
        ('"eax"' if not arch.m32 else '"ax"', ANY), ('"%s,st(0)"' % ax, ANY),
    ]
    text, expect = rng.choice(choices)
    return Spec(text, expect, narrow=expect != ERROR, state=True)


MAX_SIZE = [255]   # --max-site-size


def random_size(rng, indirect):
    good = rng.randint(5, 64) if rng.random() < 0.9 else rng.randint(65, max(65, MAX_SIZE[0]))
    choices = [(str(good), ANY if indirect and good < 7 else OK),
               ('0x10', OK), ('010', OK),
               (rng.choice(['4', '0', '-1', '256', '1000', '2147483648',
                            '99999999999999999999', '8.0', '"8"', 'size_var']), ERROR),
               (rng.choice(["'\\b'", 'sizeof(long)', '(unsigned char)300', 'ENUM_EIGHT']), ANY)]
    return rng.choices(choices, weights=[6, 1, 1, 3, 1])[0]


@dataclass
class Attr:
    text: str
    expect: str
    spec: Spec = None       # None: the default ("abi")
    ignored: bool = False   # a misspelled name: GCC warns and ignores it


def random_attr(rng, arch, sig, name='paravirt', indirect=False):
    """paravirt or paravirt_impl with 0 to 3 arguments."""
    spelled = rng.choices([name, '__%s__' % name, name + 'ual'], weights=[16, 2, 1])[0]
    if spelled == name + 'ual':
        return Attr('__attribute__((%s))' % spelled, OK, ignored=True)
    nargs = rng.choices([0, 1, 2, 3, -1], weights=[5, 6, 6 if name == 'paravirt' else 1, 1, 1])[0]
    if nargs == 0:
        return Attr('__attribute__((%s))' % spelled, OK)
    if nargs == -1:
        return Attr('__attribute__((%s()))' % spelled, ANY)
    spec = random_spec(rng, arch, sig)
    args, expects = [spec.text], [spec.expect]
    max_args = 2 if name == 'paravirt' else 1
    for _ in range(nargs - 1):
        size, e = random_size(rng, indirect)
        args.append(size)
        expects.append(e)
    expects.append(OK if nargs <= max_args else ERROR)
    return Attr('__attribute__((%s(%s)))' % (spelled, ', '.join(args)), combine(expects), spec)


def contract_expect(attr, checked):
    """A narrow set holds for a generated body when the plugin compiles it
    to preserve the rest (no vector or x87 state in the set) -- or when
    nothing checks it (checked false)."""
    if not attr.spec or not attr.spec.narrow or not checked:
        return OK
    return OK if not attr.spec.state else ANY


# ---- Declarations ----

@dataclass
class Program:
    rng: random.Random
    arch: Arch
    decls: list = field(default_factory=list)
    checks: list = field(default_factory=list)
    expects: list = field(default_factory=list)
    n: int = 0

    def fresh(self):
        self.n += 1
        return self.n

    def impl(self, sig, attr='', name=None):
        """A function computing value_of(); returns its name, k and sink."""
        i = self.fresh()
        k = self.rng.randint(1, 99)
        name, sink = name or 'impl%d' % i, 'sink%d' % i
        self.decls.append('long %s;' % sink)
        self.decls.append('%s %s %s %s(%s) %s' % (attr, sig.fn_attr, sig.ret, name,
                                                   sig.params(), body(sig, k, sink)))
        return name, k, sink

    def source(self):
        main = ['int main(void)', '{'] + ['\t' + c for c in self.checks] + ['\treturn 0;', '}']
        return PRELUDE + 'static int size_var = 8;\nenum { ENUM_EIGHT = 8 };\n' + \
            '\n'.join(self.decls + main) + '\n'


def direct_op(p, sig):
    """An op defined in the unit, the attribute on its declaration or
    definition (or both, alike or not)."""
    attr = random_attr(p.rng, p.arch, sig)
    where = p.rng.choice(['prototype', 'prefix', 'definition', 'both', 'conflict'])
    second = attr
    if where == 'conflict':
        second = random_attr(p.rng, p.arch, sig)
    proto = '%s %s %%s(%s)' % (sig.fn_attr, sig.ret, sig.params(named=False))
    i = p.fresh()
    op = 'op%d' % i
    if where in ('prototype', 'both', 'conflict'):
        p.decls.append(proto % op + ' ' + attr.text + ';')
    elif where == 'prefix':
        p.decls.append(attr.text + ' ' + proto % op + ';')
    _, k, sink = p.impl(sig, second.text if where in ('definition', 'both', 'conflict') else '', op)
    p.checks.append(check(sig, '%s(%s)' % (op, call_args(sig)), k, sink, i))
    expects = [attr.expect, contract_expect(attr, True), sig_expect(sig, attr, p.arch.m32)]
    if where == 'conflict':
        expects += [second.expect, contract_expect(second, True),
                    OK if attr.text == second.text else ANY]
    return combine(expects)


def slot_op(p, sig):
    """A function-pointer variable: file static, global, block static or
    automatic (an error), the attribute after or before the declarator, or
    inside it (on the type: an error)."""
    attr = random_attr(p.rng, p.arch, sig, indirect=True)
    impl_attr = random_attr(p.rng, p.arch, sig, 'paravirt_impl') if p.rng.random() < 0.4 else None
    name, k, sink = p.impl(sig, impl_attr.text if impl_attr else '')
    i = p.fresh()
    storage = p.rng.choice(['static', '', 'block static', 'automatic'])
    place = p.rng.choices(['after', 'before', 'inside'], weights=[6, 3, 1])[0]
    decl = declarator(sig, 'slot%d' % i, attr.text, place)
    call = check(sig, 'slot%d(%s)' % (i, call_args(sig)), k, sink, i)
    init = '%s = %s;' % (decl, name)
    if storage.startswith('block') or storage == 'automatic':
        qual = 'static ' if storage.startswith('block') else ''
        p.checks.append('{ %s%s %s }' % (qual, init, call))
    else:
        p.decls.append(('static ' if storage == 'static' else '') + init)
        p.checks.append(call)
    return combine([attr.expect, sig_expect(sig, attr, p.arch.m32),
                    ERROR if (storage == 'automatic' or place == 'inside') and not attr.ignored
                    else OK,
                    *impl_expects(impl_attr), slot_contract(attr, impl_attr)])


def declarator(sig, name, attr, place):
    """A pointer to sig's function type (with its ms_abi, if any)."""
    pointer = '%s *%s' % (sig.fn_attr, name)
    if place == 'inside':
        return '%s (%s %s)(%s)' % (sig.ret, attr, pointer, sig.params(False))
    if place == 'before':
        return '%s %s (%s)(%s)' % (attr, sig.ret, pointer, sig.params(False))
    return '%s (%s)(%s) %s' % (sig.ret, pointer, sig.params(False), attr)


def impl_expects(impl_attr):
    """A paravirt_impl spelling, and whether its own set holds."""
    if not impl_attr:
        return [OK]
    return [impl_attr.expect, contract_expect(impl_attr, True)]


def slot_contract(attr, impl_attr):
    """A narrow slot statically bound to a function of the unit holds if
    that function is compiled to preserve the same set; otherwise the
    plugin may find it clobbers too much."""
    if not attr.spec or not attr.spec.narrow:
        return OK
    if impl_attr and impl_attr.spec and impl_attr.spec.text == attr.spec.text:
        return contract_expect(impl_attr, True)
    return ANY


def member_op(p, sig):
    """A member of a struct, a union or a struct nested in one, in a
    statically allocated table."""
    attr = random_attr(p.rng, p.arch, sig, indirect=True)
    impl_attr = random_attr(p.rng, p.arch, sig, 'paravirt_impl') if p.rng.random() < 0.4 else None
    name, k, sink = p.impl(sig, impl_attr.text if impl_attr else '')
    i = p.fresh()
    member = declarator(sig, 'm', attr.text, p.rng.choices(['after', 'before'], [3, 1])[0])
    shape = p.rng.choice(['struct', 'union', 'nested'])
    if shape == 'nested':
        p.decls.append('struct ops%d { long pad; struct { %s; } inner; };' % (i, member))
        p.decls.append('static struct ops%d tbl%d = { 0, { %s } };' % (i, i, name))
        path = 'tbl%d.inner.m' % i
    else:
        p.decls.append('%s ops%d { %s; long pad; };' % (shape, i, member))
        p.decls.append('static %s ops%d tbl%d = { %s };' % (shape, i, i, name))
        path = 'tbl%d.m' % i
    p.checks.append(check(sig, '%s(%s)' % (path, call_args(sig)), k, sink, i))
    return combine([attr.expect, sig_expect(sig, attr, p.arch.m32),
                    *impl_expects(impl_attr), slot_contract(attr, impl_attr)])


def impl_only(p, sig):
    """paravirt_impl on a function definition, called directly."""
    attr = random_attr(p.rng, p.arch, sig, 'paravirt_impl')
    name, k, sink = p.impl(sig, attr.text)
    p.checks.append(check(sig, '%s(%s)' % (name, call_args(sig)), k, sink, p.fresh()))
    # ms_abi and variadic functions may implement ops (they are not ops).
    return combine([*impl_expects(attr), OK if not sig.fn_attr or p.arch.m32 else ANY])


def not_an_op(p, sig):
    """Declarations the attribute does not apply to: always an error."""
    attr = random_attr(p.rng, p.arch, sig, p.rng.choice(['paravirt', 'paravirt_impl']))
    i = p.fresh()
    a = attr.text
    decl = p.rng.choice([
        'int counter%d %s;' % (i, a),
        'static void (*table%d[4])(void) %s;' % (i, a),
        'typedef void op_t%d(void) %s;' % (i, a),
        'struct s%d { int n %s; };' % (i, a),
        'struct %s t%d { long x; };' % (a, i),
        'void f%d(void (*q)(void) %s);' % (i, a),
        'enum { E%d %s };' % (i, a),
    ])
    p.decls.append(decl)
    return OK if attr.ignored else ERROR


def noreturn_call(p, sig):
    """Calling a noreturn op is an error (the site could not return)."""
    i = p.fresh()
    p.decls.append('__attribute__((noreturn)) void die%d(void) %s;' % (i, random_attr(
        p.rng, p.arch, Sig('void', 0)).text))
    p.decls.append('void die%d(void) { for (;;); }' % i)
    p.decls.append('void never%d(int x) { if (x) die%d(); }' % (i, i))
    return ANY


KINDS = [(direct_op, 5), (slot_op, 4), (member_op, 4), (impl_only, 2),
         (not_an_op, 1), (noreturn_call, 0.3)]


# ---- Plugin arguments and flags ----

def random_plugin_args(rng):
    # linux-ops and linux-abi are valid only together: one choice.
    valid = [['size=%d' % rng.randint(5, MAX_SIZE[0])], ['disable'], ['dump'],
             ['linux-ops=pv_ops', 'linux-abi=6.1']]
    invalid = ['size=4', 'size=256', 'size=0', 'size=-1', 'size=abc', 'size=', 'size',
               'size=8x', 'size=99999999999999999999', 'disable=1', 'dump=yes',
               'linux-ops=', 'linux-ops', 'linux-ops=1abc', 'linux-ops=pv-ops', 'foo',
               'foo=bar', '', 'SIZE=8', 'linux-abi=', 'linux-abi', 'linux-abi=6.9',
               'linux-abi=6.12']
    args, expects = [], []
    for _ in range(rng.choices([0, 1, 2, 3], weights=[8, 4, 2, 1])[0]):
        if rng.random() < 0.7:
            args.extend(rng.choice(valid))
            expects.append(OK)
        else:
            args.append(rng.choice(invalid))
            expects.append(ERROR)
    if len(set(args)) < len(args):
        expects.append(ANY)     # a repeated argument
    return args, combine(expects)


def random_flags(rng):
    flags = [rng.choice(['-O0', '-O1', '-O2', '-O3', '-Os'])]
    for f, prob in (('-m32', 0.25), ('-fPIC', 0.1), ('-g', 0.1), ('-flto', 0.05)):
        if rng.random() < prob:
            flags.append(f)
    return flags


# ---- Running a case ----

@dataclass
class Case:
    seed: int
    source: str
    flags: list
    plugin_args: list
    expect: str


def make_case(seed):
    rng = random.Random(seed)
    flags = random_flags(rng)
    p = Program(rng, Arch('-m32' in flags))
    for _ in range(rng.randint(1, 4)):
        kind = rng.choices([k for k, _ in KINDS], weights=[w for _, w in KINDS])[0]
        start = len(p.decls)
        expect = kind(p, random_sig(rng))
        p.decls.insert(start, '/* %s: expected %s */' % (kind.__name__, expect))
        p.expects.append(expect)
    args, args_expect = random_plugin_args(rng)
    return Case(seed, p.source(), flags, args, combine(p.expects + [args_expect]))


def build_command(case, exe):
    m32 = '-m32' in case.flags
    return (toolchain.CC + case.flags + toolchain.DIAGNOSTIC_FLAGS +
            toolchain.plugin_flags(case.plugin_args) +
            ['case.c', toolchain.phase_object(m32), toolchain.runtime_lib(m32), '-lpthread',
             '-o', exe])


RUNTIME_CLOBBERS = 'clobbers registers the op must preserve'


def verdict(case, work):
    """None if the case behaved, else what went wrong."""
    r = run(build_command(case, 'case'), 300, cwd=work)
    ice = toolchain.ice(r)
    if ice:
        return 'internal compiler error: ' + ice
    if not r.ok and not toolchain.errors(r):
        return 'build failed (%s) without an error message' % r.status
    if r.ok and case.expect == ERROR:
        return 'accepted a spelling documented as an error'
    if not r.ok:
        return None if case.expect != OK else 'rejected a valid case: ' + toolchain.errors(r)[0]
    for phase in (None, 'apply'):
        env = dict(toolchain.ENV, **({'PVFUZZ_PHASE': phase} if phase else {}))
        r = run([os.path.join(work, 'case')], 10, env=env, cwd=work)
        if not r.ok and not (phase and RUNTIME_CLOBBERS in r.output):
            return '%s: exit %s %s' % ('after apply' if phase else 'wrong code', r.status,
                                       r.output.strip()[-200:])
    return None


def fuzz_one(args):
    seed, results = args
    case = make_case(seed)
    work = tempfile.mkdtemp(prefix='attrfuzz-%d-' % seed)
    try:
        with open(os.path.join(work, 'case.c'), 'w') as f:
            f.write(case.source)
        problem = verdict(case, work)
        if problem:
            save(case, results, problem)
        return seed, problem
    finally:
        shutil.rmtree(work, ignore_errors=True)


def save(case, results, problem):
    where = os.path.join(results, str(case.seed))
    shutil.rmtree(where, ignore_errors=True)
    os.makedirs(where)
    with open(os.path.join(where, 'case.c'), 'w') as f:
        f.write(case.source)
    with open(os.path.join(where, 'commands.sh'), 'w') as f:
        f.write('#!/bin/sh\n# attrfuzz seed %d (expected: %s): %s\nset -x\n%s\n./case\n'
                'PVFUZZ_PHASE=apply ./case\n' % (case.seed, case.expect, problem,
                                                 toolchain.shell_line(build_command(case, 'case'))))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('-n', '--count', type=int, default=300)
    ap.add_argument('-s', '--seed', type=int, default=1)
    ap.add_argument('-j', '--jobs', type=int, default=os.cpu_count())
    ap.add_argument('--results', default=os.path.join(toolchain.BUILD_DIR, 'results', 'attrs'))
    ap.add_argument('--max-site-size', type=int, default=255,
                    help='largest valid site size to generate (to fuzz past a known bug)')
    args = ap.parse_args()
    MAX_SIZE[0] = args.max_site_size
    results = os.path.abspath(args.results)
    toolchain.build_phase_objects()
    failures = 0
    with Pool(args.jobs) as pool:
        for seed, problem in pool.imap_unordered(
                fuzz_one, [(s, results) for s in range(args.seed, args.seed + args.count)]):
            if problem:
                failures += 1
                print('FAIL attrs seed %d: %s [%s]' % (seed, problem,
                                                       os.path.join(args.results, str(seed))),
                      flush=True)
    print('attrs: %d cases, %d failures' % (args.count, failures))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
