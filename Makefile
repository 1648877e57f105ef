# pvpatch: GCC plugin, runtime, tests.
#
#   make            build the plugin, the runtime libraries and the site
#                   lister, all into build/ (nothing is written beside the
#                   sources: every part's outputs are in build/PART/)
#   make demo       compile and run the example, printing its sites
#   make check      the DejaGnu testsuite (plugin, runtime, kernels under
#                   QEMU, quick fuzzing); last line "N passed, N failed"
#   make check-kernel   only the kernel checks (kernel/check.sh)
#   make check-linux    a whole Linux 6.12 built from Debian's source and
#                   booted bare and under Xen with a workload
#                   (kernel/check-linux.sh, docs/kernel.md); not in check
#   make fuzz       differential fuzzing, FUZZ_N programs from FUZZ_SEED
#                   (FUZZ_REDUCE=1 reduces reproducers, FUZZ_FLOAT=1 uses
#                   floating point); docs/reliability.md
#   make fuzz-table libFuzzer on the runtime's table validation, longer
#   make fuzz-scan  the scanner's differential fuzzer: FUZZ_N assembly
#                   functions from FUZZ_SEED, scanned, patched every way
#                   and compared with their unpatched runs; last line
#                   "fuzz-scan: N functions, N sites, N mismatches"
#   make bench      the benchmarks P1-P8; docs/performance.md
#   make install    install into PREFIX (/usr/local), staged under DESTDIR;
#                   the plugin into the compiler's own plugin folder
#                   (PLUGINDIR), so that -fplugin=pvpatch finds it
#   make uninstall  remove what make install installed
#   make deb        the Debian package pvpatch, in build/deb/
#   make check-package  build, install, use and remove that package (root)
#
# Missing Debian packages are installed by scripts/deps.sh when run as root
# (the exact apt-get line is printed otherwise).

ifeq ($(origin CC),default)
CC := gcc
endif
ifeq ($(origin CXX),default)
CXX := g++
endif

PLUGIN_DIR := $(shell $(CC) -print-file-name=plugin)
PLUGIN_CC := $(PLUGIN_DIR) $(shell $(CXX) -dumpfullversion)
PLUGIN_CXXFLAGS := -std=gnu++11 -O2 -g -Wall -Wextra -Wno-unused-parameter \
	-fPIC -fno-rtti -fno-exceptions -I$(PLUGIN_DIR)/include -Iinclude \
	-Iruntime
# Every output of every part goes below this one folder.
BUILD := build

# The plugin proper, which the build tree's users (the testsuite, the demo,
# the kernel checks) load directly.
PLUGIN_SRCS := $(filter-out plugin/loader.cc,$(wildcard plugin/*.cc))
# The runtime's decoder and code scan, linked in to check native code
# (plugin/native.cc) with the very analysis the runtime applies.
PLUGIN_RUNTIME_SRCS := runtime/insn.c runtime/analyze.c
PLUGIN_OBJS := $(patsubst plugin/%.cc,$(BUILD)/plugin/%.o,$(PLUGIN_SRCS)) \
	$(patsubst runtime/%.c,$(BUILD)/plugin/runtime/%.o,$(PLUGIN_RUNTIME_SRCS))
PLUGIN := $(BUILD)/plugin/pvpatch.so
# What make install puts in the compiler's plugin folder as pvpatch.so: a
# loader that refers to no GCC symbol and opens the plugin proper,
# installed beside it under the name in $(PLUGIN_FILE) (plugin/loader.cc).
PLUGIN_LOADER := $(BUILD)/plugin/loader/pvpatch.so
PLUGIN_FILE := $(BUILD)/plugin/loader/plugin-file

TOOLS := $(BUILD)/tools/pvpatch-sites
# Runs the i386 core for pvpatch-sites; installed beside the core objects.
SITES_CORE32 := $(BUILD)/tools/pvpatch-sites-core32
RUNTIME_BUILD := $(BUILD)/runtime

.PHONY: all deps deps-check plugin runtime tools check check-kernel check-linux fuzz \
	fuzz-table fuzz-scan bench demo clean install uninstall deb check-package FORCE
all: plugin runtime tools

tools: $(TOOLS) $(SITES_CORE32)

# pvpatch-sites (tools/sites/) and pvpatch-sites-core32, which runs the
# i386 core for it: both linked with the runtime's core, built from
# runtime/Makefile's one source list with its flags.  scan also uses the
# runtime's decoder through its internal header (runtime/insn.h).
CORE_SRCS := $(addprefix runtime/,$(shell $(MAKE) -s --no-print-directory -C runtime print-core-srcs))
CORE_CFLAGS := $(shell $(MAKE) -s --no-print-directory -C runtime print-core-cflags)
SITES_CFLAGS := -std=c11 -O2 -g -Wall -Wextra -Iinclude -Iruntime
SITES_SRCS := $(filter-out tools/sites/core32.c,$(wildcard tools/sites/*.c))
SITES_HDRS := $(wildcard tools/sites/*.h include/*.h runtime/*.h)
SITES_CORE64_OBJS := $(CORE_SRCS:runtime/%.c=$(BUILD)/tools/core64/%.o)
SITES_CORE32_OBJS := $(CORE_SRCS:runtime/%.c=$(BUILD)/tools/core32/%.o)

$(BUILD)/tools/core64/%.o: runtime/%.c $(SITES_HDRS)
	@mkdir -p $(@D)
	$(CC) $(SITES_CFLAGS) $(CORE_CFLAGS) -c -o $@ $<

$(BUILD)/tools/core32/%.o: runtime/%.c $(SITES_HDRS)
	@mkdir -p $(@D)
	$(CC) -m32 $(SITES_CFLAGS) $(CORE_CFLAGS) -c -o $@ $<

$(TOOLS): $(SITES_SRCS) $(SITES_CORE64_OBJS) $(SITES_HDRS) | deps
	@mkdir -p $(@D)
	$(CC) $(SITES_CFLAGS) -DSITES_CORE32='"$(COREDIR)/pvpatch-sites-core32"' \
		$(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ \
		$(SITES_SRCS) $(SITES_CORE64_OBJS) -liberty

$(SITES_CORE32): tools/sites/core32.c tools/sites/core-run.c \
		$(SITES_CORE32_OBJS) $(SITES_HDRS) | deps
	@mkdir -p $(@D)
	$(CC) -m32 $(SITES_CFLAGS) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ \
		tools/sites/core32.c tools/sites/core-run.c $(SITES_CORE32_OBJS)

deps:
	@scripts/deps.sh core

# What the whole testsuite needs beyond the build.
deps-check:
	@scripts/deps.sh core kernel fuzz install

plugin: deps $(PLUGIN) $(PLUGIN_LOADER)

$(PLUGIN): $(PLUGIN_OBJS)
	@mkdir -p $(@D)
	$(CXX) -shared $(LDFLAGS) -o $@ $^

# The plugin proper's installed name: the GCC version it is for and a
# digest of it.  The loader holds that name, so it changes whenever the
# plugin does, and ccache, which hashes the file -fplugin names, sees it.
$(PLUGIN_FILE): $(PLUGIN)
	@mkdir -p $(@D)
	echo "pvpatch-gcc$$($(CXX) -dumpfullversion)-$$(sha256sum $< | cut -c1-16).so" >$@

# The loader must load into any GCC: it may need nothing but the C
# library's symbols (nm prints those with their version, @GLIBC_...).
$(PLUGIN_LOADER): plugin/loader.cc $(PLUGIN_FILE) $(BUILD)/plugin-cc | deps
	$(CXX) $(PLUGIN_CXXFLAGS) $(CPPFLAGS) $(CXXFLAGS) \
		-DPVPATCH_PLUGIN_FILE="\"$$(cat $(PLUGIN_FILE))\"" \
		-shared $(LDFLAGS) -o $@ $< -ldl
	@! nm -D --undefined-only $@ | grep -v -e '@GLIBC_' -e ' w ' || { \
	  echo "$@ refers to the symbols above, which GCC would have to provide" >&2; \
	  rm -f $@; exit 1; }

$(BUILD)/plugin/%.o: plugin/%.cc $(wildcard plugin/*.h) $(wildcard runtime/*.h) \
		include/pvpatch_site.h $(BUILD)/plugin-cc | deps
	@mkdir -p $(@D)
	$(CXX) $(PLUGIN_CXXFLAGS) $(CPPFLAGS) $(CXXFLAGS) -c -o $@ $<

$(BUILD)/plugin/runtime/%.o: runtime/%.c $(wildcard runtime/*.h) $(wildcard include/*.h) \
		$(BUILD)/plugin-cc | deps
	@mkdir -p $(@D)
	$(CC) -std=c11 -O2 -g -Wall -Wextra -fPIC -Iinclude $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

# The compiler the plugin is built for, rewritten only when it changes:
# `make CC=gcc-11 CXX=g++-11` after `make` rebuilds the plugin.
$(BUILD)/plugin-cc: FORCE
	@mkdir -p $(@D)
	@echo '$(PLUGIN_CC)' | cmp -s - $@ || echo '$(PLUGIN_CC)' >$@

runtime: deps
	$(MAKE) -C runtime

check: all deps-check
	@testsuite/run.sh

check-kernel: all deps-check
	$(MAKE) -C kernel check

check-linux: all
	$(MAKE) -C kernel check-linux

fuzz fuzz-table: all
	$(MAKE) -C testsuite/fuzz $@

# testsuite/fuzz/scanfuzz.py (docs/reliability.md); its i386 programs run
# in the testsuite's VM where the host cannot run them (the kernel group
# installs the VM's kernel).
fuzz-scan: all
	@scripts/deps.sh kernel
	PYTHONPYCACHEPREFIX=$(BUILD)/fuzz/pycache \
	python3 testsuite/fuzz/scanfuzz.py run --vm $(BUILD)/fuzz/i386-vm-scan \
		-n $(or $(FUZZ_N),100) -s $(or $(FUZZ_SEED),1) $(if $(FUZZ_JOBS),-j $(FUZZ_JOBS))

bench: all
	$(MAKE) -C bench bench

demo: all
	$(MAKE) -C demo run

include install.mk

# Everything built, tested, measured or packaged is below $(BUILD).
clean:
	rm -rf $(BUILD)
