#!/bin/sh
# desk_stats_error: when the statistics file cannot be written the desk
# keeps running and keeps the contact, says why in one line, and the next
# F2 tries again.
. "$top_srcdir/tests/e2e/lib.sh"
plan 5

# A file where the statistics folder should be.
stats="$T/stats"
: > "$stats"
start 80 24 "$NEUVOO --desk e2e --stats-dir '$stats'; echo EXITED=\$?"
check "the desk starts and says statistics cannot be written" \
	wait_for "Statistics cannot be written"
keys F6 Space F2
check "F2 keeps the contact and says why" wait_for "not saved"
rm -f "$stats"
mkdir "$stats"
keys F2
check "the next F2 saves" wait_for "Saved:"
check "the file is there" test -s "$stats/e2e@$ME.db"
keys F10
check "the desk quits" wait_for "EXITED=0"
finish
