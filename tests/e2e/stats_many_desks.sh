#!/bin/sh
# stats_many_desks: a thin-client server at full load. 20 real desks in one
# tmux server (80x24 each) on 10 desk names, so two processes write each
# desk file, save 500 contacts each at once with the smallest routine
# contact (F6, then Space F2 over and over: the highlight stays on Housing
# after a save). Then the report counts exactly 10,000 contacts, 1,000 a
# desk, each desk file has 1,000 rows and passes PRAGMA integrity_check.
#
# Keys go in batches of 50 contacts a window; the next batch goes once the
# desk files hold every contact of this one (both writers' contacts: a
# window's own count shows the other writer's saves only when it rereads
# the file while idle), so no input piles up in the terminals.
. "$top_srcdir/tests/e2e/lib.sh"
plan 9

DESKS=20
NAMES=10
PER_DESK=500
BATCH=50
DEADLINE=240		# seconds for the whole test
S="$XDG_STATE_HOME/neuvoo/stats"
t0=$(date +%s)

name() { echo "desk$(( ($1 - 1) % NAMES + 1 ))"; }
win() { tmux_ capture-pane -p -t "w$1"; }
over_time() { [ $(($(date +%s) - t0)) -ge $DEADLINE ]; }
# all_show TEXT: every window shows TEXT (until the deadline).
all_show() {
	while :; do
		missing=0
		n=1
		while [ $n -le $DESKS ]; do
			if ! win $n | grep -qF -- "$1"; then
				missing=$n
				break
			fi
			n=$((n + 1))
		done
		[ $missing -eq 0 ] && return 0
		if over_time; then
			diag "window $missing does not show: $1" "it shows:"
			win $missing | sed 's/^/#   /'
			return 1
		fi
		sleep 0.2
	done
}

"$NEUVOO" catalogue init >/dev/null 2>&1
n=1
while [ $n -le $DESKS ]; do
	tmux_ new-session -d -s "w$n" -x 80 -y 24 \
		"env TERM=xterm-256color $NEUVOO --desk $(name $n); echo EXITED=\$?; sleep 600"
	tmux_ set-option -t "w$n" status off >/dev/null
	n=$((n + 1))
done
check "$DESKS desks start" all_show "Interpreters F8"

pairs=""
i=0
while [ $i -lt $BATCH ]; do pairs="$pairs Space F2"; i=$((i + 1)); done
n=1
while [ $n -le $DESKS ]; do tmux_ send-keys -t "w$n" F6; n=$((n + 1)); done
# files_hold N: the report counts N contacts for every desk name.
files_hold() {
	while :; do
		got=$("$NEUVOO" report --by desk --format csv 2>&1 | tail -n +2 |
			awk -F, -v want="$1" '$3 == want { n++ } END { print n + 0 }')
		[ "$got" -eq $NAMES ] && return 0
		if over_time; then
			diag "not every desk file holds $1 contacts:"
			"$NEUVOO" report --by desk --format csv 2>&1 | sed 's/^/#   /'
			return 1
		fi
		sleep 0.3
	done
}
done_per_desk=0
batches_ok=true
while [ $done_per_desk -lt $PER_DESK ]; do
	n=1
	# shellcheck disable=SC2086 # $pairs is a list of key names
	while [ $n -le $DESKS ]; do tmux_ send-keys -t "w$n" $pairs; n=$((n + 1)); done
	done_per_desk=$((done_per_desk + BATCH))
	if ! files_hold $((done_per_desk * DESKS / NAMES)); then
		batches_ok=false
		break
	fi
done
check "every desk saved its $PER_DESK contacts" $batches_ok
diag "saving took $(($(date +%s) - t0)) s"

no_errors() {
	n=1
	while [ $n -le $DESKS ]; do
		if win $n | tail -1 | grep -Eqi "not saved|cannot|locked|sqlite"; then
			diag "window $n: $(win $n | tail -1)"
			return 1
		fi
		n=$((n + 1))
	done
}
check "no desk showed an error (no SQLITE_BUSY reached anyone)" no_errors
n=1
while [ $n -le $DESKS ]; do tmux_ send-keys -t "w$n" F10; n=$((n + 1)); done
check "every desk quits" all_show "EXITED=0"

total=$((DESKS * PER_DESK))
per_name=$((total / NAMES))
out=$("$NEUVOO" report --format json 2>&1)
check "the report counts exactly $total contacts" \
	sh -c 'printf "%s\n" "$1" | grep -q "\"total\":$2,"' _ "$out" "$total"
out=$("$NEUVOO" report --by desk --format csv 2>&1)
by_desk() {
	printf '%s\n' "$out" | sed '/^$/,$d' | tail -n +2 | awk -F, -v want="$per_name" -v names=$NAMES '
		$3 == want { good++ } END { exit !(good == names && NR == names) }'
}
check "$per_name contacts a desk" by_desk
rows_ok=true
integrity_ok=true
k=1
while [ $k -le $NAMES ]; do
	f="$S/desk$k@$ME.db"
	[ "$(sqlite3 "$f" 'SELECT count(*) FROM contact WHERE undone_at IS NULL')" = "$per_name" ] ||
		{ diag "desk$k.db: $(sqlite3 "$f" 'SELECT count(*) FROM contact') rows"; rows_ok=false; }
	[ "$(sqlite3 "$f" 'PRAGMA integrity_check')" = ok ] ||
		{ diag "desk$k.db: integrity_check fails"; integrity_ok=false; }
	k=$((k + 1))
done
check "each desk file holds $per_name rows" $rows_ok
check "PRAGMA integrity_check is ok for every desk file" $integrity_ok
check "no desk file was left with a draft" \
	sh -c 'for f in "$1"/desk*@*.db; do [ "$(sqlite3 "$f" "SELECT count(*) FROM draft")" = 0 ] || exit 1; done' _ "$S"
diag "the whole test took $(($(date +%s) - t0)) s"
finish
