#!/bin/sh
# Install the Debian packages a pvpatch target needs.
#   tools/deps.sh GROUP...   (groups: core, kernel, fuzz, bench)
# As root, missing packages are installed (apt-get update first); otherwise
# the exact apt-get line is printed and the script fails.
set -eu

packages() {
	case "$1" in
	core) echo gcc g++ make gcc-12-plugin-dev libgmp-dev libiberty-dev dejagnu gcc-multilib g++-multilib binutils ;;
	kernel) echo linux-headers-amd64 linux-image-amd64 qemu-system-x86 qemu-user busybox-static cpio ;;
	fuzz) echo csmith libcsmith-dev clang libclang-rt-14-dev creduce python3 lib32asan8 lib32ubsan1 ;;
	bench) echo gnuplot-nox util-linux binutils csmith libcsmith-dev linux-source linux-headers-amd64 ;;
	*) echo "deps.sh: unknown group '$1'" >&2; exit 2 ;;
	esac
}

missing=
for group in "$@"; do
	for pkg in $(packages "$group"); do
		status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
		case "$status" in
		*" installed") ;;
		*) missing="$missing $pkg" ;;
		esac
	done
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "pvpatch needs these Debian packages; run as root:" >&2
	echo "  apt-get update && apt-get install -y$missing" >&2
	exit 1
fi
echo "deps.sh: installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq$missing >&2
