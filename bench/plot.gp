# results.png: the per-call costs behind P1-P3, median with quartiles.
#   gnuplot -e "stats='../build/bench/run/stats'; png='../build/bench/results.png'" plot.gp
# Left, P1: ticks per lock round trip in each state, both builds.  Right,
# P2 and P3: ticks per call against how many values the caller keeps
# live across the call.

set terminal pngcairo size 1400,560 font ",10"
set output png
set multiplot layout 1,2 title "pvpatch per-call costs (TSC ticks; median, bars: quartiles)"
set grid ytics
set key top left

# "< awk" rows from the stats lines (ID KEY N MEDIAN P25 P75 MIN MAX).
p1 = "< awk '$1 == \"P1\" && $2 ~ /ticks$/ { split($2, k, \".\"); m[k[2], k[1]] = $4 \" \" $5 \" \" $6 } " . \
     "END { n = split(\"native inline direct unpatched\", s, \" \"); " . \
     "for (i = 1; i <= n; i++) print s[i], m[s[i], \"plain\"], m[s[i], \"mitigated\"] }' " . stats

set title "P1: spinlock loop, per iteration"
set style data histogram
set style histogram errorbars gap 1 lw 1
set style fill solid 0.6 border -1
set ylabel "ticks"
set yrange [0:*]
plot p1 using 2:3:4:xtic(1) title "plain", \
     "" using 5:6:7 title "-mindirect-branch=thunk -mfunction-return=thunk"

calls(id, variant) = sprintf("< awk '$1 == \"%s\" && $2 ~ /^%s\\.live[0-9]+\\.ticks$/ " . \
     "{ split($2, k, \".\"); sub(\"live\", \"\", k[2]); print k[2], $4, $5, $6 }' %s | sort -n", \
     id, variant, stats)

set title "P2, P3: one call in a loop, per call"
set style data linespoints
set xlabel "values live across the call"
set xtics 2
set xrange [1:13]
plot calls("P2", "plain") using 1:2:3:4 with yerrorlines title "P2 plain C call", \
     calls("P2", "patched") using 1:2:3:4 with yerrorlines title "P2 site patched to a direct call", \
     calls("P3", "linux") using 1:2:3:4 with yerrorlines title "P3 Linux-style asm site", \
     calls("P3", "unpatched") using 1:2:3:4 with yerrorlines title "P3 site unpatched"
unset multiplot
