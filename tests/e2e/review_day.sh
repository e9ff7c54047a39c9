#!/bin/sh
# review_day: the supervisor's review of a day with two desk files and a
# damaged one, at 80x24: the totals and the chart, one desk's contact log
# (notes stay hidden unless confirmed), closing the day with F2; then a save
# into that day is kept and flagged late, a new review shows the day closed
# and F3 reopens it.
. "$top_srcdir/tests/e2e/lib.sh"
plan 23

export TZ=Europe/Helsinki
FILL=$top_builddir/tests/unit/stats_fill
D=2024-05-13
S=$XDG_STATE_HOME/neuvoo/stats
# d1: 9 contacts from 08:00 to 15:06, one every 53 minutes or so (no hour
# without one); d2: 08:00, 10:40, 13:20 (none in 09, 11, 12).
"$FILL" "$S/d1.db" d1 9 $D >/dev/null
"$FILL" "$S/d2.db" d2 3 $D >/dev/null
echo "not a database" >"$S/junk.db"

start 80 24 "$NEUVOO review --date $D; echo EXITED=\$?"
check "the review starts with its panes" wait_for "Contacts per hour"
row() { screen | grep -qE -- "$1"; }
wait_for_row() {
	i=0
	while [ $i -lt 100 ]; do row "$1" && return 0; sleep 0.05; i=$((i + 1)); done
	screen | sed 's/^/#   /'
	return 1
}
check "the totals: 12 contacts from 08:00 to 15:06" wait_for_row 'Total +12 +0 +0 +08:00 +15:06'
check "each desk has its row" wait_for_row 'd2 +3 +0 +0 +08:00 +13:20'
check "the damaged file is flagged and the others still count" wait_for_row '! junk .*(damaged|not a neuvoo)'
check "the chart shows contacts per hour with bars" wait_for_row '08-09 3 █+'
check "the gap hours of d2 are flagged" wait_for_row 'd2 +no contacts in the hou'

resize 150 40
check "a wide terminal gets more columns" wait_for_row \
	'Desk +Contacts +Undone +Drafts +First +Last +Redirected +Interpreter'
resize 80 24
wait_for "Contacts per hour" >/dev/null

# The desks come in file order (d1, d2, junk, then the total): Home, Down,
# Enter opens d2's log.
keys Home Down Enter
check "Enter opens the desk's contact log" wait_for "Contacts of d2"
check "the log has times and codes" wait_for_row '10:40-10:45 phone +so +none +answered'
check "the log lists the desk's gap hours in full" wait_for_row '! no contacts in the hours 09-10, 11-13'
keys Space
check "notes are shown only after a question" wait_for "Show the notes of d2"
keys n
sleep 0.3
no_notes() { ! screen | grep -q 'Notes are shown'; }
check "refused: the notes stay hidden" no_notes
keys Space
wait_for "Show the notes of d2" >/dev/null
keys y
check "confirmed: the notes are shown, with a warning line" wait_for "Notes are shown"
keys Space
sleep 0.3
check "the toggle key hides them again" no_notes
keys Escape
sleep 0.3
keys F2
check "F2 asks before closing the day" wait_for "kept and shown as"
keys Enter
check "the day is closed" wait_for "closed by"
keys F10
wait_for "EXITED=0" >/dev/null

sleep 1	# a later second than the close
out=$("$FILL" "$S/d1.db" d1 1 $D 2>&1)
rc=$?
check "a save into the closed day is kept" test $rc -eq 0

tmux_ respawn-pane -k -t t "env TERM=xterm-256color $NEUVOO review --date $D; sleep 600"
wait_for "Contacts per hour" >/dev/null
closed() { row ': closed by' && row '✓ d1 ' && row '✓ d2 ' && row '! junk'; }
check "a new review shows the day closed at both desks" closed
late() { row 'Total +13 ' && row 'd1 +1 contact saved after'; }
check "the late contact is counted and flagged" late
keys Home Enter
wait_for "Contacts of d1" >/dev/null
check "the log marks the late contact" wait_for "housing (late: saved"
keys Escape
sleep 0.3
keys F2
check "F2 then says the day is closed already" wait_for "is closed already"
keys F3
wait_for "Reopen" >/dev/null
keys Enter
check "F3 reopens it" wait_for "Reopened"
check "the day is open again" wait_for ": open"
finish
