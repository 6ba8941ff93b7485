# The fuzz targets (tests/fuzz/README.md): libFuzzer with clang, ASan and UBSan.
#
#   make fuzz-build            build every target in build/fuzz/
#   make fuzz-corpus           (re)generate the seed corpora from the tests [REGRESS_SQL=DIR]
#   make fuzz                  run each target FUZZ_SECONDS (default 60) and print the executions
#   make fuzz-smoke            replay the committed seeds and crash inputs, then a few seconds each
#   make fuzz FUZZ_TARGETS="scanner url"   only some targets
#
# The library objects are compiled with -fsanitize=fuzzer-no-link (coverage only); each
# target's own file links with -fsanitize=fuzzer, which brings libFuzzer's main.

FUZZ_CC      ?= clang
FUZZ_DIR     := build/fuzz
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
FUZZ_CFLAGS  := -std=c11 -D_GNU_SOURCE -DPGCONSOLE_VERSION='"$(VERSION)"' -DPGCONSOLE_DATADIR='"$(PREFIX)/share/pgconsole"' \
                -Isrc $(WARNINGS) $(PKG_CFLAGS) $(FUZZ_SAN) -O1 -g
FUZZ_ALL     := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_TARGETS ?= $(FUZZ_ALL)
FUZZ_BINS    := $(FUZZ_ALL:%=$(FUZZ_DIR)/fuzz_%)
FUZZ_OBJS    := $(SRCS:%.c=$(FUZZ_DIR)/%.o)
FUZZ_LIB     := $(filter-out $(FUZZ_DIR)/src/main.o,$(FUZZ_OBJS))
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 5

# Targets whose code compares against character classes and counts rather than keywords or
# magic values, where libFuzzer's comparison tracing finds little and costs half the time
# (print: 2.1 times the executions without it): the printers are built again, without
# trace-cmp, in $(FUZZ_DIR)/nocmp/, and these targets link them in place of the others.
# Edge coverage, ASan and UBSan are the same.
FUZZ_NOCMP_TARGETS := print
FUZZ_NOCMP_OBJS := $(patsubst %.c,$(FUZZ_DIR)/nocmp/%.o,$(filter src/print/%,$(SRCS)))
FUZZ_NOCMP_LIB  := $(FUZZ_NOCMP_OBJS) $(filter-out $(FUZZ_DIR)/src/print/%,$(FUZZ_LIB))

# the platform target answers the API calls itself, in place of the HTTP transport
FUZZ_LDFLAGS_platform := -Wl,--wrap=http_send,--wrap=http_client_create,--wrap=http_client_destroy,--wrap=http_wait_ms,--wrap=http_prefetch

.PHONY: fuzz fuzz-build fuzz-corpus fuzz-smoke

# a static pattern rule: the objects are explicit targets, which make never deletes as intermediate
$(FUZZ_OBJS): $(FUZZ_DIR)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC  $< (fuzz)"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(FUZZ_NOCMP_OBJS): $(FUZZ_DIR)/nocmp/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC  $< (fuzz, no trace-cmp)"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -fno-sanitize-coverage=trace-cmp -MMD -MP -c -o $@ $<

$(FUZZ_NOCMP_TARGETS:%=$(FUZZ_DIR)/fuzz_%): $(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c $(wildcard tests/fuzz/*.h) $(FUZZ_NOCMP_LIB)
	@mkdir -p $(dir $@)
	@echo "  LD  $@ (no trace-cmp)"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_NOCMP_LIB) $(FUZZ_LDFLAGS_$*) $(LDLIBS)

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c $(wildcard tests/fuzz/*.h) $(FUZZ_LIB)
	@mkdir -p $(dir $@)
	@echo "  LD  $@"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_LIB) $(FUZZ_LDFLAGS_$*) $(LDLIBS)

-include $(FUZZ_OBJS:.o=.d) $(FUZZ_NOCMP_OBJS:.o=.d)

fuzz-build: pkgcheck $(FUZZ_BINS)

fuzz-corpus:
	$(PYTHON) tests/fuzz/make-corpus $(if $(REGRESS_SQL),--regress $(REGRESS_SQL)) $(FUZZ_DIR)/corpus

fuzz: fuzz-build
	@[ -d $(FUZZ_DIR)/corpus ] || $(PYTHON) tests/fuzz/make-corpus $(if $(REGRESS_SQL),--regress $(REGRESS_SQL)) $(FUZZ_DIR)/corpus
	$(PYTHON) tests/fuzz/run --seconds $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-smoke: fuzz-build
	$(PYTHON) tests/fuzz/run --smoke --seconds $(FUZZ_SMOKE_SECONDS) $(FUZZ_TARGETS)
