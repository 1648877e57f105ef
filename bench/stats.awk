# Medians and quartiles of the sample lines "ID KEY VALUE", which must
# arrive sorted by ID, KEY and then numerically by VALUE:
#   sort -k1,1 -k2,2 -k3,3g samples | awk -f stats.awk
# Prints "ID KEY N MEDIAN P25 P75 MIN MAX" per key.  Quantiles interpolate
# between the two nearest samples.

function quantile(p,    x, i) {
	x = 1 + (n - 1) * p
	i = int(x)
	return i >= n ? v[n] : v[i] + (x - i) * (v[i + 1] - v[i])
}

function flush() {
	if (n)
		printf "%s %s %d %.6g %.6g %.6g %.6g %.6g\n", id, key, n,
			quantile(0.5), quantile(0.25), quantile(0.75), v[1], v[n]
	n = 0
}

$1 != id || $2 != key { flush(); id = $1; key = $2 }
{ v[++n] = $3 }
END { flush() }
