#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""linux-pvsites.py [--list FILE] VMLINUX: the pv_ops call sites of a Linux
6.8+ vmlinux, counted from its own alternatives table.

A pv call site is an entry of .altinstructions with the direct-call flag
(ALT_FLAG_DIRECT_CALL, what ALTERNATIVE(PARAVIRT_CALL, ALT_CALL_INSTR,
ALT_CALL_ALWAYS) records) whose original instruction is
"call *pv_ops+N(%rip)" (ff 15 disp32).  Prints one line per pv_ops
member called, "OFFSET SITES" (the member's byte offset in pv_ops and
the number of its sites), then "sites N", "members N", and "native N":
the sites that also have a second entry (Linux's native inline code) at
the same instruction.  Fails on an entry it cannot read.

--list FILE writes the sites that outlive the boot (not in .init or .exit
sections, which are freed) for pvwork.ko (kernel/workload/pvwork.c):
little-endian u64 pairs, first pv_ops's address and the number of sites,
then each site's address and its member's offset in pv_ops.
"""
import argparse
import struct
import subprocess
import sys

ALT_INSTR = struct.Struct("<iiIBB")     # 6.12's packed struct alt_instr
ALT_FLAG_DIRECT_CALL = 1 << 1


def sections(path):
    """name -> (address, file offset, size) of each section."""
    with open(path, "rb") as f:
        data = f.read()
    (shoff,) = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)
    headers = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize)
               for i in range(shnum)]
    names = headers[shstrndx][4]
    out = {}
    for h in headers:
        end = data.index(b"\0", names + h[0])
        out[data[names + h[0]:end].decode()] = (h[3], h[4], h[5])
    return data, out


def symbol(path, name):
    """The address of a symbol, from nm."""
    for line in subprocess.run(["nm", path], check=True, capture_output=True,
                               text=True).stdout.splitlines():
        fields = line.split()
        if len(fields) == 3 and fields[2] == name:
            return int(fields[0], 16)
    sys.exit(f"linux-pvsites: no symbol {name} in {path}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--list", metavar="FILE")
    parser.add_argument("vmlinux")
    args = parser.parse_args()
    data, secs = sections(args.vmlinux)
    pv_ops = symbol(args.vmlinux, "pv_ops")
    alt_addr, alt_off, alt_size = secs[".altinstructions"]

    def section_of(addr, n):
        for name, (base, off, size) in secs.items():
            if base and base <= addr and addr + n <= base + size:
                return name, off + addr - base
        sys.exit(f"linux-pvsites: address {addr:#x} is in no section")

    entries = {}
    for i in range(alt_size // ALT_INSTR.size):
        at = alt_off + i * ALT_INSTR.size
        instr_offset, _, ft_flags, _, _ = ALT_INSTR.unpack_from(data, at)
        instr = alt_addr + i * ALT_INSTR.size + instr_offset
        entries.setdefault(instr, []).append(ft_flags >> 16)
    per_member = {}
    native = 0
    lasting = []
    for instr, flags in entries.items():
        if not any(f & ALT_FLAG_DIRECT_CALL for f in flags):
            continue
        name, at = section_of(instr, 6)
        code = data[at:at + 6]
        if code[:2] != b"\xff\x15":
            continue
        target = instr + 6 + struct.unpack_from("<i", code, 2)[0] - pv_ops
        per_member[target] = per_member.get(target, 0) + 1
        native += len(flags) > 1
        if not name.startswith((".init", ".exit")):
            lasting.append((instr, target))
    for offset in sorted(per_member):
        print(offset, per_member[offset])
    print("sites", sum(per_member.values()))
    print("members", len(per_member))
    print("native", native)
    if args.list:
        with open(args.list, "wb") as f:
            f.write(struct.pack("<QQ", pv_ops, len(lasting)))
            for site in sorted(lasting):
                f.write(struct.pack("<QQ", *site))


main()
