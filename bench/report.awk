# The results table and results.csv, from stats.awk's output and the row
# lists:
#   awk -v csv=FILE -f report.awk STATS goals.tsv details.tsv
# Prints one line per row: the median with the quartiles and the number
# of samples, and for goals whether the median, at the goal's precision,
# meets it.  Exits 1 if a goal's row has no samples (could not run).
BEGIN {
	FS = "\t"
	print "id,metric,value,goal,met" > csv
	printf "%-3s %-64s %12s  %-25s %4s  %-8s %s\n", "id", "metric",
		"median", "quartiles", "n", "goal", "met"
}

FILENAME == ARGV[1] {
	split($0, f, " ")
	k = f[1] " " f[2]
	n[k] = f[3]; median[k] = f[4]; p25[k] = f[5]; p75[k] = f[6]
	next
}

/^#/ || NF == 0 { next }

# Does value (a string as shown) meet goal ("<=1.05", ">=10000", "==0")?
function meets(value, goal,    op, limit) {
	match(goal, /^[<>=]+/)
	op = substr(goal, 1, RLENGTH)
	limit = substr(goal, RLENGTH + 1) + 0
	value += 0
	return op == "<=" ? value <= limit : op == ">=" ? value >= limit : \
	       op == "<" ? value < limit : op == ">" ? value > limit : \
	       value == limit
}

function row(id, key, unit, goal, digits, text,    k, shown, met) {
	k = id " " key
	if (!(k in n)) {
		printf "%-3s %-64s %12s  %-25s %4s  %-8s %s\n", id, text,
			"NOT MEASURED", "", "", goal, goal == "" ? "" : "no"
		if (goal != "") {
			printf "%s,\"%s\",,%s,no\n", id, text, goal > csv
			missing++
		}
		return
	}
	shown = sprintf("%." digits "f", median[k])
	printf "%-3s %-64s %12s  [%10." digits "f, %10." digits "f] %4d  %-8s %s\n",
		id, text, shown " " unit, p25[k], p75[k], n[k], goal,
		goal == "" ? "" : meets(shown, goal) ? "yes" : "no"
	if (goal != "")
		printf "%s,\"%s\",%s,%s,%s\n", id, text, shown, goal,
			meets(shown, goal) ? "yes" : "no" > csv
}

FILENAME == ARGV[2] { row($1, $2, $3, $4, $5, $6); next }
!details++ { print "\nalongside (no goal):" }
{ row($1, $2, $3, "", $4, $5) }

END { exit missing ? 1 : 0 }
