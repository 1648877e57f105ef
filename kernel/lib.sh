# Shared by kernel/check.sh and kernel/check-linux.sh (sourced from
# kernel/, with $B set to the build directory): PASS/FAIL counting, the
# watched boot of one guest under QEMU, and Linux's boots on bare QEMU and
# as Xen's dom0.

passed=0
failed=0

pass() {
	echo "PASS: $*"
	passed=$((passed + 1))
}

fail() {
	echo "FAIL: $*"
	failed=$((failed + 1))
}

# check TEXT COMMAND...: PASS if the command succeeds; its status.
check() {
	text=$1
	shift
	if "$@"; then
		pass "$text"
		return 0
	fi
	fail "$text"
	return 1
}

# Show the end of a log below a failure.
show_log() {
	tail -n 15 "$1" | sed 's/^/    | /'
}

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}

# Replay "PASS: ..." and "FAIL: ..." lines a guest printed; PREFIX names it.
replay() {
	while IFS= read -r line; do
		case $line in
		"PASS: "*) pass "$1${line#PASS: }" ;;
		"FAIL: "*) fail "$1${line#FAIL: }" ;;
		esac
	done <"$2"
}

# What ends a boot at once as a crash: the kernel's oops, BUG, panic or
# fault reports, Xen's unhandled guest fault, its own panic and its report
# of a crashed dom0.
CRASH='Kernel panic|Oops|BUG:|general protection fault|double fault|Unhandled|Panic on CPU|Dom0 crashed|Domain 0 crashed'

# Time since an epoch in tenths of seconds.
# deps GROUP LABEL: scripts/deps.sh GROUP installs what the checks need;
# without it nothing else can run.
deps() {
	if ../scripts/deps.sh "$1" >"$B/deps.log" 2>&1; then
		pass "$2: Debian packages of scripts/deps.sh $1 installed"
	else
		fail "$2: Debian packages of scripts/deps.sh $1 missing"
		show_log "$B/deps.log"
		finish
	fi
}

tenths() {
	t=$(date +%s%N)
	echo $((t / 100000000))
}

# boot NAME LIMIT QEMU-ARGS...: run one guest, bounded by LIMIT seconds,
# its serial console in $B/NAME.log (CRs removed).  The log is watched
# while it runs: a line matching $CRASH ends the boot at once.  Sets
# $log, $seconds (with tenths) and $ended to "exited", "crashed: LINE" or
# "timed out after LIMIT s"; QEMU is killed unless it exited.
boot() {
	log=$B/$1.log
	limit=$2
	shift 2
	raw=$log.raw
	: >"$raw"
	start=$(tenths)
	"$@" -accel tcg -display none -vga none -monitor none -net none \
		-serial "file:$raw" -no-reboot </dev/null >"$log.qemu" 2>&1 &
	qemu=$!
	ended=
	while [ -z "$ended" ]; do
		if ! kill -0 "$qemu" 2>/dev/null; then
			ended=exited
		elif crash=$(tr -d '\r' <"$raw" | grep -m 1 -E "$CRASH"); then
			ended="crashed: $crash"
		elif [ $(($(tenths) - start)) -ge $((limit * 10)) ]; then
			ended="timed out after ${limit} s"
		else
			sleep 0.2
		fi
	done
	[ "$ended" = exited ] || kill "$qemu" 2>/dev/null
	wait "$qemu" 2>/dev/null
	d=$(($(tenths) - start))
	seconds=$((d / 10)).$((d % 10))
	tr -d '\r' <"$raw" >"$log"
	rm -f "$raw"
}

# booted TEXT MARK...: PASS if the last boot exited by itself and its log
# has every MARK line; otherwise FAIL naming how it ended.  Its status.
booted() {
	text="$1: ${seconds}s"
	shift
	missing=
	for mark in "$@"; do
		grep -qx -- "$mark" "$log" || missing="$missing '$mark'"
	done
	if [ "$ended" = exited ] && [ -z "$missing" ]; then
		pass "$text"
		return 0
	fi
	[ "$ended" = exited ] && ended="exited without$missing"
	fail "$text: $ended"
	show_log "$log"
	return 1
}

# Both kinds of Linux boot pass these.  nowatchdog: the lockup detectors
# compare against wall time, which a TCG guest on a loaded host does not
# get its share of (a "soft lockup" of an idle vCPU was seen under Xen at
# load 10); a real hang ends in boot()'s timeout.
LINUX_ARGS='quiet panic=-1 nowatchdog'

# boot_linux_bare NAME VMLINUZ INITRD: a Linux on QEMU with 2 CPUs.
boot_linux_bare() {
	boot "$1" 180 qemu-system-x86_64 -m 256 -smp 2,sockets=2 \
		-kernel "$2" -initrd "$3" -append "console=ttyS0 $LINUX_ARGS"
}

# boot_linux_xen NAME VMLINUZ INITRD: a Linux as Xen 4.17's PV dom0 with
# 2 vCPUs, on QEMU with 2 CPUs.  Xen boots from QEMU's -kernel once
# gunzipped (make xen); dom0's kernel and initramfs are its multiboot
# modules, "FILE ARGS" each, split by QEMU on commas (these paths must
# have none).  -smap: QEMU 7.2's TCG faults the PV kernel's iretq under
# SMAP.  noreboot keeps a crashed machine's log; boot() ends it.  Fails
# if Xen cannot be unpacked.
XEN_ARGS='console=com1 com1=115200,8n1 dom0_mem=512M,max:512M dom0_max_vcpus=2 loglvl=all guest_loglvl=all noreboot'
boot_linux_xen() {
	if ! make xen B="$B" >"$B/xen.log" 2>&1; then
		log=$B/xen.log
		ended="not started: Xen 4.17 not unpacked"
		seconds=0.0
		return 1
	fi
	boot "$1" 300 qemu-system-x86_64 -m 1024 -smp 2,sockets=2 \
		-cpu max,-smap -kernel "$B/xen-4.17" -append "$XEN_ARGS" \
		-initrd "$2 console=hvc0 earlyprintk=xen $LINUX_ARGS,$3"
}

# log_clean TEXT: PASS if the last boot's kernel log (Xen's own lines
# left out) has no warning, oops or BUG.
log_clean() {
	trouble='WARNING:|BUG:|Oops|general protection|Call Trace|sysfs: cannot'
	if grep -vE '^\(XEN\)' "$log" | grep -qE "$trouble"; then
		fail "$1"
		grep -vE '^\(XEN\)' "$log" | grep -E "$trouble" | head -n 10 | sed 's/^/    | /'
	else
		pass "$1"
	fi
}
