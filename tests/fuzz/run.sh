#!/bin/sh
# run.sh: run the built libFuzzer harnesses, one at a time, each for
# FUZZ_SECONDS (default 30) on a copy of its seed corpus.
#
#   run.sh FUZZDIR NAME...        (make fuzz calls it; FUZZDIR holds corpus/)
#
# Run from the build folder, where tests/fuzz/fuzz_NAME are. New inputs the
# fuzzer finds go to the temporary copy, never to the committed corpus; a
# crash, leak or timeout is saved as tests/fuzz/artifacts/NAME/crash-...
# (and shown as bytes), and the run fails at the end. FUZZ_OPTIONS adds
# libFuzzer flags (e.g. FUZZ_OPTIONS=-jobs=2).
set -u
fuzzdir=$1
shift
seconds=${FUZZ_SECONDS:-30}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/neuvoo-fuzz-run.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
# Leaks count as findings; reports abort so libFuzzer saves the input.
ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:${ASAN_OPTIONS:-}"
UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1"
export ASAN_OPTIONS UBSAN_OPTIONS
failed=""
for name in "$@"; do
	bin=tests/fuzz/fuzz_$name
	corpus=$fuzzdir/corpus/$name
	art=tests/fuzz/artifacts/$name
	if [ ! -x "$bin" ]; then
		echo "fuzz: $bin is not built" >&2
		failed="$failed $name"
		continue
	fi
	mkdir -p "$tmp/$name" "$art"
	if [ -d "$corpus" ]; then
		cp -R "$corpus/." "$tmp/$name/"
	else
		echo "fuzz: warning: no seed corpus $corpus" >&2
	fi
	dict=""
	if [ -f "$fuzzdir/$name.dict" ]; then
		dict="-dict=$fuzzdir/$name.dict"
	fi
	echo "== fuzz_$name: ${seconds}s, $(ls "$tmp/$name" | wc -l) seeds"
	# The harness's own temporary folder goes under $tmp too: libFuzzer
	# does not always exit through exit(), so its clean-up may not run.
	# shellcheck disable=SC2086
	TMPDIR=$tmp "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
		-max_len=16384 -print_final_stats=1 -artifact_prefix="$art/" \
		$dict ${FUZZ_OPTIONS:-} "$tmp/$name" >"$tmp/$name.log" 2>&1
	rc=$?
	grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|Done|#[0-9]+.*DONE)' \
		"$tmp/$name.log" | sed 's/^/   /'
	if [ $rc -ne 0 ]; then
		failed="$failed $name"
		echo "fuzz_$name FAILED (status $rc):"
		grep -vE '^(#[0-9]+|INFO:|MERGE|stat::)' "$tmp/$name.log" | head -120
		for f in "$art"/*; do
			[ -f "$f" ] || continue
			echo "-- input $f ($(wc -c <"$f") bytes):"
			od -An -c "$f" | head -20
		done
		echo "Reproduce: $bin $art/<file>; then add the file to $corpus/ as a regression seed."
	fi
done
if [ -n "$failed" ]; then
	echo "fuzz: failed:$failed"
	exit 1
fi
echo "fuzz: $# harnesses ran ${seconds}s each with no finding"
