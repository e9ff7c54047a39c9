#!/bin/sh
# pg_push: `neuvoo stats push` into a PostgreSQL server of the test's own
# (pg_lib.sh): the schema made by --init, pushes that add each contact
# once (twice the same, copies from another host, a file that grew), an
# undo, a correction and a closed day that propagate, an unchanged push
# that reads nothing, organisations, the roles of the supervisor guide,
# a push killed halfway and a connection cut halfway (the database as
# before that file), a newer schema, wrong credentials, ~/.pgpass.
. "$top_srcdir/tests/e2e/lib.sh"
. "$top_srcdir/tests/e2e/pg_lib.sh"

FILL="$top_builddir/tests/unit/stats_fill"
export TZ="EET-2EEST,M3.5.0/3,M10.5.0/4"
S="$XDG_STATE_HOME/neuvoo/stats"
D=2026-11-22
plan 42

push() { "$NEUVOO" stats push --db "$DB" "$@" >"$T/out" 2>"$T/err"; }
n_contacts() { psql_ "SELECT count(*) FROM contact WHERE undone_at IS NULL"; }
# The report's total, from the database.
db_total() { "$NEUVOO" report --db "$DB" --date $D --format csv "$@" 2>"$T/err" | tr -d '\r' |
	awk -F, 'NR > 1 { n += $3 } END { print n + 0 }'; }

"$FILL" "$S/d1@anna.db" d1 10 $D >/dev/null &&
"$FILL" "$S/d2@bo.db" d2 5 $D >/dev/null
check "desk files written" test -f "$S/d1@anna.db" -a -f "$S/d2@bo.db"

push
check "before --init: exit 1" test $? -eq 1
check "before --init: one line that says to run --init" sh -c \
	'test $(wc -l <"$1") -eq 1 && grep -q "stats push --init" "$1"' _ "$T/err"

push --init
check "--init makes the schema and pushes the statistics folder" test $? -eq 0
check "15 contacts in the database" test "$(n_contacts)" = 15
check "the summary line" grep -q "^pushed 2 files (15 contacts" "$T/out"
check "schema version 2" test "$(psql_ 'SELECT version FROM neuvoo_schema')" = 2
check "no note column is pushed" test "$(psql_ "SELECT count(*) FROM information_schema.columns WHERE table_name = 'contact' AND column_name = 'note'")" = 0

push
check "pushed twice: unchanged files are skipped" grep -q "^pushed 0 files (0 contacts, 0 events, 0 sign-offs), 2 unchanged" "$T/out"
check "pushed twice: still 15" test "$(n_contacts)" = 15
push --init
check "--init again on a made schema: nothing doubles" test "$(n_contacts)" = 15

# Another host's copies: other paths, the same contacts.
mkdir -p "$T/hostb"
cp "$S/d1@anna.db" "$S/d2@bo.db" "$T/hostb/"
push "$T/hostb"
check "copies from another host: sent" grep -q "^pushed 2 files (15 contacts" "$T/out"
check "copies from another host: each contact once" test "$(n_contacts)" = 15

"$FILL" "$S/d1@anna.db" d1 4 $D >/dev/null
push
check "a file that grew: that file is sent, the other skipped" grep -q "^pushed 1 files .*, 1 unchanged" "$T/out"
check "a file that grew: 19" test "$(n_contacts)" = 19

# An undo at a running desk after the push (the desk holds the file open;
# today, as F9 undoes only a contact that ended minutes ago).
STATS_FILL_HOLD=2 STATS_FILL_UNDO=1 "$FILL" "$S/d2@bo.db" d2 2 >"$T/fill" &
fill=$!
while ! grep -q . "$T/fill" 2>/dev/null; do sleep 0.1; done
push
check "a running desk's new contacts are pushed" test "$(n_contacts)" = 21
wait $fill
undone=$(sed -n 2p "$T/fill")
push
check "the undo propagates" test "$(psql_ "SELECT count(*) FROM contact WHERE id = '$undone' AND undone_at IS NOT NULL")" = 1
check "the report from the database leaves it out" test "$(db_total --date "$(date +%F)")" = 1
push "$T/hostb"
check "an older copy without the undo does not bring it back" test "$(n_contacts)" = 20

# A correction (the contact's fields changed after the save).
id=$(sqlite3 "$S/d1@anna.db" "SELECT id FROM contact WHERE channel = 'walk-in' LIMIT 1")
sqlite3 "$S/d1@anna.db" "UPDATE contact SET channel = 'video', corrected_at = strftime('%s','now') WHERE id = '$id'"
push
check "a correction propagates" test "$(psql_ "SELECT channel FROM contact WHERE id = '$id'")" = video
push "$T/hostb"
check "an older copy does not undo the correction" test "$(psql_ "SELECT channel FROM contact WHERE id = '$id'")" = video

# Closing the day: the sign-off file (@USER.db) is pushed too; a contact
# saved after the close is late in both reports.
"$NEUVOO" review --date $D --close >/dev/null 2>&1
sleep 1
"$FILL" "$S/d2@bo.db" d2 1 $D >/dev/null
push
check "the sign-off is pushed" test "$(psql_ "SELECT count(*) FROM sign_off WHERE date = '$D' AND action = 'close'")" = 1
late() { "$NEUVOO" report "$@" --date $D 2>&1 | grep '^Late contacts'; }
check "late contacts: the same from files and database" sh -c \
	'test "$1" = "$2" && printf "%s\n" "$1" | grep -q ": 1$"' _ "$(late)" "$(late --db "$DB")"
dayline() { "$NEUVOO" report "$@" --date $D 2>&1 | grep '^Day closed'; }
check "the day closed: the same from files and database" sh -c \
	'test "$1" = "$2" && printf "%s\n" "$1" | grep -q "yes"' _ "$(dayline)" "$(dayline --db "$DB")"
sleep 1
"$NEUVOO" review --date $D --reopen >/dev/null 2>&1
push
check "the day reopened: the same from files and database" sh -c \
	'test "$1" = "$2" && printf "%s\n" "$1" | grep -q "no"' _ "$(dayline)" "$(dayline --db "$DB")"

# Organisations: one database for many.
mkdir -p "$T/espoo"
"$FILL" "$T/espoo/e1@eve.db" e1 3 $D >/dev/null
printf 'organisation = "Espoo"\n' >"$T/espoo.conf"
"$NEUVOO" --config "$T/espoo.conf" stats push --db "$DB" "$T/espoo" >/dev/null 2>&1
check "each contact carries its organisation" test "$(psql_ "SELECT count(*) FROM contact WHERE organisation = 'Espoo'")" = 3
check "--organisation selects it" test "$(db_total --organisation Espoo)" = 3
check "two organisations" test "$(db_total --organisation Espoo --organisation '')" = 23

# The roles of the supervisor guide: a writer pushes, a reader reads.
psql_ "CREATE ROLE neuvoo_writer NOLOGIN; CREATE ROLE neuvoo_reader NOLOGIN;
	CREATE ROLE pusher LOGIN PASSWORD '$PGPASSWORD' IN ROLE neuvoo_writer;
	CREATE ROLE dashboard LOGIN PASSWORD '$PGPASSWORD' IN ROLE neuvoo_reader"
push --init
"$FILL" "$S/d1@anna.db" d1 1 $D >/dev/null
"$NEUVOO" stats push --db "host=$PGDIR dbname=postgres user=pusher" >/dev/null 2>"$T/err" || diag "$(cat "$T/err")"
check "the writer role pushes" test "$(n_contacts)" = 25
"$FILL" "$S/d1@anna.db" d1 1 $D >/dev/null
"$NEUVOO" stats push --db "host=$PGDIR dbname=postgres user=dashboard" >/dev/null 2>"$T/err"
check "the reader role cannot push" sh -c 'test $(n=$(cat "$1" | wc -l); echo $n) -eq 1' _ "$T/err"
check "the reader role reports" test "$("$NEUVOO" report --db "host=$PGDIR dbname=postgres user=dashboard" --date $D --format csv | tr -d '\r' | awk -F, 'NR > 1 { n += $3 } END { print n }')" = 24

# A push killed halfway: a big file, SIGKILL while its rows go in.
big="$T/big/big@anna.db"
mkdir -p "$T/big"
"$FILL" "$big" big 1 $D >/dev/null
sqlite3 "$big" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400000)
	INSERT INTO contact (id, desk, started_at, ended_at, channel, topics, saved_at)
	SELECT printf('big-%d', i), 'big', started_at, ended_at, channel, topics, saved_at
	FROM n, (SELECT * FROM contact LIMIT 1); PRAGMA journal_mode = DELETE"
before=$(psql_ "SELECT count(*) FROM contact")
busy() { test "$(psql_ "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'neuvoo' AND state = 'active' AND (query LIKE 'COPY stage_contact%' OR query LIKE 'INSERT INTO contact%')")" -ge 1; }
"$NEUVOO" stats push --db "$DB" "$T/big" >/dev/null 2>&1 &
pid=$!
while ! busy && kill -0 $pid 2>/dev/null; do :; done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
rc=$?
check "the push was killed halfway" test $rc -eq 137
while test "$(psql_ "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'neuvoo'")" != 0; do sleep 0.1; done
check "killed: the database as before that file" test "$(psql_ "SELECT count(*) FROM contact")" = "$before"
check "killed: the file not recorded as pushed" test "$(psql_ "SELECT count(*) FROM pushed_file WHERE path LIKE '%big@anna.db'")" = 0

# The connection cut halfway (the server ends it, as a network drop does).
"$NEUVOO" stats push --db "$DB" "$T/big" >/dev/null 2>"$T/err" &
pid=$!
while ! busy && kill -0 $pid 2>/dev/null; do :; done
psql_ "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'neuvoo'" >/dev/null
wait $pid 2>/dev/null
rc=$?
check "connection lost: exit 1, one line" sh -c 'test $1 -eq 1 && test $(wc -l <"$2") -eq 1' _ $rc "$T/err"
check "connection lost: the database as before that file" test "$(psql_ "SELECT count(*) FROM contact")" = "$before"
push "$T/big"
check "pushed again: the whole file" test "$(psql_ "SELECT count(*) FROM contact")" = $((before + 400001))

# A database of a newer neuvoo.
psql_ "UPDATE neuvoo_schema SET version = 99"
push
check "newer schema: push refuses, one line" sh -c 'test $1 -eq 1 && test $(wc -l <"$2") -eq 1 && grep -q "newer neuvoo" "$2"' _ $? "$T/err"
"$NEUVOO" report --db "$DB" --date $D >/dev/null 2>"$T/err"
check "newer schema: report refuses" sh -c 'test $1 -eq 1 && grep -q "newer neuvoo" "$2"' _ $? "$T/err"
psql_ "UPDATE neuvoo_schema SET version = 2"

# Credentials.
PGPASSWORD=wrong "$NEUVOO" stats push --db "$DB" >/dev/null 2>"$T/err"
check "wrong password: exit 1, one line naming the user" sh -c 'test $1 -eq 1 && test $(wc -l <"$2") -eq 1 && grep -q "wrong user name or password" "$2"' _ $? "$T/err"
pw=$PGPASSWORD
unset PGPASSWORD
printf '*:*:*:neuvoo:%s\n' "$pw" >"$HOME/.pgpass"
chmod 600 "$HOME/.pgpass"
"$FILL" "$S/d1@anna.db" d1 1 $D >/dev/null
"$NEUVOO" stats push --db "$DB" >"$T/out" 2>"$T/err"
check "the password from ~/.pgpass" grep -q "^pushed 1 files" "$T/out"
"$NEUVOO" stats push --db "postgresql://neuvoo:$pw@localhost/postgres" >/dev/null 2>"$T/err"
check "a password in the URL: usage error" sh -c 'test $1 -eq 2 && grep -q "PGPASSWORD" "$2"' _ $? "$T/err"
export PGPASSWORD=$pw
finish
