#!/bin/sh
# Run the site-table fuzzer: run-table-fuzz.sh FUZZER [libFuzzer args...]
#
# libFuzzer's progress goes to table-fuzz.log beside FUZZER; a crash report is
# shown.  The last line is "fuzz-table: N executions, N crashes"; the
# exit status is non-zero after a crash (libFuzzer stops at the first).
set -u
fuzzer=$1
shift
log=$(dirname "$fuzzer")/table-fuzz.log

"$fuzzer" -print_final_stats=1 "$@" >"$log" 2>&1
status=$?
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
crashes=0
if [ "$status" -ne 0 ]; then
	crashes=1
	grep -v -e '^#' -e '^INFO:' -e '^stat::' "$log"
fi
echo "fuzz-table: ${runs:-0} executions, $crashes crashes"
[ "$status" -eq 0 ] && [ -n "$runs" ]
