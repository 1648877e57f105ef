#!/bin/sh
# make check-linux (make -C kernel check-linux): a whole Linux 6.12 from
# Debian's linux-source-6.12, with the configuration fragment of
# linux/6.12, built out of tree in build/linux-6.12/KERNEL and booted on
# bare QEMU and as Xen 4.17's PV dom0, 2 CPUs each, running the workload
# of kernel/workload (docs/kernel.md).  Kernels:
#   stock   the source as Debian ships it
#   plainc  with linux/6.12/paravirt-plain-c.patch, built with the plugin
# then the plain-C kernel against the stock one: its pv call sites, and
# the figures of bench's P10 (written to build/linux-6.12/figures).
#
# Prints one PASS or FAIL line per check (the workload's own lines
# included) and last "N passed, N failed"; exits non-zero if anything
# failed.  Build logs and boot logs are in build/linux-6.12/.
set -u
cd "$(dirname "$0")"
B=../build/linux-6.12
mkdir -p "$B"
. ./lib.sh
. ../scripts/sizes.sh

# Objtool's warnings in a build log.  The objects they name are removed,
# so that the next (incremental) build runs objtool on them again and
# cannot pass by not looking.
objtool_warnings() {
	local warnings
	warnings=$(grep 'objtool' "$1" | grep -i 'warning') || return 1
	printf '%s\n' "$warnings"
	printf '%s\n' "$warnings" | sed -n 's/^\([^: ]*\.o\): .*/\1/p' |
		while read -r object; do rm -f "$B/$kernel/$object"; done
}

# build KERNEL: make linux-KERNEL; its checks.  Fails if it did not build.
build() {
	kernel=$1
	prefix="Linux 6.12 $kernel"
	buildlog=$B/$kernel.log
	start=$(tenths)
	[ -f "$B/$kernel/vmlinux" ] && scratch= || scratch=1
	if make "linux-$kernel" >"$buildlog" 2>&1; then
		d=$(($(tenths) - start))
		# A build from nothing is the compile time bench's P10 shows:
		# seconds, and the load it ran at.
		[ -z "$scratch" ] || echo "$((d / 10)).$((d % 10)) $(cut -d' ' -f1 /proc/loadavg)" >"$B/$kernel.scratch-build"
		pass "$prefix: built, with pvwork.ko and the initramfs: $((d / 10)).$((d % 10))s (make -j${LINUX_JOBS:-2}, load $(cut -d' ' -f1 /proc/loadavg))"
	else
		fail "$prefix: built, with pvwork.ko and the initramfs"
		show_log "$buildlog"
		return 1
	fi
	missing=$(grep '^CONFIG_' ../linux/6.12/pvpatch.config | while read -r line; do
		grep -qx -- "$line" "$B/$kernel/.config" || echo "$line"
	done)
	check "$prefix: every value of linux/6.12/pvpatch.config is in .config${missing:+ (not:$(echo $missing))}" \
		test -z "$missing"
	if warnings=$(objtool_warnings "$buildlog"); then
		fail "$prefix: objtool printed no warning"
		printf '%s\n' "$warnings" | head -n 10 | sed 's/^/    | /'
	else
		pass "$prefix: objtool printed no warning"
	fi
}

# boots KERNEL: its bzImage and initramfs, bare and as Xen's dom0.
boots() {
	kernel=$1
	image=$B/$kernel/arch/x86/boot/bzImage
	initramfs=$B/$kernel/initramfs.cpio.gz
	boot_linux_bare "$kernel/bare" "$image" "$initramfs"
	workload "Linux 6.12 $kernel bare" "booted (QEMU, TCG, 2 CPUs)"
	boot_linux_xen "$kernel/xen" "$image" "$initramfs"
	workload "Linux 6.12 $kernel Xen" "booted as Xen 4.17 PV dom0 (QEMU, TCG, 2 vCPUs)"
}

# workload WHERE HOW: the checks of the boot that just ended.
workload() {
	booted "$1: $2, ran the workload, powered off" 'workload-end' || return
	replay "$1: " "$log"
	log_clean "$1: kernel log has no warning, oops or BUG"
}

# What pvwork.ko found at the pv sites of KERNEL after its boot WHERE (bare
# or xen; kernel/workload/pvwork.c): "pv_ops+OFFSET FORM" once each.
site_forms() {
	sed -n 's/.*pvwork: site \(pv_ops+[0-9]*\) \(.*\) x[0-9]*$/\1 \2/p' "$B/$1/$2.log" | sort -u
}

# forms_alike WHERE: after the boots WHERE, every plain-C site holds what
# the stock kernel's patcher wrote at the sites of the same member: native
# code, a direct call of the same function, NOPs.  Members only one kernel
# calls have nothing to compare with.
forms_alike() {
	for kernel in stock plainc; do
		read_back=$(sed -n 's/.*pvwork: \([0-9]*\) sites read, .*/\1/p' "$B/$kernel/$1.log" | head -n 1)
		listed=$(od -An -tu8 -j8 -N8 "$B/$kernel/pvsites.list" | tr -d ' ')
		check "Linux 6.12 $kernel $1: pvwork.ko read back ${read_back:-none} of the $listed pv sites outside init code" \
			test "${read_back:-none}" = "$listed"
		site_forms $kernel "$1" >"$B/$kernel/$1.forms"
	done
	differ=$(awk 'FNR == 1 { kernel++ }
		{ called[kernel, $1] = 1; holds[kernel, $0] = 1; member[$0] = $1 }
		END { for (form in member)
			if (called[1, member[form]] && called[2, member[form]] &&
			    !(holds[1, form] && holds[2, form]))
				print (holds[1, form] ? "stock" : "plain C") " only: " form }' \
		"$B/stock/$1.forms" "$B/plainc/$1.forms" | sort)
	members=$(cut -d' ' -f1 "$B/stock/$1.forms" "$B/plainc/$1.forms" | sort | uniq -d | wc -l)
	check "$prefix $1: each site holds after boot what stock's sites of its member hold ($members members both call)" \
		test -z "$differ" -a "$members" -gt 0
	[ -z "$differ" ] || printf '%s\n' "$differ" | head -n 10 | sed 's/^/    | /'
}

# The lines of the paravirt headers of the source tree $1.
header_lines() {
	cat "$1/arch/x86/include/asm/paravirt.h" "$1/arch/x86/include/asm/paravirt_types.h" | wc -l
}

# The plain-C kernel against the stock one.
compare() {
	prefix="Linux 6.12 plain C"
	# Counted by the kernels' builds (linux-pvsites.py, kernel/Makefile).
	if ! [ -s "$B/stock/pvsites" ] || ! [ -s "$B/plainc/pvsites" ]; then
		fail "$prefix: pv call sites counted from both alternatives tables"
		return
	fi
	stock_sites=$(sed -n 's/^sites //p' "$B/stock/pvsites")
	plainc_sites=$(sed -n 's/^sites //p' "$B/plainc/pvsites")
	check "$prefix: $plainc_sites pv call sites, stock $stock_sites" \
		test "$plainc_sites" -ge "$stock_sites"
	missing=$(awk 'NR == FNR { if ($1 ~ /^[0-9]+$/) called[$1] = 1; next }
		$1 ~ /^[0-9]+$/ && !called[$1] { printf " pv_ops+%s", $1 }' \
		"$B/plainc/pvsites" "$B/stock/pvsites")
	check "$prefix: calls every pv_ops member stock calls ($(sed -n 's/^members //p' "$B/stock/pvsites"))${missing:+, not:$missing}" \
		test -z "$missing"
	forms_alike bare
	forms_alike xen
	{
		echo "P10 code.stock $(code_bytes "$B/stock/vmlinux")"
		echo "P10 code.plainc $(code_bytes "$B/plainc/vmlinux")"
		echo "P10 alt.stock $(section_bytes "$B/stock/vmlinux" .altinstructions .altinstr_replacement)"
		echo "P10 alt.plainc $(section_bytes "$B/plainc/vmlinux" .altinstructions .altinstr_replacement)"
		echo "P10 header.lines.stock $(header_lines ../build/linux-6.12/linux-source-6.12)"
		echo "P10 header.lines.plainc $(header_lines ../build/linux-6.12/plainc-source)"
		for kernel in stock plainc; do
			[ -f "$B/$kernel.scratch-build" ] &&
				read -r build_s build_load <"$B/$kernel.scratch-build" &&
				echo "P10 build.seconds.$kernel $build_s" &&
				echo "P10 build.load.$kernel $build_load"
		done
	} >"$B/figures"
	sed 's/^/      /' "$B/figures"
}

deps linux "Linux 6.12"
built=
for kernel in stock plainc; do
	if build $kernel; then
		built="$built $kernel"
		boots $kernel
	fi
done
# Only kernels built by this run: a vmlinux left by an earlier build is
# no figure of this source.
[ "$built" = " stock plainc" ] && compare
finish
