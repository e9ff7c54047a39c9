#!/bin/sh
# desk_vt100: the desk works on a monochrome VT100: the highlight is
# reverse video, no colour is sent, and the function keys work.
. "$top_srcdir/tests/e2e/lib.sh"
plan 5

esc=$(printf '\033')
# The screen with its attributes as escape sequences.
screen_attrs() { tmux_ capture-pane -p -e -t t; }
has_reverse() { screen_attrs | grep -q "${esc}\[[0-9;]*7[;m]"; }
has_colour() { screen_attrs | grep -q "${esc}\[[0-9;]*3[0-7][;m]"; }

TERM_E2E=vt100
start 80 24 "$NEUVOO --desk e2e; echo EXITED=\$?"
check "vt100: the desk starts" wait_for "Interpreters F8"
check "vt100: the highlight is reverse video" has_reverse
no_colour() { ! has_colour; }
check "vt100: no colour is sent" no_colour
keys F6 Space F2
check "vt100: F6 Space F2 saves" wait_for "Saved:"
keys F10
check "vt100: F10 quits" wait_for "EXITED=0"
finish
