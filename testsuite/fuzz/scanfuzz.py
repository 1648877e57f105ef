#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Differential fuzzing of `pvpatch-sites scan` (docs/reliability.md,
"Scanner fuzzing").

    scanfuzz.py run -n N -s SEED [-j JOBS] [--batch B] [--results DIR]
                    [--vm DIR] [--keep]
    scanfuzz.py run -s SEED --only K     function K of that seed alone

--vm DIR boots the testsuite's i386 VM there if this host cannot run i386
programs (testsuite/i386/i386vm.py, docs/testsuite.md) and shuts it down
before the summary; without it they run where PVPATCH_I386_VM says.

Generates N assembly functions, even-numbered ones for x86-64 and odd ones
for i386: calls of ops wrapped in push/pop nests of random depth, with
branches into them (jumps, calls, jump tables, PC-relative table entries,
symbols, the middle of a two-byte push) and around them, stack-slot reads,
pushf/popf, crossed, repeated, prefixed and unbalanced pairs, and ops
reading stack arguments.  Every call is of its own op, so every site has
one op.  For each batch of functions of one width: assemble, scan
(`pvpatch-sites scan --verbose`), write the implementations from what the
scanner said of each site -- inline code writing exactly the registers the
site frees, a function called directly writing the op's clobbers, an
empty replacement -- link the scanned object, SITES.o, that table, the
driver (scanfuzz.c) and the runtime, and run it: the driver compares every
function patched in each form with its unpatched run (scanfuzz.c).

Function K's code depends only on SEED and K.  A mismatch is reported
with seed, function and the site(s) whose patching alone reproduces it,
and its batch is kept in the results folder with a script rebuilding and
running it.  Last line: "fuzz-scan: N functions, N sites, N mismatches".
"""
import argparse
import os
import random
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import toolchain

SITES_TOOL = os.path.join(toolchain.TOP, 'build', 'tools', 'pvpatch-sites')
DRIVER = os.path.join(toolchain.FUZZ_DIR, 'scanfuzz.c')
FIXTURES = os.path.join(toolchain.TOP, 'testsuite', 'pvpatch.runtime')
OUT_DIR = os.path.join(toolchain.BUILD_DIR, 'scan')
I386VM = os.path.join(toolchain.TOP, 'testsuite', 'i386', 'i386vm.py')
KEEP = False        # --keep: leave every batch's files in OUT_DIR

NAMES64 = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi',
           'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15']
NAMES32 = ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi',
           'r8d', 'r9d', 'r10d', 'r11d', 'r12d', 'r13d', 'r14d', 'r15d']
NAMES16 = ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di']
ABI64 = [0, 1, 2, 6, 7, 8, 9, 10, 11]
ABI32 = [0, 1, 2]
PADDING = 24        # words pushed at entry: what unbalanced paths pop
MAX_DEBT = 14       # words a path may pop beyond what it pushed
MAX_READ = 7        # stack-slot reads go at most this many words up


class Width:
    def __init__(self, is64):
        self.is64 = is64
        self.word = 8 if is64 else 4
        self.regs = [r for r in range(16 if is64 else 8) if r != 4]
        self.abi = ABI64 if is64 else ABI32
        self.sp = '%rsp' if is64 else '%esp'

    def name(self, r):
        """The register as pushes name it and the runtime spells it."""
        return (NAMES64 if self.is64 else NAMES32)[r]

    def reg(self, r):
        return '%' + self.name(r)

    def reg32(self, r):
        return '%' + NAMES32[r]

    def mem(self, symbol, offset=0):
        where = '%s+%d' % (symbol, offset) if offset else symbol
        return where + '(%rip)' if self.is64 else where


# ---- Ops and their implementations ----

class Op:
    """An op with one call: its clobbers, the value each clobbered register
    gets (how it is written), and the words of stack arguments it reads."""

    def __init__(self, rng, w, name):
        self.name = name
        self.w = w
        self.args = 0
        self.named = rng.random() < 0.15     # --ops: the C ABI's clobbers
        kind = rng.random()
        if self.named or kind < 0.25:
            self.clobbers = list(w.abi)
            self.declared = 'abi'
        elif kind < 0.35:
            self.clobbers = []
            self.declared = 'none'
        else:
            self.clobbers = sorted(rng.sample(w.regs, rng.randint(1, 3)))
            self.declared = ','.join(w.name(r) for r in self.clobbers)
        self.values = {r: rng.choice(['zero', 'ones', 'imm%#x' % rng.getrandbits(32)])
                       for r in self.clobbers}

    def take_args(self, words):
        """Read words of the stack: the op returns their sum in ax."""
        self.args = words
        if 0 not in self.clobbers:
            self.clobbers = sorted(self.clobbers + [0])
            self.values[0] = 'zero'
        self.named = False
        self.declared = ','.join(self.w.name(r) for r in self.clobbers)

    def declaration(self):
        if self.named:
            return ''
        return '\tpvpatch_op %s, clobbers="%s", stack_args=%d\n' % (
            self.name, self.declared, self.args * self.w.word)

    def code(self, regs, called):
        """Instructions writing regs as the op does; called: as a function
        (the arguments one word further, past the return address)."""
        w = self.w
        lines = []
        for r in sorted(regs):
            if r == 0 and self.args:
                base = w.word if called else 0
                lines.append('mov %d(%s), %s' % (base, w.sp, w.reg(0)))
                for i in range(1, self.args):
                    lines.append('add %d(%s), %s' % (base + i * w.word, w.sp, w.reg(0)))
                continue
            value = self.values.get(r, 'imm0xbadc0de')
            if value == 'zero':
                lines.append('xor %s, %s' % (w.reg32(r), w.reg32(r)))
            elif value == 'ones':
                lines.append('or $-1, %s' % w.reg(r))
            else:
                lines.append('mov $%s, %s' % (value[3:], w.reg32(r)))
        return lines

    def align_record(self, index):
        """Store the stack pointer's low bits at the call into fz_align."""
        w = self.w
        return ['push %s' % w.reg(0), 'mov %s, %s' % (w.sp, w.reg(0)),
                'and $15, %s' % w.reg32(0),
                'mov %s, %s' % (w.reg32(0), w.mem('fz_align', 4 * index)),
                'pop %s' % w.reg(0)]

    def original(self, index):
        """The op itself: nothing in fz_nop_mode, else its clobbers written
        and the carry set (the forms clear it: flags after a call are
        undefined, so nothing may depend on them)."""
        body = (['cmpb $0, %s' % self.w.mem('fz_nop_mode'), 'jne 1f'] +
                self.align_record(index) + self.code(self.clobbers, True) +
                ['stc', '1:', 'ret'])
        return function(self.name, body)


def function(name, body):
    return ('\t.globl %s\n\t.type %s, @function\n%s:\n' % (name, name, name) +
            ''.join('\t%s\n' % line if not line.endswith(':') else line + '\n'
                    for line in body) +
            '\t.size %s, . - %s\n' % (name, name))


# ---- Functions ----

class Func:
    """One generated function, as assembler text."""

    def __init__(self, seed, index, w):
        self.rng = random.Random('%d:%d' % (seed, index))
        self.w = w
        self.name = 'f%d' % index
        self.index = index
        self.text = []
        self.rodata = []
        self.ops = []
        self.labels = 0
        self.flags = True           # the flags are the same whatever the sites hold
        self.live = True            # the code here can be reached
        self.incoming = {}          # label -> flags of the jumps to it
        self.debt = 0

    # -- helpers --
    def emit(self, *lines):
        self.text.extend(lines)

    def label(self):
        self.labels += 1
        return '.L%s_%d' % (self.name, self.labels)

    def jump(self, mnemonic, operand, target=None):
        """A jump (or call) to target, through operand."""
        self.incoming.setdefault(target or operand, []).append(self.flags)
        self.emit('%s %s' % (mnemonic, operand))
        if mnemonic in ('jmp', 'call'):
            self.live = False

    def place(self, label, text=None):
        """Where label is: the flags here are the same whatever the sites
        hold if they are on every way here."""
        came = self.incoming.pop(label, [])
        flags = ([self.flags] if self.live else []) + came
        self.flags = bool(flags) and all(flags)
        self.live = True
        self.emit(text or label + ':')

    def any_reg(self):
        return self.rng.choice(self.w.regs)

    def define_flags(self):
        if not self.flags:
            self.alu(compare=True)

    def alu(self, compare=False):
        w, rng = self.w, self.rng
        op = 'cmp' if compare else rng.choice(['add', 'sub', 'xor', 'cmp', 'and', 'or'])
        self.emit('%s %s, %s' % (op, w.reg(self.any_reg()), w.reg(self.any_reg())))
        self.flags = True

    def simple(self):
        """An instruction with no site: arithmetic, a move, a store or a
        stack-slot read."""
        w, rng = self.w, self.rng
        what = rng.random()
        if what < 0.35:
            self.alu()
        elif what < 0.55:
            self.emit('mov $%#x, %s' % (rng.getrandbits(32), w.reg32(self.any_reg())))
        elif what < 0.8:
            self.emit('mov %s, %s' % (w.reg(self.any_reg()),
                                      w.mem('fz_out', w.word * rng.randrange(16))))
        else:
            self.emit('mov %d(%s), %s' % (w.word * rng.randint(0, MAX_READ), w.sp,
                                          w.reg(self.any_reg())))

    # -- nests --
    def new_op(self):
        op = Op(self.rng, self.w, 'fz_op_%d_%d' % (self.index, len(self.ops)))
        self.ops.append(op)
        return op

    def nest_items(self, may_unbalance):
        """The instructions of one nest, as (kind, register, prefix) items:
        push, pop, call, read (a stack-slot read), other."""
        w, rng = self.w, self.rng
        op = self.new_op()
        depth = rng.choice([0, 1, 1, 2, 2, 3, 3, 4, 5, 6] +
                           ([7, 8, 9, 9, 10, 11, 11, 12] if w.is64 else []))
        depth = min(depth, len(w.regs))
        if w.is64 and depth >= 7 and rng.random() < 0.5:
            # mostly r8-r15: two-byte pushes
            high = [r for r in w.regs if r >= 8]
            low = [r for r in w.regs if r < 8]
            regs = rng.sample(high, min(depth, 8))
            regs += rng.sample(low, depth - len(regs))
            rng.shuffle(regs)
        else:
            regs = rng.sample(w.regs, depth)
        prefixes = [''] * depth
        pops = list(reversed(range(depth)))
        if depth >= 2 and rng.random() < 0.05:
            regs[rng.randrange(depth)] = regs[rng.randrange(depth)]    # pushed twice
        if depth >= 2 and rng.random() < 0.07:
            i, j = rng.sample(range(depth), 2)                       # crossed
            pops[i], pops[j] = pops[j], pops[i]
        if depth and rng.random() < 0.08:
            low = [i for i in range(depth) if regs[i] < 8]
            if low:
                i = rng.choice(low)
                prefixes[i] = rng.choice(['0x66', '0x48', '0x40', '0x42'] if w.is64
                                         else ['0x66'])
        items = [('push', regs[i], prefixes[i]) for i in range(depth)]
        items.append(('call', op, ''))
        items += [('pop', regs[i], prefixes[i]) for i in pops]
        if depth and may_unbalance and rng.random() < 0.2:
            if rng.random() < 0.5:
                items.remove(('pop', regs[pops[0]], prefixes[pops[0]]))   # one pop missing
            elif self.debt < MAX_DEBT:
                items.append(('pop', self.any_reg(), ''))                  # one pop too many
                self.debt += 1
        if depth and '0x66' not in prefixes and rng.random() < 0.15:
            words = rng.randint(1, min(depth, 3))
            op.take_args(words)
        if rng.random() < 0.08:
            items.insert(rng.randint(0, len(items)), ('read', self.any_reg(), ''))
        if rng.random() < 0.06:
            items.insert(rng.randint(0, len(items)), ('other', self.any_reg(), ''))
        return items

    def item_text(self, item):
        w = self.w
        kind, reg, prefix = item
        if kind == 'call':
            return 'call %s' % reg.name
        if kind == 'read':
            return 'mov %d(%s), %s' % (w.word * self.rng.randint(0, MAX_READ), w.sp, w.reg(reg))
        if kind == 'other':
            return 'mov $%#x, %s' % (self.rng.getrandbits(16), w.reg32(reg))
        if prefix == '0x66':
            return '%sw %%%s' % (kind, NAMES16[reg])
        text = '%s %s' % (kind, w.reg(reg))
        return '.byte %s; %s' % (prefix, text) if prefix else text

    @staticmethod
    def depth_before(items, at):
        depth = 0
        for kind, _, prefix in items[:at]:
            if prefix != '0x66':
                depth += {'push': 1, 'pop': -1}.get(kind, 0)
        return depth

    def emit_items(self, items, entries):
        """entries: {item index: (label, middle)}: a label placed there, or
        (middle) at the second byte of that two-byte push or pop."""
        for i, item in enumerate(items):
            if i in entries:
                label, middle = entries[i]
                self.place(label, '%s = . + 1' % label if middle else label + ':')
            self.emit(self.item_text(item))
            if item[0] == 'call':
                self.flags = False

    def nest(self):
        self.emit_items(self.nest_items(may_unbalance=True), {})

    def flags_nest(self):
        """pushf; a balanced nest; popf: the flags come through.  They are
        defined first: the nest may read the pushed word."""
        self.define_flags()
        self.emit('pushf')
        self.emit_items(self.nest_items(may_unbalance=False), {})
        self.emit('popf')
        self.flags = True

    def entry_into_nest(self):
        """A way into the middle of the next nest -- or only a symbol
        there -- which the scanner must not widen over."""
        w, rng = self.w, self.rng
        items = self.nest_items(may_unbalance=False)
        at = rng.randrange(len(items))
        # Not r12's: the second byte of push/pop %r12 is push/pop %rsp,
        # and a path with the stack pointer in the text reads code.
        middle = (w.is64 and items[at][0] in ('push', 'pop') and items[at][1] >= 8 and
                  items[at][1] != 12 and not items[at][2] and rng.random() < 0.5)
        depth = max(0, self.depth_before(items, at))
        how = rng.choice(['jcc', 'jmp', 'call', 'table', 'pcrel', 'symbol', 'global'])
        self.labels += 1
        target = '%s_%s%d' % (self.name, how, self.labels)
        if how not in ('symbol', 'global'):
            target = '.L' + target
        if how == 'symbol':
            self.emit_items(items, {at: (target, middle)})
            return
        if self.debt + depth > MAX_DEBT:
            self.emit_items(items, {})
            return
        self.debt += depth
        self.define_flags()
        if how == 'jcc':
            self.jump(rng.choice(['je', 'jne', 'jb', 'jae']), target)
        else:
            skip = self.label()
            self.jump(rng.choice(['je', 'jne', 'jb', 'jae', 'js', 'jns']), skip)
            if how == 'global':
                self.emit('.globl %s' % target)
            if how in ('jmp', 'call', 'global'):
                self.jump('call' if how == 'call' else 'jmp', target)
            elif how == 'table':
                table = '%s_tbl%d' % (self.name, self.labels)
                self.rodata.append('%s:\n\t%s %s\n' % (table, '.quad' if w.is64 else '.long', target))
                self.jump('jmp', '*' + w.mem(table), target)
            else:
                table = '%s_rel%d' % (self.name, self.labels)
                self.rodata.append('%s:\n\t.long %s - .\n' % (table, target))
                base, off = rng.sample(w.regs, 2)
                if w.is64:
                    self.emit('lea %s, %s' % (w.mem(table), w.reg(base)),
                              'movslq (%s), %s' % (w.reg(base), w.reg(off)))
                else:
                    self.emit('mov $%s, %s' % (table, w.reg(base)),
                              'mov (%s), %s' % (w.reg(base), w.reg(off)))
                self.emit('add %s, %s' % (w.reg(off), w.reg(base)))
                self.jump('jmp', '*' + w.reg(base), target)
            self.place(skip)
        for _ in range(rng.randint(0, 2)):
            self.simple()
        self.emit_items(items, {at: (target, middle)})

    def around(self, level):
        """A branch around a piece of code."""
        self.define_flags()
        end = self.label()
        self.jump(self.rng.choice(['je', 'jne', 'jb', 'jae', 'jmp']), end)
        self.body(level + 1, self.rng.randint(1, 3))
        self.place(end)

    def body(self, level, count):
        for _ in range(count):
            what = self.rng.random()
            if what < 0.3:
                self.simple()
            elif what < 0.55:
                self.nest()
            elif what < 0.75:
                self.entry_into_nest()
            elif what < 0.85:
                self.flags_nest()
            elif level < 2:
                self.around(level)
            else:
                self.nest()

    def generate(self):
        w, rng = self.w, self.rng
        saved = [3, 5, 12, 13, 14, 15] if w.is64 else [3, 5, 6, 7]
        self.emit(*['push %s' % w.reg(r) for r in saved])
        self.emit('mov %s, %s' % (w.sp, w.mem('fz_sp')))
        self.emit(*['push $%d' % rng.randint(-2**31, 2**31 - 1) for _ in range(PADDING)])
        self.emit('xor %eax, %eax')
        self.emit(*['mov $%#x, %s' % (rng.getrandbits(32), w.reg32(r)) for r in w.regs])
        self.body(0, rng.randint(3, 8))
        self.emit(*['mov %s, %s' % (w.reg(r), w.mem('fz_state', w.word * r)) for r in w.regs])
        self.emit('pushf', 'pop %s' % w.reg(0), 'mov %s, %s' % (w.reg(0), w.mem('fz_state', w.word * 16)))
        self.emit('mov %s, %s' % (w.mem('fz_sp'), w.sp))
        self.emit(*['pop %s' % w.reg(r) for r in reversed(saved)])
        self.emit('ret')
        assert not self.incoming, self.incoming
        return self


def generate(seed, index):
    return Func(seed, index, Width(index % 2 == 0)).generate()


# ---- A batch: the functions' program ----

def functions_source(funcs):
    out = ['#include <pvpatch_asm.h>\n', '\t.text\n']
    index = 0
    for f in funcs:
        for op in f.ops:
            out.append(op.declaration())
    for f in funcs:
        out.append(function(f.name, [line for line in f.text if line]))
    for f in funcs:
        for op in f.ops:
            out.append(op.original(index))
            index += 1
    out.append('\t.section .rodata\n')
    for f in funcs:
        out.extend(f.rodata)
    out.append('\t.section .note.GNU-stack, "", @progbits\n')
    return ''.join(out)


SITE_RE = re.compile(r'^.*: \S+\+0x[0-9a-f]+: call of (\S+): site (\S+\+(0x[0-9a-f]+)), '
                     r'(\d+) bytes, clobbers ([^;]*); widening stopped at (.*)$')


def parse_scan(output):
    """op name -> (site text, freed registers' names, why it stopped,
    offset in .text, where the first function is, size)."""
    sites = {}
    for line in output.splitlines():
        m = SITE_RE.match(line)
        if m:
            sites[m.group(1)] = ('%s, %s bytes, clobbers %s' % (m.group(2), m.group(4), m.group(5)),
                                 [n for n in m.group(5).split(',') if n not in ('vec', 'x87', 'none')],
                                 m.group(6), int(m.group(3), 16), m.group(4))
    return sites


def c_string(lines):
    """Instructions as one C string literal, a line each."""
    return '"' + '\\n\\t'.join(lines) + '"'


def asm_statement(text):
    """Assembler text as a top-level asm statement in .text."""
    return '__asm__(".text\\n%s");\n' % text.replace('\t', '\\t').replace('\n', '\\n')


def table_source(funcs, sites, w):
    """The implementations of every op for each form, and the tables."""
    out = ['#include "scanfuzz.h"\n#include "fixture-asm.h"\n#include "pvpatch_inline.h"\n\n']
    ops = [op for f in funcs for op in f.ops]
    out.append('uint32_t fz_align[%d];\n' % len(ops))
    names = {w.name(r): r for r in w.regs}
    for index, op in enumerate(ops):
        freed = [names[n] for n in sites[op.name][1] if n in names]
        code = op.code(freed, False) + ['clc']
        called = op.code(freed, True) + ['clc']
        clobbers = ','.join(w.name(r) for r in sorted(freed))
        mask = sum(1 << r for r in freed)
        out.append('void %s(void);\n' % op.name)
        out.append(asm_statement(function('fz_inl' + op.name[5:], called + ['ret'])))
        out.append('PVPATCH_INLINE(fz_inl%s, %s, "%s");\n' % (op.name[5:], c_string(code), clobbers))
        out.append('FIXTURE_IMPL(fz_inl%s, "%#x");\n' % (op.name[5:], mask))
        # Called, never inlined (a branch keeps the runtime from reading
        # it as a replacement): writes the op's clobbers as the op does.
        direct = ['jmp 2f', '2:'] + op.align_record(index) + op.code(op.clobbers, True) + ['clc', 'ret']
        out.append(asm_statement(function('fz_dir' + op.name[5:], direct)))
        out.append('FIXTURE_IMPL(fz_dir%s, "%#x");\n' % (op.name[5:], sum(1 << r for r in op.clobbers)))
        out.append(asm_statement(function('fz_nop' + op.name[5:], ['ret'])))
        out.append('PVPATCH_INLINE(fz_nop%s, "", "");\n' % op.name[5:])
        for form in ('inl', 'dir', 'nop'):
            out.append('void fz_%s%s(void);\n' % (form, op.name[5:]))
    for f in funcs:
        out.append('void %s(void);\n' % f.name)
    out.append('const struct fz_op fz_ops[] = {\n')
    for op in ops:
        s = op.name[5:]
        out.append('\t{ %s, fz_inl%s, fz_dir%s, fz_nop%s, "%s", "%s", (unsigned char *)%s + %d, %s },\n' % (
            op.name, s, s, s, op.name, sites[op.name][0], funcs[0].name, sites[op.name][3], sites[op.name][4]))
    out.append('};\nconst unsigned fz_nops = %d;\n' % len(ops))
    first = 0
    out.append('const struct fz_fn fz_fns[] = {\n')
    for f in funcs:
        out.append('\t{ %s, "%s", %d, %d, %d },\n' % (f.name, f.name, f.flags, first, len(f.ops)))
        first += len(f.ops)
    out.append('};\nconst unsigned fz_nfns = %d;\n' % len(funcs))
    return ''.join(out)


class Batch:
    def __init__(self, seed, indexes, results):
        self.seed = seed
        self.indexes = indexes
        self.w = Width(indexes[0] % 2 == 0)
        self.dir = os.path.join(OUT_DIR, 's%d-f%d' % (seed, indexes[0]))
        self.results = results
        self.commands = []
        self.sites = {}
        self.verdicts = {}     # function -> list of problems
        self.funcs = []
        self.kinds = {}        # (form, what a site became) -> sites
        self.whole = 0         # sites directed over their whole push/pop region

    def step(self, cmd, timeout=120):
        self.commands.append(toolchain.shell_line(cmd))
        return toolchain.run(cmd, timeout, cwd=self.dir)

    def fail_all(self, why):
        for f in self.funcs:
            self.verdicts.setdefault(f.name, []).append(why)

    def build_and_run(self):
        os.makedirs(self.dir, exist_ok=True)
        self.funcs = [generate(self.seed, i) for i in self.indexes]
        m = '-m64' if self.w.is64 else '-m32'
        with open(os.path.join(self.dir, 'funcs.S'), 'w') as f:
            f.write(functions_source(self.funcs))
        r = self.step(toolchain.CC + [m, '-c', '-I' + toolchain.INCLUDE, 'funcs.S', '-o', 'funcs.o'])
        if not r.ok:
            return self.fail_all('generator: funcs.S does not assemble: ' + r.output[:300])
        named = [op.name for f in self.funcs for op in f.ops if op.named]
        r = self.step([SITES_TOOL, 'scan', '--verbose'] +
                      (['--ops', ','.join(named)] if named else []) + ['-o', 'sites.o', 'funcs.o'])
        if not r.ok:
            return self.fail_all('scan failed (%s): %s' % (r.status, r.output[:300]))
        self.sites = parse_scan(r.stdout)
        missing = False
        for f in self.funcs:
            for op in f.ops:
                if op.name not in self.sites:
                    self.verdicts.setdefault(f.name, []).append('the call of %s is no site' % op.name)
                    missing = True
        if missing:
            return
        with open(os.path.join(self.dir, 'table.c'), 'w') as f:
            f.write(table_source(self.funcs, self.sites, self.w))
        r = self.step(toolchain.CC + [m, '-std=gnu11', '-O1', '-no-pie', '-I' + toolchain.INCLUDE,
                                      '-I' + toolchain.FUZZ_DIR, '-I' + FIXTURES,
                                      DRIVER, 'table.c', 'funcs.o', 'sites.o',
                                      toolchain.runtime_lib(not self.w.is64), '-lpthread',
                                      '-o', 'run.exe'])
        if not r.ok:
            return self.fail_all('the program does not build: ' + r.output[:300])
        r = self.step([os.path.join(self.dir, 'run.exe')], 60)
        with open(os.path.join(self.dir, 'run.out'), 'w') as f:
            f.write(r.output)
        self.judge(r)

    def judge(self, r):
        culprits = {}
        for line in r.stdout.splitlines():
            words = line.split(' ', 3)
            if words[0] == 'mismatch':
                self.verdicts.setdefault(words[1], []).append('%s: %s' % (words[2], words[3]))
            elif words[0] == 'culprit':
                culprits.setdefault((words[1], words[2]), []).append(words[3])
            elif words[0] == 'site':
                key = (words[2], words[3].split()[0])
                if words[3] == 'directed whole':
                    self.whole += 1
                self.kinds[key] = self.kinds.get(key, 0) + 1
            elif words[0] == 'bind':
                fn = 'f' + words[1].split('_')[2]
                self.verdicts.setdefault(fn, []).append('%s: %s refused: %s' % (
                    words[2], words[1], words[3]))
        for (fn, form), ops in culprits.items():
            self.verdicts[fn].append('%s: site of %s' % (form, ', '.join(
                '%s (%s)' % (op, self.sites[op][0]) for op in ops)))
        if r.status != 0 or 'done' not in r.stdout.splitlines():
            last = r.output.strip().splitlines()[-1:] or ['no output']
            self.fail_all('driver exited with %s (last: %s)' % (r.status, last[0]))

    def report(self):
        """Lines for the log; keeps the batch as a reproducer if it failed."""
        lines = []
        if self.verdicts and self.results:
            keep = os.path.join(self.results, os.path.basename(self.dir))
            shutil.rmtree(keep, ignore_errors=True)
            shutil.copytree(self.dir, keep)
            with open(os.path.join(keep, 'reproduce.sh'), 'w') as f:
                f.write('#!/bin/sh\n# seed %d, functions %s\nset -e\ncd "$(dirname "$0")"\n%s\n' % (
                    self.seed, ' '.join('f%d' % i for i in self.indexes), '\n'.join(self.commands)))
            os.chmod(os.path.join(keep, 'reproduce.sh'), 0o755)
        for f in self.funcs:
            problems = self.verdicts.get(f.name)
            if problems:
                lines.append('mismatch seed %d function %s (%s): %s; reproducer %s' % (
                    self.seed, f.name, 'x86-64' if self.w.is64 else 'i386',
                    '; '.join(problems), os.path.join(self.results or self.dir,
                                                      os.path.basename(self.dir))))
            else:
                lines.append('ok seed %d function %s: %d sites' % (self.seed, f.name, len(f.ops)))
        if not self.verdicts and not KEEP:
            shutil.rmtree(self.dir, ignore_errors=True)
        return lines


def widening_stops(batches):
    stops = {}
    for b in batches:
        for _, _, why, _, _ in b.sites.values():
            key = re.sub(r' \(.*\)|,? at \S+\+0x[0-9a-f]+|: push .*', '', why)
            key = re.sub(r'%\w+', 'REG', key)
            stops[key] = stops.get(key, 0) + 1
    return stops


def start_vm(vm):
    """Boot the i386 VM in the background if the host needs one: the
    first i386 program waits for it (toolchain.run)."""
    if subprocess.call([I386VM, 'native']) == 0:
        return None
    os.environ['PVPATCH_I386_VM'] = toolchain.ENV['PVPATCH_I386_VM'] = vm
    os.makedirs(vm, exist_ok=True)
    with open(vm + '.start.log', 'w') as log:
        return subprocess.Popen([I386VM, 'start', vm, str(os.getpid())],
                                stdout=log, stderr=subprocess.STDOUT)


def stop_vm(vm, starter):
    """Shut it down; print what start and stop said; whether it failed."""
    starter.wait()
    stop = subprocess.run([I386VM, 'stop', vm], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
    with open(vm + '.start.log') as log:
        sys.stdout.write(log.read() + stop.stdout)
    return starter.returncode != 0 or stop.returncode != 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest='command', required=True)
    run = sub.add_parser('run')
    run.add_argument('-n', type=int, default=100)
    run.add_argument('-s', '--seed', type=int, default=1)
    run.add_argument('-j', '--jobs', type=int, default=os.cpu_count() or 1)
    run.add_argument('--batch', type=int, default=20, help='functions per program')
    run.add_argument('--only', type=int, help='function ONLY alone')
    run.add_argument('--vm', help='boot the i386 VM in this folder if needed')
    run.add_argument('--keep', action='store_true', help="keep every batch's files")
    run.add_argument('--results', default=os.path.join(toolchain.BUILD_DIR, 'results', 'scan'))
    args = ap.parse_args()
    global KEEP
    KEEP = args.keep

    if args.only is not None:
        groups = [[args.only]]
    else:
        groups = []
        for parity in (0, 1):
            indexes = list(range(parity, args.n, 2))
            groups += [indexes[i:i + args.batch] for i in range(0, len(indexes), args.batch)]
    os.makedirs(args.results, exist_ok=True)
    batches = [Batch(args.seed, g, args.results) for g in groups]
    vm = os.path.abspath(args.vm) if args.vm else None
    starter = start_vm(vm) if vm else None
    try:
        with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            list(pool.map(lambda b: b.build_and_run(), batches))
    finally:
        vm_failed = starter is not None and stop_vm(vm, starter)
    functions = sites = mismatches = 0
    for b in batches:
        for line in b.report():
            print(line)
            mismatches += line.startswith('mismatch')
        functions += len(b.funcs)
        sites += len(b.sites)
    for why, count in sorted(widening_stops(batches).items(), key=lambda kv: -kv[1]):
        print('widening stopped at %s: %d sites' % (why, count))
    kinds = {}
    for b in batches:
        for key, count in b.kinds.items():
            kinds[key] = kinds.get(key, 0) + count
    for form in ('inline', 'direct', 'nop'):
        print('%s form: %s' % (form, ', '.join('%d %s' % (kinds.get((form, k), 0), k)
                                                 for k in ('inlined', 'directed', 'nopped', 'left'))))
    widened = sum(int(s[4]) > 5 for b in batches for s in b.sites.values())
    print('widened sites: %d (the others are 5-byte calls)' % widened)
    print('direct calls over the whole site: %d' % sum(b.whole for b in batches))
    print('fuzz-scan: %d functions, %d sites, %d mismatches' % (functions, sites, mismatches))
    return 1 if mismatches or vm_failed else 0


if __name__ == '__main__':
    sys.exit(main())
