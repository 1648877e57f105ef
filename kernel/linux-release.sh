#!/bin/sh
# Print the newest installed Debian kernel release of one series, e.g.
#   kernel/linux-release.sh 6.1   ->   6.1.0-56-amd64
# that has both its headers, for building modules, and its image, for
# booting them.  Each check names the series it was written for, so
# installing a newer kernel never changes what an older check builds.
# Fails if there is none.
series=${1:?usage: linux-release.sh SERIES (e.g. 6.1)}
for dir in $(ls -d /usr/src/linux-headers-"$series".*-amd64 2>/dev/null | sort -rV); do
	release=${dir#/usr/src/linux-headers-}
	if [ -f "/boot/vmlinuz-$release" ]; then
		echo "$release"
		exit 0
	fi
done
echo "linux-release.sh: no linux-headers-$series.*-amd64 with a matching /boot/vmlinuz-*" >&2
exit 1
