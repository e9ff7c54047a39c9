#!/bin/sh
# desk_random_keys: 10,000 random keystrokes (a fixed seed, so a failure
# can be replayed) fed to the desk through tmux. Afterwards the desk is
# alive and answers, F10 quits it with status 0, its statistics file
# passes SQLite's integrity check and `neuvoo report` still reads it. The
# whole test is bounded: it gives up after 120 s.
. "$top_srcdir/tests/e2e/lib.sh"
plan 6

N=10000
BATCH=200
LIMIT=120
t0=$(date +%s)
late() { [ $(($(date +%s) - t0)) -ge $LIMIT ]; }
# A watchdog: should anything below block, the test ends (failing) at the
# limit instead of hanging; lib.sh's exit trap still cleans up. Its output
# goes nowhere, so that it never holds the test driver's pipe open.
me=$$
(
	sleep $((LIMIT + 5)) &
	echo $! >"$T/dog"
	wait $! && kill -TERM $me
) >/dev/null 2>&1 &
trap 'echo "not ok - gave up after $LIMIT s"; exit 1' TERM INT

alive() {
	pid=$(ps -o pid= --ppid "$(pane_pid)" -o comm= | awk '$2 == "neuvoo" { print $1 }')
	[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}
# settled: the desk has worked through its input: the screen stays the
# same for half a second (within the time limit).
settled() {
	last=""
	same=0
	while ! late; do
		cur=$(screen | cksum)
		if [ "$cur" = "$last" ]; then
			same=$((same + 1))
			[ $same -ge 5 ] && return 0
		else
			same=0
		fi
		last=$cur
		sleep 0.1
	done
	return 1
}

# Every key the desk reacts to, except F10 (sent only at the end). Names
# are tmux's; a literal ';' would end the tmux command, so it is left out.
awk -v n=$N -v batch=$BATCH 'BEGIN {
	srand(42)
	k = split("a b c d e f g h i j k l m n o p q r s t u v w x y z " \
		  "A E K Q Z 0 1 2 3 4 5 6 7 8 9 " \
		  "Space Space Space Enter Enter Tab BTab Escape " \
		  "F1 F2 F3 F4 F5 F6 F7 F8 F9 F11 F12 " \
		  "Up Up Down Down Left Right PgUp PgDn Home End " \
		  "BSpace BSpace DC / C-l C-t", keys, " ")
	for (i = 1; i <= n; i++) {
		printf "%s%s", keys[int(rand() * k) + 1], (i % batch && i < n) ? " " : "\n"
	}
}' >"$T/keys"

# Each change to the draft is journalled with an fsync (so that a crash
# loses nothing): thousands of them on a slow disk take longer than the
# keys themselves. What is tested here is what the keys do, so the desk
# file goes to memory (tmpfs) where there is one.
if [ -d /dev/shm ] && [ -w /dev/shm ] &&
   shm=$(mktemp -d /dev/shm/neuvoo-e2e.XXXXXX 2>/dev/null); then
	trap 'rm -rf "$shm"; cleanup' EXIT
	export XDG_STATE_HOME="$shm"
fi
stats=$XDG_STATE_HOME/neuvoo/stats/e2e@$ME.db
start 80 24 "$NEUVOO --desk e2e; echo EXITED=\$?"
wait_for "Interpreters F8" >/dev/null || diag "the desk did not start"

sent=0
b=0
while read -r line; do
	if late || ! alive; then
		break
	fi
	# shellcheck disable=SC2086
	keys $line
	sent=$((sent + $(echo "$line" | wc -w)))
	b=$((b + 1))
	# Every few batches let the desk catch up, so that a hang shows
	# up near the keys that caused it.
	if [ $((b % 10)) -eq 0 ]; then
		settled || break
	fi
done <"$T/keys"
settled
if [ $sent -eq $N ] && alive && ! late; then
	ok "$N random keys later the desk is alive"
else
	not_ok "$N random keys later the desk is alive"
	diag "$sent keys sent in $(($(date +%s) - t0)) s; the batch last sent:" "$line" \
	     "screen was:" "$(screen)"
fi
# The interface language may have changed (F4): the pane titles are
# known by their keys.
panes() {
	s=$(screen)
	for k in F5 F6 F7 F8; do
		echo "$s" | grep -q "─ [^─]* $k ─" || return 1
	done
}
keys C-l
sleep 0.2
check "the desk screen is whole: four pane titles with their keys" panes

# Quit: close whatever is open (a help window, a question, a filter) with
# Esc, then F10; a question is answered with the key its footer names for
# yes ("Enter: yes   Esc: no" in any interface language).
i=0
while [ $i -lt 10 ] && ! screen | grep -qF "EXITED=" && ! late; do
	yes=$(screen | sed -nE 's/.*│ +(Enter|y): [^ ]+ +(Esc|n): .*/\1/p' | head -1)
	if [ -n "$yes" ]; then
		diag "a question; answered with $yes"
		keys "$yes"
	else
		keys Escape
		sleep 0.2
		keys F10
	fi
	sleep 0.3
	i=$((i + 1))
done
check "F10 quits it with status 0" wait_for "EXITED=0" 5

check "the statistics file is there" test -s "$stats"
r=$(sqlite3 "$stats" 'PRAGMA integrity_check' 2>&1)
check "its integrity check says ok" test "$r" = ok
[ "$r" = ok ] || diag "$r"
"$NEUVOO" report --format csv >"$T/out" 2>"$T/err"
rc=$?
check "report --format csv reads it (exit 0)" test $rc -eq 0
[ $rc -eq 0 ] || diag "status $rc: $(cat "$T/err")"
diag "$(($(date +%s) - t0)) s; contacts saved: $(sqlite3 "$stats" 'SELECT count(*) FROM contact' 2>&1)"
kill "$(cat "$T/dog")" 2>/dev/null
finish
