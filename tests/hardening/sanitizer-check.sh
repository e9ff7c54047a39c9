#!/bin/sh
# sanitizer-check: the whole `make check` again in a separate build made
# with --enable-sanitizers (AddressSanitizer, LeakSanitizer and
# UndefinedBehaviorSanitizer), failing on any sanitizer report.
#
#   tests/hardening/sanitizer-check.sh [DIR]     (default: ./build-san)
#   make sanitizer-check
#
# A source tree that was configured in place cannot also host a VPATH build
# (configure refuses: "source directory already configured"), so the
# sources (the files git tracks plus new ones it does not ignore) are
# copied afresh to DIR/src, as a clean clone would have them, and built in
# DIR/build; a second run rebuilds only what changed, since the copies keep
# their times. Reports are written to DIR/reports/ through log_path, so
# that a report from a program whose exit status a test does not look at
# still fails the run. UndefinedBehaviorSanitizer ignores log_path when it
# shares the runtime with AddressSanitizer (gcc 12), so its reports abort
# the program and the test logs are searched for them too.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
dir=${1:-$top/build-san}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
src=$dir/src
build=$dir/build
reports=$dir/reports
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}

say() { echo "sanitizer-check: $*"; }

# 1. Sources.
# Afresh: generated files left from an earlier run (po/neuvoo.pot is only
# made when missing) would go stale.
rm -rf "$src"
mkdir -p "$src" "$build"
if git -C "$top" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	say "copying the sources to $src"
	(cd "$top" &&
	 git ls-files -z -c -o --exclude-standard -- . ":(exclude)${dir#"$top"/}" |
	 xargs -0 sh -c 'for f; do [ -f "$f" ] && printf "%s\0" "$f"; done; :' sh |
	 tar --null -T - -cf -) | tar -C "$src" -xpf -
else
	echo "sanitizer-check: $top is not a git work tree; cannot tell sources from build products" >&2
	exit 2
fi

# 2. Build system, configure, build.
if [ ! -x "$src/configure" ] || [ "$src/configure.ac" -nt "$src/configure" ] ||
   [ "$src/Makefile.am" -nt "$src/Makefile.in" ]; then
	say "generating the build system"
	(cd "$src" && autoreconf -fi >/dev/null 2>&1) || {
		(cd "$src" && autoreconf -fi)
		exit 1
	}
fi
if [ ! -f "$build/config.status" ] || [ "$src/configure" -nt "$build/config.status" ]; then
	say "configuring with --enable-sanitizers --enable-werror"
	# Configured by a relative path, so that the file names compiled
	# into the programs (the sanitizers keep them for their reports)
	# name no folder of this machine: the install test looks for them.
	(cd "$build" && ../src/configure -q --enable-sanitizers --enable-werror)
fi
say "building"
make -C "$build" -s -j"$jobs"

# 3. make check with every report going to a file.
rm -rf "$reports"
mkdir -p "$reports"
# Full stacks for leaks: glibc has no frame pointers, so the fast unwinder
# stops inside it (at vasprintf, say) before reaching our code.
ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:fast_unwind_on_malloc=0:log_path=$reports/asan"
UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1:log_path=$reports/ubsan"
LSAN_OPTIONS="${LSAN_OPTIONS:-}"
export ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS
say "make check with ASAN_OPTIONS=$ASAN_OPTIONS"
status=0
make -C "$build" -s -j"$jobs" check || status=$?
if [ "$status" -ne 0 ]; then
	for log in $(grep -lE '^(FAIL|ERROR)' $(find "$build/tests" -name '*.trs') 2>/dev/null); do
		echo "==== ${log%.trs}.log"
		cat "${log%.trs}.log"
	done
fi
found=$(find "$reports" -type f | sort)
found="$found $(grep -lE 'runtime error:|ERROR: (AddressSanitizer|LeakSanitizer)' \
	$(find "$build/tests" -name '*.log' ! -name test-suite.log) /dev/null 2>/dev/null || true)"
found=$(echo $found)
if [ -n "$found" ]; then
	for f in $found; do
		echo "==== sanitizer report $f"
		cat "$f"
	done
	say "FAILED: sanitizer reports above"
	exit 1
fi
if [ "$status" -ne 0 ]; then
	say "FAILED: make check in the sanitizer build"
	exit "$status"
fi
say "make check passed with no sanitizer report"
