#!/bin/sh
# train_branching: branching scenarios on the training screen at 80x24.
# closing-time played along two paths: the trainee's choice 2 leads to
# the ending "She knows where to go on Monday" (the right record scores
# 100); choice 1 leads through one more step to "Time ran out", whose
# score is capped at 50. callback-estonian: the promise of a callback is
# contact 1, graded on its own, and F11 starts contact 2; the attempt
# holds both contacts' items. video-farsi: the story follows the
# interpreter recorded. The attempts
# are in `train --results --format json`, read back with python3's json
# module. In Finnish and Swedish the training label stays in the status
# line beside the long first message.
. "$top_srcdir/tests/e2e/lib.sh"
command -v python3 >/dev/null 2>&1 || skip_all "python3 is not installed"
plan 36

start 80 24 "$NEUVOO train closing-time --trainee e2e; echo EXITED=\$?"
check "the first step is shown" wait_for "1. It is 15:50 on a Friday"
keys BTab
check "the trainee's choices are offered" wait_for "1) Start the form at once"
keys End
check "... with how to answer" wait_for "press 1 to 2"
no_next() { ! screen | grep -q '2\. '; }
check "F11 does not pass a choice" sh -c "tmux -L '$TMUX_SOCK' send-keys -t t F11; sleep 0.3; true"
check "the customer waits for the answer" wait_for "The customer waits for your answer"

# Path 1: tell her what is needed and redirect, reason time.
keys 2
check "choice 2 leads to its ending" wait_for "The conversation ends: She knows"
keys F6 Space
check "housing is ticked" wait_for "[x] Housing"
keys F7 / v u o k r a
sleep 0.3
keys Enter
check "the service details open" wait_for "Reason"
# The reason: expertise, wrong place, language, time.
keys Right Right Right Enter
keys F5 Down e
check "the language is English" wait_for "en English"
keys F2
check "the right record on this path scores 100" wait_for "Score: 100/100 (attempt 1)"
check "the ending's title and feedback are shown" wait_for "Ending: She knows where to go on"
keys End
check "the reason graded" wait_for "Redirect reason: No time resources"
check "weights are shown after grading" wait_for "Topic: Housing (2/2 points)"

# Path 2: a new attempt starts the story again; start the form at once.
keys F3
check "F3 starts the story again" wait_for "Attempt 2: a fresh contact, the story from its start"
keys BTab 1
check "choice 1 leads to another step" wait_for "2. At 16:00 the lights dim"
keys F11
check "F11 reaches the other ending" wait_for "The conversation ends: Time ran out"
keys F6 Space F5 Down e
sleep 0.3
keys F2
check "the same care on this path is capped at 50" wait_for "Score: 50/100 (attempt 2)"
check "the cap is said" wait_for "This ending scores at most 50."
keys F10
check "F10 quits" wait_for "EXITED=0"

# A callback: contact 1 promises it, contact 2 is the call itself.
tmux_ kill-server 2>/dev/null
sleep 0.2
start 80 24 "$NEUVOO train callback-estonian --trainee e2e; echo EXITED=\$?"
check "the callback scenario starts" wait_for "1. On the phone"
keys BTab 3 F11
check "the promise ends contact 1" wait_for "The conversation ends: A callback"
# Channel phone; outcome (the fifth field) callback; topic education.
keys F5 Home Right Down Down Down Down Right Right Right F6 Down Space F2
check "contact 1 is graded on its own" wait_for "Contact 1 graded 100/100"
keys F11
check "F11 starts contact 2" wait_for "Contact 2: a new contact"
keys F11
check "contact 2 reaches its ending" wait_for "The conversation ends: The callback"
keys F5 Home Right F6 Down Space F2
check "the attempt is graded over both contacts" wait_for "Contact 1: 100/100"
keys F10
check "F10 quits" wait_for "EXITED=0"

# video-farsi reacts to what was recorded: without an interpreter only a
# part of the story comes through; with the Farsi-speaking colleague
# chosen in the Interpreters pane, the whole of it.
tmux_ kill-server 2>/dev/null
sleep 0.2
start 80 24 "$NEUVOO train video-farsi --trainee e2e; echo EXITED=\$?"
check "video-farsi starts" wait_for "1. On the video"
keys F11
check "no interpreter recorded: the English path" wait_for "2. In English only this comes"
keys F3
check "a new attempt starts the story again" wait_for "Attempt 1: a fresh contact, the story from its start"
keys F5 Down f a
check "the language is Farsi" wait_for "fa Persian"
keys F8 Home Down Enter
check "the colleague is chosen" wait_for "Multilingual colleague"
keys F11
check "with the colleague recorded: the whole story" wait_for "2. Through the interpreter"
keys F10 Enter
check "F10 quits (after asking)" wait_for "EXITED=0"

# The training label stays in the status line at 80x24 in fi and sv.
for l in fi:harjoitus sv:övning; do
	tmux_ kill-server 2>/dev/null
	sleep 0.2
	start 80 24 "$NEUVOO --lang ${l%%:*} train callback-estonian --trainee harjoittelija; echo EXITED=\$?"
	wait_for "1. " >/dev/null
	label() { screen | tail -1 | grep -q " ${l#*:} *\$"; }
	check "${l%%:*}: the status line ends with '${l#*:}' beside the first message" label
	keys F10
	wait_for "EXITED=0" >/dev/null
done

"$NEUVOO" train --results --format json >"$T/results.json"
check "--results --format json has both paths' scores (python3 json)" \
	python3 -c "
import json
d = json.load(open('$T/results.json'))
t = d['trainees'][0]
assert t['trainee'] == 'e2e', t
a = t['attempts']
s = [x for x in t['scenarios'] if x['scenario'] == 'closing-time'][0]
assert (s['first'], s['best'], s['attempts']) == (100, 100, 2), s
c = [x for x in a if x['scenario'] == 'closing-time']
assert [x['score'] for x in c] == [100, 50], c
assert any(i['item'] == 'reason' and i['matched'] and i['weight'] == 3 for i in c[0]['items'])
cb = [x for x in a if x['scenario'] == 'callback-estonian']
assert len(cb) == 1, cb
assert any(i['item'] == 'outcome' and i['got'] == 'callback' and i['matched'] for i in cb[0]['items'])
assert any(i['item'] == '2:language' and not i['matched'] for i in cb[0]['items'])
assert d['group']['attempts'] == 3
"

finish
