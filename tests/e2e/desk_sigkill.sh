#!/bin/sh
# desk_sigkill: the desk killed mid-contact loses nothing. SIGKILL gives it
# no chance to do anything, so the draft must already be in the desk file
# (journalled as it changes); SIGTERM ends it cleanly and keeps the draft.
# A contact saved with F2 just before a kill is in the report exactly once,
# and is not offered again as a draft; a kill racing the save leaves either
# the saved contact or the draft, never both and never neither.
. "$top_srcdir/tests/e2e/lib.sh"
plan 16

# A killed desk leaves the terminal raw (a newline does not return the
# carriage), so EXITED starts its line itself, however long the shell's
# "Killed" line was.
cmd="$NEUVOO --desk e2e; s=\$?; printf '\\rEXITED=%s\\n' \"\$s\""
start 80 24 "$cmd"
restart() { tmux_ respawn-pane -k -t t "env TERM=xterm-256color $cmd; sleep 600"; }
# The desk is the child of the window's shell.
desk_pid() { pgrep -P "$(pane_pid)" -x neuvoo | head -1; }
# A contact: channel phone, the first two topics, a note.
type_contact() {
	keys F5 p
	keys F6 Space Down Space
	keys F5 Down Down Down Down Down Down Down Down "$@"
}
restored() {
	s=$(screen)
	echo "$s" | grep -q "Channel  *[< ]*Phone" &&
	echo "$s" | grep -qF "[x] Housing" &&
	echo "$s" | grep -qF "[x] Education" &&
	echo "$s" | grep -q "Note  *$1"
}
# Rows of the contacts export for desk e2e.
rows() { "$NEUVOO" --desk e2e report --contacts --format csv | grep -c ',e2e,'; }
ids_unique() {
	n=$("$NEUVOO" --desk e2e report --contacts --format csv | tail -n +2 | cut -d, -f1 | sort | uniq -d | wc -l)
	[ "$n" -eq 0 ]
}

check "the desk starts" wait_for "Interpreters F8"

# --- SIGKILL mid-contact ---------------------------------------------------
type_contact k i l l e d
wait_for "killed" >/dev/null
kill -KILL "$(desk_pid)"
check "SIGKILL ends the desk at once" wait_for "EXITED=137"
restart
check "after SIGKILL the next start says the draft was restored" \
	wait_for "Restored the unsaved contact"
check "channel, topics and note are back after SIGKILL" restored killed
# The draft state ends the status line (the long restore message may push
# the desk name and the count out while it shows).
draft_restored() { screen | tail -1 | grep -q " restored *$"; }
check "the status line says restored" draft_restored

# --- saved with F2, then SIGKILL --------------------------------------------
keys F2
check "the restored draft saves" wait_for "Saved:"
kill -KILL "$(desk_pid)"
wait_for "EXITED=137" >/dev/null
check "the saved contact is in the report once" test "$(rows)" -eq 1
restart
wait_for "Interpreters F8" >/dev/null
check "a saved contact is not offered again as a draft" \
	sh -c '! tmux -L "$1" capture-pane -p -t t | grep -q Restored' _ "$TMUX_SOCK"
check "the status line counts it" wait_for "1 contact today"

# --- SIGTERM mid-contact ---------------------------------------------------
type_contact t e r m
wait_for "term" >/dev/null
kill -TERM "$(desk_pid)"
check "SIGTERM ends the desk cleanly" wait_for "EXITED=0"
restart
check "after SIGTERM the draft is restored" wait_for "Restored the unsaved contact"
check "channel, topics and note are back after SIGTERM" restored term
keys F2
wait_for "Saved:" >/dev/null
check "it saves: two contacts" test "$(rows)" -eq 2

# --- a kill racing the save -------------------------------------------------
# F2 and SIGKILL at once: whichever wins, the contact is saved exactly once
# or comes back as the draft, never both, never lost.
keys F6 Space
wait_for "[x] Housing" >/dev/null
pid=$(desk_pid)
keys F2
kill -KILL "$pid"
wait_for "EXITED=137" >/dev/null
n=$(rows)
restart
wait_for "Interpreters F8" >/dev/null
sleep 0.3
if screen | grep -q "Restored the unsaved contact"; then
	diag "the kill came first: the draft was restored"
	check "killed before the save: not saved, the draft is back" test "$n" -eq 2
	keys F2
	wait_for "Saved:" >/dev/null
else
	diag "the save came first"
	check "killed after the save: saved once, no draft" test "$n" -eq 3
fi
three() { [ "$(rows)" -eq 3 ] && ids_unique; }
check "three contacts in the end, each id once" three
keys F10
check "F10 quits" wait_for "EXITED=0"
finish
