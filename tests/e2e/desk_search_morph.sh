#!/bin/sh
# desk_search_morph: the Redirect filter finds services by the words a
# customer says, typed letter by letter: inflected Finnish ("kelasta",
# "häädöstä"), Swedish ("vräkningen", "hyresbostad"), a typo; and
# `catalogue search` prints id TAB name, best first, and says once when
# the Finnish dictionary is missing. The desk uses the index published
# with the catalogue (mapped from the file, nothing built) and opens
# Voikko only at the first word it analyses.
. "$top_srcdir/tests/e2e/lib.sh"
plan 15

D="--desk e2e"
# The default catalogue made (and its index published) before the desk:
# a desk that made it on first use would have run the build itself.
$NEUVOO catalogue info >/dev/null
start 80 24 "$NEUVOO $D; echo EXITED=\$?"
check "the desk starts" wait_for "Interpreters F8"

# maps PATTERN: the desk process maps a file matching PATTERN (waiting a
# little: the index is opened right after the first screen).
desk_pid=$(pgrep -P "$(pane_pid)" | head -n 1)
maps() {
	n=0
	while [ $n -lt 50 ]; do
		grep -q -- "$1" "/proc/$desk_pid/maps" 2>/dev/null && return 0
		sleep 0.1
		n=$((n + 1))
	done
	return 1
}
check "the desk maps the index published with the catalogue" maps 'catalogue\.db\.[0-9a-f]*\.idx'
check "... and has not loaded Voikko before a word is typed" \
	sh -c "! grep -q libvoikko /proc/$desk_pid/maps"

# filter WORD: focus Redirect, clear the filter, type WORD a letter at a
# time (each its own keystroke, as an advisor types).
filter() {
	keys F7 Escape /
	printf '%s\n' "$1" | grep -o . | while IFS= read -r c; do
		keys -l "$c"
	done
	wait_for "/ $1" >/dev/null
	sleep 0.3
}
# shows A [not B]: the screen has A and, when given, not B.
shows() {
	s=$(screen)
	if echo "$s" | grep -qF -- "$1" &&
	   { [ $# -lt 2 ] || ! echo "$s" | grep -qF -- "$2"; }; then
		return 0
	fi
	diag "screen was:"
	echo "$s" | sed 's/^/#   /'
	return 1
}

filter kelasta
check "'kelasta' finds Kela" shows "Kela customer service" "Adult social work"
check "the first word typed opened Voikko" maps libvoikko
filter häädöstä
check "'häädöstä' finds housing advice" shows "Housing advice" "Kela customer service"
filter vräkningen
check "Swedish 'vräkningen' finds housing advice" shows "Housing advice" "Kela customer service"
filter hyresbostad
check "Swedish 'hyresbostad' finds the rental flats" \
	shows "Applying for a city rental" "Housing advice"
filter asumisneuvota
check "the typo 'asumisneuvota' finds housing advice" shows "Housing advice" "Kela customer service"
keys F10
check "F10 quits" wait_for "EXITED=0"

# The command line: id TAB name, best first.
out=$($NEUVOO catalogue search --lang fi toimeentulotuki 2>"$T/err")
first=$(echo "$out" | head -n 1)
diag "first: $first"
check "catalogue search: a name's word first, as id TAB name" \
	test "$first" = "$(printf 'taydentava-toimeentulotuki\tTäydentävä toimeentulotuki: puhelinneuvonta')"
check "catalogue search: nothing on stderr" test ! -s "$T/err"

# Without the Finnish dictionary: one line, and plain folding.
out=$(NEUVOO_VOIKKO_LANG=fi-x-none $NEUVOO catalogue search häädöstä 2>"$T/err")
rc=$?
diag "stderr: $(cat "$T/err")"
check "no dictionary: exit 0, one warning line naming voikko-fi" \
	sh -c "[ $rc -eq 0 ] && [ \$(wc -l < '$T/err') -eq 1 ] && grep -q voikko-fi '$T/err'"
check "no dictionary: the inflected word finds nothing" test -z "$out"

# The desk says it once on its status line and keeps working.
# The same window, a new desk (killing the session could race the tmux
# server's exit under load).
tmux_ respawn-pane -k -t t \
	"env TERM=xterm-256color NEUVOO_VOIKKO_LANG=fi-x-none $NEUVOO $D; echo EXITED=\$?; sleep 600"
wait_for "Interpreters F8" >/dev/null
filter häädöstä
check "no dictionary: the desk's status line says so at the first word" \
	wait_for "Voikko or its Finnish dictionary is missing"
finish
