#!/bin/sh
# Run the pvpatch DejaGnu testsuite and summarise it.
#
#   testsuite/run.sh
#   RUNTESTFLAGS='dg.exp=foo.c' testsuite/run.sh        one test, GCC style
#   RUNTESTFLAGS='pvpatch.dg/foo.c -v' testsuite/run.sh  same, by path
#
# Outputs go to build/testsuite/ (pvpatch.sum, pvpatch.log, test products).
# After runtest's own output this prints every result line that is not a
# PASS, then as the last line "N passed, M failed": passed counts PASS and
# XFAIL, failed counts everything else (FAIL, XPASS, UNRESOLVED, UNTESTED,
# UNSUPPORTED, ERROR, KFAIL, KPASS) -- a skipped test is a failure, so a
# missing dependency cannot hide.  Exits non-zero if anything failed, if
# runtest failed or if no test ran.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
build=$top/build/testsuite
sum=$build/pvpatch.sum

mkdir -p "$build"
# One run at a time: runs share $build (and the kernel and fuzz build
# folders), and two at once would mix their results.
exec 9>"$build/.lock"
if ! flock -n 9; then
	echo "run.sh: waiting for the other run using $build"
	flock 9
fi
rm -f "$sum"	# never summarise a previous run

cd "$top" || exit 1

# i386 test programs: natively if this host runs them, else in a VM
# booted now, while the first tests run, and always shut down at the end
# (testsuite/i386/i386vm.py, docs/testsuite.md).
vm=$build/i386-vm
vm_boot=
stop_vm() {
	[ -n "$vm_boot" ] || return 0
	kill "$vm_boot" 2>/dev/null
	wait "$vm_boot"
	vm_boot=
	testsuite/i386/i386vm.py stop "$vm" >"$build/i386-vm.stop" 2>&1
}
if testsuite/i386/i386vm.py native; then
	echo "run.sh: i386 test programs run natively"
	unset PVPATCH_I386_VM
else
	echo "run.sh: this host cannot run i386 programs: they run in a VM ($vm)"
	export PVPATCH_I386_VM="$vm"
	testsuite/i386/i386vm.py start "$vm" $$ >"$build/i386-vm.start" 2>&1 &
	vm_boot=$!
	trap 'stop_vm; exit 130' INT TERM HUP
	trap stop_vm EXIT
fi

# RUNTESTFLAGS is split into words on purpose, but not globbed:
# dg.exp=site-*.c is runtest's pattern, not the shell's.
set -f
# shellcheck disable=SC2086
runtest --tool pvpatch --srcdir "$top/testsuite" --objdir "$build" \
	--outdir "$build" ${RUNTESTFLAGS:-}
status=$?
set +f

# A VM that failed to boot or crashed is a failure of its own, named.
if [ -n "$vm_boot" ]; then
	wait "$vm_boot"
	cat "$build/i386-vm.start"
	vm_boot=
	if ! testsuite/i386/i386vm.py stop "$vm" >"$build/i386-vm.stop" 2>&1; then
		status=1
	fi
	cat "$build/i386-vm.stop"
	if [ -f "$sum" ]; then
		sed -n 's/^i386-vm: FAIL: /FAIL: i386 VM: /p' \
			"$build/i386-vm.start" "$build/i386-vm.stop" >>"$sum"
	fi
fi

if [ ! -f "$sum" ]; then
	echo "run.sh: runtest (status $status) wrote no $sum"
	echo "0 passed, 0 failed"
	exit 1
fi

echo
echo "=== Results that are not PASS (details: $build/pvpatch.log)"
awk -v status="$status" '
	/^(PASS|XFAIL):/ { passed++ }
	/^(FAIL|XPASS|UNRESOLVED|UNTESTED|UNSUPPORTED|ERROR|KFAIL|KPASS):/ { failed++ }
	/^[A-Z]+:/ && !/^PASS:/ { print }
	END {
		printf "%d passed, %d failed\n", passed, failed
		exit !(failed == 0 && status == 0 && passed > 0)
	}' "$sum"
