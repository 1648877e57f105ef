#!/bin/sh
# Install the Debian packages a pvpatch target needs.
#   scripts/deps.sh GROUP... (groups: core, kernel, linux, fuzz, bench,
#                            install, gcc11, package)
# As root, missing packages are installed (apt-get update first); otherwise
# the exact apt-get line is printed and the script fails.
set -eu

# The newest Linux 6.12 release Debian has both headers and an image of:
# the signed image can lag behind the headers, the -unsigned image of the
# same release does not.  Empty until apt's lists know any.
linux_6_12() {
	for headers in $(apt-cache pkgnames linux-headers-6.12. |
		grep -E '^linux-headers-6\.12\.[0-9]+\+deb[0-9]+-amd64$' | sort -rV); do
		image=linux-image-${headers#linux-headers-}-unsigned
		if apt-cache show "$image" >/dev/null 2>&1; then
			echo "$headers $image"
			return
		fi
	done
}

# Groups installed without recommended packages: xen-hypervisor's would
# bring a whole Xen toolstack.
no_recommends() {
	[ "$1" = kernel ] || [ "$1" = linux ]
}

packages() {
	case "$1" in
	core) echo gcc g++ make gcc-12-plugin-dev libgmp-dev libiberty-dev dejagnu gcc-multilib g++-multilib binutils ;;
	kernel) echo linux-headers-amd64 linux-image-amd64 $(linux_6_12) \
		xen-hypervisor-4.17-amd64 qemu-system-x86 qemu-user busybox-static cpio ;;
	# make check-linux: Debian's 6.12 source, what building it takes, a
	# static C library for the workload, QEMU and Xen; python3 and
	# binutils (nm, size) for the sites and figures of both kernels
	linux) echo linux-source-6.12 bc bison flex libelf-dev libssl-dev xz-utils kmod cpio \
		libc6-dev qemu-system-x86 xen-hypervisor-4.17-amd64 python3 binutils ;;
	fuzz) echo csmith libcsmith-dev clang libclang-rt-14-dev creduce python3 lib32asan8 lib32ubsan1 ;;
	bench) echo gnuplot-nox util-linux binutils csmith libcsmith-dev linux-source linux-headers-amd64 ;;
	# make check's install tests: pkg-config, a second GCC into which an
	# install must be refused, and ccache (a changed plugin must not be
	# served from its cache)
	install) echo pkg-config gcc-11 ccache ;;
	# the whole build and testsuite with GCC 11 (make CC=gcc-11 CXX=g++-11)
	gcc11) echo gcc-11 g++-11 gcc-11-plugin-dev gcc-11-multilib g++-11-multilib ;;
	package) echo dpkg-dev debhelper lintian devscripts fakeroot pkg-config man-db ;;
	*) echo "deps.sh: unknown group '$1'" >&2; exit 2 ;;
	esac
}

# A fresh machine's apt knows no 6.12 release before its first update.
if [ "$(id -u)" -eq 0 ] && [ -z "$(apt-cache pkgnames linux-headers-6.12.)" ]; then
	apt-get update -qq
	updated=1
fi

missing=
missing_norec=
for group in "$@"; do
	for pkg in $(packages "$group"); do
		status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
		case "$status" in
		*" installed") ;;
		*) if no_recommends "$group"; then
			missing_norec="$missing_norec $pkg"
		   else
			missing="$missing $pkg"
		   fi ;;
		esac
	done
done
[ -z "$missing$missing_norec" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "pvpatch needs these Debian packages; run as root:" >&2
	echo "  apt-get update${missing:+ && apt-get install -y$missing}${missing_norec:+ && apt-get install -y --no-install-recommends$missing_norec}" >&2
	exit 1
fi
echo "deps.sh: installing$missing$missing_norec" >&2
export DEBIAN_FRONTEND=noninteractive
[ -n "${updated:-}" ] || apt-get update -qq
[ -z "$missing" ] || apt-get install -y -qq$missing >&2
[ -z "$missing_norec" ] || apt-get install -y -qq --no-install-recommends$missing_norec >&2
