#!/bin/sh
# valgrind-check: every unit test program under valgrind memcheck; fails on
# any memory error or any definite or indirect leak. Still-reachable
# memory (libraries' own caches) is not counted. tests/hardening/valgrind.supp
# holds the reports inside libraries that are not ours, each with why.
#
#   make valgrind-check                     (all unit tests)
#   make valgrind-check VALGRIND_TESTS='tests/unit/test_text'
#
# Run from the build folder with the unit test programs built (make does
# that first). Each program's valgrind output goes to PROGRAM.valgrind.log
# beside it. Needs a build without --enable-sanitizers: valgrind and
# AddressSanitizer do not work together.
set -u
: "${top_srcdir:?top_srcdir must name the source tree}"
if ! command -v valgrind >/dev/null 2>&1; then
	echo "valgrind-check: valgrind not found: install the Debian package valgrind" >&2
	exit 2
fi
if [ $# -eq 0 ]; then
	echo "usage: valgrind-check.sh PROGRAM..." >&2
	exit 2
fi
export top_srcdir
export LC_ALL=C.UTF-8 CMOCKA_MESSAGE_OUTPUT=TAP
unset LANGUAGE LANG
# Keep the tests away from the real HOME and XDG folders, as make check does.
tmp=$(mktemp -d "${TMPDIR:-/tmp}/neuvoo-valgrind.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" XDG_STATE_HOME="$tmp/state" \
	XDG_CONFIG_HOME="$tmp/config"
mkdir -p "$HOME"

failed=""
n=0
for prog in "$@"; do
	n=$((n + 1))
	if [ ! -x "$prog" ]; then
		echo "valgrind-check: $prog is not built" >&2
		failed="$failed $prog"
		continue
	fi
	log=$prog.valgrind.log
	if valgrind -q --tool=memcheck --leak-check=full \
		--show-leak-kinds=definite,indirect \
		--errors-for-leak-kinds=definite,indirect \
		--error-exitcode=99 --track-origins=yes --num-callers=30 \
		--suppressions="$top_srcdir/tests/hardening/valgrind.supp" \
		--log-file="$log" "./$prog" >"$prog.valgrind.out" 2>&1; then
		echo "PASS: $prog"
	else
		rc=$?
		if [ "$rc" -eq 99 ]; then
			echo "FAIL: $prog (memory errors or leaks; see $log)"
		else
			echo "FAIL: $prog (the test itself failed, status $rc; see $prog.valgrind.out)"
		fi
		sed 's/^/    /' "$log"
		failed="$failed $prog"
	fi
done
if [ -n "$failed" ]; then
	echo "valgrind-check: failed:$failed"
	exit 1
fi
echo "valgrind-check: $n programs clean (no memory errors, no definite or indirect leaks)"
