#!/bin/sh
# Run the pvpatch DejaGnu testsuite and summarise it.
#
#   testsuite/run.sh
#   RUNTESTFLAGS='dg.exp=foo.c' testsuite/run.sh        one test, GCC style
#   RUNTESTFLAGS='pvpatch.dg/foo.c -v' testsuite/run.sh  same, by path
#
# Outputs go to testsuite/build/ (pvpatch.sum, pvpatch.log, test products).
# After runtest's own output this prints every result line that is not a
# PASS, then as the last line "N passed, M failed": passed counts PASS and
# XFAIL, failed counts everything else (FAIL, XPASS, UNRESOLVED, UNTESTED,
# UNSUPPORTED, ERROR, KFAIL, KPASS) -- a skipped test is a failure, so a
# missing dependency cannot hide.  Exits non-zero if anything failed, if
# runtest failed or if no test ran.
set -u

top=$(cd "$(dirname "$0")/.." && pwd)
build=$top/testsuite/build
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
# RUNTESTFLAGS is split into words on purpose, but not globbed:
# dg.exp=site-*.c is runtest's pattern, not the shell's.
set -f
# shellcheck disable=SC2086
runtest --tool pvpatch --srcdir "$top/testsuite" --objdir "$build" \
	--outdir "$build" ${RUNTESTFLAGS:-}
status=$?
set +f

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
