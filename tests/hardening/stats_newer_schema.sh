#!/bin/sh
# stats_newer_schema: desk statistics files this neuvoo cannot use, as
# when files are copied between hosts running different versions:
# - a file of a newer schema (PRAGMA user_version 99): `report` leaves it
#   out, exits 1, and names it in one line saying to use the newer
#   neuvoo; the desk
#   starts, keeps running, says its statistics cannot be written and never
#   touches the file (same bytes, user_version still 99);
# - a truncated desk file and random bytes named *.db in the statistics
#   folder: `report` leaves it out the same way; the desk whose
#   own file is truncated runs without altering it; `review` flags every
#   unusable file and still shows the sound one.
. "$top_srcdir/tests/e2e/lib.sh"
plan 30

export TZ=Europe/Helsinki
FILL=$top_builddir/tests/unit/stats_fill
D=2024-05-13
S=$XDG_STATE_HOME/neuvoo/stats

# run: stdout to $T/out, stderr to $T/err, status to $rc.
# (A file in WAL mode given without its -wal is warned about, a line of
# its own: left out of the count of lines.)
run() {
	"$@" >"$T/out" 2>"$T/err.all"
	rc=$?
	grep -v "without its -wal beside it" "$T/err.all" >"$T/err"
}
# refused FILE: report exited 1, said one line on stderr naming FILE and
# one counting the files left out, and reported the rest (stdout, in text
# naming FILE among those left out).
refused() {
	if [ $rc -eq 1 ] && [ "$(wc -l <"$T/err")" -eq 2 ] &&
	   [ "$(grep -cF "$1" "$T/err")" -eq 1 ] && grep -q "left out of the report" "$T/err" &&
	   [ -s "$T/out" ]; then
		return 0
	fi
	diag "status $rc, stdout $(wc -c <"$T/out") bytes, stderr:" "$(cat "$T/err")"
	return 1
}
alive() {
	pid=$(ps -o pid= --ppid "$(pane_pid)" -o comm= | awk '$2 == "neuvoo" { print $1 }')
	[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}
last_line() { screen | tail -1 | grep -qF -- "$1"; }
# until_ok CMD...: poll for up to 10 s until the command succeeds.
until_ok() {
	i=0
	while [ $i -lt 200 ]; do
		"$@" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	diag "screen was:"
	screen | sed 's/^/#   /'
	return 1
}
sum() { cksum <"$1"; }

# ---- a desk file of a newer schema --------------------------------------
"$FILL" "$S/e2e@$ME.db" e2e 3 $D >/dev/null
sqlite3 "$S/e2e@$ME.db" 'PRAGMA user_version = 99'
check "the newer file is made" test "$(sqlite3 "$S/e2e@$ME.db" 'PRAGMA user_version')" = 99
sum0=$(sum "$S/e2e@$ME.db")

run "$NEUVOO" report --date $D
check "report exits 1 with one line naming the newer file" refused "$S/e2e@$ME.db"
check "the line says to use the newer neuvoo" grep -q "newer neuvoo" "$T/err"
run "$NEUVOO" report --date $D --format csv
check "report --format csv refuses it the same way" refused "$S/e2e@$ME.db"

start 80 24 "$NEUVOO --desk e2e; echo EXITED=\$?"
check "the desk starts and says statistics cannot be written" \
	until_ok last_line "Statistics cannot be written"
# Wide enough for the whole message, path and all.
resize 400 24
check "the status line says why: a newer neuvoo wrote the file" \
	until_ok last_line "newer neuvoo"
resize 80 24
keys F6 Space F2
check "F2 keeps the contact and says it is not saved" until_ok last_line "not saved"
# F9 while the contact is on the form asks first; yes tries the file.
keys F9
wait_for "Undo the last saved contact?" >/dev/null
keys y
sleep 0.3
check "the desk is still running after F2 and F9" alive
keys F10
wait_for "Please confirm" >/dev/null
keys y
check "F10 quits it with status 0" wait_for "EXITED=0"
check "the newer file has the same bytes as before" test "$(sum "$S/e2e@$ME.db")" = "$sum0"
check "its user_version is still 99" \
	test "$(sqlite3 "$S/e2e@$ME.db" 'PRAGMA user_version')" = 99
check "no -wal or -shm file is left next to it" \
	test ! -e "$S/e2e@$ME.db-wal" -a ! -e "$S/e2e@$ME.db-shm"

# ---- a truncated file and random bytes ------------------------------------
# Truncated: the first half of a desk file of several pages.
"$FILL" "$T/big.db" big 400 $D >/dev/null
size=$(wc -c <"$T/big.db")
head -c $((size / 2)) "$T/big.db" >"$T/trunc.db"
perl -e 'srand(11); print map { chr int rand 256 } 1..20000' >"$T/random.db"

mkdir -p "$T/s1" "$T/s2"
"$FILL" "$T/s1/d1.db" d1 3 $D >/dev/null
cp "$T/s1/d1.db" "$T/s2/d1.db"
cp "$T/trunc.db" "$T/s1/trunc.db"
cp "$T/random.db" "$T/s2/random.db"
run "$NEUVOO" report --date $D --stats-dir "$T/s1"
check "report exits 1 with one line naming the truncated file" refused "$T/s1/trunc.db"
run "$NEUVOO" report --date $D --stats-dir "$T/s2"
check "report exits 1 with one line naming the random bytes" refused "$T/s2/random.db"
run "$NEUVOO" report --date $D --stats-dir "$T/s2" --contacts --format csv
check "report --contacts refuses them the same way" refused "$T/s2/random.db"
mkdir -p "$T/empty"
run "$NEUVOO" report --date $D --stats-dir "$T/empty" "$T/trunc.db"
check "a truncated file given as PATH: exit 1, one line naming it" refused "$T/trunc.db"
run "$NEUVOO" report --date $D --stats-dir "$T/empty" "$T/s1/d1.db"
check "the sound file alone still reports (exit 0)" \
	sh -c "[ $rc -eq 0 ] && grep -q d1 '$T/out'"

# The desk whose own file is truncated.
cp "$T/trunc.db" "$S/cut@$ME.db"
sum1=$(sum "$S/cut@$ME.db")
tmux_ respawn-pane -k -t t "env TERM=xterm-256color $NEUVOO --desk cut; echo EXITED=\$?; sleep 600"
check "a desk with a truncated file starts and says statistics cannot be written" \
	until_ok last_line "Statistics cannot be written"
keys F6 Space F2
check "F2 says the contact is not saved" until_ok last_line "not saved"
check "the desk is still running" alive
keys F10
wait_for "Please confirm" >/dev/null
keys y
check "F10 quits it with status 0" wait_for "EXITED=0"
check "the truncated file has the same bytes as before" test "$(sum "$S/cut@$ME.db")" = "$sum1"

# ---- the review flags them and goes on ------------------------------------
"$FILL" "$S/d1.db" d1 3 $D >/dev/null
cp "$T/trunc.db" "$S/trunc.db"
cp "$T/random.db" "$S/random.db"
sums=$(cksum "$S"/*.db)
tmux_ respawn-pane -k -t t "env TERM=xterm-256color $NEUVOO review --date $D; echo EXITED=\$?; sleep 600"
resize 120 30
check "the review starts" wait_for "Contacts per hour"
row() { screen | grep -qE -- "$1"; }
check "the review flags the newer file" until_ok row "! e2e \\($ME\\) +written by a newer neuvoo"
check "the review flags the truncated files" \
	until_ok row '! trunc +the file is damaged or is not a neuvoo'
check "and the desk file that was truncated" \
	until_ok row "! cut \\($ME\\) +the file is damaged or is not a neuvoo"
check "the review flags the random bytes" \
	until_ok row '! random +the file is damaged or is not a neuvoo'
check "the sound file still counts" row '^│  d1 +3 +0 +0 +08:00 +13:20'
keys F10
check "the review quits with status 0" wait_for "EXITED=0"
check "the review changed none of the files" test "$(cksum "$S"/*.db)" = "$sums"
finish
