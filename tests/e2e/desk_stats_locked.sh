#!/bin/sh
# desk_stats_locked: another program holds the desk file locked (the
# sqlite3 command line in an open BEGIN EXCLUSIVE) while the advisor
# saves. A short lock: the save waits and goes through. A long one: the
# save gives up after a few seconds with one line saying the file is
# locked (never SQLITE_BUSY or a bare code), the desk keeps the contact,
# and F2 after the lock is gone saves it once.
. "$top_srcdir/tests/e2e/lib.sh"
plan 11

F="$XDG_STATE_HOME/neuvoo/stats/e2e@$ME.db"
cmd="$NEUVOO --desk e2e; echo EXITED=\$?"
saved() { "$NEUVOO" --desk e2e report --contacts --format csv | grep -c ',e2e,'; }
# lock SECONDS: hold an exclusive lock on the desk file for SECONDS, in the
# background; returns once the lock is taken.
lock() {
	rm -f "$T/lock.out"
	(printf "BEGIN EXCLUSIVE;\nSELECT 'locked';\n"; sleep "$1"
	 printf "COMMIT;\nSELECT 'released';\n") | sqlite3 "$F" >"$T/lock.out" 2>&1 &
	lock_pid=$!
	i=0
	while [ $i -lt 100 ] && ! grep -q locked "$T/lock.out" 2>/dev/null; do
		sleep 0.05
		i=$((i + 1))
	done
	grep -q locked "$T/lock.out"
}
no_raw_code() {
	! screen | tail -1 | grep -Eqi "sqlite|busy|error [0-9]"
}

start 80 24 "$cmd"
check "the desk starts" wait_for "Interpreters F8"
keys F6 Space
wait_for "[x] Housing" >/dev/null

# --- a short lock: the save waits for it ----------------------------------
check "another program locks the desk file" lock 3
keys F2
# Readers are not blocked: the report sees that nothing is saved yet.
check "while the file is locked the save waits" test "$(saved)" -eq 0
check "and goes through when the lock is gone" wait_for "1 contact today" 15
wait "$lock_pid"

# --- a long lock: the save gives up with one clear line ---------------------
keys Space
wait_for "[x] Housing" >/dev/null
check "a long lock is taken" lock 10
keys F2
check "the save gives up with one line saying the file is locked" \
	wait_for "Not saved, the contact is kept (F2 tries again): the file stays loc" 10
check "no SQLite code on the status line" no_raw_code
check "the contact stays in the form" wait_for "[x] Housing"
wait "$lock_pid"
keys F2
check "after the lock F2 saves it" wait_for "2 contacts today" 15
check "each contact saved once" test "$(saved)" -eq 2
keys F10
check "F10 quits" wait_for "EXITED=0"
finish
