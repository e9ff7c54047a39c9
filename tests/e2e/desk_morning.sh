#!/bin/sh
# desk_morning: a full morning of 15 varied contacts driven by keys, at
# 80x24, 100x30 and 200x60, each in en, fi and sv (one desk session a
# combination, its own desk file). After every contact: the save message
# goes at the next contact's first key, all 16 topic labels are on
# screen, and the report holds exactly the contacts entered so far with
# their topics; at the end the channels too.
. "$top_srcdir/tests/e2e/lib.sh"
plan 54

codes="housing education leisure elderly families transport permits moving daycare health employment disability entrepreneurship social-assistance digital other"
labels_en="Housing|Education|Leisure|Elderly|Families|Transport|Permits|Moving here|Daycare|Health|Employment|Disability|Business|Social aid|Digital help|Other"
labels_fi="Asuminen|Koulutus|Vapaa-aika|Ikääntyneet|Lapsiperheet|Liikenne|Luvat|Maahanmuutto|Päivähoito|Terveys|Työllisyys|Vammaisuus|Yrittäjyys|Toimeentulo|Digituki|Muu"
labels_sv="Boende|Utbildning|Fritid|Äldre|Barnfamiljer|Trafik|Tillstånd|Inflyttning|Dagvård|Hälsa|Arbete|Handikapp|Företagande|Utkomststöd|Digistöd|Annat"
# With the room of 200 columns the full labels.
full_en="Housing|Education|Leisure|Elderly people|Families with children|Transport|Permits|Moving to Finland|Early childhood education|Health|Employment|Disability services|Entrepreneurship|Social assistance|Digital support|Other"
full_fi="Asuminen|Koulutus|Harrastukset|Ikääntyneiden palvelut|Lapsiperheiden palvelut|Liikenne|Lupa-asiat|Muutto Suomeen|Varhaiskasvatus|Terveys|Työllisyys|Vammaispalvelut|Yrittäjyys|Toimeentulotuki|Digituki|Muu"
full_sv="Boende|Utbildning|Fritid|Tjänster för äldre|Barnfamiljer|Trafik|Tillstånd|Flytt till Finland|Småbarnspedagogik|Hälsa|Sysselsättning|Handikappservice|Företagande|Utkomststöd|Digistöd|Annat"

# all_labels LABELS: every label of the list on screen after its tick
# box, and sixteen topic rows in all.
all_labels() {
	s=$(screen)
	[ "$(echo "$s" | grep -o '\[[ x]\] ' | wc -l)" = 16 ] || return 1
	echo "$1" | tr '|' '\n' | while read -r l; do
		echo "$s" | grep -qF "] $l" || exit 1
	done
}
report_col() {
	"$NEUVOO" report --desk "$desk" --contacts --format csv | tail -n +2 |
		cut -d, -f"$1" | tr -d '\r' | sort | tr '\n' ' '
}
# expect_topics N: the sorted topic codes of the first N contacts.
expect_topics() {
	i=0
	while [ $i -lt "$1" ]; do
		echo $codes | cut -d' ' -f$((i % 16 + 1))
		i=$((i + 1))
	done | sort | tr '\n' ' '
}

# morning W H LANG SAVED HEADING LABELS
morning() {
	w=$1 h=$2 lang=$3 saved=$4 heading=$5 labels=$6
	desk="m$w$lang" what="$lang $w x $h"
	cmd="$NEUVOO --desk $desk --lang $lang; echo EXITED=\$?"
	# One tmux server for all: a new window size, a new desk in it.
	if [ -z "${started:-}" ]; then
		start "$w" "$h" "$cmd"
		started=1
	else
		resize "$w" "$h"
		tmux_ respawn-pane -k -t t "env TERM=xterm-256color $cmd; sleep 600"
	fi
	check "$what: the desk starts" wait_for "$heading"
	stale=0 hidden=0 report=0 i=0
	while [ $i -lt 15 ]; do
		# The next contact's first key takes the last one's message.
		keys F6
		if [ $i -gt 0 ] && ! wait_gone "$saved"; then
			stale=$((stale + 1))
			diag "$what: contact $((i + 1)): the save message stayed"
		fi
		# Topic i (mod 16), the next channel each time (it is sticky).
		set -- Home
		j=0
		while [ $j -lt $((i % 16)) ]; do set -- "$@" Down; j=$((j + 1)); done
		keys "$@" Space F5 Home Right F2
		if ! wait_for "$saved" 5 >/dev/null; then
			report=$((report + 1))
			diag "$what: contact $((i + 1)) not saved"
		fi
		all_labels "$labels" || { hidden=$((hidden + 1)); diag "$what: contact $((i + 1)): a topic label is not on screen"; }
		i=$((i + 1))
		got=$(report_col 8) want=$(expect_topics $i)
		if [ "$got" != "$want" ]; then
			report=$((report + 1))
			diag "$what: after contact $i the report has: $got" "want: $want"
		fi
	done
	check "$what: no save message outlives the next contact's first key" test $stale = 0
	check "$what: all 16 topic labels on screen after every contact" test $hidden = 0
	check "$what: the report matches after every contact" test $report = 0
	# Fifteen times one channel further from the first: phone, chat,
	# email, video, outreach, walk-in twice over, then phone, chat, email.
	got=$(report_col 5)
	check "$what: the report has the varied channels" test "$got" = "chat chat chat email email email outreach outreach phone phone phone video video walk-in walk-in "
	keys F10
	check "$what: F10 ends the desk" wait_for "EXITED=0"
}

for size in "80 24" "100 30"; do
	morning $size en "Saved:" "Interpreters F8" "$labels_en"
	morning $size fi "Tallennettu:" "Tulkit F8" "$labels_fi"
	morning $size sv "Sparat:" "Tolkar F8" "$labels_sv"
done
morning 200 60 en "Saved:" "Interpreters F8" "$full_en"
morning 200 60 fi "Tallennettu:" "Tulkit F8" "$full_fi"
morning 200 60 sv "Sparat:" "Tolkar F8" "$full_sv"
finish
