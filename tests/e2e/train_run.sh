#!/bin/sh
# train_run: a trainee runs the youth-ohjaamo scenario on the training
# screen at 80x24: the real desk's four panes plus the Scenario pane, the
# story revealed step by step with F11, a partial answer graded with F2
# (a lower score naming what was missed and why), F3 and the full answer
# (100), F10. The attempts are in `train --results`, the real statistics
# folder was never created, and the picker shows the best score.
#
# The answer key (data/scenarios/youth-ohjaamo.conf): channel chat (2),
# language fi (1), interpreter none (1), topics employment (2) and
# education (2), outcome redirected (1), service ohjaamo (3), reason
# expertise (1): 13 points.
. "$top_srcdir/tests/e2e/lib.sh"
plan 25

start 80 24 "$NEUVOO train youth-ohjaamo --trainee e2e; echo EXITED=\$?"
check "the training screen starts" wait_for "Scenario"
check "the first step is shown" wait_for "1/3 In the chat"
all_titles() {
	local t
	for t in "Intake F5" "Topics F6" "Redirect F7" "Interpreters F8"; do
		screen | grep -qF "$t" || { diag "missing: $t"; return 1; }
	done
}
check "all four desk pane titles are visible at 80x24" all_titles
status_line() { screen | tail -1 | grep -q 'e2e | [A-Z][A-Z] | training *$'; }
check "the status line says training and the trainee" status_line
no_step2() { ! screen | grep -qF '2/3'; }
check "the second step is not shown yet" no_step2

keys F11
check "F11 reveals the second step" wait_for "2/3 When you ask more"
keys F11
check "F11 reveals the third step" wait_for "3/3 Finally"

# The Scenario pane's keys (S-Tab from the intake goes to it).
keys BTab F1
check "F1 in the scenario pane lists its keys" wait_for "reveal the next step"
f11_listed() { screen | grep -q 'F11 *reveal the next step'; }
check "... with F11 among them" f11_listed
keys Escape

# A partial answer: chat, employment, Ohjaamo; education forgotten.
keys F5 c
keys F6 / e m p Enter
check "employment is ticked" wait_for "[x] Employment"
keys F7 / O h j a a m o Enter
check "the service details open" wait_for "Reason"
keys Enter
check "Ohjaamo is chosen" wait_for "Redirected: Ohjaamo"
keys F2
check "F2 grades the partial answer: 11 of 13 points" wait_for "Score: 85/100 (attempt 1)"
check "the missed topic is named" wait_for "Topic: Education: not ticked"
check "and why it matters" wait_for "the topic is"

# Again, with the full answer.
keys F3
check "F3 starts attempt 2" wait_for "Attempt 2: a fresh contact"
keys F5 c
keys F6 Escape Home Down Space
check "education is ticked" wait_for "[x] Education"
keys / e m p Enter
check "employment is ticked again" wait_for "[x] Employment"
keys F7 Escape / O h j a a m o Enter
sleep 0.3
keys Enter
keys F2
check "the full answer scores 100" wait_for "Score: 100/100 (attempt 2)"
keys F10
check "F10 quits training" wait_for "EXITED=0"

"$NEUVOO" train --results --format csv >"$T/results.csv"
diag "$(cat "$T/results.csv")"
check "--results lists both attempts with their scores" \
	sh -c "grep -q '^e2e,youth-ohjaamo,1,85,' '$T/results.csv' && grep -q '^e2e,youth-ohjaamo,2,100,' '$T/results.csv'"
check "the real statistics were never touched" \
	test ! -e "$XDG_STATE_HOME/neuvoo/stats"

# The picker: the scenarios, with the trainee's best score.
tmux_ kill-server 2>/dev/null
sleep 0.2
start 80 24 "$NEUVOO train --trainee e2e; echo EXITED=\$?"
check "without a scenario the picker lists them" wait_for "Training scenarios"
best_shown() { screen | grep -q 'youth-ohjaamo .* fi  *100'; }
check "the picker shows the best score" best_shown
keys F10
check "F10 in the picker quits" wait_for "EXITED=0"

finish
