#!/bin/sh
# desk_stats_replaced: the desk's statistics file renamed away and a
# symlink planted in its place while the desk runs: the next F2 does not
# write into the orphan, says so, and keeps the contact on the form.
. "$top_srcdir/tests/e2e/lib.sh"
plan 6

not_saved() { ! screen | grep -q "Saved:"; }
on_form() { screen | grep -q "\[x\] Housing"; }

stats="$T/stats"
mkdir -m 700 "$stats"
file="$stats/e2e@$ME.db"
start 80 24 "$NEUVOO --desk e2e --stats-dir '$stats'; echo EXITED=\$?"
keys F6 Space F2
check "the first contact is saved" wait_for "Saved:"
mv "$file" "$stats/moved.db"
ln -s /dev/null "$file"
keys F6 Space F2
check "F2 says it cannot save" wait_for "not saved"
check "it does not say Saved" not_saved
check "the contact is still on the form" on_form
keys F10
check "quitting asks about the unsaved contact" wait_for "Discard the unsaved"
keys Enter
check "the desk quits" wait_for "EXITED=0"
finish
