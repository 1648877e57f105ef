#!/bin/sh
# Print the newest installed Debian kernel release (e.g. 6.1.0-56-amd64)
# that has both its headers, for building modules, and its image, for
# booting them.  Fails if there is none.
for dir in $(ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -rV); do
	release=${dir#/usr/src/linux-headers-}
	if [ -f "/boot/vmlinuz-$release" ]; then
		echo "$release"
		exit 0
	fi
done
echo "linux-release.sh: no linux-headers-*-amd64 with a matching /boot/vmlinuz-*" >&2
exit 1
