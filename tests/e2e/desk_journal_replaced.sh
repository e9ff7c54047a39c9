#!/bin/sh
# desk_journal_replaced: the desk's statistics file renamed away and
# another file planted under its name while the desk runs: the draft
# journal writes into neither (every file of the folder is searched for
# the note's word), the desk says the draft stays on the screen only,
# and the contact stays on the form.
. "$top_srcdir/tests/e2e/lib.sh"
plan 6

stats="$T/stats"
mkdir -m 700 "$stats"
file="$stats/e2e@$ME.db"
word=Kvarkkijuusto
nowhere() { ! grep -rlaF "$word" "$stats" >/dev/null; }
start 80 24 "$NEUVOO --desk e2e --stats-dir '$stats'; echo EXITED=\$?"
keys F6 Space F2
check "the first contact is saved" wait_for "Saved:"
mv "$file" "$stats/moved.db"
[ -e "$file-wal" ] && mv "$file-wal" "$stats/moved.db-wal"
[ -e "$file-shm" ] && mv "$file-shm" "$stats/moved.db-shm"
cp "$stats/moved.db" "$file"
keys F6 Space F5 Down Down Down Down Down Down Down Down
keys -l "$word"
wait_for "$word" >/dev/null
keys Up
check "the desk says the draft is not journalled" wait_for "journalled: file replaced; restart the desk"
sleep 0.5
check "no file of the folder holds the note's word" nowhere
check "the contact is still on the form" sh -c 'tmux -L "$1" capture-pane -p -t t | grep -q "\[x\] Housing"' _ "$TMUX_SOCK"
keys F10
check "quitting asks about the unsaved contact" wait_for "Discard the unsaved"
keys Enter
wait_for "EXITED=0" >/dev/null
check "after quitting no file holds the note's word" nowhere
finish
