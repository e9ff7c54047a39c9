#!/bin/sh
# desk_i18n: the desk in every shipped UI language at 80x24: each pane
# title and intake field label is on the screen whole (the expected text
# comes from the built translations through gettext(1)), a saved contact's
# summary is in that language, and F4 switches the language without losing
# the draft. The supervisor's review and the training picker show their
# pane titles whole too.
. "$top_srcdir/tests/e2e/lib.sh"

langs="en $(grep -v '^#' "$top_srcdir/po/LINGUAS")"
set -- $langs
plan $(( 6 * $# + 4 ))

"$top_builddir/tests/unit/stats_fill" "$XDG_STATE_HOME/neuvoo/stats/r1.db" r1 12 >/dev/null

# tr_ LANG MSGID: the translation the program shows.
tr_() {
	if [ "$1" = en ]; then
		printf '%s' "$2"
	else
		TEXTDOMAINDIR="$top_builddir/locale" LANGUAGE=$1 gettext -d neuvoo "$2"
	fi
}
titles="Intake Topics Redirect Interpreters"
labels="Channel|Language|Interpreter|Found us via|Outcome|Age|Gender|Life situation|Note"

# whole_on_screen TEXT...: every TEXT is on the screen followed by a space
# or a border (so not cut short with an ellipsis); names the missing ones.
missing=
whole_on_screen() {
	s=$(screen)
	missing=
	for t in "$@"; do
		printf '%s\n' "$s" | grep -qF -- "$t " || missing="$missing [$t]"
	done
	[ -z "$missing" ]
}

# A fresh tmux server for each run (a new one on the same socket can race
# the old one's exit); the previous one is ended first.
fresh() {
	tmux_ kill-server 2>/dev/null
	TMUX_SOCK="neuvoo-e2e-$$-$1"
}

for l in $langs; do
	fresh "$l"
	start 80 24 "$NEUVOO --desk i18n-$l --lang $l"
	# The Interpreters title is drawn last: wait for it.
	wait_for "$(tr_ "$l" Interpreters) F8" >/dev/null
	set --
	for t in $titles; do
		set -- "$@" "─ $(tr_ "$l" "$t")"
	done
	if whole_on_screen "$@"; then
		ok "$l: the pane titles are whole at 80x24"
	else
		not_ok "$l: the pane titles are whole at 80x24"
		diag "missing:$missing"; screen | sed 's/^/#   /'
	fi
	set --
	old_ifs=$IFS; IFS='|'
	for t in $labels; do
		IFS=$old_ifs
		set -- "$@" "│$(tr_ "$l" "$t")"
	done
	IFS=$old_ifs
	if whole_on_screen "$@"; then
		ok "$l: the intake field labels are whole at 80x24"
	else
		not_ok "$l: the intake field labels are whole at 80x24"
		diag "missing:$missing"; screen | sed 's/^/#   /'
	fi
	# With no message the status line has room for all of it: the
	# contact's state ends it whole.
	check "$l: the status line ends with the contact's state, whole" \
		sh -c "screen_last=\$(tmux -L '$TMUX_SOCK' capture-pane -p | tail -n 1); case \"\$screen_last\" in *' | $(tr_ "$l" new)') exit 0;; *) exit 1;; esac"
	# The smallest contact: F6, Space on the first topic, F2.
	saved=$(tr_ "$l" "Saved: %s.")
	keys F6 Space F2
	check "$l: a saved contact's summary is in $l" \
		wait_for "${saved%%%s*}$(tr_ "$l" "Walk-in"), fi, $(tr_ "$l" Housing)"
done

# The review (of the day with r1's contacts) and the training picker.
for l in $langs; do
	fresh "review-$l"
	start 80 24 "$NEUVOO review --lang $l"
	wait_for "$(tr_ "$l" "Contacts per hour")" >/dev/null
	set --
	for t in "Desks" "Contacts per hour" "Top lists" "Flags"; do
		set -- "$@" "─ $(tr_ "$l" "$t")"
	done
	if whole_on_screen "$@"; then
		ok "$l: the review's pane titles are whole at 80x24"
	else
		not_ok "$l: the review's pane titles are whole at 80x24"
		diag "missing:$missing"; screen | sed 's/^/#   /'
	fi
	fresh "train-$l"
	start 80 24 "$NEUVOO train --lang $l"
	check "$l: the training picker's title is whole at 80x24" \
		wait_for "─ $(tr_ "$l" "Training scenarios") ─"
done

# F4: en -> fi -> sv, with a ticked topic kept in the draft.
fresh f4
start 80 24 "$NEUVOO --desk i18n-f4 --lang en"
wait_for "Interpreters F8" >/dev/null
keys F6 Down Space
check "en: a topic is ticked in the draft" wait_for "[x] Education"
keys F4
check "F4 switches to Finnish" wait_for "─ $(tr_ fi Intake) F5"
check "the draft keeps its topic in Finnish" wait_for "[x] $(tr_ fi Education)"
keys F4
check "F4 again switches to Swedish with the draft" \
	wait_for "[x] $(tr_ sv Education)"
finish
