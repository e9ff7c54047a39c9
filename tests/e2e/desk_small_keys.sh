#!/bin/sh
# desk_small_keys: keys typed while the terminal is below the desk's
# minimum size are kept (the notice counts them) and done once it is large
# enough again; nothing typed is dropped unseen.
. "$top_srcdir/tests/e2e/lib.sh"
plan 6

start 80 24 "$NEUVOO --desk e2e --lang en; echo EXITED=\$?"
check "the desk starts" wait_for "Interpreters F8"
keys F6
resize 40 10
check "the too-small notice shows" wait_for "Terminal too small"
keys Space Down Space
check "the notice counts the kept keys" wait_for "3 keys typed meanwhile are"
resize 80 24
check "the kept keys were done: two topics ticked" sh -c 'sleep 0.3; s=$(tmux -L "$1" capture-pane -p -t t); echo "$s" | grep -qF "[x] Housing" && echo "$s" | grep -qF "[x] Education"' _ "$TMUX_SOCK"
keys F2
check "F2 saves them" wait_for "Saved: Walk-in, fi, Housing+Education"
n=$("$NEUVOO" report --desk e2e --contacts --format csv | tail -n +2 | cut -d, -f8 | tr -d '\r')
check "the report has the two topics" test "$n" = "housing;education"
finish
