#!/bin/sh
# Write the installed headers' asm/paravirt_types.h of a Linux release with
# native.sed's paravirt_native annotations (Linux's own native code for
# the pv_ops members its PVOP_ALT_* macros give some), as a tree adopting
# plain-C pv_ops calls would annotate it:
#   kernel/linux-native-types.sh RELEASE OUT
# A unit including OUT before any kernel header gets the annotated struct
# definitions (same include guard: the kernel's own copy is then skipped).
# Fails if a member native.sed annotates is not found, so that a changed
# header never silently yields sites without their native code.
set -eu
release=${1:?usage: linux-native-types.sh RELEASE OUT}
out=${2:?usage: linux-native-types.sh RELEASE OUT}
here=$(dirname "$0")
header=/usr/src/linux-headers-${release%-amd64}-common/arch/x86/include/asm/paravirt_types.h
# Each s/// line of native.sed annotates exactly one member, save the
# pgtable ones, which annotate five each (pte pmd pud p4d pgd).
want=$(grep -c '^s/' "$here/linux/native.sed")
want=$((want + 2 * 4))
sed -f "$here/linux/native.sed" "$header" >"$out.tmp"
got=$(grep -c 'paravirt_native(' "$out.tmp" || true)
if [ "$got" -ne "$want" ]; then
	echo "linux-native-types.sh: $header: $got members annotated, native.sed has $want" >&2
	rm -f "$out.tmp"
	exit 1
fi
mv "$out.tmp" "$out"
