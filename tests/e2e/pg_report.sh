#!/bin/sh
# pg_report: `neuvoo report --db` prints exactly what the report from the
# files prints, for the same contacts: every dimension (the list the
# report's own usage message gives) in every format, cross tables, the
# contacts themselves, suppression, periods, desks, late contacts of a
# closed day, undone contacts and copies counted once; on a PostgreSQL
# server of the test's own (pg_lib.sh).
. "$top_srcdir/tests/e2e/lib.sh"
. "$top_srcdir/tests/e2e/pg_lib.sh"

FILL="$top_builddir/tests/unit/stats_fill"
export TZ="EET-2EEST,M3.5.0/3,M10.5.0/4"
S="$XDG_STATE_HOME/neuvoo/stats"
D=2026-11-22

"$FILL" "$S/d1@anna.db" d1 40 $D >/dev/null &&
"$FILL" "$S/d2@bo.db" d2 25 $D >/dev/null &&
"$FILL" "$S/d3@cai.db" d3 12 2026-11-21 >/dev/null || {
	echo "Bail out! stats_fill failed"
	exit 1
}
mkdir -p "$T/empty"
"$NEUVOO" stats push --init --db "$DB" "$T/empty" >/dev/null || {
	echo "Bail out! --init failed"
	exit 1
}
# Every field of every dimension recorded somewhere: the codes are the
# database's own list (code_label), spread over the contacts.
for f in interpreter discovery age_band gender life_situation; do
	codes=$(psql_ "SELECT string_agg(format('(%s, %L)', position, code), ',') FROM code_label WHERE field = '$f'")
	n=$(psql_ "SELECT count(*) FROM code_label WHERE field = '$f'")
	for db in "$S"/*.db; do
		sqlite3 "$db" "CREATE TEMP TABLE k (i INTEGER PRIMARY KEY, code TEXT);
			INSERT INTO k VALUES $codes;
			UPDATE contact SET $f = (SELECT code FROM k WHERE i = (contact.rowid * 7 + 3) % ($n + 1))"
	done
done
for db in "$S"/*.db; do
	sqlite3 "$db" "UPDATE contact SET people = 1 + rowid % 4, tz_offset = 7200"
done
# Text that COPY escapes: a tab, a backslash, a newline, non-ASCII.
sqlite3 "$S/d1@anna.db" "UPDATE contact SET outcome = 'redirected', redirect_service = 'Neuvonta' || char(9) || 'ä\\ö' || char(10) || 'x' WHERE rowid = 2"
"$NEUVOO" stats push --db "$DB" >/dev/null || {
	echo "Bail out! the first push failed"
	exit 1
}
# A closed day, a contact saved after it (late), an undone contact, and
# a copy of a file, pushed after.
"$NEUVOO" review --date $D --close >/dev/null 2>&1
sleep 1
"$FILL" "$S/d2@bo.db" d2 2 $D >/dev/null
sqlite3 "$S/d1@anna.db" "UPDATE contact SET undone_at = strftime('%s','now') WHERE rowid = 3"
mkdir -p "$T/copies"
"$NEUVOO" stats snapshot "$T/snap" >/dev/null && cp "$T/snap/d3@cai.db" "$T/copies/"
"$NEUVOO" stats push --db "$DB" >/dev/null && "$NEUVOO" stats push --db "$DB" "$T/copies" >/dev/null || {
	echo "Bail out! the push failed"
	exit 1
}

dims=$("$NEUVOO" report --by nosuch 2>&1 | sed -n 's/.*use one of: //p' | tr -d ',')
n_dims=$(echo $dims | wc -w)
formats="text csv json"
plan $((n_dims * 3 + 14))

# same DESCRIPTION ARGS...: the report from files and from the database.
same() {
	local d=$1; shift
	"$NEUVOO" report "$@" "$T/copies" >"$T/files" 2>&1
	"$NEUVOO" report --db "$DB" "$@" >"$T/db" 2>&1
	if cmp -s "$T/files" "$T/db" && test -s "$T/files"; then
		ok "$d"
	else
		not_ok "$d"
		diff "$T/files" "$T/db" | head -20 | sed 's/^/# /'
	fi
}

for dim in $dims; do
	for f in $formats; do
		same "--by $dim --format $f" --from 2026-11-21 --to $D --by $dim --format $f
	done
done
same "cross table language x topic, text" --date $D --by language --by topic
same "cross table hour x channel, csv" --date $D --by hour --by channel --format csv
same "cross table desk x age, json" --from 2026-11-21 --to $D --by desk --by age --format json
same "the contacts, csv" --from 2026-11-21 --to $D --contacts --format csv
same "the contacts, json" --from 2026-11-21 --to $D --contacts --format json
same "the contacts, text" --date $D --contacts
same "suppression" --date $D --by language --suppress 5 --format csv
same "one desk" --desk d2 --date $D --by topic
same "in Finnish" --lang fi --from 2026-11-01 --to $D --by channel
same "a day with nothing" --date 2026-11-10 --by topic --format json
late=$("$NEUVOO" report --db "$DB" --date $D | grep '^Late contacts')
check "the late contact is counted" sh -c 'printf "%s\n" "$1" | grep -q ": 2$"' _ "$late"
check "every field recorded somewhere (the test has something to compare)" test "$(psql_ "SELECT count(*) FROM contact WHERE interpreter <> 'none' AND discovery IS NOT NULL AND age_band IS NOT NULL AND gender IS NOT NULL AND life_situation IS NOT NULL AND people > 1")" -gt 0
check "escaped text comes back as it was" test "$(psql_ "SELECT count(*) FROM contact WHERE redirect_service = E'Neuvonta\\tä\\\\ö\\nx'")" = 1
check "the undone contact is left out" test "$(psql_ "SELECT count(*) FROM contact WHERE undone_at IS NULL AND desk = 'd1'")" = 39
finish
