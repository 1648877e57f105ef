#!/bin/bash
# P5: compile time with the plugin loaded against without, on code no one
# here wrote, and the code generated must be identical.
#
#   p5-compile.sh WORKDIR PLUGIN CPUTIME
#
# Units: Linux source files (Debian's linux-source, the version of the
# installed headers) compiled as Kbuild compiles them against Debian's
# kernel headers, and csmith programs of fixed seeds.  Each repetition
# compiles every unit both ways, alternating which goes first; its sample
# is the plugin's total CPU time over the total without.  A first pass,
# not timed, warms the caches and is the one whose objects are compared.
# Prints sample lines (harness.h); run it pinned to one CPU.
set -euo pipefail

mkdir -p "$1"
work=$(realpath "$1")
plugin=$(realpath "$2")
cputime=$(realpath "$3")
reps=${BENCH_REPS:-5}

# Real kernel code of several kinds: pv ops and KVM guest support, a core
# data structure, an allocator, path lookup.
kernel_files="arch/x86/kernel/paravirt.c arch/x86/kernel/kvm.c lib/xarray.c
	mm/slub.c fs/namei.c"
# The private headers they include.
kernel_headers="lib/*.h mm/*.h fs/*.h"
csmith_seeds=$(seq 1 12)

kdir=$(ls -d /usr/src/linux-headers-*-amd64 | sort -V | tail -n 1)
series=$(basename "$kdir" | sed 's/^linux-headers-\([0-9]*\.[0-9]*\).*/\1/')
tarball=/usr/src/linux-source-$series.tar.xz
src=$work/linux-source-$series

units=$work/units

# The exact compiler command Kbuild uses for an external module's object,
# with its per-file parts (dependency file, module names, output) removed.
kbuild_flags() {
	local mod=$work/kmod

	mkdir -p "$mod"
	echo 'int p5_probe;' > "$mod/probe.c"
	echo 'obj-m := probe.o' > "$mod/Makefile"
	rm -f "$mod/probe.o"
	make -s -C "$kdir" M="$mod" probe.o >&2
	sed -n '1s/^[^=]*:= *//p' "$mod/.probe.o.cmd" |
		sed -e 's/ -Wp,-MMD,[^ ]*//' -e 's/ -DMODULE .*//' \
		    -e "s| -I\./| -I$kdir/|g"
}

kernel_units() {
	local flags f base

	if [ ! -d "$src" ]; then
		# Only these files: unpacking the whole tree takes minutes.
		tar -xJf "$tarball" -C "$work" --wildcards \
			$(for f in $kernel_files $kernel_headers; do
				echo "linux-source-$series/$f"; done)
	fi
	flags=$(kbuild_flags)
	for f in $kernel_files; do
		base=$(basename "$f" .c)
		echo "$flags -I$src/$(dirname "$f") -DKBUILD_MODFILE='\"${f%.c}\"'" \
		     "-DKBUILD_BASENAME='\"$base\"' -DKBUILD_MODNAME='\"$base\"'" \
		     "-D__KBUILD_MODNAME=kmod_$base -c $src/$f"
	done
}

csmith_units() {
	local seed file

	mkdir -p "$work/csmith"
	for seed in $csmith_seeds; do
		file=$work/csmith/seed$seed.c
		# In its directory: csmith leaves a platform.info behind.
		[ -s "$file" ] || (cd "$work/csmith" && csmith --seed "$seed" > "$file")
		echo "gcc -O2 -w -I/usr/include/csmith -c $file"
	done
}

# Compile unit number $1 into $2.o; $3 is the plugin option or nothing.
# Prints the CPU seconds it took.
compile() {
	eval "$cputime $(sed -n "$1p" "$units" | cut -f2-) $3 -o $2.o"
}

# One pass over every unit, both ways, first way alternating by $1.
# Prints "SET SECONDS-WITHOUT SECONDS-WITH" per unit.
pass() {
	local i n set without with

	n=$(wc -l < "$units")
	for i in $(seq 1 "$n"); do
		set=$(sed -n "${i}p" "$units" | cut -f1)
		if [ $(( ($1 + i) % 2 )) -eq 0 ]; then
			without=$(compile "$i" "$work/u$i.without" "")
			with=$(compile "$i" "$work/u$i.with" "-fplugin=$plugin")
		else
			with=$(compile "$i" "$work/u$i.with" "-fplugin=$plugin")
			without=$(compile "$i" "$work/u$i.without" "")
		fi
		echo "$set $without $with"
	done
}

# The number of units whose code differs with the plugin loaded.
differing() {
	local i n count=0

	n=$(wc -l < "$units")
	for i in $(seq 1 "$n"); do
		if ! cmp -s <(objdump -dr "$work/u$i.without.o" | tail -n +3) \
			    <(objdump -dr "$work/u$i.with.o" | tail -n +3); then
			echo "# P5: unit $i ($(sed -n "${i}p" "$units" | awk '{print $NF}')) differs" >&2
			count=$((count + 1))
		fi
	done
	echo "$count"
}

{
	kernel_units | sed 's/^/kernel\t/'
	csmith_units | sed 's/^/csmith\t/'
} > "$units"

pass 0 > /dev/null
echo "P5 differing $(differing)"
for rep in $(seq 1 "$reps"); do
	pass "$rep" | awk '
		{ without[$1] += $2; with[$1] += $3; all_without += $2; all_with += $3 }
		END {
			for (set in with)
				printf "P5 %s.ratio %.6f\n", set, with[set] / without[set]
			printf "P5 ratio %.6f\n", all_with / all_without
			printf "P5 without.seconds %.6f\n", all_without
		}'
done
