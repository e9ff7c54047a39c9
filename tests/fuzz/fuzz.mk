# fuzz.mk: build and run the libFuzzer harnesses (GNU make).
#
# Read together with the generated Makefile, whose variables it uses (the
# core's sources, flags and libraries), by `make fuzz` and `make
# fuzz-build`:
#     $(MAKE) -f Makefile -f $(srcdir)/tests/fuzz/fuzz.mk fuzz-mk-run
# The core's .c files are compiled again with clang and the fuzzer and
# sanitizer instrumentation into tests/fuzz/obj/ (the gcc-built library
# cannot be used), each harness tests/fuzz/fuzz_NAME.c is linked against
# them into tests/fuzz/fuzz_NAME, and run.sh runs each for FUZZ_SECONDS on
# a copy of its seed corpus tests/fuzz/corpus/NAME/.

FUZZ_CC ?= clang
FUZZ_SECONDS ?= 30
# Harnesses whose module exists; scenario joined when scenario.c landed.
FUZZ_TARGETS ?= text config csv hsds hours privacy privacy_fold keymap layout scenario ptv tpr index report
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
FUZZ_CFLAGS = -g -O1 -std=gnu11 -Wall -Wextra -Wno-unused-parameter
fuzz_core_srcs := $(filter %.c,$(src_libneuvoo_core_a_SOURCES))
fuzz_core_objs := $(patsubst src/core/%.c,tests/fuzz/obj/%.o,$(fuzz_core_srcs))
fuzz_bins := $(addprefix tests/fuzz/fuzz_,$(FUZZ_TARGETS))
fuzz_cppflags = $(DEFS) -I. -I$(srcdir) $(AM_CPPFLAGS) $(CPPFLAGS)

fuzz-mk-build: fuzz-check-cc $(fuzz_bins)

fuzz-mk-run: fuzz-mk-build
	@FUZZ_SECONDS='$(FUZZ_SECONDS)' FUZZ_OPTIONS='$(FUZZ_OPTIONS)' \
	  $(SHELL) $(srcdir)/tests/fuzz/run.sh $(srcdir)/tests/fuzz $(FUZZ_TARGETS)

# A clear message when clang or its fuzzer runtime is missing.
fuzz-check-cc:
	@mkdir -p tests/fuzz/obj
	@printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
	  'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n);' \
	  'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }' \
	  >tests/fuzz/obj/probe.c
	@$(FUZZ_CC) -fsanitize=fuzzer,address,undefined tests/fuzz/obj/probe.c \
	  -o tests/fuzz/obj/probe >tests/fuzz/obj/probe.log 2>&1 || { \
	  cat tests/fuzz/obj/probe.log; \
	  echo "make fuzz: '$(FUZZ_CC) -fsanitize=fuzzer' does not work: install the Debian packages clang and libclang-rt-14-dev" >&2; \
	  exit 1; }

tests/fuzz/obj/%.o: $(srcdir)/src/core/%.c
	@mkdir -p tests/fuzz/obj
	@echo "  FUZZCC   $@"
	@$(FUZZ_CC) $(fuzz_cppflags) $(FUZZ_CFLAGS) $(FUZZ_SAN) \
	  -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

tests/fuzz/obj/libcore.a: $(fuzz_core_objs)
	@rm -f $@
	@$(AR) cr $@ $(fuzz_core_objs)
	@$(RANLIB) $@

tests/fuzz/fuzz_%: $(srcdir)/tests/fuzz/fuzz_%.c $(srcdir)/tests/fuzz/fuzz_util.h $(srcdir)/tests/fuzz/fuzz_register.h \
		tests/fuzz/obj/libcore.a
	@echo "  FUZZLD   $@"
	@$(FUZZ_CC) $(fuzz_cppflags) $(FUZZ_CFLAGS) -Werror $(FUZZ_SAN) \
	  -fsanitize=fuzzer -o $@ $< tests/fuzz/obj/libcore.a \
	  $(CONFUSE_LIBS) $(SQLITE_LIBS) $(JSONC_LIBS) $(PQ_LIBS) $(LIBINTL) $(LIBS)

-include $(fuzz_core_objs:.o=.d)

.PHONY: fuzz-mk-build fuzz-mk-run fuzz-check-cc
