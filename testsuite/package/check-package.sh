#!/bin/sh
# make check-package: install the Debian package built by `make deb` on
# this machine, use it as a user would -- the demo built with
# -fplugin=pvpatch and with pkg-config, no path into this tree; ccache
# with the short plugin name; the kernel checks with the installed plugin
# -- then purge it and check that nothing is left.  Needs root.
#   testsuite/package/check-package.sh build/deb/pvpatch_VERSION_amd64.deb
# One PASS or FAIL line per check, then "N passed, M failed".
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
deb=$(realpath "$1")
passed=0 failed=0
pass() { echo "PASS: $1"; passed=$((passed + 1)); }
fail() { echo "FAIL: $1"; failed=$((failed + 1)); }
check() { what=$1; shift; if "$@" >>"$log" 2>&1; then pass "$what"; else fail "$what"; fi; }

[ "$(id -u)" -eq 0 ] || { echo "check-package: needs root (apt-get)"; exit 1; }
if dpkg-query -W -f='${Status}' pvpatch 2>/dev/null | grep -q ' installed'; then
	echo "check-package: pvpatch is already installed; remove it first"
	exit 1
fi
work=$(mktemp -d)
log=$top/build/check-package.log
: >"$log"
trap 'rm -rf "$work"' EXIT
snapshot() { find /usr /etc -xdev -print 2>/dev/null | LC_ALL=C sort; }
snapshot >"$work/before"

check "package: apt-get install $(basename "$deb")" \
	env DEBIAN_FRONTEND=noninteractive apt-get install -y "$deb"
plugin=$(gcc -print-file-name=plugin)/pvpatch.so
check "package: the plugin is in gcc's plugin folder" test -f "$plugin"

mkdir "$work/user"
cp "$top/demo/demo.c" "$work/user/"
cd "$work/user" || exit 1
check "package: gcc -fplugin=pvpatch builds the demo" \
	gcc -fplugin=pvpatch -O2 -o demo demo.c -lpvpatch -pthread
check "package: pvpatch-sites lists the demo's sites" \
	sh -c 'pvpatch-sites demo | grep -q "^[1-9][0-9]* sites, "'
check "package: the demo runs" ./demo
check "package: the demo builds with pkg-config" \
	sh -c 'gcc -O2 $(pkg-config --cflags pvpatch) -o demo2 demo.c $(pkg-config --libs pvpatch) && ./demo2'
check "package: no flag points into the source tree" \
	sh -c "! pkg-config --cflags --libs pvpatch | grep -q '$top'"
for page in pvpatch.7 pvpatch-sites.1 libpvpatch.3 pvpatch_apply.3; do
	check "package: man ${page%.*}(${page##*.})" man -w "${page##*.}" "${page%.*}"
done

# ccache and the short plugin name: ccache hashes a plugin named by path,
# but cannot find one named -fplugin=pvpatch, so it serves objects compiled
# with the old plugin after it changes (if ccache learns to, this check
# fails and docs/user-guide.md can drop its advice).  CCACHE_EXTRAFILES
# naming the installed plugin makes it miss.
export CCACHE_DIR="$work/ccache"
unset CCACHE_DISABLE
hits() { ccache --print-stats | awk '$1 == "direct_cache_hit" || $1 == "preprocessed_cache_hit" { n += $2 } END { print n }'; }
compile() { ccache gcc -fplugin=pvpatch -O2 -c demo.c -o demo.o; }
cp "$plugin" "$work/plugin.orig"
compile && compile
before=$(hits)
printf 'x' >>"$plugin"	# a different build of the plugin, as far as ccache can know
compile
after=$(hits)
echo "ccache: $before hits before the change, $after after" >>"$log"
if [ "$before" = 1 ] && [ "$after" = 2 ]; then
	pass "package: ccache alone does not see a changed -fplugin=pvpatch"
else
	fail "package: ccache alone does not see a changed -fplugin=pvpatch"
fi
export CCACHE_EXTRAFILES=$plugin
compile && compile
before=$(hits)
printf 'x' >>"$plugin"
compile
after=$(hits)
cp "$work/plugin.orig" "$plugin"
if [ "$after" = "$before" ]; then
	pass "package: with CCACHE_EXTRAFILES ccache misses after the plugin changes"
else
	fail "package: with CCACHE_EXTRAFILES ccache misses after the plugin changes"
fi
unset CCACHE_EXTRAFILES CCACHE_DIR

# docs/kernel.md's Kbuild flags with the installed plugin by its name.
if [ "${PVPATCH_PACKAGE_KERNEL:-1}" = 1 ]; then
	make -s -C "$top/kernel" check PVPATCH_PLUGIN=pvpatch PVPATCH_SITES=pvpatch-sites >"$work/kernel.log" 2>&1
	cat "$work/kernel.log" >>"$log"
	sed -n 's/^\(PASS\|FAIL\): \(.*\)/\1: package: installed plugin, \2/p' "$work/kernel.log" |
	while read -r line; do echo "$line"; done >"$work/kernel.results"
	cat "$work/kernel.results"
	passed=$((passed + $(grep -c '^PASS' "$work/kernel.results")))
	failed=$((failed + $(grep -c '^FAIL' "$work/kernel.results")))
	grep -q '^PASS' "$work/kernel.results" || fail "package: kernel checks reported nothing"
fi

cd / || exit 1
check "package: apt-get purge pvpatch" \
	env DEBIAN_FRONTEND=noninteractive apt-get purge -y pvpatch
snapshot >"$work/after"
if cmp -s "$work/before" "$work/after"; then
	pass "package: nothing left after purge"
else
	diff "$work/before" "$work/after" >>"$log"
	fail "package: nothing left after purge"
fi
echo "details: $log"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
