# SPDX-License-Identifier: MIT
# Sizes of ELF files, for make bench and make check-linux (sourced).

# code_bytes FILE: bytes of code, the sizes of FILE's function symbols.
# A vmlinux's .text section is padded to a 2 MiB boundary, so the
# section's size would hide the code's.
code_bytes() {
	nm -S -t d --defined-only "$1" | awk '$3 ~ /^[Tt]$/ { s += $2 } END { print s + 0 }'
}

# section_bytes FILE NAME...: bytes of FILE's sections called NAME
# (a relocatable object may have several of one name).
section_bytes() {
	local file=$1
	shift
	size -A "$file" | awk -v names=" $* " 'index(names, " " $1 " ") { s += $2 } END { print s + 0 }'
}
