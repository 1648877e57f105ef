#!/bin/bash
# Run P1-P10 on what bench/Makefile built (in ../build/bench); print the
# table, write results.csv and results.png there.  Exit 1 if a
# measurement could not run.
#
# Environment: BENCH_CPU, the CPU the single-threaded measurements are
# pinned to (default 0, which every machine has); BENCH_PROCS, the
# processes each of P1, P2, P3 and P6 runs in (default 5); BENCH_REPS,
# to override every program's repetitions.  The last two are for quick
# trials.  docs/performance.md describes each measurement.
set -uo pipefail
cd "$(dirname "$0")"
. ../scripts/sizes.sh

cpu=${BENCH_CPU:-0}
procs=${BENCH_PROCS:-5}
b=../build/bench
out=$b/run
samples=$out/samples
log=$out/log
failed=

mkdir -p "$out"
: > "$samples"
: > "$log"

pinned() {
	taskset -c "$cpu" "$@"
}

# measure NAME COMMAND...: run COMMAND and keep its sample lines, unless it
# fails: a measurement that did not finish has no value.
measure() {
	local name=$1

	shift
	echo "bench: $name" >&2
	echo "== $name: $*" >> "$log"
	if "$@" > "$out/$name" 2>> "$log"; then
		grep -v '^#' "$out/$name" >> "$samples"
	else
		echo "bench: $name failed: $*" >&2
		failed="$failed $name"
	fi
	grep '^#' "$out/$name" >> "$log"
}

# processes COMMAND...: run COMMAND in $procs processes, one after the
# other.  Each has its code at other addresses (ASLR), which moves the
# loops against the indexing of the caches and branch predictors.
processes() {
	local i

	for i in $(seq 1 "$procs"); do
		"$@" || return 1
	done
}

p4_size() {
	local pv plain

	pv=$(code_bytes $b/p4-pv.o) && plain=$(code_bytes $b/p4-plain.o) || return 1
	echo "P4 pv.bytes $pv"
	echo "P4 plain.bytes $plain"
	echo "P4 ratio $(awk -v a="$pv" -v b="$plain" 'BEGIN { print a / b }')"
	# Entries of 8 bytes, over the object's pvpatch_sites sections.
	echo "P4 sites $(($(section_bytes $b/p4-pv.o pvpatch_sites) / 8))"
}

# P9: per kernel series, bytes of code of bench/p9's functions as plain C
# Linux-native sites over the same with Linux's PVOP macros, and the
# functions whose alternatives are not byte for byte Linux's.
p9_size() {
	local series abi macros plain

	for series in 6.1 6.12; do
		abi=6.8
		[ "$series" = 6.1 ] && abi=6.1
		macros=$(code_bytes "$b/p9-$series/macros.o") &&
			plain=$(code_bytes "$b/p9-$series/plain.o") || return 1
		echo "P9 macros.bytes.$series $macros"
		echo "P9 plain.bytes.$series $plain"
		echo "P9 ratio.$series $(awk -v a="$plain" -v b="$macros" 'BEGIN { print a / b }')"
		p9/alternatives.py "$abi" "$b/p9-$series/macros.o" \
			"$b/p9-$series/plain.o" > "$out/p9-alternatives-$series"
		sed "s/^/# $series /" "$out/p9-alternatives-$series"
		echo "P9 differing.$series $(grep -c DIFFERENT "$out/p9-alternatives-$series")"
	done
}

# The first apply of each process is the measurement; one run first to
# warm the page cache, not counted.
p6_apply() {
	pinned $b/p6-apply > /dev/null && processes pinned $b/p6-apply
}

# From the lister's summary: "N sites, M ops, T table bytes (...), D
# descriptor bytes".
p7_table() {
	../build/tools/pvpatch-sites $b/p6-apply | tail -n 1 | awk '
		$2 == "sites," && $6 == "table" {
			print "P7 table.bytes.per.site", $5 / $1
			print "P7 bytes.per.site", ($5 + $10) / $1
			ok = 1
		}
		END { exit !ok }'
}

# P10 reads what make check-linux wrote: it builds a whole Linux 6.12
# stock and with the plain-C paravirt patch, which takes far longer than
# the rest of bench (docs/kernel.md).
p10_linux() {
	awk '{ print }
	     $2 == "code.stock" { stock = $3 } $2 == "code.plainc" { plainc = $3 }
	     $2 == "build.seconds.stock" { bstock = $3 }
	     $2 == "build.seconds.plainc" { bplainc = $3 }
	     END {
		if (!stock || !plainc)
			exit 1
		print "P10 ratio", plainc / stock
		if (bstock && bplainc)
			print "P10 compile.ratio", bplainc / bstock
	     }' ../build/linux-6.12/figures
}

for build in plain mitigated; do
	for state in patched live compiled; do
		measure "P1-$build-$state" processes pinned "$b/p1-$build" "$build" "$state"
	done
done
measure P2 processes pinned $b/p2p3 patched
measure P3 processes pinned $b/p2p3 compiled
measure P4 p4_size
measure P5 pinned ./p5-compile.sh $b/p5 ../build/plugin/pvpatch.so $b/cputime
measure P6 p6_apply
measure P7 p7_table
measure P8 $b/p8
measure P9 p9_size
measure P10 p10_linux

sort -k1,1 -k2,2 -k3,3g "$samples" | awk -f stats.awk > "$out/stats"
awk -v csv=$b/results.csv -f report.awk "$out/stats" goals.tsv details.tsv |
	tee "$out/table"
complete=$?

gnuplot -e "stats='$out/stats'; png='$b/results.png'" plot.gp > "$log.gnuplot" 2>&1 ||
	{ echo "bench: plot failed (see $log.gnuplot)" >&2; failed="$failed plot"; }

if [ -n "$failed" ] || [ "$complete" -ne 0 ]; then
	echo "bench: not every measurement ran:${failed:- (rows without samples)}" >&2
	exit 1
fi
echo "bench: $b/results.csv and $b/results.png written; log in $log" >&2
