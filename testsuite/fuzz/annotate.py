# SPDX-License-Identifier: MIT
"""Marks functions of a csmith program as paravirt ops and implementations.

Candidates are the program's own functions (func_N, from csmith's forward
declarations) and the helpers of csmith.h (safe_* arithmetic, crc32_*,
transparent_crc...), which are tiny leaf functions called everywhere: the
ones whose narrow contracts hold and whose bodies the runtime may inline.

Each chosen function becomes
  - a direct op: its declaration gets paravirt(CLOBBERS[, SIZE]);
  - an indirect op: a slot pv_NAME, initialised to the function, gets the
    attribute, and the program's calls go through the slot; or
  - an implementation only: paravirt_impl (records its clobbers).
A slot with a narrow set is bound to a paravirt_impl of that set, which
the plugin compiles to preserve everything else (a direct op with a
narrow set is compiled so by itself, and is paravirt_impl at random).  A
narrow set can only hold for some bodies: when the plugin reports a
contract error for a function, demote() gives it "abi", which always
holds.

Clobber sets are kept abstract (x86-64 register names, plus "vec" and
"x87" for the vector and x87 state) and rendered for the target width.
"""
import re
from dataclasses import dataclass, replace

# General registers a clobber list may name (never rsp or rbp).
GPRS = ['rax', 'rcx', 'rdx', 'rbx', 'rsi', 'rdi',
        'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15']
I386_NAMES = {'rax': 'eax', 'rcx': 'ecx', 'rdx': 'edx', 'rbx': 'ebx',
              'rsi': 'esi', 'rdi': 'edi'}
# How a list may name the vector and x87 state as a whole (docs/attributes.md).
VEC_NAMES = ['xmm0', 'xmm7', 'ymm3', 'zmm5', 'k1']
X87_NAMES = ['st', 'st3', 'mm0', 'mm6']
# An indirect call is up to 6 bytes (call *slot(%rip), call *abs32,
# call *x@GOTOFF(%ebx)): smaller indirect sites do not assemble.
MIN_INDIRECT_SIZE = 7


@dataclass(frozen=True)
class Function:
    name: str
    ret: str
    params: str
    leaf: bool          # its body calls no function

    @property
    def void(self):
        return self.ret.strip() == 'void'


@dataclass(frozen=True)
class Clobbers:
    """'abi', 'callee_save', or a register list: regs plus the spelling
    chosen for the vector/x87 state it includes (None if excluded)."""
    preset: str = ''
    regs: tuple = ()
    vec: str = None
    x87: str = None

    @property
    def narrow(self):
        return self.preset != 'abi'

    def render(self, m32):
        if self.preset:
            return self.preset
        names = [I386_NAMES[r] if m32 else r for r in self.regs
                 if not m32 or r in I386_NAMES]
        names += [n for n in (self.vec, self.x87) if n]
        return ','.join(names)


ABI = Clobbers('abi')


@dataclass(frozen=True)
class Mark:
    kind: str             # 'direct', 'indirect' or 'impl'
    clobbers: Clobbers
    size: int = None      # None: the default size
    impl: bool = True     # also paravirt_impl(clobbers)


def random_clobbers(fn, rng):
    # A body that calls anything clobbers the vector state, so a narrow set
    # seldom holds for it; each failed try costs a compilation.
    pick = rng.random() * (1 if fn.leaf else 0.4)
    if pick < 0.35:
        return ABI
    if pick < 0.65:
        return Clobbers('callee_save')
    # The return value's registers must be in the set: rax and rdx cover
    # every integer and small-struct return (eax:edx on i386).
    regs = {'rax', 'rdx'} if not fn.void else set()
    regs |= {r for r in GPRS if rng.random() < 0.25}
    return Clobbers(regs=tuple(r for r in GPRS if r in regs),
                    vec=rng.choice(VEC_NAMES) if rng.random() < 0.2 else None,
                    x87=rng.choice(X87_NAMES) if rng.random() < 0.2 else None)


def random_size(rng, minimum, maximum):
    pick = rng.random()
    if pick < 0.3:
        return None
    if pick < 0.85:
        return rng.randint(minimum, 16)
    if pick < 0.97:
        return rng.randint(17, 64)
    return rng.randint(65, maximum) if maximum > 64 else 64


def random_plan(functions, rng, max_size=255, share=0.5):
    """name -> Mark for a random subset (about share) of functions, with
    site sizes up to max_size."""
    plan = {}
    for fn in functions:
        if rng.random() >= share:
            continue
        kind = rng.choice(['direct', 'direct', 'indirect', 'impl'])
        clobbers = random_clobbers(fn, rng)
        if kind == 'impl':
            plan[fn.name] = Mark(kind, clobbers)
            continue
        minimum = MIN_INDIRECT_SIZE if kind == 'indirect' else 5
        # A slot's narrow set holds only for a bound function compiled to
        # preserve the rest; a direct op is compiled so by itself.
        impl = (kind == 'indirect' and clobbers.narrow) or rng.random() < 0.5
        plan[fn.name] = Mark(kind, clobbers, random_size(rng, minimum, max_size), impl)
    return plan


def widen_direct_sites(plan, minimum):
    """plan with every direct op's site at least minimum bytes long."""
    return {name: replace(m, size=minimum) if m.kind == 'direct' and m.size and m.size < minimum
            else m for name, m in plan.items()}


def demote(plan, name):
    """A contract error for name: give it the C ABI's set, which holds."""
    if name not in plan or not plan[name].clobbers.narrow:
        return False
    plan[name] = replace(plan[name], clobbers=ABI)
    return True


# ---- Parsing csmith's output ----

FORWARD_RE = re.compile(r'^static (?P<ret>[^;()\n]+?)\s*\b(?P<name>func_\d+)'
                        r'\((?P<params>[^;\n]*)\);$', re.M)
# In preprocessed csmith.h: "static TYPE\n(name)(params)\n{" and
# "static void\nname (params) {"; bodies end with a "}" line.
HELPER_RE = re.compile(r'^static (?P<ret>[\w ]+?\**)\s*\n\(?(?P<name>\w+)\)?\s*'
                       r'\((?P<params>[^()]*)\)\s*\{(?P<body>.*?)^\}', re.M | re.S)
CSMITH_INCLUDE = '#include "csmith.h"'
FUNCTIONS_MARK = '/* --- FUNCTIONS --- */'


def calls_any(body, names):
    return re.search(r'\b(%s)\s*\(' % '|'.join(names), body) is not None


def program_functions(src, helpers):
    """func_N of a csmith program; helpers: those of csmith.h."""
    decls = list(FORWARD_RE.finditer(src))
    callees = [m['name'] for m in decls] + [h.name for h in helpers] + ['printf']
    fns = []
    for m in decls:
        body = re.search(r'^static [^;\n]*\b%s\(.*\)\n\{(.*?)^\}' % m['name'], src,
                         re.M | re.S)
        fns.append(Function(m['name'], m['ret'], m['params'],
                            not body or not calls_any(body.group(1), callees)))
    return fns


def helper_functions(preprocessed_header):
    """The functions of csmith.h but its floating-point ones: csmith
    programs have none by default, and an op's slot would keep them
    alive in -mgeneral-regs-only builds, which cannot compile them."""
    found = [m for m in HELPER_RE.finditer(preprocessed_header)
             if not re.search(r'\b(float|double)\b', m['ret'] + ' ' + m['params'])]
    callees = [m['name'] for m in found] + ['printf']
    return [Function(m['name'], m['ret'].strip(), m['params'].strip(),
                     not calls_any(m['body'], callees)) for m in found]


# ---- Rendering ----

def attributes(mark, m32):
    spec = '"%s"' % mark.clobbers.render(m32)
    parts = []
    if mark.kind == 'direct':
        parts.append(op_attribute(mark, m32))
    if mark.impl:
        parts.append('__attribute__((paravirt_impl(%s)))' % spec
                     if mark.clobbers.narrow else '__attribute__((paravirt_impl))')
    return ' '.join(parts)


def op_attribute(mark, m32):
    args = '"%s"' % mark.clobbers.render(m32)
    if mark.size is not None:
        args += ', %d' % mark.size
    return '__attribute__((paravirt(%s)))' % args


def declaration(fn, mark, m32):
    attrs = attributes(mark, m32)
    return 'static %s %s(%s)%s;' % (fn.ret, fn.name, fn.params,
                                    ' ' + attrs if attrs else '')


def slot(fn, mark, m32):
    return 'static %s (*pv_%s)(%s) %s = %s;' % (fn.ret, fn.name, fn.params,
                                               op_attribute(mark, m32), fn.name)


def render(src, program_fns, helpers, plan, m32, export=False):
    """The program with plan's annotations, for i386 if m32; with its
    functions exported (not static) if export."""
    marked = [fn for fn in helpers if fn.name in plan]
    prelude = ['/* pvfuzz: annotated csmith.h helpers */', '#include <stdint.h>']
    prelude += [declaration(fn, plan[fn.name], m32) for fn in marked]
    prelude += [slot(fn, plan[fn.name], m32) for fn in marked
                if plan[fn.name].kind == 'indirect']
    head, sep, body = src.partition(FUNCTIONS_MARK)
    if not sep or CSMITH_INCLUDE not in head:
        raise ValueError('not a csmith program')
    for fn in program_fns:
        if fn.name in plan:
            head = re.sub(r'^static [^;(\n]*\b%s\(.*\);$' % fn.name,
                          lambda m, fn=fn: declaration(fn, plan[fn.name], m32),
                          head, count=1, flags=re.M)
    head += '\n'.join(slot(fn, plan[fn.name], m32) for fn in program_fns
                      if fn.name in plan and plan[fn.name].kind == 'indirect') + '\n\n'
    head = head.replace(CSMITH_INCLUDE, '\n'.join(prelude) + '\n' + CSMITH_INCLUDE, 1)
    text = head + sep + redirect_calls(body, [n for n, m in plan.items()
                                              if m.kind == 'indirect'])
    if export:
        text = re.sub(r'^static (?=[^;\n]*\bfunc_\d+\()', '', text, flags=re.M)
    return text


def redirect_calls(body, names):
    """Calls of names go through their slots; definitions stay."""
    if not names:
        return body
    call = re.compile(r'\b(%s)\(' % '|'.join(map(re.escape, names)))
    return '\n'.join(line if line.startswith('static ') else call.sub(r'pv_\1(', line)
                     for line in body.split('\n'))
