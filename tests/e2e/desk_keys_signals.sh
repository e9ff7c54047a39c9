#!/bin/sh
# desk_keys_signals: the keys and signals a terminal sends by habit.
# Ctrl-S does not freeze the desk (flow control is off in raw mode);
# Ctrl-C asks like F10 instead of ending the desk; Ctrl-\ and SIGQUIT end
# it like SIGTERM: exit 0, the terminal back in its normal mode, the
# draft restored at the next start.
. "$top_srcdir/tests/e2e/lib.sh"
plan 13

# After the desk: its status, then the terminal's modes as the shell sees
# them (canonical input, signals and flow control back on).
cmd="$NEUVOO --desk e2e; s=\$?; printf '\\rEXITED=%s\\n' \"\$s\"; stty -a | tr ' ' '\\n' | grep -xE -- '-?(icanon|isig|ixon|echo)' | tr '\\n' ' '; echo MODES"
start 80 24 "$cmd"
restart() { tmux_ respawn-pane -k -t t "env TERM=xterm-256color $cmd; sleep 600"; }
desk_pid() { pgrep -P "$(pane_pid)" -x neuvoo | head -1; }
restored_modes() {
	wait_for "MODES" >/dev/null &&
	screen | grep "MODES" | grep -q "isig.*icanon\|icanon.*isig" &&
	! screen | grep "MODES" | grep -qE -- '-icanon|-isig|-echo'
}
until_ok() {
	i=0
	while [ $i -lt 200 ]; do
		"$@" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}
alt_off() { [ "$(tmux_ display-message -p -t t '#{alternate_on}')" = 0 ]; }

check "the desk starts" wait_for "Interpreters F8"
keys F5 p
keys C-s
keys F6 Space
check "after Ctrl-S the desk still draws (no flow control)" wait_for "[x] Housing"
keys C-q
keys C-c
check "Ctrl-C asks like F10" wait_for "Please confirm"
keys n
gone() { ! screen | grep -qF "Please confirm"; }
check "answering no keeps the desk" until_ok gone
alive() { kill -0 "$(desk_pid)" 2>/dev/null; }
check "the desk is still running after Ctrl-C" alive

keys 'C-\'
check "Ctrl-\\ ends the desk cleanly" wait_for "EXITED=0"
check "the screen is back after Ctrl-\\" alt_off
check "the modes are back after Ctrl-\\" restored_modes
restart
check "after Ctrl-\\ the draft is restored" wait_for "Restored the unsaved contact"

kill -QUIT "$(desk_pid)"
check "SIGQUIT ends the desk cleanly" wait_for "EXITED=0"
check "no core dump and the screen is back" alt_off
check "the modes are back after SIGQUIT" restored_modes
restart
check "after SIGQUIT the draft is restored" wait_for "Restored the unsaved contact"
finish
