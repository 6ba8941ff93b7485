# pgconsole: a psql-compatible PostgreSQL console for Scalingo apps.
#
#   make            build ./pgconsole
#   make check      install what is missing, build, run every test (also under ASan+UBSan)
#   make demo       install, build, start a throwaway PostgreSQL and the platform stand-in, open a console
#   make bench      benchmarks side by side with psql
#   make fuzz       run every fuzz target FUZZ_SECONDS each (tests/fuzz/README.md)
#   make install    PREFIX=/usr/local DESTDIR=
#   make man        regenerate the option list of docs/pgconsole.1 from the option table

VERSION    := 0.1.0
PREFIX     ?= /usr/local
DESTDIR    ?=
CC         ?= cc
PKG_CONFIG ?= pkg-config
PYTHON     ?= /usr/bin/python3
# end-to-end test files run this many at a time: they mostly wait on servers and terminals, so 4 on
# 2 cores keeps make check near 11 minutes (about 15 with 2)
E2E_JOBS   ?= 4
PKGS       := libpq libedit libcurl jansson openssl

ifeq ($(SAN),1)
BUILD      := build/san
SANFLAGS   := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
OPTFLAGS   := -O1 -g
else
BUILD      := build/release
SANFLAGS   :=
OPTFLAGS   := -O2 -g
endif

PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
WARNINGS   := -Wall -Wextra -Werror -Wshadow -Wno-unused-parameter -Wmissing-prototypes -Wstrict-prototypes
CFLAGS     ?= $(OPTFLAGS)
ALL_CFLAGS := -std=c11 -D_GNU_SOURCE -DPGCONSOLE_VERSION='"$(VERSION)"' -DPGCONSOLE_DATADIR='"$(PREFIX)/share/pgconsole"' \
              -Isrc $(WARNINGS) $(PKG_CFLAGS) $(SANFLAGS) $(CFLAGS)
LDLIBS     := $(PKG_LIBS) -lm

SRCS       := $(shell find src -name '*.c' | sort)
OBJS       := $(SRCS:%.c=$(BUILD)/%.o)
LIB_OBJS   := $(filter-out $(BUILD)/src/main.o,$(OBJS))
UNIT_SRCS  := $(wildcard tests/unit/test_*.c)
UNIT_BINS  := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all check deps layers unit e2e compat bench demo install man clean sanitize-build help

all: pkgcheck pgconsole

pgconsole: $(BUILD)/pgconsole
	@if [ "$(SAN)" != 1 ]; then cp $(BUILD)/pgconsole pgconsole.tmp && mv -f pgconsole.tmp pgconsole; fi

pkgcheck:
	@$(PKG_CONFIG) --exists $(PKGS) || { echo "missing development packages: run 'scripts/install-deps' (or 'make check', which runs it)" >&2; exit 1; }

$(BUILD)/pgconsole: $(OBJS)
	@echo "  LD  $@"
	@$(CC) $(ALL_CFLAGS) -o $@ $(OBJS) $(LDLIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC  $<"
	@$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c tests/unit/unit.h $(LIB_OBJS)
	@mkdir -p $(dir $@)
	@echo "  CC  $<"
	@$(CC) $(ALL_CFLAGS) -Itests/unit -DUNIT_DATA_DIR='"$(CURDIR)/tests/unit"' -o $@ $< $(LIB_OBJS) $(LDLIBS)

-include $(OBJS:.o=.d)

include tests/fuzz/fuzz.mk

deps:
	@scripts/install-deps

# under SAN=1, with leak detection (tests/lsan.supp lists what libraries keep on purpose)
unit: pkgcheck $(UNIT_BINS)
	@set -e; for t in $(UNIT_BINS); do ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp $$t; done

e2e: all
	$(PYTHON) tests/e2e/run.py --binary ./pgconsole -j $(E2E_JOBS)

# no console/ header included below the console, no include cycle between the folders of src/
layers:
	$(PYTHON) tests/check-layers

compat: all
	scripts/compat-ratchet ./pgconsole

# the whole suite: the layering, unit and end-to-end tests, once normally and once under ASan+UBSan (leak
# detection on), a short run of every fuzz target, then psql's regression suite (scripts/run-regress; its
# first run downloads PostgreSQL's source package and builds regress.so)
check: deps
	@echo "== make check: the layering of src/"
	@$(PYTHON) tests/check-layers
	@echo "== make check: building pgconsole, then again under ASan+UBSan"
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory SAN=1 build/san/pgconsole
	@echo "== make check: unit tests, then again under ASan+UBSan"
	@$(MAKE) --no-print-directory unit
	@$(MAKE) --no-print-directory SAN=1 unit
	@echo "== make check: end-to-end tests against PostgreSQL 15 and the platform stand-in"
	$(PYTHON) tests/e2e/run.py --binary ./pgconsole -j $(E2E_JOBS)
	@echo "== make check: end-to-end tests under ASan+UBSan, leak detection on"
	$(PYTHON) tests/e2e/run.py --binary build/san/pgconsole --sanitized -j $(E2E_JOBS)
	@echo "== make check: a short run of every fuzz target"
	@$(MAKE) --no-print-directory fuzz-smoke
	@echo "== make check: PostgreSQL 15's regression suite with pgconsole as psql (the first run downloads and builds it)"
	scripts/compat-ratchet ./pgconsole

bench: deps all
	bench/run
	bench/memory

demo: deps all
	scripts/demo

# the man page's option list comes from the option table (src/console/options_table.c)
man: all
	scripts/update-man ./pgconsole docs/pgconsole.1

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/pgconsole/psqlrc.d $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 pgconsole $(DESTDIR)$(PREFIX)/bin/pgconsole
	install -m 644 psqlrc.d/*.psqlrc $(DESTDIR)$(PREFIX)/share/pgconsole/psqlrc.d/
	install -m 644 docs/pgconsole.1 $(DESTDIR)$(PREFIX)/share/man/man1/pgconsole.1

clean:
	rm -rf build pgconsole
