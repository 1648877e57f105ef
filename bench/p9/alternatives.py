#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""P9: compare the alternatives of the macros_* functions of one object
with those of the plain_* functions of another (bench/p9): for each pair, the .altinstructions entries of their
sites in order, each as the original instruction's bytes, the feature
word, the lengths and the replacement's bytes, relocations resolved to
symbol names.  Prints one line per pair, "same" or "DIFFERENT" with both
lists, and exits 1 if any pair differs.

usage: alternatives.py 6.1|6.8 MACROS.o PLAIN.o
"""
import struct
import sys


class Elf:
    def __init__(self, path):
        self.data = open(path, 'rb').read()
        d = self.data
        shoff, = struct.unpack_from('<Q', d, 0x28)
        shentsize, shnum, shstrndx = struct.unpack_from('<HHH', d, 0x3a)
        self.sections = []
        for i in range(shnum):
            name, typ, _flags, _addr, off, size, link, info, _align, entsize = \
                struct.unpack_from('<IIQQQQIIQQ', d, shoff + i * shentsize)
            self.sections.append(dict(name=name, type=typ, off=off, size=size,
                                      link=link, info=info, entsize=entsize))
        strtab = self.sections[shstrndx]
        for s in self.sections:
            s['name'] = self.string(strtab, s['name'])
        self.symbols = []
        for s in self.sections:
            if s['type'] == 2:  # SHT_SYMTAB
                names = self.sections[s['link']]
                for off in range(s['off'], s['off'] + s['size'], 24):
                    name, info, _other, shndx, value, size = \
                        struct.unpack_from('<IBBHQQ', d, off)
                    self.symbols.append(dict(
                        name=self.string(names, name), type=info & 15,
                        shndx=shndx, value=value, size=size))

    def string(self, section, offset):
        start = section['off'] + offset
        return self.data[start:self.data.index(b'\0', start)].decode()

    def index(self, name):
        return [s['name'] for s in self.sections].index(name)

    def contents(self, index):
        s = self.sections[index]
        return self.data[s['off']:s['off'] + s['size']]

    def relocations(self, index):
        """{offset: (symbol, addend)} of the section with this index."""
        out = {}
        for s in self.sections:
            if s['type'] == 4 and s['info'] == index:  # SHT_RELA
                for off in range(s['off'], s['off'] + s['size'], 24):
                    where, info, addend = struct.unpack_from('<QQq', self.data, off)
                    out[where] = (self.symbols[info >> 32], addend)
        return out


def describe(elf, index, start, length):
    """Bytes of section INDEX at [start, start+length), relocations named."""
    code = elf.contents(index)[start:start + length]
    relocs = elf.relocations(index)
    notes = ['%+d:%s%+d' % (at - start, sym['name'] or
                            elf.sections[sym['shndx']]['name'], addend)
             for at, (sym, addend) in sorted(relocs.items())
             if start <= at < start + length]
    return code.hex() + (' [' + ' '.join(notes) + ']' if notes else '')


def target(elf, relocs, at):
    """Section index and offset a '.long X - .' at AT refers to."""
    sym, addend = relocs[at]
    return sym['shndx'], sym['value'] + addend


def entries(elf, layout):
    alt = elf.index('.altinstructions')
    table = elf.contents(alt)
    relocs = elf.relocations(alt)
    size = 14 if layout == '6.8' else 12
    fmt = '<IBB' if layout == '6.8' else '<HBB'
    for at in range(0, len(table), size):
        isec, ioff = target(elf, relocs, at)
        rsec, roff = target(elf, relocs, at + 4)
        feature, instrlen, repllen = struct.unpack_from(fmt, table, at + 8)
        yield isec, ioff, '%s %#x %s' % (
            describe(elf, isec, ioff, instrlen), feature,
            describe(elf, rsec, roff, repllen))


def sites_by_function(layout, path, prefix):
    """{function name less PREFIX: its sites' alternatives, in order}."""
    elf = Elf(path)
    functions = {s['name']: s for s in elf.symbols
                 if s['type'] == 2 and s['name'].startswith(prefix)}
    sites = {name[len(prefix):]: [] for name in functions}
    for isec, ioff, text in entries(elf, layout):
        for name, f in functions.items():
            if f['shndx'] == isec and f['value'] <= ioff < f['value'] + f['size']:
                sites[name[len(prefix):]].append(text)
    return sites


def main():
    layout, macros_path, plain_path = sys.argv[1:4]
    macros = sites_by_function(layout, macros_path, 'macros_')
    plain = sites_by_function(layout, plain_path, 'plain_')
    differ = 0
    for name in sorted(macros):
        if macros[name] == plain.get(name):
            print('%s: same %d alternatives' % (name, len(macros[name])))
            continue
        differ += 1
        print('%s: DIFFERENT' % name)
        for label, sites in (('macros', macros), ('plain', plain)):
            for text in sites.get(name, []):
                print('  %s: %s' % (label, text))
    return 1 if differ or not macros else 0


if __name__ == '__main__':
    sys.exit(main())
