#!/bin/sh
# desk_resize: resizing mid-edit to 200x60, 20x5 (too small) and back to
# 80x24 redraws correctly and keeps the text being typed.
. "$top_srcdir/tests/e2e/lib.sh"
plan 11

# until CMD...: poll for up to 10 s until the command succeeds.
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

start 80 24 "$NEUVOO --desk e2e; echo EXITED=\$?"
check "the desk starts" wait_for "Interpreters F8"
# Into the note field, and type.
keys F5 Down Down Down Down Down Down Down Down
keys h e l l o
check "the note takes text" wait_for "hello"

resize 200 60
# The large layout puts the three columns side by side on the top line.
top_line() { screen | head -1 | grep -q "Intake F5.*Redirect F7.*Interpreters F8"; }
check "200x60 uses the large layout" until_ok top_line
check "the note survives the resize" wait_for "hello"

resize 20 5
check "20x5 shows the too-small notice" wait_for "too small"

resize 80 24
all_titles() {
	s=$(screen)
	for t in "Intake F5" "Topics F6" "Redirect F7" "Interpreters F8"; do
		echo "$s" | grep -qF "$t" || return 1
	done
	# 80 columns: the two columns meet in the middle of the first line.
	echo "$s" | head -1 | grep -q "┐┌─ Redirect F7"
}
check "80x24 shows every pane title again" until_ok all_titles
keys " " w o r l d
check "typing goes on where it was" wait_for "hello world"
keys F10
wait_for "Please confirm" >/dev/null
keys n
gone() { ! screen | grep -qF "Please confirm"; }
check "F10 asks about the draft; no keeps the desk" until_ok gone

# Too small, F10 cannot ask: it quits and the draft is kept.
resize 20 5
wait_for "too small" >/dev/null
keys F10
check "F10 quits from the too-small notice" wait_for "EXITED=0"
resize 80 24
tmux_ respawn-pane -k -t t "env TERM=xterm-256color $NEUVOO --desk e2e; echo EXITED=\$?; sleep 600"
check "the note comes back at the next start" wait_for "hello world"
keys F3
wait_for "Please confirm" >/dev/null
keys y F10
check "the desk quits" wait_for "EXITED=0"
finish
