#!/bin/sh
# desk_search_morph: the Redirect filter finds services by the words a
# customer says, typed letter by letter: inflected Finnish ("kelasta",
# "häädöstä"), Swedish ("vräkningen", "hyresbostad"), a typo; and
# `catalogue search` prints id TAB name, best first, and says once when
# the Finnish dictionary is missing.
. "$top_srcdir/tests/e2e/lib.sh"
plan 12

D="--desk e2e"
start 80 24 "$NEUVOO $D; echo EXITED=\$?"
check "the desk starts" wait_for "Interpreters F8"

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
tmux_ kill-session -t t
start 80 24 "NEUVOO_VOIKKO_LANG=fi-x-none $NEUVOO $D; echo EXITED=\$?"
check "no dictionary: the desk's status line says so" \
	wait_for "Voikko or its Finnish dictionary is missing"
finish
