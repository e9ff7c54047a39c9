#!/bin/sh
# desk_outreach: an outreach worker records a group of 12 as one contact,
# and a pop-up event afterwards with its real start (backdated), in
# Finnish at 80x24; the statistics and the report have both.
. "$top_srcdir/tests/e2e/lib.sh"
plan 8

db="$XDG_STATE_HOME/neuvoo/stats/e2e@$ME.db"
start 80 24 "$NEUVOO --desk e2e --lang fi; echo EXITED=\$?"
check "the desk starts" wait_for "Tulkit F8"
people_field() { keys F5 Down Down Down Down Down Down Down Down Down; }

# A group of 12 (channel outreach: Jalkautuva).
keys F5 Left
people_field
keys 1 2
check "People shows 12" wait_for "< 12 >"
keys F6 Space F2
check "the save says 12 people" wait_for "12 henkilöä"
p=$(sqlite3 "$db" "SELECT people FROM contact")
check "the contact is stored with 12 people" test "$p" = 12
check "the report's csv has people 12" sh -c '"$1" report --desk e2e --contacts --format csv | tail -1 | tr -d "\r" | grep -q ",12\$"' _ "$NEUVOO"

# Yesterday's pop-up event at 9.30, recorded now.
people_field
keys Down - 9 3 0
check "Started shows the time set" wait_for "9.30"
keys F6 Down Space F2
check "the save says backdated" wait_for "jälkikirjattu"
b=$(sqlite3 "$db" "SELECT backdated || ':' || strftime('%H%M', started_at, 'unixepoch', 'localtime') || ':' || (date(started_at, 'unixepoch', 'localtime') = date('now', 'localtime', '-1 day')) FROM contact ORDER BY rowid DESC LIMIT 1")
check "stored as backdated, yesterday at 9.30" test "$b" = "1:0930:1"
keys F10
finish
