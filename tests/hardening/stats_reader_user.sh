#!/bin/sh
# stats_reader_user: a supervisor who may only read the desks' files
# (group read on each file and its -wal and -shm, no write on them nor on
# the folder) gets complete figures from `report`, log included: from a desk still running, from one killed with
# its log unfolded, and from one that ended cleanly; and reading creates,
# changes or locks out nothing (the writer goes on saving afterwards).
# A real second Unix user: needs root (skipped otherwise).
. "$top_srcdir/tests/e2e/lib.sh"

[ "$(id -u)" = 0 ] || skip_all "needs root to create Unix users"
for tool in useradd userdel groupadd groupdel runuser; do
	command -v "$tool" >/dev/null 2>&1 || skip_all "$tool is missing"
done
plan 17

FILL="$top_builddir/tests/unit/stats_fill"
tag=$$
G="nrg$tag" W="nrw$tag" R="nrr$tag"
SITE=$(mktemp -d "${TMPDIR:-/tmp}/neuvoo-reader.XXXXXX")
chmod 755 "$SITE"
S="$SITE/stats"
D=2026-11-22
hold_pid=""
r_cleanup() {
	[ -n "$hold_pid" ] && kill "$hold_pid" 2>/dev/null
	userdel -f "$W" >/dev/null 2>&1
	userdel -f "$R" >/dev/null 2>&1
	groupdel "$G" >/dev/null 2>&1
	rm -rf "$SITE"
	cleanup
}
trap r_cleanup EXIT

groupadd "$G"
useradd -M -N -g "$G" -d "$SITE" -s /bin/sh "$W"
useradd -M -N -g "$G" -d "$SITE" -s /bin/sh "$R"
# The writer's own folder, which the group may only read.
mkdir "$S"
chown "$W:$G" "$S"
chmod 2750 "$S"
as() {
	u=$1
	shift
	runuser -u "$u" -- env HOME="$SITE" XDG_DATA_HOME="$SITE/x-$u" \
		XDG_STATE_HOME="$SITE/x-$u" XDG_CONFIG_HOME="$SITE/x-$u" "$@"
}
fill() { as "$W" env STATS_FILL_GROUP="$G" "$FILL" "$S/d1@$W.db" d1 "$@"; }
count() {
	as "$R" "$NEUVOO" report --stats-dir "$S" --date $D --format json 2>"$T/err" |
		grep -o '"total":[0-9]*' | cut -d: -f2
}
# snapshot of the folder: names, owners, modes, sizes
folder() { ls -ln "$S" | awk 'NR > 1 { print $1, $3, $4, $5, $9 }'; }

umask 027
fill 3 $D >/dev/null
check "a finished desk: 3 contacts, no log left" sh -c '[ "$1" = 3 ] && [ ! -e "$2-wal" ]' _ "$(count)" "$S/d1@$W.db"

# A desk that is running: its latest contacts are only in the log.
STATS_FILL_HOLD=30 fill 4 $D >"$T/hold.out" &
hold_pid=$!
i=0
while [ $i -lt 200 ] && [ ! -s "$T/hold.out" ]; do sleep 0.05; i=$((i + 1)); done
check "the running desk has its log and -shm" test -e "$S/d1@$W.db-wal" -a -e "$S/d1@$W.db-shm"
check "the log and -shm give the group read only" \
	test "$(stat -c %a "$S/d1@$W.db-wal") $(stat -c %a "$S/d1@$W.db-shm")" = "640 640"
before=$(folder)
check "the reader counts the running desk's contacts: 7" test "$(count)" = 7
check "reading created and changed nothing" test "$(folder)" = "$before"
kill "$hold_pid" 2>/dev/null
wait "$hold_pid" 2>/dev/null
hold_pid=""

# Killed with its log unfolded (the -wal and -shm stay, no one holds them).
STATS_FILL_CRASH=1 fill 2 $D >/dev/null
check "a killed desk leaves its log" test -s "$S/d1@$W.db-wal"
before=$(folder)
check "the reader counts the killed desk's contacts: 9" test "$(count)" = 9
check "and created nothing" test "$(folder)" = "$before"
csv=$(as "$R" "$NEUVOO" report --stats-dir "$S" --date $D --format csv 2>&1 | tr -d '\r')
check "csv the same: d1 9" sh -c 'printf "%s\n" "$1" | grep -qx "d1,d1,9,100.0"' _ "$csv"

# The writer goes on: recovers its log, saves, folds it in at the end.
fill 1 $D >/dev/null
check "the writer saves after the reads: 10" test "$(count)" = 10
check "no file of the reader's in the folder" test -z "$(find "$S" -user "$R")"

# A snapshot by the reader (group read only), of a desk that is running.
STATS_FILL_HOLD=30 fill 5 $D >"$T/hold2.out" &
hold_pid=$!
i=0
while [ $i -lt 200 ] && [ ! -s "$T/hold2.out" ]; do sleep 0.05; i=$((i + 1)); done
mkdir "$SITE/out"
chown "$R" "$SITE/out"
before=$(folder)
as "$R" "$NEUVOO" stats snapshot --stats-dir "$S" "$SITE/out/snap" >"$T/snap.out" 2>"$T/snap.err"
st=$?
check "the reader's snapshot: exit 0, without write access" sh -c '[ $1 -eq 0 ] && grep -q "^Copied 1 file" "$2"' _ $st "$T/snap.out"
check "the snapshot changed nothing in the folder" test "$(folder)" = "$before"
snap=$(as "$R" "$NEUVOO" report --stats-dir "$SITE/out/snap" --date $D --format csv 2>&1 | tr -d '\r')
check "the snapshot has the running desk's contacts: 15" sh -c 'printf "%s\n" "$1" | grep -qx "d1,d1,15,100.0"' _ "$snap"
check "the copy is the reader's, 0600, no -wal" sh -c '
	[ "$(stat -c "%U %a" "$1/d1@$2.db")" = "$3 600" ] && [ ! -e "$1/d1@$2.db-wal" ]' _ "$SITE/out/snap" "$W" "$R"
kill "$hold_pid" 2>/dev/null
wait "$hold_pid" 2>/dev/null
hold_pid=""

# A desk file the reader may not read: named, left out, the rest counted.
as "$W" env STATS_FILL_GROUP= "$FILL" "$S/d2@$W.db" d2 2 $D >/dev/null
chmod 600 "$S/d2@$W.db"
csv=$(as "$R" "$NEUVOO" report --stats-dir "$S" --date $D --format csv 2>"$T/err" | tr -d '\r')
st=$?
check "an unreadable desk file: named with what to do" grep -q "d2@$W.db: cannot read the file: .*you need read access" "$T/err"
check "and the rest reported: d1 15" sh -c 'printf "%s\n" "$1" | grep -qx "d1,d1,15,100.0"' _ "$csv"
finish
