#!/bin/sh
# catalogue_readonly: the shared catalogue is never opened writable by the
# commands that only read it (search, info, check, report, train, the
# desk; the review screen once it lands).
#
# In the sources: every SQLite open of the read side (catalogue.c and its
# loader files) is SQLITE_OPEN_READONLY with a mode=ro&immutable=1 URI, and
# only the admin side (catalogue_schema.c, catalogue_publish.c, the import
# driver, the HSDS export and `neuvoo catalogue`) publishes, initialises or
# migrates a catalogue.
# At run time: with the catalogue file 0444 in a 0555 folder (as an
# unprivileged user when the test runs as root, since root ignores
# permissions) every reading command works, and the file's bytes and the
# folder's listing are unchanged afterwards: no journal, -wal or -shm file.
# The same again for a catalogue left in WAL mode by some other tool, which
# SQLite cannot open read-only in a read-only folder unless immutable.
. "$top_srcdir/tests/e2e/lib.sh"

plan 18
src=$top_srcdir/src

# ---- sources ----
readside="$src/core/catalogue.c $src/core/catalogue_file.c $src/core/catalogue_cells.c $src/core/catalogue_load.c $src/core/catalogue_lean.c"
# shellcheck disable=SC2086
opens=$(grep -n 'sqlite3_open' $readside)
if [ -n "$opens" ] && ! printf '%s\n' "$opens" | grep -v 'SQLITE_OPEN_READONLY' | grep -q . &&
   ! printf '%s\n' "$opens" | grep -qE 'READWRITE|OPEN_CREATE'; then
	ok "every sqlite3_open of the catalogue read side is SQLITE_OPEN_READONLY"
else
	not_ok "every sqlite3_open of the catalogue read side is SQLITE_OPEN_READONLY"
	diag "$opens"
fi
# shellcheck disable=SC2086
uris=$(grep -n 'db_file_uri(' $readside | grep -v 'char \*db_file_uri')
if [ -n "$uris" ] && ! printf '%s\n' "$uris" | grep -v 'mode=ro&immutable=1' | grep -q .; then
	ok "every catalogue URI asks for mode=ro&immutable=1"
else
	not_ok "every catalogue URI asks for mode=ro&immutable=1"
	diag "$uris"
fi
writers=$(grep -rnE '\b(catalogue_publish|catalogue_init|catalogue_schema_migrate|hsds_export)[[:space:]]*\(' \
	"$src" --include='*.c' |
	grep -vE "^$src/(core/catalogue_(schema|publish|import)\.c|core/hsds(_export)?\.c|cmd/cmd_catalogue\.c):")
if [ -z "$writers" ]; then
	ok "only the admin side (catalogue_schema.c, catalogue_publish.c, the import driver, the HSDS export, cmd_catalogue.c) writes catalogues"
else
	not_ok "only the admin side (catalogue_schema.c, catalogue_publish.c, the import driver, the HSDS export, cmd_catalogue.c) writes catalogues"
	diag "$writers"
fi
others=$(grep -rln 'sqlite3_open' "$src" --include='*.c' | grep -v "^$src/core/")
if [ -z "$others" ]; then
	ok "only src/core opens SQLite files (commands, panes and UI go through it)"
else
	not_ok "only src/core opens SQLite files (commands, panes and UI go through it)"
	diag "$others"
fi

# ---- run time ----
ro=$T/ro
cat_db=$ro/catalogue.db
mkdir -p "$ro" "$T/stats"
"$NEUVOO" --catalogue "$cat_db" catalogue init >/dev/null 2>"$T/err" || diag "$(cat "$T/err")"
"$top_builddir/tests/unit/stats_fill" "$T/stats/d1.db" d1 12 >/dev/null 2>"$T/err" ||
	diag "stats_fill: $(cat "$T/err")"
cp "$cat_db" "$T/orig.db"
chmod 0444 "$cat_db"
chmod 0555 "$ro"

# As root, run the commands as nobody so the permissions bite.
as=""
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1 &&
   setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null; then
	as="setpriv --reuid=65534 --regid=65534 --clear-groups"
	chmod 0755 "$T"
	chmod 0777 "$HOME" "$XDG_DATA_HOME" "$XDG_STATE_HOME" "$XDG_CONFIG_HOME"
	chmod -R a+rwX "$T/stats"
	# Sticky: the desk refuses a folder anyone may rename files in.
	chmod +t "$T/stats"
	diag "running the readers as uid 65534"
fi
listing() { (cd "$ro" && ls -la --time-style=+%s.%N | grep -v " \.\.$"); }
listing >"$T/before"

# reader NAME ARGS...: run one reading command against the catalogue.
reader() {
	local what=$1
	shift
	# shellcheck disable=SC2086
	$as "$NEUVOO" --catalogue "$cat_db" --stats-dir "$T/stats" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	if [ $rc -eq 0 ] && [ -s "$T/out" ]; then
		ok "$what works on a read-only catalogue"
	else
		not_ok "$what works on a read-only catalogue"
		diag "status $rc" "$(cat "$T/err")"
	fi
}
reader "catalogue search x" catalogue search x
reader "catalogue info" catalogue info
reader "catalogue check" catalogue check
reader "report --by language" report --by language
reader "report --by redirect" report --by redirect
reader "train --list" train --list

# The desk, in tmux: start, save the smallest contact, quit.
start 80 24 "$as $NEUVOO --catalogue $cat_db --stats-dir $T/stats --desk ro; echo EXITED=\$?"
check "the desk starts on a read-only catalogue" wait_for "Interpreters F8"
keys F6 Space
keys F2
check "and saves a contact" wait_for "Saved:"
keys F10
check "and quits cleanly" wait_for "EXITED=0"

check "the catalogue's bytes are unchanged" cmp -s "$cat_db" "$T/orig.db"
listing >"$T/after"
if cmp -s "$T/before" "$T/after"; then
	ok "no file appeared or changed in the catalogue's folder"
else
	not_ok "no file appeared or changed in the catalogue's folder"
	diag "$(diff "$T/before" "$T/after")"
fi

# ---- a catalogue left in WAL mode ----
wal=$T/wal
mkdir -p "$wal"
cp "$T/orig.db" "$wal/catalogue.db"
sqlite3 "$wal/catalogue.db" 'PRAGMA journal_mode = WAL;' >/dev/null
rm -f "$wal/catalogue.db-wal" "$wal/catalogue.db-shm"
cp "$wal/catalogue.db" "$T/wal-orig.db"
chmod 0444 "$wal/catalogue.db"
chmod 0555 "$wal"
# shellcheck disable=SC2086
$as "$NEUVOO" --catalogue "$wal/catalogue.db" catalogue search asunto >"$T/out" 2>"$T/err"
rc=$?
check "a WAL-mode catalogue in a read-only folder can be searched" \
	sh -c "[ $rc -eq 0 ] && grep -q asumisneuvonta '$T/out'"
[ $rc -eq 0 ] || diag "$(cat "$T/err")"
# shellcheck disable=SC2086
$as "$NEUVOO" --catalogue "$wal/catalogue.db" catalogue check >"$T/out" 2>"$T/err"
rc=$?
check "and checked" test $rc -eq 0
[ $rc -eq 0 ] || diag "$(cat "$T/err")"
check "and nothing was written next to it" \
	sh -c "cmp -s '$wal/catalogue.db' '$T/wal-orig.db' && [ \$(ls -A '$wal' | wc -l) -eq 1 ]"

chmod 0755 "$ro" "$wal"
finish
