#!/bin/sh
# make -C kernel check: pvpatch on real kernels, under QEMU (docs/kernel.md).
#
#   A  Debian's Linux: pvtest.ko built by the installed kernel's Kbuild with
#      the plugin (objtool must stay silent), inserted by an initramfs into
#      the installed vmlinuz; the module checks its sites itself.
#   B  pvboot, our own multiboot kernel, booted patched and unpatched.
#
# Prints one PASS or FAIL line per check (the module's and pvboot's own
# lines included), the A.5 figures, and last "N passed, N failed"; exits
# non-zero if anything failed.  Logs are in ../build/kernel/.
set -u
cd "$(dirname "$0")"
B=../build/kernel
mkdir -p "$B"
. ./lib.sh

# tables LABEL FILE: pvpatch-sites check (the runtime's own validation)
# accepts the tables of FILE, a built kernel object, and stats plans them.
# The i386 core it runs for pvboot writes no code, so QEMU's user mode
# (qemu-user) runs it where the host cannot.
tables() {
	sites_log=$B/sites-${2##*/}.log
	export PVPATCH_SITES_RUN_I386="${PVPATCH_SITES_RUN_I386:-$(command -v qemu-i386)}"
	for command in check stats; do
		if "$PVPATCH_SITES" "$command" "$2" >"$sites_log" 2>&1; then
			pass "$1 pvpatch-sites $command ${2##*/}"
		else
			fail "$1 pvpatch-sites $command ${2##*/}"
			show_log "$sites_log"
		fi
	done
}

# ---- A: Debian's Linux ---------------------------------------------------

# Every object of the module went through objtool, and objtool said nothing.
# $A is the series' build directory.
check_objtool() {
	objects=$(cat "$A/linux/pvtest.mod")
	total=0
	missed=
	for o in $objects; do
		total=$((total + 1))
		grep -q "objtool .*--module $o\$" "$A/module.log" || missed="$missed ${o##*/}"
	done
	# 6.12's Kbuild runs objtool once, on the linked module (--link), and
	# with --ibt where the kernel has X86_KERNEL_IBT (Debian's 6.12): then
	# pvpatch's table may refer only to ENDBR or annotated instructions.
	linked=$(grep "objtool .* --link .*--module [^ ]*/pvtest\.o\$" "$A/module.log")
	if [ -n "$linked" ]; then
		case $linked in
		*" --ibt "*) ibt="with --ibt" ;;
		*) ibt="without --ibt" ;;
		esac
		pass "$prefix A.1 objtool ran on the linked module (its $total objects), $ibt"
	else
		check "$prefix A.1 objtool ran on all $total objects${missed:+ (not on$missed)}" \
			test -z "$missed"
	fi
	if grep -q 'objtool:' "$A/module.log"; then
		fail "$prefix A.1 objtool printed no warning"
		grep 'objtool:' "$A/module.log" | head -n 10 | sed 's/^/    | /'
	else
		pass "$prefix A.1 objtool printed no warning"
	fi
}

# The module's objects were compiled with the plugin and the kernel's own
# code-generation flags, which the sites must live with.  Kbuild's own
# pvtest.mod.o (module metadata, no code) and, since 6.10,
# .module-common.o are compiled without the plugin.
check_flags() {
	flags="-mcmodel=kernel -mno-red-zone -mindirect-branch=thunk-extern
	       -mfunction-return=thunk-extern -mfentry -fplugin=$PVPATCH_PLUGIN
	       -fplugin-arg-pvpatch-linux-ops=pv_ops -fplugin-arg-pvpatch-linux-abi=$abi"
	compiles=$(grep -E "^ *[^ ]*gcc[^ ]* .* -c -o [^ ]*/linux/[^ ]*\.o " "$A/module.log" |
		grep -vE '(\.mod|/\.module-common)\.o ')
	bad=0
	for f in $flags; do
		printf '%s\n' "$compiles" | grep -qvF -e " $f " && bad=1
	done
	check "$prefix A.1 every object compiled with the plugin and the kernel's flags" \
		test -n "$compiles" -a "$bad" -eq 0
}

# The other site format, against this series' real headers: the plugin
# must refuse it at the first site (Linux 6.8 and later ignore 6.1's
# .parainstructions, whose sites would never be patched; 6.1 knows no
# direct-call alternatives).  Kbuild builds only native.o, in a directory
# of its own.
check_other_abi() {
	other=$1
	log=$A/abi-$other.log
	if make module LINUX_SERIES="$series" LINUX_ABI="$other" \
		B="$A/abi-$other" KBUILD_GOAL=native.o >"$log" 2>&1; then
		ended="built"
	elif grep -q "native\.c:.*error: pvpatch: .*-fplugin-arg-pvpatch-linux-abi=$other[^0-9].* writes" "$log"; then
		pass "$prefix A.1 linux-abi=$other refused against the headers of Linux $release"
		return
	else
		ended="failed otherwise"
	fi
	fail "$prefix A.1 linux-abi=$other refused against the headers of Linux $release: $ended"
	show_log "$log"
}

# linux SERIES ABI OTHER-ABI: module A for one Linux series, built by its
# Kbuild with the plugin's site format ABI (-fplugin-arg-pvpatch-linux-abi),
# then booted on bare QEMU and as Xen's dom0; OTHER-ABI must be refused.
linux() {
	series=$1
	abi=$2
	prefix="Linux $series"
	A=$B/linux-$series
	mkdir -p "$A"
	if ! release=$(./linux-release.sh "$series" 2>&1); then
		fail "$prefix A $release"
		return
	fi
	if make module initramfs LINUX_SERIES="$series" LINUX_ABI="$abi" B="$A" \
		>"$A/module.log" 2>&1; then
		pass "$prefix A.1 pvtest.ko built by the Kbuild of Linux $release"
	else
		fail "$prefix A.1 pvtest.ko built by the Kbuild of Linux $release"
		show_log "$A/module.log"
		return
	fi
	check_objtool
	check_flags
	tables "$prefix A.1" "$A/linux/pvtest.ko"
	check_other_abi "$3"
	boot_bare "$release"
	boot_xen "$release"
}

# Both boots run the initramfs's /init: insert pvtest.ko, print the kernel
# log, power off.
boot_bare() {
	boot_linux_bare "linux-$series/bare" "/boot/vmlinuz-$1" "$A/initramfs.cpio.gz"
	booted_linux "$prefix bare: A.4 booted (QEMU, TCG, 2 CPUs), inserted pvtest.ko, powered off"
}

boot_xen() {
	boot_linux_xen "linux-$series/xen" "/boot/vmlinuz-$1" "$A/initramfs.cpio.gz"
	booted_linux "$prefix Xen: A.4 booted as Xen 4.17 PV dom0 (QEMU, TCG, 2 vCPUs), inserted pvtest.ko, powered off"
}

# The checks of one Linux boot, prefixed with where it ran.
booted_linux() {
	where=${1%%: *}
	booted "$1" 'pvtest-insmod: 0' 'pvtest-end' || return
	out=${log%.log}.pvtest
	sed -n 's/^\[ *[0-9.]*\] pvtest: //p' "$log" >"$out"
	replay "$where: " "$out"
	check "$where: A.4 pvtest ran every check: $(sed -n 's/^done: //p' "$out")" \
		grep -q '^done: ' "$out"
	grep '^A\.5 ' "$out" | sed 's/^/      /'
	log_clean "$where: A.4 kernel log has no warning, oops or BUG"
}

# ---- B: pvboot -------------------------------------------------------------

pvboot() {
	if make boot >"$B/boot-build.log" 2>&1; then
		pass "B pvboot built with the plugin (i386, cdecl stack arguments)"
	else
		fail "B pvboot built with the plugin (i386, cdecl stack arguments)"
		show_log "$B/boot-build.log"
		return
	fi
	tables "B" "$B/boot/pvboot.elf"
	for mode in patched unpatched; do
		boot "pvboot-$mode" 60 qemu-system-i386 -m 32 \
			-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
			-kernel "$B/boot/pvboot.elf" -append "$mode"
		booted "B $mode boot ran to its end" "pvboot: $mode" 'pvboot: done'
		replay "B $mode: " "$log"
	done
}

PVPATCH_PLUGIN=${PVPATCH_PLUGIN:-$(cd .. && pwd)/build/plugin/pvpatch.so}
export PVPATCH_PLUGIN
deps kernel "kernel"
# A short name (-fplugin=pvpatch) is the plugin installed for gcc.
case $PVPATCH_PLUGIN in
*/*) plugin_file=$PVPATCH_PLUGIN ;;
*) plugin_file=$(gcc -print-file-name=plugin)/$PVPATCH_PLUGIN.so ;;
esac
if ! check "kernel: the plugin is built ($PVPATCH_PLUGIN)" test -f "$plugin_file"; then
	finish
fi
linux 6.1 6.1 6.8
linux 6.12 6.8 6.1
pvboot
finish
