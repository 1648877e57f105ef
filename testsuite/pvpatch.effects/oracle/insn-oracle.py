#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The runtime's x86 decoder (runtime/insn.c) against two oracles.

  insn-oracle.py gas --width 64|32   lengths against GAS, effects against
                                     the table below
  insn-oracle.py cpu --width 64|32   effects against the CPU, for every
                                     form that runs in user mode

The forms are generated here for one width, each with the effect the
Intel SDM (volume 2) gives it: the general registers it writes, how many
bytes it pushes (> 0) or pops (< 0), and which register a push saves; or
UNKNOWN for an instruction the runtime must refuse to reason about.  GAS
assembles them (forms.s, with a label before each form, so its byte
boundaries are GAS's), probe.c decodes every form with the runtime
library of that width and, for "cpu", runs each user-mode form from
poisoned registers.  A register the CPU changed that the decoder does not
list, a stack move it does not report, a length or an effect that differs
from the table is a mismatch.  Prints one line per mismatch and a count;
exits 1 if there was any.
"""
import argparse
import os
import subprocess
import sys
import tempfile

UNKNOWN = None
AX, CX, DX, BX, SP, BP, SI, DI = range(8)

NAMES64 = {
    'q': ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi'] + ['r%d' % i for i in range(8, 16)],
    'l': ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi'] + ['r%dd' % i for i in range(8, 16)],
    'w': ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di'] + ['r%dw' % i for i in range(8, 16)],
    'b': ['al', 'cl', 'dl', 'bl', 'spl', 'bpl', 'sil', 'dil'] + ['r%db' % i for i in range(8, 16)],
}
HIGH = ['ah', 'ch', 'dh', 'bh']		# bits 8-15 of registers 0-3


class Forms:
    """The forms of one width and what each is expected to do."""

    def __init__(self, width):
        self.width = width
        self.is64 = width == 64
        self.word = 8 if self.is64 else 4
        self.forms = []		# (text, expect, run, needs)
        self.sizes = 'bwlq' if self.is64 else 'bwl'
        self.regs = list(range(16 if self.is64 else 8))
        # A sample of registers for sweeps: the accumulator (short forms),
        # the stack and frame pointers (SIB and displacement quirks) and,
        # in 64-bit mode, REX-extended ones.
        self.sample = [AX, CX, BX, SP, BP, DI] + ([8, 12, 13, 15] if self.is64 else [])

    def add(self, text, writes=(), stack=0, pushes=-1, run=False, needs=0, init=(16, 0)):
        """A form; run: also run it on the CPU (needs: NEEDS_* bits of
        probe.c, the CPU features it needs; init: (register, value) it
        needs instead of its poison value)."""
        expect = UNKNOWN if writes is UNKNOWN else (sorted(set(writes)), stack, pushes)
        self.forms.append((text, expect, run, (needs, init)))

    def unknown(self, text):
        self.add(text, UNKNOWN)

    def r(self, reg, size):
        if size == 'h':
            return '%' + HIGH[reg]
        if not self.is64:
            names = {'l': NAMES64['l'][:8], 'w': NAMES64['w'][:8],
                     'b': ['al', 'cl', 'dl', 'bl', 'ah', 'ch', 'dh', 'bh']}[size]
            return '%' + names[reg]
        return '%' + NAMES64[size][reg]

    def dest(self, reg, size):
        """The register that operand reg of this size writes: in i386
        byte registers 4-7 are ah..bh, the high bytes of 0-3."""
        return reg - 4 if size == 'b' and not self.is64 and 4 <= reg < 8 else reg

    def byte_regs(self):
        """(name, register it writes) for every byte register."""
        if self.is64:
            out = [(self.r(reg, 'b'), reg) for reg in self.regs]
            return out + [(self.r(reg, 'h'), reg) for reg in range(4)]
        return [(self.r(reg, 'b'), reg % 4) for reg in range(8)]

    def p(self, reg):
        return self.r(reg, 'q' if self.is64 else 'l')

    def mems(self):
        """Memory operands: (text, runnable)."""
        p = self.p
        out = [('(%s)' % p(BX), True), ('8(%s)' % p(BX), True),
               ('0x12345678(%s,%s,4)' % (p(BP), p(SI)), False),
               ('-4(%s)' % p(SP), False), ('(%s)' % p(BP), False),
               ('0x1000', False), ('%%fs:16(%s)' % p(AX), False)]
        if self.is64:
            out += [('(%r12)', False), ('(%r13)', False), ('0(%r8,%r9,8)', False),
                    ('0x10(%rip)', False), ('0x10(%eax)', False)]
        else:
            out += [('(%bx,%si)', False), ('0x1234(%bp)', False)]
        return out


def gen_alu(f):
    for op in ['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp', 'test']:
        for size in f.sizes:
            def writes(reg):
                return () if op in ('cmp', 'test') else (f.dest(reg, size),)
            for dst in f.sample:
                src = CX if dst != CX else DX
                run = dst != SP
                f.add('%s%s %s, %s' % (op, size, f.r(src, size), f.r(dst, size)), writes(dst), run=run)
                f.add('%s%s $0x7f, %s' % (op, size, f.r(dst, size)), writes(dst), run=run)
                if size != 'b':
                    f.add('%s%s $0x1234, %s' % (op, size, f.r(dst, size)), writes(dst), run=run)
            for mem, run in f.mems():
                f.add('%s%s %s, %s' % (op, size, f.r(DX, size), mem), (), run=run)
                f.add('%s%s $5, %s' % (op, size, mem), (), run=run)
                if op != 'test':
                    f.add('%s%s %s, %s' % (op, size, mem, f.r(DI, size)), writes(DI), run=run)
        for name, reg in f.byte_regs():
            if op != 'test':
                f.add('%sb %s, %s' % (op, '%cl' if reg != CX else '%dl', name), writes(reg), run=reg != SP)
        if op not in ('cmp', 'test'):
            f.add('lock %sl %s, (%s)' % (op, f.r(AX, 'l'), f.p(BX)), (), run=True)


def gen_unary_and_shifts(f):
    for size in f.sizes:
        for reg in f.sample:
            run = reg != SP
            for op in ['inc', 'dec', 'not', 'neg']:
                f.add('%s%s %s' % (op, size, f.r(reg, size)), (f.dest(reg, size),), run=run)
            for op in ['rol', 'ror', 'rcl', 'rcr', 'shl', 'shr', 'sar']:
                f.add('%s%s %s' % (op, size, f.r(reg, size)), (f.dest(reg, size),), run=run)
                f.add('%s%s $3, %s' % (op, size, f.r(reg, size)), (f.dest(reg, size),), run=run)
                f.add('%s%s %%cl, %s' % (op, size, f.r(reg, size)), (f.dest(reg, size),), run=run)
        for mem, run in f.mems()[:4]:
            f.add('incl %s' % mem, (), run=run)
            f.add('shl%s $2, %s' % (size, mem), (), run=run)
            f.add('neg%s %s' % (size, mem), (), run=run)
    if not f.is64:		# 40-4f: inc and dec of a register
        for reg in f.regs:
            f.add('.byte 0x%x' % (0x40 + reg), (reg,), run=reg != SP)
            f.add('.byte 0x%x' % (0x48 + reg), (reg,), run=reg != SP)


def gen_muldiv(f):
    for size in f.sizes:
        acc = (AX,) if size == 'b' else (AX, DX)
        for op in ['mul', 'imul']:
            f.add('%s%s %s' % (op, size, f.r(SI, size) if size != 'b' else '%cl'), acc, run=True)
            f.add('%s%s (%s)' % (op, size, f.p(BX)), acc, run=True)
        for op in ['div', 'idiv']:
            f.add('%s%s %s' % (op, size, f.r(SI, size)), acc, run=size in 'lq')
        if size != 'b':
            for dst in f.sample:
                f.add('imul%s %s, %s' % (size, f.r(CX, size), f.r(dst, size)), (dst,), run=dst != SP)
                f.add('imul%s $3, %s, %s' % (size, f.r(CX, size), f.r(dst, size)), (dst,), run=dst != SP)
                f.add('imul%s $300, (%s), %s' % (size, f.p(BX), f.r(dst, size)), (dst,), run=dst != SP)


def gen_moves(f):
    for size in f.sizes:
        for dst in f.sample:
            run = dst != SP
            f.add('mov%s %s, %s' % (size, f.r(SI, size), f.r(dst, size)), (f.dest(dst, size),), run=run)
            f.add('mov%s $0x12, %s' % (size, f.r(dst, size)), (f.dest(dst, size),), run=run)
            f.add('mov%s (%s), %s' % (size, f.p(BX), f.r(dst, size)), (f.dest(dst, size),), run=run)
            f.add('mov%s %s, (%s)' % (size, f.r(dst, size), f.p(BX)), (), run=True)
        for mem, run in f.mems():
            f.add('mov%s $0x12, %s' % (size, mem), (), run=run)
            f.add('mov%s %s, %s' % (size, mem, f.r(DX, size)), (DX,), run=run)
    # 8a/8b and 88/89 with the operands the other way round (GAS's .s suffix)
    f.add('mov.s %s, %s' % (f.r(CX, 'l'), f.r(DX, 'l')), (DX,), run=True)
    f.add('movb.s %cl, %ah', (AX,), run=True)
    for name, reg in f.byte_regs():
        f.add('movb $1, %s' % name, (reg,), run=reg != SP)
        f.add('movb %s, %%dl' % name, (DX,), run=True)
    if f.is64:
        f.add('movabs $0x1122334455667788, %r11', (11,), run=True)
        f.add('movabs 0x1122334455667788, %al', (AX,))
        f.add('movabs 0x1122334455667788, %rax', (AX,))
        f.add('movabs %eax, 0x1122334455667788', ())
        f.add('movslq %ecx, %r9', (9,), run=True)
        f.add('movslq (%rbx), %rax', (AX,), run=True)
        f.add('mov %eax, %eax', (AX,), run=True)	# zero-extends
    else:
        f.add('mov 0x1000, %al', (AX,))
        f.add('mov 0x1000, %eax', (AX,))
        f.add('mov %ax, 0x1000', ())
    for op, sizes in [('movzb', 'wlq'), ('movsb', 'wlq'), ('movzw', 'lq'), ('movsw', 'lq')]:
        for size in sizes:
            if size in f.sizes:
                for dst in [AX, SI] + ([14] if f.is64 else []):
                    src = f.r(CX, op[-1])
                    f.add('%s%s %s, %s' % (op, size, src, f.r(dst, size)), (dst,), run=True)
                    f.add('%s%s (%s), %s' % (op, size, f.p(BX), f.r(dst, size)), (dst,), run=True)
    for size in f.sizes[1:]:
        for dst in f.sample:
            for mem, run in f.mems():
                if 'rip' not in mem and '%fs' not in mem:
                    f.add('lea%s %s, %s' % (size, mem, f.r(dst, size)), (dst,), run=dst != SP)
    for size in f.sizes:
        for reg in f.sample:
            f.add('xchg%s %s, %s' % (size, f.r(reg, size), f.r(DX, size)), (f.dest(reg, size), DX), run=reg != SP)
            f.add('xchg%s %s, (%s)' % (size, f.r(reg, size), f.p(BX)), (f.dest(reg, size),), run=reg != SP)
        if size != 'b':
            for reg in f.sample:
                if reg != AX:
                    f.add('xchg%s %s, %s' % (size, f.r(AX, size), f.r(reg, size)), (AX, reg), run=reg != SP)
    f.add('nop', (), run=True)
    f.add('pause', (), run=True)
    if f.is64:
        f.add('xchg %r8, %rax', (AX, 8), run=True)
        f.add('.byte 0x41, 0x90', (AX, 8), run=True)	# xchg %eax, %r8d


def gen_conversions(f):
    f.add('cbtw', (AX,), run=True)
    f.add('cwtl', (AX,), run=True)
    f.add('cwtd', (DX,), run=True)
    f.add('cltd', (DX,), run=True)
    if f.is64:
        f.add('cltq', (AX,), run=True)
        f.add('cqto', (DX,), run=True)


def gen_0f_integer(f):
    sizes = f.sizes[1:]
    for size in sizes:
        for dst in f.sample:
            run = dst != SP
            for cc in ['o', 'b', 'e', 'ne', 'be', 'a', 's', 'l', 'g']:
                f.add('cmov%s%s %s, %s' % (cc, size, f.r(CX, size), f.r(dst, size)), (dst,), run=run)
            f.add('cmove%s (%s), %s' % (size, f.p(BX), f.r(dst, size)), (dst,), run=run)
            for op in ['bsf', 'bsr']:
                f.add('%s%s %s, %s' % (op, size, f.r(SI, size), f.r(dst, size)), (dst,), run=run)
            for op in ['bts', 'btr', 'btc']:
                f.add('%s%s %s, %s' % (op, size, f.r(CX, size), f.r(dst, size)), (dst,), run=run)
                f.add('%s%s $5, %s' % (op, size, f.r(dst, size)), (dst,), run=run)
            f.add('bt%s %s, %s' % (size, f.r(CX, size), f.r(dst, size)), (), run=True)
            f.add('bt%s $5, %s' % (size, f.r(dst, size)), (), run=True)
            for op in ['shld', 'shrd']:
                f.add('%s%s $3, %s, %s' % (op, size, f.r(SI, size), f.r(dst, size)), (dst,), run=run)
                f.add('%s%s %%cl, %s, %s' % (op, size, f.r(SI, size), f.r(dst, size)), (dst,), run=run)
            f.add('cmpxchg%s %s, %s' % (size, f.r(SI, size), f.r(dst, size)), (AX, dst), run=run)
            f.add('xadd%s %s, %s' % (size, f.r(SI, size), f.r(dst, size)), (SI, dst), run=run)
        for op in ['bts', 'btr', 'btc', 'bt']:
            f.add('%s%s %s, (%s)' % (op, size, f.r(CX, size), f.p(BX)), (), run=True)
            f.add('%s%s $9, 8(%s)' % (op, size, f.p(BX)), (), run=True)
        f.add('lock cmpxchg%s %s, (%s)' % (size, f.r(DX, size), f.p(BX)), (AX,), run=True)
        f.add('lock xadd%s %s, (%s)' % (size, f.r(DX, size), f.p(BX)), (DX,), run=True)
    for reg in f.regs:
        if reg != SP:
            f.add('bswap %s' % f.r(reg, 'l'), (reg,), run=True)
    if f.is64:
        f.add('bswap %r10', (10,), run=True)
    for name, reg in f.byte_regs():
        f.add('sete %s' % name, (reg,), run=reg != SP)
    f.add('setne (%s)' % f.p(BX), (), run=True)
    f.add('cmpxchgb %cl, %dh', (AX, DX), run=True)
    f.add('xaddb %cl, %dh', (CX, DX), run=True)
    f.add('xlat', (AX,), run=True)


def gen_stack(f):
    w = f.word
    for reg in f.regs:
        f.add('push %s' % f.p(reg), (), w, reg, run=True)
        f.add('pop %s' % f.p(reg), (reg,), -w, run=reg != SP)
    f.add('push $1', (), w, run=True)
    f.add('push $0x12345', (), w, run=True)
    f.add('push (%s)' % f.p(BX), (), w, run=True)
    f.add('push 8(%s,%s,1)' % (f.p(BX), f.p(CX)), (), w, run=True)
    f.add('push %s' % f.p(SP), (), w, SP, run=True)
    f.add('pop (%s)' % f.p(BX), (), -w, run=True)
    f.add('.byte 0x8f, 0xc1', (CX,), -w, run=True)		# pop %ecx/%rcx, 8f /0
    f.add('.byte 0xff, 0xf1', (), w, CX, run=True)		# push %ecx/%rcx, ff /6
    f.add('pushf', (), w, run=True)
    f.add('popf', (), -w)
    f.add('pushw %s' % f.r(AX, 'w'), UNKNOWN)
    f.add('popw %s' % f.r(AX, 'w'), UNKNOWN)
    f.add('pushw $1', UNKNOWN)
    f.add('enter $16, $0', UNKNOWN)
    f.add('leave', UNKNOWN)
    if not f.is64:
        f.add('pusha', UNKNOWN)
        f.add('popa', UNKNOWN)


def gen_strings(f):
    for size in f.sizes:
        for op, writes in [('movs', (SI, DI)), ('cmps', (SI, DI)), ('stos', (DI,)),
                           ('lods', (AX, SI)), ('scas', (DI,))]:
            f.add('%s%s' % (op, size), writes, run=True)
            rep = 'repe' if op in ('cmps', 'scas') else 'rep'
            f.add('%s %s%s' % (rep, op, size), writes + (CX,), run=True)
        if size != 'q':
            f.add('ins%s' % size, (DI,))
            f.add('outs%s' % size, (SI,))
            f.add('rep ins%s' % size, (CX, DI))
            f.add('rep outs%s' % size, (CX, SI))
    f.add('repne scasb', (CX, DI), run=True)
    f.add('%s movsb' % ('addr32' if f.is64 else 'addr16'), (SI, DI))
    f.add('%s rep stosl' % ('addr32' if f.is64 else 'addr16'), (CX, DI))
    f.add('fs movsb', (SI, DI))


def gen_io(f):
    for size in 'bwl':
        f.add('in $0x80, %s' % f.r(AX, size), (AX,))
        f.add('in (%%dx), %s' % f.r(AX, size), (AX,))
        f.add('out %s, $0x80' % f.r(AX, size), ())
        f.add('out %s, (%%dx)' % f.r(AX, size), ())


def gen_system(f):
    p = f.p
    f.add('cpuid', (AX, BX, CX, DX), run=True)
    f.add('rdtsc', (AX, DX), run=True)
    f.add('rdtscp', (AX, CX, DX), run=True, needs=1)
    f.add('rdmsr', (AX, DX))
    f.add('wrmsr', ())
    f.add('rdpmc', (AX, DX))
    f.add('xgetbv', (AX, DX), run=True, needs=2, init=(CX, 0))	# XCR0
    f.add('xsetbv', ())
    f.add('lahf', (AX,), run=True, needs=4 if f.is64 else 0)
    f.add('sahf', (), run=True, needs=4 if f.is64 else 0)
    for text in ['clc', 'stc', 'cmc', 'cld', 'std']:
        f.add(text, (), run=True)
    for text in ['hlt', 'cli', 'sti', 'clts', 'invd', 'wbinvd', 'monitor', 'mwait', 'clac', 'stac']:
        f.add(text, ())
    for text in ['lfence', 'mfence', 'sfence']:
        f.add(text, (), run=True)
    f.add('invlpg (%s)' % p(AX), ())
    f.add('invlpg 0x10(%s,%s,8)' % (p(AX), p(CX)), ())
    crs = [0, 2, 3, 4] + ([8] if f.is64 else [])
    for reg in f.regs:
        for cr in crs:
            f.add('mov %%cr%d, %s' % (cr, p(reg)), (reg,))
            f.add('mov %s, %%cr%d' % (p(reg), cr), ())
        for dr in [0, 3, 6, 7]:
            f.add('mov %%db%d, %s' % (dr, p(reg)), (reg,))
            f.add('mov %s, %%db%d' % (p(reg), dr), ())
    # Whatever mod says, 0f 20-23 name registers (no displacement follows).
    f.add('.byte 0x0f, 0x20, 0x18', (AX,))		# mov %cr3, %eax with mod 00
    f.add('.byte 0x0f, 0x22, 0x58', ())			# mov %eax, %cr3 with mod 01
    if f.is64:
        f.add('swapgs', ())
        f.add('syscall', (AX, CX, 11))
    else:
        f.add('.byte 0x0f, 0x01, 0xf8', UNKNOWN)		# swapgs: not in i386
    for text in ['vmcall', 'vmmcall', 'ud2', 'int3', 'int $0x80', 'iretl', 'ret', 'ret $8',
                 'lretl', 'rdrand %eax', 'popcnt %ecx, %eax', 'lzcnt %ecx, %eax',
                 'tzcnt %ecx, %eax', 'movbe (%s), %%eax' % p(BX), 'crc32b %cl, %eax',
                 'cmpxchg8b (%s)' % p(BX), 'clflush (%s)' % p(BX), 'prefetcht0 (%s)' % p(BX),
                 'fxsave (%s)' % p(BX), 'endbr64' if f.is64 else 'endbr32', 'xbegin .+6',
                 'jmp .+2', 'jmp .+0x100', 'je .+2', 'je .+0x100', 'call .+5',
                 'call *%s' % p(AX), 'call *(%s)' % p(AX), 'jmp *%s' % p(AX), 'loop .+2',
                 'jecxz .+2' if not f.is64 else 'jrcxz .+2', 'sysenter', 'sysexitl' if f.is64 else 'sysexit']:
        f.add(text, UNKNOWN)
    if not f.is64:
        for text in ['daa', 'das', 'aaa', 'aas', 'aam', 'aad', 'into', 'bound %eax, (%ebx)',
                     'arpl %ax, %cx', 'lcall $8, $0x1000', 'ljmp $8, $0x1000']:
            f.add(text, UNKNOWN)


def gen_segments(f):
    p = f.p
    for sreg in ['es', 'cs', 'ss', 'ds', 'fs', 'gs']:
        for reg in f.sample:
            f.add('mov %%%s, %s' % (sreg, f.r(reg, 'l')), (reg,), run=reg != SP)
            f.add('mov %%%s, %s' % (sreg, f.r(reg, 'w')), (reg,), run=reg != SP)
            if sreg != 'cs':
                f.add('mov %s, %%%s' % (f.r(reg, 'l'), sreg), ())
        f.add('mov %%%s, (%s)' % (sreg, p(BX)), (), run=True)
        if sreg != 'cs':
            f.add('mov (%s), %%%s' % (p(BX), sreg), ())
    f.add('.byte 0x8e, 0xc8', UNKNOWN)			# mov %eax, %cs: #UD
    f.add('.byte 0x8c, 0xf0', UNKNOWN)			# mov from sreg 6: #UD
    for sreg in ['fs', 'gs']:
        f.add('push %%%s' % sreg, (), f.word, run=True)
        f.add('pop %%%s' % sreg, (), -f.word)
    if not f.is64:
        for sreg in ['es', 'cs', 'ss', 'ds']:
            f.add('push %%%s' % sreg, (), 4, run=True)
            if sreg != 'cs':
                f.add('pop %%%s' % sreg, (), -4)
        f.add('les (%ebx), %ecx', (CX,))
        f.add('lds 8(%esi), %edi', (DI,))
    for op in ['lss', 'lfs', 'lgs']:
        for reg in f.sample:
            f.add('%s (%s), %s' % (op, p(BX), f.r(reg, 'l')), (reg,))
    for op in ['lgdt', 'lidt', 'sgdt', 'sidt']:
        for mem, run in f.mems()[:5]:
            f.add('%s %s' % (op, mem), ())
    for reg in f.sample:
        for op in ['lldt', 'ltr', 'verr', 'verw', 'lmsw']:
            f.add('%s %s' % (op, f.r(reg, 'w')), ())
        for op in ['sldt', 'str', 'smsw']:
            f.add('%s %s' % (op, f.r(reg, 'l')), (reg,))
    for op in ['lldt', 'ltr', 'sldt', 'str', 'smsw', 'lmsw', 'verr']:
        f.add('%s (%s)' % (op, p(BX)), ())


def gen_vector_and_x87(f):
    """Decoded for their length only: every one is UNKNOWN."""
    p = f.p
    hi = 'xmm9' if f.is64 else 'xmm7'
    for text in ['fld1', 'fldl (%s)' % p(BX), 'fstps 8(%s)' % p(BX), 'faddp', 'fnstsw %ax',
                 'fwait', 'emms', 'movq %mm1, %mm2',
                 'movaps %xmm1, %xmm2', 'movups 0x100(%s), %%%s' % (p(BX), hi), 'pxor %xmm0, %xmm0',
                 'movd %xmm0, %eax', 'movd %eax, %xmm1', 'pmovmskb %xmm1, %ecx',
                 'cvtsd2si %xmm0, %eax', 'pshufd $0x1b, %xmm1, %xmm2', 'pshufb %xmm1, %xmm2',
                 'palignr $3, %xmm1, %xmm2', 'pextrd $1, %xmm1, %eax', 'ptest %xmm1, %xmm2',
                 'vaddps %ymm1, %ymm2, %ymm3', 'vpxor %%%s, %%xmm2, %%xmm3' % hi,
                 'vmovdqu 0x40(%s), %%ymm1' % p(BX), 'vzeroupper', 'vpextrq $1, %xmm1, %rax' if f.is64 else 'vpextrd $1, %xmm1, %eax',
                 'vpshufb %ymm1, %ymm2, %ymm3', 'vpermq $0x1b, %ymm1, %ymm2',
                 'andn %ecx, %edx, %eax', 'shlx %ecx, %edx, %eax', 'rorx $3, %edx, %eax',
                 'vaddps %zmm1, %zmm2, %zmm3', 'vaddps %zmm1, %zmm2, %zmm3{%k1}{z}',
                 'vmovdqu64 0x40(%s), %%zmm1' % p(BX), 'kmovw %k1, %eax',
                 'vpaddd 0x1000(%s){1to16}, %%zmm1, %%zmm2' % p(BX)]:
        f.add(text, UNKNOWN)


GENERATORS = [gen_alu, gen_unary_and_shifts, gen_muldiv, gen_moves, gen_conversions,
              gen_0f_integer, gen_stack, gen_strings, gen_io, gen_system, gen_segments,
              gen_vector_and_x87]


def forms_for(width):
    f = Forms(width)
    for g in GENERATORS:
        g(f)
    return f.forms


# ---- forms.s ----

def run_function(i, text, is64):
    """A function running one form from the registers in regs[] (in
    PVPATCH_REG_* order) and storing them back, the stack pointer after
    the form in regs[4]."""
    if is64:
        order = [0, 1, 2, 3, 5, 6, 8, 9, 10, 11, 12, 13, 14, 15]
        names = NAMES64['q']
        saved = ['rbx', 'rbp', 'r12', 'r13', 'r14', 'r15']
        lines = ['push %%%s' % r for r in saved]
        lines += ['mov %rdi, oracle_regs_ptr(%rip)', 'mov %rsp, oracle_saved_sp(%rip)']
        lines += ['mov %d(%%rdi), %%%s' % (8 * r, names[r]) for r in order]
        lines += ['mov 56(%rdi), %rdi', text, 'cld',
                  'mov %rax, oracle_tmp(%rip)', 'mov oracle_regs_ptr(%rip), %rax']
        lines += ['mov %%%s, %d(%%rax)' % (names[r], 8 * r) for r in order + [7] if r != 0]
        lines += ['mov %rsp, 32(%rax)', 'mov oracle_tmp(%rip), %rcx', 'mov %rcx, (%rax)',
                  'mov oracle_saved_sp(%rip), %rsp']
        lines += ['pop %%%s' % r for r in reversed(saved)]
    else:
        names = NAMES64['l'][:8]
        saved = ['ebx', 'ebp', 'esi', 'edi']
        lines = ['mov 4(%esp), %eax'] + ['push %%%s' % r for r in saved]
        lines += ['mov %eax, oracle_regs_ptr', 'mov %esp, oracle_saved_sp']
        lines += ['mov %d(%%eax), %%%s' % (4 * r, names[r]) for r in [1, 2, 3, 5, 6, 7]]
        lines += ['mov (%eax), %eax', text, 'cld',
                  'mov %eax, oracle_tmp', 'mov oracle_regs_ptr, %eax']
        lines += ['mov %%%s, %d(%%eax)' % (names[r], 4 * r) for r in [1, 2, 3, 5, 6, 7]]
        lines += ['mov %esp, 16(%eax)', 'mov oracle_tmp, %ecx', 'mov %ecx, (%eax)',
                  'mov oracle_saved_sp, %esp']
        lines += ['pop %%%s' % r for r in reversed(saved)]
    return 'oracle_run_%d:\n' % i + ''.join('\t%s\n' % l for l in lines + ['ret'])


def forms_source(forms, is64):
    out = ['.text', '.globl oracle_code', 'oracle_code:']
    for i, (text, _, _, _) in enumerate(forms):
        out.append('F%d:\t%s' % (i, text))
    out.append('F%d:' % len(forms))
    out += ['.section .rodata', '.balign 8', '.globl oracle_bounds', 'oracle_bounds:']
    out += ['\t.long F%d - oracle_code' % i for i in range(len(forms) + 1)]
    out += ['.globl oracle_count', 'oracle_count:\t.long %d' % len(forms)]
    runs = [(i, needs) for i, (_, _, run, needs) in enumerate(forms) if run]
    ptr = '.quad' if is64 else '.long'
    out += ['.balign 8', '.globl oracle_runs', 'oracle_runs:']
    out += ['\t.long %d, %d, %d, %d\n\t%s oracle_run_%d' % (i, needs, init[0], init[1], ptr, i)
            for i, (needs, init) in runs]
    out += ['.globl oracle_nruns', 'oracle_nruns:\t.long %d' % len(runs)]
    out += ['.bss', '.balign 8', 'oracle_regs_ptr:\t.skip 8', 'oracle_tmp:\t.skip 8', '.text']
    out += [run_function(i, forms[i][0], is64) for i, _ in runs]
    return '\n'.join(out) + '\n'


# ---- Running the probe ----

def sh(cmd, check=True):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if r.returncode and check:
        sys.exit('insn-oracle: %s failed:\n%s' % (' '.join(cmd), r.stdout[-4000:]))
    return r.returncode, r.stdout


def run_probe(exe, args, width):
    """The probe's status and output; an i386 probe on a host that cannot
    run i386 programs runs under qemu-i386 (user mode), and says so."""
    try:
        return sh([exe] + args, check=False)
    except OSError as e:
        if width != 32:
            raise
        print('insn-oracle: %s (%s): running it under qemu-i386' % (exe, e.strerror))
        return sh(['qemu-i386', exe] + args, check=False)


def build_probe(width, work, forms):
    top = os.environ.get('PVPATCH_TOP') or os.path.abspath(
        os.path.join(os.path.dirname(__file__), '..', '..', '..'))
    runtime = os.environ.get('PVPATCH_RUNTIME_DIR') or os.path.join(top, 'build', 'runtime')
    cc = os.environ.get('CC', 'gcc').split()
    src = os.path.join(work, 'forms.s')
    with open(src, 'w') as out:
        out.write(forms_source(forms, width == 64))
    obj = os.path.join(work, 'forms.o')
    sh(['as', '--%d' % width, '-o', obj, src])	# GAS: the oracle of lengths
    lib = os.path.join(runtime, 'libpvpatch.a' if width == 64 else 'libpvpatch-m32.a')
    exe = os.path.join(work, 'probe')
    sh(cc + ['-m%d' % width, '-O1', '-no-pie', '-I', os.path.join(top, 'include'),
             '-I', os.path.join(top, 'runtime'), '-o', exe, os.path.join(os.path.dirname(os.path.abspath(__file__)), 'probe.c'),
             obj, lib])
    return exe


def expected_text(expect):
    if expect is UNKNOWN:
        return 'unknown'
    writes, stack, pushes = expect
    return 'writes %s stack %d pushes %d' % (mask_text(sum(1 << r for r in writes)), stack, pushes)


def mask_text(mask):
    names = NAMES64['q']
    return '{' + ','.join(names[r] for r in range(16) if mask >> r & 1) + '}'


def compare_gas(forms, bounds, decoded):
    bad = 0
    for i, (text, expect, _, _) in enumerate(forms):
        length, status, writes, stack, pushes = decoded[i]
        gas_len = bounds[i + 1] - bounds[i]
        if length != gas_len:
            print('MISMATCH %d `%s`: length %d, GAS %d' % (i, text, length, gas_len))
            bad += 1
            continue
        if status == 'unknown':
            got = 'unknown'
        else:
            got = 'writes %s stack %d pushes %d' % (mask_text(writes), stack, pushes)
        want = expected_text(expect)
        if got != want:
            print('MISMATCH %d `%s`: decoder %s, table %s' % (i, text, got, want))
            bad += 1
    return bad


def compare_cpu(forms, decoded, ran, skipped):
    bad = 0
    for i, (changed, sp_delta) in ran.items():
        text = forms[i][0]
        _, status, writes, stack, _ = decoded[i]
        if status != 'known':
            print('MISMATCH %d `%s`: runs in user mode, decoder does not know it' % (i, text))
            bad += 1
            continue
        if changed & ~writes:
            print('MISMATCH %d `%s`: the CPU changed %s, the decoder lists %s'
                  % (i, text, mask_text(changed), mask_text(writes)))
            bad += 1
        if sp_delta != -stack:
            print('MISMATCH %d `%s`: the CPU moved the stack pointer by %d, the decoder says %d'
                  % (i, text, sp_delta, -stack))
            bad += 1
    for i in skipped:
        print('note: %d `%s` not run: this CPU lacks it' % (i, forms[i][0]))
    return bad


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('check', choices=['gas', 'cpu'])
    ap.add_argument('--width', type=int, choices=[64, 32], required=True)
    args = ap.parse_args()
    forms = forms_for(args.width)
    with tempfile.TemporaryDirectory(prefix='insn-oracle-') as work:
        exe = build_probe(args.width, work, forms)
        status, output = run_probe(exe, [args.check], args.width)
        lines = output.splitlines()
        syms = {}	# GAS's byte boundaries: the labels F<n>
        for line in sh(['nm', os.path.join(work, 'forms.o')])[1].splitlines():
            w = line.split()
            if len(w) == 3 and w[2][0] == 'F' and w[2][1:].isdigit():
                syms[int(w[2][1:])] = int(w[0], 16)
    bounds = [syms[i] for i in range(len(forms) + 1)]
    decoded, ran, skipped, running = {}, {}, [], None
    for line in lines:
        w = line.split()
        if w[0] == 'D':
            decoded[int(w[1])] = (int(w[2]), w[3], int(w[4], 16), int(w[5]), int(w[6]))
        elif w[0] == 'C':
            ran[int(w[1])] = (int(w[2], 16), int(w[3]))
        elif w[0] == 'S':
            skipped.append(int(w[1]))
        elif w[0] == 'R':
            running = int(w[1])
        else:
            print(line)
    if status:
        where = ''
        if running is not None and running not in ran:
            where = ' running form %d `%s`' % (running, forms[running][0])
        print('insn-oracle: the probe failed (status %d)%s' % (status, where))
        return 1
    if len(decoded) != len(forms):
        print('insn-oracle: the probe decoded %d of %d forms' % (len(decoded), len(forms)))
        return 1
    if args.check == 'gas':
        bad = compare_gas(forms, bounds, decoded)
        print('%d forms, %d mismatches' % (len(forms), bad))
    else:
        runnable = sum(1 for f in forms if f[2])
        if len(ran) + len(skipped) != runnable:
            print('insn-oracle: the probe ran %d of %d forms' % (len(ran) + len(skipped), runnable))
            return 1
        bad = compare_cpu(forms, decoded, ran, skipped)
        print('%d forms run on the CPU (%d skipped), %d mismatches' % (len(ran), len(skipped), bad))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
