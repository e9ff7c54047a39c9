#!/bin/sh
# desk_sizes: the desk in terminals of 1x1, 20x5 and 500x200, resized
# between them while a note is being typed: it stays alive, shows the
# too-small notice when it cannot lay out its panes, all four pane titles
# at 500x200, keeps the text typed, and F10 still quits with status 0.
. "$top_srcdir/tests/e2e/lib.sh"
plan 14

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
# alive: the desk process (the child of the pane's shell) still runs.
alive() {
	pid=$(ps -o pid= --ppid "$(pane_pid)" -o comm= | awk '$2 == "neuvoo" { print $1 }')
	[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}
# size W H: resize and wait until tmux reports that size.
size() {
	resize "$1" "$2"
	until_ok sh -c "[ \"\$(tmux -L '$TMUX_SOCK' display-message -p -t t \
		'#{window_width}x#{window_height}')\" = '$1x$2' ]"
}
all_titles() {
	s=$(screen)
	for t in "Intake F5" "Topics F6" "Redirect F7" "Interpreters F8"; do
		echo "$s" | grep -qF "$t" || return 1
	done
}
# At 1x1 only the first letter of the notice fits (a C locale: "Terminal
# too small ..."); any pane would show a border character instead.
one_cell() { [ "$(screen | tr -d ' \n')" = "T" ]; }

start 1 1 "$NEUVOO --desk e2e; echo EXITED=\$?"
check "the desk starts in a 1x1 terminal and shows the notice's first cell" until_ok one_cell
check "the desk is alive at 1x1" alive

size 80 24
check "enlarged to 80x24, the panes appear" until_ok all_titles
# Into the note field, and type.
keys F5 Down Down Down Down Down Down Down Down
keys h e l l o
check "the note takes text" wait_for "hello"

size 20 5
check "20x5 shows the too-small notice" wait_for "too small"
check "the desk is alive at 20x5" alive

size 500 200
check "500x200 shows all four pane titles" until_ok all_titles
check "the note survives the resizes" wait_for "hello"

size 1 1
check "back to 1x1: the notice's first cell" until_ok one_cell
# Quick changes without waiting in between, a redraw key in between
# (a key that means the same at every size, so the note is not at the
# mercy of which size a key lands in).
for s in "20 5" "500 200" "1 1" "80 24" "20 5" "500 200" "1 1" "500 200"; do
	# shellcheck disable=SC2086
	resize $s
	keys C-l
done
size 500 200
check "after quick resizes the desk is alive" alive
check "500x200 shows all four pane titles again" until_ok all_titles
keys " " w o r l d
check "typing goes on where it was" wait_for "hello world"

size 20 5
wait_for "too small" >/dev/null
size 80 24
until_ok all_titles >/dev/null
keys F10
check "F10 asks about the draft" wait_for "Please confirm"
keys y
check "and quits with status 0" wait_for "EXITED=0"
finish
