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

# the platform target answers the API calls itself, in place of the HTTP transport
FUZZ_LDFLAGS_platform := -Wl,--wrap=http_send,--wrap=http_client_create,--wrap=http_client_destroy,--wrap=http_wait_ms,--wrap=http_prefetch

.PHONY: fuzz fuzz-build fuzz-corpus fuzz-smoke

# a static pattern rule: the objects are explicit targets, which make never deletes as intermediate
$(FUZZ_OBJS): $(FUZZ_DIR)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC  $< (fuzz)"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c $(wildcard tests/fuzz/*.h) $(FUZZ_LIB)
	@mkdir -p $(dir $@)
	@echo "  LD  $@"
	@$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_LIB) $(FUZZ_LDFLAGS_$*) $(LDLIBS)

-include $(FUZZ_OBJS:.o=.d)

fuzz-build: pkgcheck $(FUZZ_BINS)

fuzz-corpus:
	$(PYTHON) tests/fuzz/make-corpus $(if $(REGRESS_SQL),--regress $(REGRESS_SQL)) $(FUZZ_DIR)/corpus

fuzz: fuzz-build
	@[ -d $(FUZZ_DIR)/corpus ] || $(PYTHON) tests/fuzz/make-corpus $(if $(REGRESS_SQL),--regress $(REGRESS_SQL)) $(FUZZ_DIR)/corpus
	$(PYTHON) tests/fuzz/run --seconds $(FUZZ_SECONDS) $(FUZZ_TARGETS)

fuzz-smoke: fuzz-build
	$(PYTHON) tests/fuzz/run --smoke --seconds $(FUZZ_SMOKE_SECONDS) $(FUZZ_TARGETS)
