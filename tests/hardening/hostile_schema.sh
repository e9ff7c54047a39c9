#!/bin/sh
# hostile_schema: valid SQLite files whose schema is not neuvoo's. A
# catalogue, statistics or training results file is used only when its
# tables and columns are exactly the known ones: a generated column (one
# that makes 200 MB on every read of a name), a view in place of a table,
# an extra view, a trigger, an extra table or column is refused with exit
# 1 and one line on stderr naming the file, before anything is loaded.
# The fixtures are made here from sound files.
. "$top_srcdir/tests/e2e/lib.sh"
plan 23

export TZ=Europe/Helsinki
FILL=$top_builddir/tests/unit/stats_fill
sq() { sqlite3 -batch "$@"; }
# (A file in WAL mode given without its -wal is warned about, a line of
# its own: left out of the count of lines.)
run() {
	"$@" >"$T/out" 2>"$T/err.all"
	rc=$?
	grep -v "without its -wal beside it" "$T/err.all" >"$T/err"
}
# left_out FILE WORD: report's way with a file it cannot use: status 1,
# one stderr line naming FILE and WORD, and the line counting what was
# left out (the rest is reported).
# (The warning about copies in WAL mode without their -wal is not counted:
# the fixtures are such copies.)
left_out() {
	grep -v "in WAL mode without" "$T/err" >"$T/err.bad"
	if [ $rc -eq 1 ] && [ "$(grep -cF "$1" "$T/err.bad")" -eq 1 ] &&
	   grep -F "$1" "$T/err.bad" | grep -qF -- "$2" &&
	   grep -q "left out of the report" "$T/err.bad" && [ "$(wc -l <"$T/err.bad")" -eq 2 ]; then
		return 0
	fi
	diag "status $rc, stderr:" "$(head -c 600 "$T/err")"
	return 1
}
# refused FILE WORD: status 1, one stderr line naming FILE and WORD.
refused() {
	if [ $rc -eq 1 ] && [ "$(wc -l <"$T/err")" -eq 1 ] &&
	   grep -qF "$1" "$T/err" && grep -qF -- "$2" "$T/err"; then
		return 0
	fi
	diag "status $rc, stderr:" "$(head -c 600 "$T/err")"
	return 1
}

cat=$T/clean.db
"$NEUVOO" --catalogue "$cat" catalogue init >/dev/null 2>"$T/err" || diag "$(cat "$T/err")"
run "$NEUVOO" --catalogue "$cat" catalogue info
check "the sound catalogue is used" test $rc -eq 0

# make NAME SQL: a copy of the sound catalogue changed by SQL.
make_cat() {
	cp "$cat" "$T/$1.db"
	printf '%s\n' "$2" | sq "$T/$1.db" || diag "fixture $1 failed"
}
make_cat generated "ALTER TABLE service RENAME COLUMN name_fi TO name_fi_t;
ALTER TABLE service ADD COLUMN name_fi TEXT GENERATED ALWAYS AS (name_fi_t || zeroblob(200000000)) VIRTUAL;"
make_cat stored "ALTER TABLE service ADD COLUMN extra TEXT;"
make_cat view_table "ALTER TABLE organisation RENAME TO organisation_t;
CREATE VIEW organisation AS SELECT * FROM organisation_t;"
make_cat view "CREATE VIEW big AS SELECT zeroblob(200000000) AS b;"
make_cat trigger "CREATE TRIGGER t AFTER INSERT ON service BEGIN SELECT zeroblob(200000000); END;"
make_cat table "CREATE TABLE extra (x);"

for f in generated stored view_table view trigger table; do
	run "$NEUVOO" --catalogue "$T/$f.db" catalogue info
	check "catalogue info refuses a catalogue with a $f" refused "$T/$f.db" "not a neuvoo catalogue"
done
run "$NEUVOO" --catalogue "$T/generated.db" catalogue search kela
check "catalogue search refuses the generated name column" refused "$T/generated.db" "generated or hidden column"
run "$NEUVOO" --catalogue "$T/generated.db" catalogue check
check "catalogue check refuses it" refused "$T/generated.db" "generated or hidden column"
run "$NEUVOO" --catalogue "$T/view.db" catalogue check
check "the message names the view" refused "$T/view.db" "view 'big'"
run "$NEUVOO" --catalogue "$T/trigger.db" catalogue check
check "the message names the trigger" refused "$T/trigger.db" "trigger 't'"

# ---- a sound schema with a text of a megabyte ----
make_cat long "UPDATE service SET web = 'bad ' || replace(hex(zeroblob(500033)), '0', 'w')
 WHERE id = (SELECT id FROM service ORDER BY id LIMIT 1);"
run "$NEUVOO" --catalogue "$T/long.db" catalogue check
check "catalogue check names the bad web address (exit 1)" sh -c '[ $1 -eq 1 ] && grep -q "web address" "$2"' _ $rc "$T/out"
longest=$(awk '{ if (length($0) > m) m = length($0) } END { print m + 0 }' "$T/out" "$T/err")
check "no line of catalogue check is over 400 characters and the file name (it was $longest)" test "$longest" -le $((400 + ${#T} + 40))
check "the cut line ends with a marker" grep -q '…$' "$T/out"

# ---- statistics files ----
S=$XDG_STATE_HOME/neuvoo/stats
mkdir -p "$S"
"$FILL" "$T/sound.db" d1 3 2024-05-13 >/dev/null
run "$NEUVOO" report --date 2024-05-13 "$T/sound.db"
check "the sound desk file is reported" test $rc -eq 0
make_stats() {
	cp "$T/sound.db" "$T/$1.db"
	printf '%s\n' "$2" | sq "$T/$1.db" || diag "fixture $1 failed"
}
make_stats s_generated "ALTER TABLE contact ADD COLUMN big TEXT GENERATED ALWAYS AS (zeroblob(200000000)) VIRTUAL;"
make_stats s_view "ALTER TABLE contact_topic RENAME TO ct; CREATE VIEW contact_topic AS SELECT * FROM ct;"
make_stats s_trigger "CREATE TRIGGER t AFTER INSERT ON contact BEGIN SELECT 1; END;"
for f in s_generated s_view s_trigger; do
	run "$NEUVOO" report --date 2024-05-13 "$T/$f.db"
	check "report leaves out a desk file with ${f#s_}" left_out "$T/$f.db" "not a neuvoo statistics file"
done
# The desk's own file: the writer checks it exactly.
make_stats s_column "ALTER TABLE contact ADD COLUMN extra TEXT;"
cp "$T/s_column.db" "$S/x@$ME.db"
before=$(cksum <"$S/x@$ME.db")
run "$NEUVOO" --desk x tickets --list
run env STATS_FILL_GROUP= "$FILL" "$S/x@$ME.db" x 1 2024-05-13
check "the writer refuses an extra column" sh -c 'grep -qF "other columns" "$1"' _ "$T/err"
check "and leaves the file unchanged" test "$(cksum <"$S/x@$ME.db")" = "$before"
run "$NEUVOO" report --date 2024-05-13 "$T/s_generated.db" "$T/sound.db"
check "one bad file among good ones: named, left out, exit 1" left_out "$T/s_generated.db" "generated or hidden"
check "and the good one is reported" grep -q "^Contacts: [1-9]" "$T/out"

# (Training results files: tests/unit/test_results.c, test_refuses_odd_schema.)

# trusted_schema is OFF: a view that calls a function SQLite does not
# deem innocuous cannot even be prepared. (A text check of the sources.)
check "every connection is hardened in db.c and catalogue_file.c" \
	sh -c 'grep -q "trusted_schema = OFF" "$1/src/core/db.c" && grep -q "db_harden" "$1/src/core/catalogue_file.c"' _ "$top_srcdir"
finish
