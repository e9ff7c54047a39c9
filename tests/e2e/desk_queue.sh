#!/bin/sh
# desk_queue: a morning of contacts at a desk with a queue, driven by keys
# at 80x24 (en), 100x30 (fi) and 200x60 (sv): after each save its message
# goes at the next contact's first key, all 16 topics are on screen, and
# the report has every contact with its topic. Then F9 with and without
# a draft, and the correction of a saved contact with its event, flagged
# in the supervisor's review.
. "$top_srcdir/tests/e2e/lib.sh"
plan 36

db="$XDG_STATE_HOME/neuvoo/stats/e2e@$ME.db"
codes="housing education leisure elderly families transport permits moving daycare health employment disability entrepreneurship social-assistance digital other"
# The short labels of the two columns, per language.
labels_en="Housing|Education|Leisure|Elderly|Families|Transport|Permits|Moving here|Daycare|Health|Employment|Disability|Business|Social aid|Digital help|Other"
labels_fi="Asuminen|Koulutus|Vapaa-aika|Ikääntyneet|Lapsiperheet|Liikenne|Luvat|Maahanmuutto|Päivähoito|Terveys|Työllisyys|Vammaisuus|Yrittäjyys|Toimeentulo|Digituki|Muu"
labels_sv="Boende|Utbildning|Fritid|Äldre|Barnfamiljer|Trafik|Tillstånd|Inflyttning|Dagvård|Hälsa|Arbete|Handikapp|Företagande|Utkomststöd|Digistöd|Annat"

# Sixteen topic rows on screen, whatever their labels.
sixteen() { test "$(screen | grep -o '\[[ x]\] ' | wc -l)" = 16; }
channels_of_report() {
	"$NEUVOO" report --desk e2e --contacts --format csv | tail -n +2 |
		cut -d, -f5 | tr -d '\r' | sort | uniq -c | awk '{print $2 "=" $1}' | tr '\n' ' '
}
all_topics() {
	s=$(screen)
	echo "$1" | tr '|' '\n' | while read -r l; do
		echo "$s" | grep -qF "] $l" || { echo "missing: $l"; exit 1; }
	done
}
# morning N SAVED: N contacts, the i-th with topic i mod 16; after each
# the saved message must be gone at the next contact's first key.
morning() {
	n=$1 saved=$2 i=0 stale=0
	while [ $i -lt "$n" ]; do
		keys F6 Home
		sleep 0.15
		if screen | tail -1 | grep -qF "$saved"; then stale=$((stale + 1)); fi
		j=0
		while [ $j -lt $((i % 16)) ]; do keys Down; j=$((j + 1)); done
		# Varied: the next channel each time (the channel is sticky).
		keys Space F5 Home Right F2
		wait_for "$saved" >/dev/null || stale=$((stale + 100))
		i=$((i + 1))
	done
	return $stale
}
topics_of_report() {
	"$NEUVOO" report --desk e2e --contacts --format csv | tail -n +2 |
		cut -d, -f8 | tr -d '\r' | sort | tr '\n' ' '
}
expect_topics() {
	n=$1 i=0 out=
	while [ $i -lt "$n" ]; do
		echo $codes | cut -d' ' -f$((i % 16 + 1))
		i=$((i + 1))
	done | sort | tr '\n' ' '

}

# 80x24, English: 15 contacts.
start 80 24 "$NEUVOO --desk e2e --lang en; echo EXITED=\$?"
check "en 80x24: the desk starts" wait_for "Interpreters F8"
check "en 80x24: all 16 topics are on screen" all_topics "$labels_en"
check "en 80x24: 15 contacts, no save message outlives the next contact's first key" morning 15 "Saved:"
check "en 80x24: all 16 topics are still on screen" all_topics "$labels_en"
check "en 80x24: sixteen topic rows" sixteen
got=$(topics_of_report) want=$(expect_topics 15)
check "the report has the 15 contacts with their topics" test "$got" = "$want"
[ "$got" = "$want" ] || diag "got: $got" "want: $want"
# 15 contacts, the channel one further each time from walk-in: phone,
# chat, email, video, outreach, walk-in twice over, then phone, chat,
# email.
got=$(channels_of_report)
check "the report has the varied channels" test "$got" = "chat=3 email=3 outreach=2 phone=3 video=2 walk-in=2 "
[ "$got" = "chat=3 email=3 outreach=2 phone=3 video=2 walk-in=2 " ] || diag "channels: $got"
# A message of the moment goes at F4 too.
keys F6 Home Space F2
wait_for "Saved:" >/dev/null
keys F4
sleep 0.3
check "F4 leaves no English message behind" sh -c '! tmux -L "$1" capture-pane -p -t t | tail -1 | grep -q "Saved"' _ "$TMUX_SOCK"
# Round the cycle back to English.
k=0
while ! screen | tail -1 | grep -qF "| EN |" && [ $k -lt 20 ]; do
	keys F4
	sleep 0.2
	k=$((k + 1))
done

# F9 with a draft asks, and Esc keeps everything.
keys F6 Home Down Space
keys F9
check "F9 with a draft asks first" wait_for "Undo the last saved contact?"
keys Escape
sleep 0.3
check "refused: still 16 contacts today" wait_for "16 contacts today"
check "refused: the draft is still on the form" wait_for "[x] Education"
keys F3
wait_for "Discard the unsaved" >/dev/null
keys Enter
# F9 without a draft undoes at once.
keys F9
check "F9 without a draft undoes the last contact" wait_for "Undone:"
n=$("$NEUVOO" report --desk e2e --contacts --format csv | tail -n +2 | wc -l)
check "15 contacts in the report again" test "$n" = 15
# It came back into the form to correct: discard it.
keys F3
wait_for "Discard the unsaved" >/dev/null
keys Enter

# Correcting: the last contact (topic 'digital', the 15th) gets Housing too.
keys C-o
check "the correct key lists today's contacts" wait_for "This session's contacts of today"
keys F1
check "F1 in the window lists its keys, letters too" wait_for "a letter"
keys Escape
sleep 0.2
keys Enter
check "the contact opens for correcting" wait_for "correcting"
check "its topic is ticked on the form" wait_for "[x] Digital help"
keys F6 Home Space F2
check "the correction is saved" wait_for "Corrected (1 field)"
keys F6 Home
check "the desk still counts 15 contacts" wait_for "15 contacts today"
ev=$(sqlite3 "$db" "SELECT count(*) FROM events WHERE kind = 'correct' AND detail = 'topics'")
check "one 'correct' event names the field" test "$ev" = 1
cor=$(sqlite3 "$db" "SELECT count(*) FROM contact WHERE corrected_at IS NOT NULL")
check "the contact row is marked corrected" test "$cor" = 1
rows=$("$NEUVOO" report --desk e2e --contacts --format csv | tail -n +2 | wc -l)
check "the report counts the corrected contact once (15 rows)" test "$rows" = 15
check "the report has the corrected topics" sh -c '"$1" report --desk e2e --contacts --format csv | grep -q "housing;digital"' _ "$NEUVOO"
# A correction left with F3 changes nothing.
keys C-o
wait_for "This session's contacts of today" >/dev/null
keys Enter
wait_for "correcting" >/dev/null
keys F6 Home Down Down Space F3
wait_for "Discard the unsaved" >/dev/null
keys Enter
check "F3 leaves the correction as it was saved" wait_for "stays as it was saved"
ev=$(sqlite3 "$db" "SELECT count(*) FROM events WHERE kind = 'correct'")
check "no event for the left correction" test "$ev" = 1
# A redirect: the correct list names its service as the advisor chose it.
keys F7 /
keys -l "kelasta"
wait_for "Kela customer service" >/dev/null
keys Enter
wait_for "Enter: accept" >/dev/null
keys Enter F6 Home Space F2
wait_for "Saved: " >/dev/null
keys C-o
wait_for "This session's contacts of today" >/dev/null
listed_by_name() {
	screen | grep -q 'Contact .*< .*Redirected: Kela customer' && return 0
	screen | sed 's/^/#   /'
	return 1
}
check "the correct list names the redirect's service, not its id" listed_by_name
keys Escape
sleep 0.2
keys F10
wait_for "EXITED=0" >/dev/null

# The supervisor's review flags the correction, and the log marks it.
tmux_ respawn-pane -k -t t "env TERM=xterm-256color $NEUVOO review; echo EXITED=\$?; sleep 600"
wait_for "Contacts per hour" >/dev/null
check "the review flags the corrected contact" wait_for "1 contact corrected"
keys Home Enter
wait_for "Contacts of e2e" >/dev/null
keys End
check "the desk's log marks it corrected" wait_for "(corrected at "
keys Escape
sleep 0.2
keys F10
wait_for "EXITED=0" >/dev/null

# 100x30, Finnish, and 200x60, Swedish: five contacts each.
again() {
	resize "$1" "$2"
	tmux_ respawn-pane -k -t t "env TERM=xterm-256color $NEUVOO --desk e2e --lang $3; echo EXITED=\$?; sleep 600"
}
again 100 30 fi
check "fi 100x30: the desk starts" wait_for "Tulkit F8"
check "fi 100x30: all 16 topics are on screen" all_topics "$labels_fi"
check "fi 100x30: sixteen topic rows" sixteen
check "fi 100x30: no save message outlives the next contact's first key" morning 5 "Tallennettu:"
keys F10
wait_for "EXITED=0" >/dev/null
again 200 60 sv
check "sv 200x60: the desk starts" wait_for "Tolkar F8"
check "sv 200x60: sixteen topic rows" sixteen
check "sv 200x60: no save message outlives the next contact's first key" morning 5 "Sparat:"
rows=$("$NEUVOO" report --desk e2e --contacts --format csv | tail -n +2 | wc -l)
# 15 and the redirect at 80x24, five at each of the other sizes.
check "the report has 26 contacts" test "$rows" = 26
finish
