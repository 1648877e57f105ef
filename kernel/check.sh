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
# non-zero if anything failed.  Logs are in build/.
set -u
cd "$(dirname "$0")"
B=build
mkdir -p "$B"
passed=0
failed=0

pass() {
	echo "PASS: $*"
	passed=$((passed + 1))
}

fail() {
	echo "FAIL: $*"
	failed=$((failed + 1))
}

# check TEXT COMMAND...: PASS if the command succeeds; its status.
check() {
	text=$1
	shift
	if "$@"; then
		pass "$text"
		return 0
	fi
	fail "$text"
	return 1
}

# Show the end of a log below a failure.
show_log() {
	tail -n 15 "$1" | sed 's/^/    | /'
}

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}

# Replay "PASS: ..." and "FAIL: ..." lines a guest printed; PREFIX names it.
replay() {
	prefix=$1
	file=$2
	while IFS= read -r line; do
		case $line in
		"PASS: "*) pass "$prefix${line#PASS: }" ;;
		"FAIL: "*) fail "$prefix${line#FAIL: }" ;;
		esac
	done <"$file"
}

# boot LOG SECONDS QEMU-ARGS...: run a guest, bounded, with its serial
# console in LOG (CRs removed); sets $seconds to how long it took.
boot() {
	log=$1
	limit=$2
	shift 2
	start=$(date +%s)
	timeout "$limit" "$@" -accel tcg -display none -monitor none \
		-serial stdio -no-reboot </dev/null 2>&1 | tr -d '\r' >"$log"
	seconds=$(($(date +%s) - start))
}

deps() {
	if ../tools/deps.sh kernel >"$B/deps.log" 2>&1; then
		pass "kernel: Debian packages of tools/deps.sh kernel installed"
	else
		fail "kernel: Debian packages of tools/deps.sh kernel missing"
		show_log "$B/deps.log"
		finish
	fi
}

# ---- A: Debian's Linux ---------------------------------------------------

# Every object of the module went through objtool, and objtool said nothing.
check_objtool() {
	log=$B/module.log
	objects=$(cat "$B/linux/pvtest.mod")
	total=0
	missed=
	for o in $objects; do
		total=$((total + 1))
		grep -q "objtool .*--module $o\$" "$log" || missed="$missed ${o##*/}"
	done
	check "A.1 objtool ran on all $total objects${missed:+ (not on$missed)}" \
		test -z "$missed"
	if grep -q 'objtool:' "$log"; then
		fail "A.1 objtool printed no warning"
		grep 'objtool:' "$log" | head -n 10 | sed 's/^/    | /'
	else
		pass "A.1 objtool printed no warning"
	fi
}

# The module's objects were compiled with the plugin and the kernel's own
# code-generation flags, which the sites must live with.  The generated
# pvtest.mod.o (module metadata, no code) is compiled without the plugin.
check_flags() {
	flags="-mcmodel=kernel -mno-red-zone -mindirect-branch=thunk-extern
	       -mfunction-return=thunk-extern -mfentry -fplugin=$PVPATCH_PLUGIN
	       -fplugin-arg-pvpatch-linux-ops=pv_ops"
	compiles=$(grep -E "^ *gcc[^ ]* .* -c -o [^ ]*/linux/[^ ]*\.o " "$B/module.log" |
		grep -v '\.mod\.o ')
	bad=0
	for f in $flags; do
		printf '%s\n' "$compiles" | grep -qvF -e " $f " && bad=1
	done
	check "A.1 every object compiled with the plugin and the kernel's flags" \
		test -n "$compiles" -a "$bad" -eq 0
}

linux() {
	if ! release=$(./linux-release.sh 6.1 2>&1); then
		fail "A $release"
		return
	fi
	if make module >"$B/module.log" 2>&1; then
		pass "A.1 pvtest.ko built by the Kbuild of Linux $release"
	else
		fail "A.1 pvtest.ko built by the Kbuild of Linux $release"
		show_log "$B/module.log"
		return
	fi
	check_objtool
	check_flags
	if ! make initramfs >"$B/initramfs.log" 2>&1; then
		fail "A.4 initramfs with busybox and pvtest.ko"
		show_log "$B/initramfs.log"
		return
	fi
	boot_linux "$release"
}

boot_linux() {
	log=$B/linux-boot.log
	boot "$log" 120 qemu-system-x86_64 -m 256 -smp 2,sockets=2 \
		-kernel "/boot/vmlinuz-$1" -initrd "$B/initramfs.cpio.gz" \
		-append "console=ttyS0 quiet panic=-1"
	if grep -q '^pvtest-insmod: 0$' "$log" && grep -q '^pvtest-end$' "$log"; then
		pass "A.4 Linux $1 booted (QEMU, TCG), inserted pvtest.ko, powered off: ${seconds}s"
	else
		fail "A.4 Linux $1 booted (QEMU, TCG), inserted pvtest.ko, powered off: ${seconds}s"
		show_log "$log"
		return
	fi
	sed -n 's/^\[ *[0-9.]*\] pvtest: //p' "$log" >"$B/pvtest.out"
	replay "" "$B/pvtest.out"
	check "A.4 pvtest ran every check: $(sed -n 's/^done: //p' "$B/pvtest.out")" \
		grep -q '^done: ' "$B/pvtest.out"
	grep '^A\.5 ' "$B/pvtest.out" | tee "$B/a5-figures.txt" | sed 's/^/      /'
	trouble='WARNING:|BUG:|Oops|general protection|Call Trace|sysfs: cannot'
	if grep -qE "$trouble" "$log"; then
		fail "A.4 kernel log has no warning, oops or BUG"
		grep -E "$trouble" "$log" | head -n 10 | sed 's/^/    | /'
	else
		pass "A.4 kernel log has no warning, oops or BUG"
	fi
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
	for mode in patched unpatched; do
		log=$B/pvboot-$mode.log
		boot "$log" 60 qemu-system-i386 -m 32 \
			-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
			-kernel "$B/boot/pvboot.elf" -append "$mode"
		if grep -qx "pvboot: $mode" "$log" && grep -qx 'pvboot: done' "$log"; then
			pass "B $mode boot ran to its end: ${seconds}s"
		else
			fail "B $mode boot ran to its end: ${seconds}s"
			show_log "$log"
		fi
		replay "B $mode: " "$log"
	done
}

PVPATCH_PLUGIN=${PVPATCH_PLUGIN:-$(cd .. && pwd)/plugin/pvpatch.so}
export PVPATCH_PLUGIN
deps
if ! check "kernel: the plugin is built ($PVPATCH_PLUGIN)" test -f "$PVPATCH_PLUGIN"; then
	finish
fi
linux
pvboot
finish
