#!/bin/sh
# train_check: a trainer authoring scenarios: `train --check` names each
# mistake as file:line (a misspelt service or resource id, an unclosed
# quote, a step nothing leads to, an ending without a key) and exits 2,
# a good file passes, a missing one is exit 1; `--list` marks a scenario
# that names what the catalogue lacks; a trial run of a missing file is
# exit 1; `--reset` asks first (and takes --yes in scripts); `--results`
# merges another results file without counting anything twice.
. "$top_srcdir/tests/e2e/lib.sh"

plan 21
tab=$(printf '\t')

run() {
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
}
lines() { wc -l <"$1" | tr -d ' '; }

mkdir -p "$T/s"
good="$top_srcdir/data/scenarios/closing-time.conf"
run "$NEUVOO" train --check "$good" "$top_srcdir/data/scenarios/callback-estonian.conf"
check "--check passes good files (exit 0, nothing said)" \
	sh -c "[ $rc -eq 0 ] && [ ! -s '$T/err' ]"

# A misspelt service and resource: the grammar is fine, the catalogue
# has no such ids. Each is said at the line that names it.
sed -e 's/"vuokra-asunnon-hakeminen", "digineuvonta"/"vuokra-asunnon-hakemine", "digineuvonta"/' \
	"$good" >"$T/s/misspelt.conf"
line=$(grep -n '"vuokra-asunnon-hakemine"' "$T/s/misspelt.conf" | cut -d: -f1)
sed -e 's/resources = {"tulkkaus-video", "maahanmuutto-ohjaaja"}/resources = {"tulkkaus-vidoe", "maahanmuutto-ohjaaja"}/' \
	"$top_srcdir/data/scenarios/video-farsi.conf" >"$T/s/resource.conf"
rline=$(grep -n 'tulkkaus-vidoe' "$T/s/resource.conf" | cut -d: -f1)
run "$NEUVOO" train --check "$T/s/misspelt.conf" "$T/s/resource.conf"
diag "$(cat "$T/err")"
check "--check: an unknown service or resource is exit 2" test "$rc" -eq 2
check "the unknown service is named at its line" \
	grep -q "^neuvoo: $T/s/misspelt.conf:$line: redirect: the catalogue has no service 'vuokra-asunnon-hakemine'\$" "$T/err"
check "the unknown resource is named at its line" \
	grep -q "^neuvoo: $T/s/resource.conf:$rline: interpreter: the catalogue has no resource 'tulkkaus-vidoe'\$" "$T/err"
check "one line each" test "$(lines "$T/err")" -eq 2

# Mistakes of the grammar and the graph.
sed -e '0,/title_en = "Ten minutes before closing"/s//title_en = "Ten minutes before closing/' \
	"$good" >"$T/s/quote.conf"
qline=$(grep -n '^title_en = "Ten minutes before closing$' "$T/s/quote.conf" | cut -d: -f1)
cat >"$T/s/unreachable.conf" <<'CONF'
id = "unreachable"
title_en = "U"
language = "et"
step { id = "a" en = "A" next = "done" }
step {
	id = "lost"
	en = "Nobody comes here."
	next = "done"
}
ending done {
	key {
		channel { accept = {"phone"} }
		language { accept = {"et"} }
		interpreter { accept = {"none"} }
		topic housing { }
		outcome { accept = {"answered"} }
	}
}
CONF
cat >"$T/s/nokey.conf" <<'CONF'
id = "nokey"
title_en = "N"
language = "et"
step {
	en = "A"
	choice { en = "one" next = "first" }
	choice { en = "two" next = "second" }
}
ending first {
	key {
		channel { accept = {"phone"} }
		language { accept = {"et"} }
		interpreter { accept = {"none"} }
		topic housing { }
		outcome { accept = {"answered"} }
	}
}
ending second {
	title_en = "Second"
}
CONF
run "$NEUVOO" train --check "$T/s/quote.conf" "$T/s/unreachable.conf" "$T/s/nokey.conf"
diag "$(cat "$T/err")"
check "--check: grammar and graph mistakes are exit 2" test "$rc" -eq 2
check "an unclosed quote is said at the line it opens" \
	grep -q "quote.conf:$qline: a quote is not closed" "$T/err"
check "a step nothing leads to is said at its line" \
	grep -q "unreachable.conf:5: step 'lost' can never be reached" "$T/err"
check "an ending without a key is said at its line" \
	grep -q "nokey.conf:18: ending 'second' has no answer key" "$T/err"
check "one line for each file" test "$(lines "$T/err")" -eq 3

run "$NEUVOO" train --check "$T/s/no-such.conf"
check "--check of a missing file: exit 1, one line naming it" \
	sh -c "[ $rc -eq 1 ] && grep -q 'no-such.conf: cannot read' '$T/err' && [ \$(wc -l <'$T/err') -eq 1 ]"
run "$NEUVOO" train "$T/s/no-such.conf" --trainee t1
check "a trial run of a missing file: exit 1" \
	sh -c "[ $rc -eq 1 ] && grep -q 'no-such.conf: cannot read' '$T/err'"
run "$NEUVOO" train "$T/s/nokey.conf" --trainee t1
check "a trial run of a broken file: exit 2 with file:line" \
	sh -c "[ $rc -eq 2 ] && grep -q 'nokey.conf:18:' '$T/err'"

# --list with the misspelt scenario among the bundled ones.
mkdir -p "$T/datadir"
cp -R "$top_srcdir/data/scenarios" "$T/datadir/scenarios"
cp -R "$top_srcdir/data/catalogue" "$T/datadir/catalogue"
sed -e 's/^id = "closing-time"/id = "closing-time-copy"/' "$T/s/misspelt.conf" \
	>"$T/datadir/scenarios/misspelt.conf"
run env NEUVOO_DATADIR="$T/datadir" "$NEUVOO" train --list
check "--list with a broken scenario: exit 2" test "$rc" -eq 2
check "it is listed, marked broken" \
	grep -q "^closing-time-copy${tab}.*${tab}easy${tab}en${tab}broken\$" "$T/out"
check "the good ones are not marked" \
	sh -c "grep -q '^closing-time${tab}.*${tab}en\$' '$T/out' && [ \$(grep -c broken '$T/out') -eq 1 ]"
check "the reason is on stderr with file:line" \
	grep -q "misspelt.conf:$line: redirect: the catalogue has no service" "$T/err"

# --reset and --results on a results file made by the unit's own tool:
# two attempts of one trainee, graded by the real program.
mkdir -p "$T/state/neuvoo/training"
run sh -c "printf 'n\n' | '$NEUVOO' train --reset --trainee nobody"
check "--reset of a trainee with no results says so (exit 0)" \
	sh -c "[ $rc -eq 0 ] && grep -q 'No training results of nobody' '$T/out'"
# Results from another server: the unit test's format, written here
# with sqlite3 so the reset has something to remove.
db="$XDG_STATE_HOME/neuvoo/training/results.db"
sqlite3 "$db" <<'SQL'
CREATE TABLE attempt (id INTEGER PRIMARY KEY, trainee TEXT NOT NULL, scenario TEXT NOT NULL, attempt INTEGER NOT NULL, started_at INTEGER NOT NULL, ended_at INTEGER NOT NULL, seconds INTEGER NOT NULL, score INTEGER NOT NULL, earned INTEGER NOT NULL, possible INTEGER NOT NULL, penalty INTEGER NOT NULL, UNIQUE (trainee, scenario, attempt));
CREATE TABLE attempt_item (attempt_id INTEGER NOT NULL REFERENCES attempt(id), position INTEGER NOT NULL, item TEXT NOT NULL, matched INTEGER NOT NULL, weight INTEGER NOT NULL, points INTEGER NOT NULL, expected TEXT NOT NULL, got TEXT NOT NULL, PRIMARY KEY (attempt_id, position)) WITHOUT ROWID;
PRAGMA user_version = 1;
INSERT INTO attempt VALUES (1, 'anna', 'closing-time', 1, 1000, 1100, 100, 50, 5, 10, 0);
INSERT INTO attempt_item VALUES (1, 0, 'reason', 0, 3, 0, 'time', 'expertise');
INSERT INTO attempt VALUES (2, 'anna', 'closing-time', 2, 2000, 2100, 100, 100, 10, 10, 0);
INSERT INTO attempt_item VALUES (2, 0, 'reason', 1, 3, 3, 'time', 'time');
INSERT INTO attempt VALUES (3, 'ben', 'closing-time', 1, 3000, 3100, 100, 80, 8, 10, 0);
SQL
chmod 600 "$db"
cp "$db" "$T/copy.db"
run "$NEUVOO" train --results --format json "$T/copy.db" "$db"
check "--results merges a copy and the file itself without counting twice" \
	python3 -c "
import json, sys
d = json.load(open('$T/out'))
anna = [t for t in d['trainees'] if t['trainee'] == 'anna'][0]
s = anna['scenarios'][0]
assert (s['attempts'], s['first'], s['best']) == (2, 50, 100), s
assert anna['missed'][0] == {'item': 'reason', 'missed': 1, 'graded': 2}, anna['missed']
assert d['group']['trainees'] == 2 and d['group']['attempts'] == 3, d['group']
"
run sh -c "'$NEUVOO' train --reset --trainee anna </dev/null"
check "--reset without a terminal and without --yes: exit 2, nothing removed" \
	sh -c "[ $rc -eq 2 ] && grep -q -- '--yes' '$T/err' && [ \$(sqlite3 '$db' 'select count(*) from attempt') -eq 3 ]"
run "$NEUVOO" train --reset --trainee anna --yes
check "--reset --yes removes the trainee's attempts only" \
	sh -c "[ $rc -eq 0 ] && grep -q 'Removed 2 training attempts of anna' '$T/out' && [ \$(sqlite3 '$db' 'select count(*) from attempt') -eq 1 ] && [ \$(sqlite3 '$db' 'select count(*) from attempt_item') -eq 0 ]"

finish
