#!/bin/sh
# report_files: a report that survives bad files and says what it left out;
# nothing silent (an unknown desk, a missing folder, no files); warnings
# for a folder open to others, a linked desk file and a copy without its
# -wal; `stats snapshot` of a running desk (every contact, no note).
. "$top_srcdir/tests/e2e/lib.sh"

FILL="$top_builddir/tests/unit/stats_fill"
export TZ="EET-2EEST,M3.5.0/3,M10.5.0/4"
S="$XDG_STATE_HOME/neuvoo/stats"
D=2026-11-22
plan 29
command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 is missing"

"$FILL" "$S/d1@a.db" d1 10 $D >/dev/null &&
"$FILL" "$S/d2@b.db" d2 5 $D >/dev/null
check "two good desk files" test -f "$S/d1@a.db" -a -f "$S/d2@b.db"

# Three bad files among them: not SQLite, damaged SQLite, a newer schema.
printf 'this is not a statistics file, not even SQLite; %0200d\n' 0 >"$S/junk@c.db"
"$FILL" "$T/dmg.db" d4 40 $D >/dev/null
size=$(stat -c %s "$T/dmg.db")
# Pages past the first overwritten: the header opens, the table does not.
dd if=/dev/urandom of="$T/dmg.db" bs=4096 seek=2 count=$((size / 4096 - 2)) conv=notrunc 2>/dev/null
cp "$T/dmg.db" "$S/dmg@d.db"
"$FILL" "$T/new.db" d5 3 $D >/dev/null
sqlite3 "$T/new.db" "PRAGMA user_version = 99"
cp "$T/new.db" "$S/new@e.db"

"$NEUVOO" report --date $D --format csv >"$T/out" 2>"$T/err"
st=$?
diag "$(cat "$T/err")"
check "exit 1 when a file is left out" test $st -eq 1
check "the good files reported in full" test "$(tr -d '\r' <"$T/out" | sed -n '2,$p')" = "$(printf 'd1,d1,10,66.7\nd2,d2,5,33.3')"
check "every bad file named on stderr, one line each" sh -c '
	[ "$(grep -c "junk@c.db" "$1")" -eq 1 ] && [ "$(grep -c "dmg@d.db" "$1")" -eq 1 ] &&
	[ "$(grep -c "new@e.db" "$1")" -eq 1 ]' _ "$T/err"
check "the newer schema says so" grep -q "new@e.db: written by a newer neuvoo" "$T/err"
check "the damaged file: what to do, no desk-side advice" sh -c '
	grep "dmg@d.db" "$1" | grep -q "restore a good copy" && ! grep -q "starts a new one" "$1"' _ "$T/err"
check "a closing line counts them" grep -q "^neuvoo: 3 files left out of the report" "$T/err"

"$NEUVOO" report --date $D >"$T/out" 2>/dev/null
check "text says which files are left out" sh -c '
	grep -q "^Left out: 3 files that cannot be read" "$1" && grep -q "^  .*junk@c.db" "$1"' _ "$T/out"
"$NEUVOO" report --date $D --format json >"$T/out" 2>/dev/null
check "json: left_out with file and why" sh -c '
	grep -q "\"left_out\":\[{\"file\":\"[^\"]*dmg@d.db\",\"why\":" "$1" && grep -q "\"total\":15," "$1"' _ "$T/out"
"$NEUVOO" report --date $D --contacts --format csv >"$T/out" 2>/dev/null
st=$?
check "--contacts too: the 15 good ones, exit 1" sh -c '[ $1 -eq 1 ] && [ "$(wc -l <"$2")" -eq 16 ]' _ $st "$T/out"
rm -f "$S/junk@c.db" "$S/dmg@d.db" "$S/new@e.db"

# Nothing silent.
"$NEUVOO" report --date $D --desk nosuch --format csv >"$T/out" 2>"$T/err"
st=$?
check "an unknown --desk is said" sh -c '[ $1 -eq 0 ] && grep -q "^neuvoo: --desk nosuch: no statistics file of that desk" "$2"' _ $st "$T/err"
"$NEUVOO" report --date $D --stats-dir "$T/nowhere" >"$T/out" 2>"$T/err"
st=$?
check "a missing folder: exit 1, named" sh -c '[ $1 -eq 1 ] && grep -q "nowhere: the statistics folder does not exist" "$2"' _ $st "$T/err"
mkdir "$T/empty"
"$NEUVOO" report --date $D --stats-dir "$T/empty" >"$T/out" 2>"$T/err"
st=$?
check "a folder without files is said" sh -c '[ $1 -eq 0 ] && grep -q "empty: no statistics files" "$2"' _ $st "$T/err"

# Warnings: the folder open to others, a linked desk file.
chmod o+w "$S"
"$NEUVOO" report --date $D >/dev/null 2>"$T/err"
check "a folder writable by others without sticky: warned" grep -q "writable by others without the sticky bit" "$T/err"
chmod o-w "$S"
ln -s "$S/d2@b.db" "$S/d9@b.db"
"$NEUVOO" report --date $D --format csv >"$T/out" 2>"$T/err"
check "a linked desk file: warned, counted once" sh -c '
	grep -q "d9@b.db: the statistics file is a symbolic link" "$1" &&
	[ "$(tr -d "\r" <"$2" | sed -n "\$p")" = "d2,d2,5,33.3" ]' _ "$T/err" "$T/out"
rm -f "$S/d9@b.db"
# A desk file not owned by the user its name gives (root can make one).
if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	cp "$S/d2@b.db" "$S/d8@root.db"
	chown nobody "$S/d8@root.db"
	"$NEUVOO" report --date $D --format csv >/dev/null 2>"$T/err"
	check "a desk file not owned by its user: warned" grep -q "d8@root.db: the statistics file is not owned by its user root" "$T/err"
	rm -f "$S/d8@root.db"
else
	ok "# SKIP a foreign desk file needs root"
fi

# A running desk: a plain copy misses the log, a snapshot has it all.
STATS_FILL_HOLD=30 "$FILL" "$S/d3@c.db" d3 999 $D >"$T/hold.out" &
hold=$!
i=0
while [ $i -lt 400 ] && [ ! -s "$T/hold.out" ]; do sleep 0.05; i=$((i + 1)); done
check "the running desk has its log" test -s "$S/d3@c.db-wal"
mkdir "$T/copies"
cp "$S/d3@c.db" "$T/copies/"
"$NEUVOO" report --date $D --stats-dir "$T/empty" --format csv "$T/copies" >"$T/out" 2>"$T/err"
check "a plain copy without its -wal: warned" grep -q "d3@c.db: a desk file in WAL mode without its -wal beside it" "$T/err"
cp "$S/d3@c.db" "$T/copies/d4@c.db"
cp "$S/d3@c.db" "$T/copies/d5@c.db"
"$NEUVOO" report --date $D --stats-dir "$T/empty" --format csv "$T/copies" >"$T/out" 2>"$T/err"
check "three such copies: one line for them all" sh -c '[ "$(grep -c "WAL mode" "$1")" = 1 ] && grep -q "d3@c.db and 2 other desk files are in WAL mode" "$1"' _ "$T/err"
rm "$T/copies/d4@c.db" "$T/copies/d5@c.db"
XDG_STATE_HOME="$T/no-state" "$NEUVOO" report --date $D --format csv "$T/copies" >"$T/out" 2>"$T/err"
check "files given while the default folder does not exist: reported (exit 0)" sh -c '[ $1 -eq 0 ] && ! grep -q "does not exist" "$2"' _ $? "$T/err"
"$NEUVOO" stats snapshot "$T/snap" >"$T/out" 2>"$T/err"
st=$?
check "snapshot: exit 0, says how many" sh -c '[ $1 -eq 0 ] && grep -qx "Copied 3 files into .*snap." "$2"' _ $st "$T/out"
kill $hold 2>/dev/null
wait $hold 2>/dev/null
out=$("$NEUVOO" report --date $D --stats-dir "$T/empty" --format csv "$T/snap" 2>"$T/err" | tr -d '\r')
check "the snapshot has every contact of the running desk" sh -c 'printf "%s\n" "$1" | grep -qx "d3,d3,999,[0-9.]*"' _ "$out"
check "and no warning about it" test ! -s "$T/err"
check "snapshot files: 0600, no -wal beside them" sh -c '
	[ "$(stat -c %a "$1/d3@c.db")" = 600 ] && [ ! -e "$1/d3@c.db-wal" ]' _ "$T/snap"
check "snapshot refuses the statistics folder itself" sh -c '"$1" stats snapshot "$2" >/dev/null 2>&1; [ $? -eq 2 ]' _ "$NEUVOO" "$S"

# Notes never leave in a snapshot unless asked, and then within retention.
now=$(date +%s)
sqlite3 "$S/d1@a.db" "UPDATE contact SET note = 'private words', ended_at = $now WHERE rowid = 1;
	UPDATE contact SET note = 'old words', ended_at = $((now - 40 * 86400)) WHERE rowid = 2"
rm -rf "$T/snap"
"$NEUVOO" stats snapshot "$T/snap" >/dev/null 2>&1
check "a snapshot drops every note" test "$(sqlite3 "$T/snap/d1@a.db" "SELECT count(note) FROM contact")" = 0
check "not even in a free page" sh -c '! grep -qa "private words" "$1"' _ "$T/snap/d1@a.db"
rm -rf "$T/snap"
"$NEUVOO" stats snapshot --keep-notes "$T/snap" >/dev/null 2>&1
check "--keep-notes keeps those within the retention (30 days)" \
	test "$(sqlite3 "$T/snap/d1@a.db" "SELECT group_concat(note) FROM contact")" = "private words"
printf 'note-retention-days = 0\n' >"$XDG_CONFIG_HOME/neuvoo/neuvoo.conf" 2>/dev/null ||
	{ mkdir -p "$XDG_CONFIG_HOME/neuvoo"; printf 'note-retention-days = 0\n' >"$XDG_CONFIG_HOME/neuvoo/neuvoo.conf"; }
rm -rf "$T/snap"
"$NEUVOO" stats snapshot --keep-notes "$T/snap" >/dev/null 2>&1
check "retention 0: no note even with --keep-notes" test "$(sqlite3 "$T/snap/d1@a.db" "SELECT count(note) FROM contact")" = 0
finish
