#!/bin/bash
# Run the pvpatch DejaGnu testsuite and summarise it.
#
#   testsuite/run.sh
#   RUNTESTFLAGS='runtime.exp fuzz.exp' testsuite/run.sh  whole .exp files
#   RUNTESTFLAGS='dg.exp=foo.c' testsuite/run.sh        one test, GCC style
#   RUNTESTFLAGS='pvpatch.dg/foo.c -v' testsuite/run.sh  same, by path
#
# Whole .exp files (all of them by default) run as PVPATCH_CHECK_JOBS
# runtests at once (default: the CPUs), each with its own .sum and .log in
# build/testsuite/parts/; any other RUNTESTFLAGS is one runtest.  Outputs
# go to build/testsuite/ (pvpatch.sum and pvpatch.log, the parts' joined,
# test products).  After runtest's own output this prints every
# result line that is not a PASS, then as the last line "N passed, M
# failed": passed counts PASS and XFAIL, failed counts everything else
# (FAIL, XPASS, UNRESOLVED, UNTESTED, UNSUPPORTED, ERROR, KFAIL, KPASS) -- a
# skipped test is a failure, so a missing dependency cannot hide.  Exits
# non-zero if anything failed, if a runtest failed or if no test ran.
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
# shellcheck disable=SC2206
flags=(${RUNTESTFLAGS:-})
set +f

# runtest_in OUTDIR ARGS...: one runtest, its .sum and .log in OUTDIR.
runtest_in() {
	local out=$1
	shift
	runtest --tool pvpatch --srcdir "$top/testsuite" --objdir "$build" \
		--outdir "$out" "$@"
}

# The .exp files a run of whole files runs: RUNTESTFLAGS's, or all.
whole_exps() {
	local word
	if [ ${#flags[@]} -eq 0 ]; then
		(cd testsuite && ls pvpatch.*/*.exp | xargs -n 1 basename)
		return
	fi
	for word in "${flags[@]}"; do
		case $word in
		*=* | -* | */*) return 1 ;;
		*.exp) echo "$word" ;;
		*) return 1 ;;
		esac
	done
}

# The jobs of a parallel run, an .exp each, the longest first so that the
# short ones fill in at the end.
jobs_of() {
	local exps=" $* " longest="fuzz.exp sanitize.exp runtime.exp kernel.exp dg.exp effects.exp scan.exp" exp
	for exp in $longest; do
		if [[ $exps == *" $exp "* ]]; then
			echo "$exp"
			exps=${exps/ $exp / }
		fi
	done
	for exp in $exps; do
		echo "$exp"
	done
}

# run_job EXP: one job of a parallel run, its runtest output and time
# shown when it ends, its status in its folder.
run_job() {
	local out=$build/parts/${1%.exp} start=$SECONDS
	mkdir -p "$out"
	runtest_in "$out" "$1" >"$out/runtest.out" 2>&1
	echo $? >"$out/status"
	cat "$out/runtest.out"
	echo "run.sh: $1 took $((SECONDS - start)) s"
}

# run_parallel EXP...: the jobs, PVPATCH_CHECK_JOBS at a time (waiting
# only for them: the i386 VM's boot is a job of this shell too); joins
# their .sum and .log in .exp order.  Returns non-zero if a runtest did.
run_parallel() {
	local width=${PVPATCH_CHECK_JOBS:-$(nproc)} job part ended result=0
	local -a running=()
	rm -rf "$build/parts"
	while read -r job; do
		if [ ${#running[@]} -ge "$width" ]; then
			wait -n -p ended "${running[@]}"
			mapfile -t running < <(printf '%s\n' "${running[@]}" | grep -vx "$ended")
		fi
		run_job "$job" &
		running+=($!)
	done < <(jobs_of "$@")
	wait "${running[@]}"
	for part in "$build"/parts/*; do
		cat "$part/pvpatch.sum" >>"$sum"
		cat "$part/pvpatch.log" >>"$build/pvpatch.log"
		[ "$(cat "$part/status" 2>/dev/null)" = 0 ] || result=1
	done
	return $result
}

if exps=$(whole_exps); then
	echo "run.sh: $(echo $exps | wc -w) .exp files, ${PVPATCH_CHECK_JOBS:-$(nproc)} at a time"
	: >"$build/pvpatch.log"
	# shellcheck disable=SC2086
	run_parallel $exps
else
	runtest_in "$build" "${flags[@]}"
fi
status=$?

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
