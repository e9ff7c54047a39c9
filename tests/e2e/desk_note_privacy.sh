#!/bin/sh
# desk_note_privacy: an identity code typed into the note never reaches a
# file. Every file of the statistics folder (the desk file, its -wal and
# -shm) is searched for the code's digits while the desk runs, after the
# guard refused it, after SIGKILL and after SIGTERM; the field shows the
# refused note marked, and a fixed note is journalled again.
. "$top_srcdir/tests/e2e/lib.sh"
plan 13

cmd="$NEUVOO --desk e2e; s=\$?; printf '\\rEXITED=%s\\n' \"\$s\""
start 80 24 "$cmd"
restart() { tmux_ respawn-pane -k -t t "env TERM=xterm-256color $cmd; sleep 600"; }
desk_pid() { pgrep -P "$(pane_pid)" -x neuvoo | head -1; }
dir="$XDG_STATE_HOME/neuvoo/stats"
# No file in the folder holds the digits (or the code in UTF-16, which
# SQLite never writes here, but a scan should not depend on that).
clean() {
	[ -d "$dir" ] || return 1
	ls "$dir"/e2e@* >/dev/null 2>&1 || return 1
	! grep -rlaF -e 131052 -e 308T "$dir" >/dev/null
}
note_field() { keys F5 Down Down Down Down Down Down Down Down; }

check "the desk starts" wait_for "Interpreters F8"
keys F5 p
keys F6 Space
note_field
keys -l "asiakas 131052-308T"
wait_for "131052-308T" >/dev/null
check "the refused note is shown, marked" sh -c 'tmux -L "$1" capture-pane -p -t t | grep -q "Note !.*asiakas 131052-308T"' _ "$TMUX_SOCK"
sleep 0.5
check "while the desk runs no file holds the code" clean
keys Up
check "leaving the field names the identity code" wait_for "identity code"
check "after the refusal no file holds the code" clean
kill -KILL "$(desk_pid)"
wait_for "EXITED=137" >/dev/null
check "after SIGKILL no file holds the code" clean
restart
check "the rest of the contact is restored" wait_for "Restored the unsaved contact"
check "the code is not restored" sh -c '! tmux -L "$1" capture-pane -p -t t | grep -q 131052' _ "$TMUX_SOCK"

# SIGTERM journals the draft on its way out: still without the code.
note_field
keys -l "hetu 131052 308T"
wait_for "131052 308T" >/dev/null
kill -TERM "$(desk_pid)"
check "SIGTERM ends the desk" wait_for "EXITED=0"
check "after SIGTERM no file holds the code" clean

# A fixed note is journalled when the field is left.
restart
wait_for "Restored the unsaved contact" >/dev/null
note_field
keys -l "ok 131052-308T"
wait_for "ok 131052-308T" >/dev/null
for i in 1 2 3 4 5 6 7 8 9 10 11; do keys BSpace; done
keys -l "kela 2"
keys Up
sleep 0.3
check "the fixed note is journalled" sh -c 'grep -rlaF "ok kela 2" "$1" >/dev/null' _ "$dir"
kill -KILL "$(desk_pid)"
wait_for "EXITED=137" >/dev/null
check "no file ever held the code" clean
restart
check "the fixed note comes back after SIGKILL" wait_for "ok kela 2"
finish
