#!/bin/sh
# desk_sighup: a dropped connection (SIGHUP) mid-contact loses nothing:
# the desk journals the draft and exits, and the next start restores it.
. "$top_srcdir/tests/e2e/lib.sh"
plan 7

cmd="$NEUVOO --desk e2e; echo EXITED=\$?"
start 80 24 "$cmd"
check "the desk starts" wait_for "Interpreters F8"
keys F5 p
keys F6 Space Down Space
keys F5 Down Down Down Down Down Down Down Down k e p t
check "the contact is being typed" wait_for "kept"

# The desk is the child of the window's shell.
pid=$(pgrep -P "$(pane_pid)" | head -1)
kill -HUP "$pid"
check "SIGHUP ends the desk cleanly" wait_for "EXITED=0"

tmux_ respawn-pane -k -t t "env TERM=xterm-256color $cmd; sleep 600"
check "the next start says the draft was restored" wait_for "Restored the unsaved contact"
restored() {
	s=$(screen)
	echo "$s" | grep -q "Channel  *[< ]*Phone" &&
	echo "$s" | grep -qF "[x] Housing" &&
	echo "$s" | grep -qF "[x] Education" &&
	echo "$s" | grep -q "Note  *kept"
}
check "channel, topics and note are back" restored
keys F3
wait_for "Please confirm" >/dev/null
keys y
check "F3 discards it after asking" wait_for "New contact: the draft was discarded"
keys F10
check "F10 quits at once with an empty draft" wait_for "EXITED=0"
finish
