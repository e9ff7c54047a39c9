#!/bin/sh
# desk_sighup_correct: a dropped connection (SIGHUP) while a saved contact
# is open for correcting (Ctrl-O) loses nothing and changes nothing: the
# contact stays as it was saved, counted once, with no correction event,
# and no draft is restored from it (the new session's Ctrl-O, which lists
# its own contacts, has none).
. "$top_srcdir/tests/e2e/lib.sh"
plan 9

db="$XDG_STATE_HOME/neuvoo/stats/e2e@$ME.db"
cmd="$NEUVOO --desk e2e --lang en; echo EXITED=\$?"
csv() { "$NEUVOO" report --desk e2e --contacts --format csv | tail -n +2; }
start 80 24 "$cmd"
check "the desk starts" wait_for "Interpreters F8"
# Two contacts: Housing, then Education.
keys F6 Home Space F2
wait_for "1 contact today" >/dev/null
keys F6 Home Down Space F2
check "two contacts saved" wait_for "2 contacts today"
before=$(csv)

# The last one opened for correcting, Leisure ticked too, then a hang-up.
keys C-o
wait_for "This session's contacts of today" >/dev/null
keys Enter
check "the contact is open for correcting" wait_for "correcting"
keys F6 Home Down Down Space
check "the correction has a change on the form" wait_for "[x] Leisure"
pid=$(pgrep -P "$(pane_pid)" | head -1)
kill -HUP "$pid"
check "SIGHUP ends the desk cleanly" wait_for "EXITED=0"

check "the saved contacts are as they were" test "$(csv)" = "$before"
ev=$(sqlite3 "$db" "SELECT count(*) FROM events WHERE kind = 'correct'")
cor=$(sqlite3 "$db" "SELECT count(*) FROM contact WHERE corrected_at IS NOT NULL")
check "no correction event, no contact marked corrected" test "$ev.$cor" = "0.0"

tmux_ respawn-pane -k -t t "env TERM=xterm-256color $cmd; sleep 600"
wait_for "Interpreters F8" >/dev/null
empty() {
	s=$(screen)
	echo "$s" | grep -qF "2 contacts today" &&
	! echo "$s" | grep -qF "Restored" && ! echo "$s" | grep -qF "[x]"
}
check "the next start: two contacts, an empty form, nothing restored" empty
# Ctrl-O lists this session's contacts only: none in the new session.
keys C-o
check "Ctrl-O in the new session has no contact to correct" wait_for "No contact saved in this session today."
keys F10
wait_for "EXITED=0" >/dev/null
finish
