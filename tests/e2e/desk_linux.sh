#!/bin/sh
# desk_linux: the desk on the Linux console (8 colours): the highlighted
# row is reverse video as well, so it shows on any palette.
. "$top_srcdir/tests/e2e/lib.sh"
plan 4

esc=$(printf '\033')
has_reverse() { tmux_ capture-pane -p -e -t t | grep -q "${esc}\[[0-9;]*7[;m]"; }

TERM_E2E=linux
start 80 24 "$NEUVOO --desk e2e; echo EXITED=\$?"
check "linux: the desk starts" wait_for "Interpreters F8"
check "linux: the highlight is reverse video" has_reverse
keys F6 Down Space F2
check "linux: F6 Down Space F2 saves" wait_for "Saved:"
keys F10
check "linux: F10 quits with status 0" wait_for "EXITED=0"
finish
