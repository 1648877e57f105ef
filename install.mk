# Installation and the Debian package; included by the top Makefile.
#
# GNU conventions: PREFIX (/usr/local) and the directories below it can be
# set on the command line, DESTDIR stages the whole tree elsewhere.  The
# plugin goes to the plugin folder of the compiler it was built for, not
# below PREFIX: only there does `gcc -fplugin=pvpatch` find it by name.
# There pvpatch.so is the loader (plugin/loader.cc), and the plugin proper
# is beside it, named for the GCC version and its own digest.

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
INCLUDEDIR ?= $(PREFIX)/include
LIBDIR ?= $(PREFIX)/lib
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
MANDIR ?= $(PREFIX)/share/man
PLUGINDIR ?= $(PLUGIN_DIR)
# The freestanding core objects, for kernels and boot code, and the
# helper that runs the i386 core for pvpatch-sites.
COREDIR ?= $(LIBDIR)/pvpatch

# The version, stated once: in the Debian changelog.
paren_open := (
paren_close := )
VERSION := $(word 2,$(subst $(paren_open), ,$(subst $(paren_close), ,$(shell head -n1 debian/changelog))))

INSTALL ?= install
INSTALL_DATA ?= $(INSTALL) -m 644

# Every header of include/, at the same relative path: <pvpatch.h> and
# whatever it includes resolve below INCLUDEDIR as they do below include/.
HEADERS_PUBLIC := $(patsubst include/%,%,$(shell find include -name '*.h'))
LIBS_RUNTIME := $(RUNTIME_BUILD)/libpvpatch.a $(RUNTIME_BUILD)/libpvpatch-m32.a
CORE_OBJECTS := $(RUNTIME_BUILD)/pvpatch-core-64.o $(RUNTIME_BUILD)/pvpatch-core-32.o
MAN_PAGES := $(wildcard man/*.[0-9])

# Installing never rebuilds the plugin for another compiler: if it was
# built for a different $(CC) ($(BUILD)/plugin-cc), or does not load into
# $(CC) (another build of the same version), install is refused.
install-check-cc:
	@test ! -f $(BUILD)/plugin-cc || test "$$(cat $(BUILD)/plugin-cc)" = '$(PLUGIN_CC)' || { \
	  echo "make install: the plugin was built for $$(cat $(BUILD)/plugin-cc)," \
	       "not for CC=$(CC) CXX=$(CXX) ($(PLUGIN_CC)); install with the CC and CXX" \
	       "it was built with, or rebuild it for this compiler with make CC=... CXX=... first" >&2; \
	  exit 1; }
	@$(MAKE) --no-print-directory all
	@$(CC) -fplugin=$(abspath $(PLUGIN)) -E -x c /dev/null -o /dev/null || { \
	  echo "make install: $(PLUGIN) does not load into $(CC); rebuild it" >&2; exit 1; }

install: install-check-cc
	$(INSTALL) -d $(DESTDIR)$(PLUGINDIR) $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) \
		$(DESTDIR)$(COREDIR) $(DESTDIR)$(PKGCONFIGDIR)
	$(INSTALL) -m 644 $(PLUGIN_LOADER) $(DESTDIR)$(PLUGINDIR)/pvpatch.so
	$(INSTALL) -m 644 $(PLUGIN) $(DESTDIR)$(PLUGINDIR)/$$(cat $(PLUGIN_FILE))
	$(INSTALL) -m 755 $(TOOLS) $(DESTDIR)$(BINDIR)/
	$(INSTALL_DATA) $(LIBS_RUNTIME) $(DESTDIR)$(LIBDIR)/
	$(INSTALL_DATA) $(CORE_OBJECTS) $(DESTDIR)$(COREDIR)/
	$(INSTALL) -m 755 $(SITES_CORE32) $(DESTDIR)$(COREDIR)/
	sed -e 's|@PLUGINDIR@|$(PLUGINDIR)|' -e 's|@INCLUDEDIR@|$(INCLUDEDIR)|' \
		-e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@COREDIR@|$(COREDIR)|' \
		-e 's|@VERSION@|$(VERSION)|' -e 's|@GCC_VERSION@|$(shell $(CC) -dumpfullversion)|' \
		pvpatch.pc.in >$(DESTDIR)$(PKGCONFIGDIR)/pvpatch.pc
	for h in $(HEADERS_PUBLIC); do \
		$(INSTALL) -D -m 644 include/$$h $(DESTDIR)$(INCLUDEDIR)/$$h || exit 1; \
	done
	for page in $(MAN_PAGES); do \
		section=$${page##*.}; \
		$(INSTALL) -D -m 644 $$page $(DESTDIR)$(MANDIR)/man$$section/$${page##*/} || exit 1; \
	done

# Removes what install puts in place, and the folders only pvpatch uses.
uninstall:
	rm -f $(DESTDIR)$(PLUGINDIR)/pvpatch.so $(DESTDIR)$(PLUGINDIR)/pvpatch-gcc*.so \
		$(addprefix $(DESTDIR)$(BINDIR)/,$(notdir $(TOOLS))) \
		$(addprefix $(DESTDIR)$(LIBDIR)/,$(notdir $(LIBS_RUNTIME))) \
		$(addprefix $(DESTDIR)$(COREDIR)/,$(notdir $(CORE_OBJECTS) $(SITES_CORE32))) \
		$(DESTDIR)$(PKGCONFIGDIR)/pvpatch.pc \
		$(addprefix $(DESTDIR)$(INCLUDEDIR)/,$(HEADERS_PUBLIC)) \
		$(foreach page,$(MAN_PAGES),$(DESTDIR)$(MANDIR)/man$(subst .,,$(suffix $(page)))/$(notdir $(page)))
	-rmdir $(DESTDIR)$(COREDIR)
	-for d in $(sort $(filter-out .,$(patsubst %/,%,$(dir $(HEADERS_PUBLIC))))); do \
		rmdir -p --ignore-fail-on-non-empty $(DESTDIR)$(INCLUDEDIR)/$$d; done

# The Debian package, built by Debian's tooling from a copy of the tracked
# files in $(BUILD)/deb/pvpatch-VERSION; the .deb lands in $(BUILD)/deb/ and
# lintian must find nothing (justified exceptions: debian/*.lintian-overrides).
DEB_DIR := $(BUILD)/deb
DEB_SRC := $(DEB_DIR)/pvpatch-$(VERSION)

deb:
	@scripts/deps.sh core package
	rm -rf $(DEB_DIR)
	mkdir -p $(DEB_SRC)
	git ls-files -z | xargs -0 cp -P --parents -t $(DEB_SRC)
	cd $(DEB_SRC) && PVPATCH_CC=$(CC) PVPATCH_CXX=$(CXX) \
		dpkg-buildpackage -b -us -uc
	lintian --fail-on error,warning $(DEB_DIR)/pvpatch_$(VERSION)_*.deb
	@ls $(DEB_DIR)/pvpatch_$(VERSION)_*.deb

# Install the package on this machine, use it as a user would (no path
# into this tree), remove it and check nothing is left.  Needs root.
check-package: deb
	testsuite/package/check-package.sh $(wildcard $(DEB_DIR)/pvpatch_$(VERSION)_amd64.deb)

.PHONY: install-check-cc
