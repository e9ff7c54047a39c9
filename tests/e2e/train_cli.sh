#!/bin/sh
# train_cli: the headless side of `neuvoo train` as a trainer uses it:
# --list shows the bundled scenarios, a malformed scenario file is reported
# with file:line and left out while the others stay usable (exit 2, so a
# script notices), --results
# prints text and csv without creating anything, and bad usage gives one
# clear line with the contract's exit status.
. "$top_srcdir/tests/e2e/lib.sh"

plan 16
tab=$(printf '\t')

# run: command's stdout to $T/out, stderr to $T/err, status to $rc.
run() {
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
}
one_line_err() { [ "$(wc -l <"$T/err")" -eq 1 ]; }

run "$NEUVOO" train --list
check "--list succeeds" test "$rc" -eq 0
n=$(wc -l <"$T/out")
check "--list shows at least 10 bundled scenarios ($n)" test "$n" -ge 10
check "each line: id, title, difficulty, language, tab-separated" \
	sh -c "! grep -v '^[a-z0-9-]*${tab}[^${tab}]*${tab}\(easy\|medium\|hard\)${tab}[a-z][a-z][a-z]\?\$' '$T/out'"
check "the undocumented-person scenario is listed" \
	grep -q "^undocumented-housing${tab}An undocumented person" "$T/out"
check "nothing on stderr for the bundled files" test ! -s "$T/err"

run "$NEUVOO" --lang fi train --list
check "titles follow the UI language" \
	grep -q "^daycare-arabic${tab}Arabiankielinen vanhempi" "$T/out"

# A copy of the data with one malformed scenario added.
mkdir -p "$T/datadir"
cp -R "$top_srcdir/data/scenarios" "$T/datadir/scenarios"
cat >"$T/datadir/scenarios/broken.conf" <<'CONF'
id = "broken-one"
title_en = "Broken"
language = "so"
step { en = "Hi" }
key {
	channel { accept = {"walkin"} }
}
CONF
run env NEUVOO_DATADIR="$T/datadir" "$NEUVOO" train --list
check "a malformed file does not stop --list, but it says so (exit 2)" test "$rc" -eq 2
check "it is reported with file:line" \
	grep -q "broken.conf:6: channel: 'walkin' is not a channel code" "$T/err"
one_line_err && ok "the report is one line" || not_ok "the report is one line"
check "it is left out and the others stay" \
	sh -c "! grep -q '^broken-one' '$T/out' && [ \$(wc -l <'$T/out') -eq $n ]"

# Only malformed files: nothing usable is a runtime failure.
mkdir -p "$T/bad/scenarios"
cp "$T/datadir/scenarios/broken.conf" "$T/bad/scenarios/"
run env NEUVOO_DATADIR="$T/bad" "$NEUVOO" train --list
check "no usable scenario at all: exit 1" \
	sh -c "[ $rc -eq 1 ] && grep -q 'no usable scenario' '$T/err'"

run "$NEUVOO" train --results --format csv
check "--results --format csv prints the header" \
	sh -c "[ $rc -eq 0 ] && [ \"\$(tr -d '\r' <'$T/out')\" = 'trainee,scenario,attempt,score,seconds,finished_at' ]"
run "$NEUVOO" train --results
check "--results says there are none yet" \
	sh -c "[ $rc -eq 0 ] && grep -q 'No training results yet' '$T/out'"
check "reading results creates no file" \
	test ! -e "$XDG_STATE_HOME/neuvoo/training/results.db"

run "$NEUVOO" train --results --format xml
check "an unknown format is a usage error (exit 2, one line)" \
	sh -c "[ $rc -eq 2 ] && grep -q \"unknown format 'xml'\" '$T/err' && [ \$(wc -l <'$T/err') -eq 1 ]"

run "$NEUVOO" train no-such-scenario --trainee t1
check "an unknown scenario is a usage error naming --list" \
	sh -c "[ $rc -eq 2 ] && grep -q \"no scenario 'no-such-scenario'.*train --list\" '$T/err'"

finish
