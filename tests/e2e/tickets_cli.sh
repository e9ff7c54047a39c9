#!/bin/sh
# tickets_cli: callback tickets for one user (no group): two tickets made
# at the desk (tmux), then the commands: --list in text, csv and json and
# its filters, take (the details printed), unreachable (attempts), pass,
# done; the exit statuses of bad usage (2) and of a refused step (1); the
# queue screen's filters; the modes of the store; report --tickets; the
# details erased after the retention (NEUVOO_NOW).
. "$top_srcdir/tests/e2e/lib.sh"
plan 28

N="$NEUVOO --desk e2e"
TK="$XDG_STATE_HOME/neuvoo/tickets"

# ticket PHONE WHO: a Housing contact with the outcome "Call back later",
# its ticket for WHO (the form's default assignee replaced).
ticket() {
	keys F6 Space F5 Up Up Up Up Up Up Up Up Up Down Down Down Down c c F2
	wait_for "Callback ticket" >/dev/null || return 1
	keys "$1" Down Down
	i=0
	while [ $i -lt 10 ]; do keys BSpace; i=$((i + 1)); done
	keys "$2" F2
}
start 100 30 "$N; echo EXITED=\$?"
check "the desk starts" wait_for "Interpreters F8"
ticket "040 111 2222" "lang:so"
check "the first ticket and contact are saved" wait_for "e2e | 1 contact today"
ticket "+358 50 333 4444" "desk:info-2"
check "the second too" wait_for "e2e | 2 contacts today"
keys F10
wait_for "EXITED=0" >/dev/null

check "one user's store is 0600 in a 0700 folder" \
	test "$(stat -c %a "$TK")/$(stat -c %a "$TK/tickets.db")" = "700/600"
csv=$($N tickets --list --format csv)
diag "$csv"
check "csv: the contract's header" \
	test "$(echo "$csv" | head -1 | tr -d '\r')" = "id,created_at,due_at,status,assignee,language,topics,attempts,passes,taken_by,closed_at,overdue"
check "csv: both tickets, open, no contact details" \
	sh -c 'echo "$1" | grep -q "^1,.*,open,lang:so,fi,housing,0,0,,,no" &&
	       echo "$1" | grep -q "^2,.*,open,desk:info-2,fi,housing,0,0,,,no" &&
	       ! echo "$1" | grep -q "2222\|4444"' _ "$csv"
check "json parses and has both" \
	sh -c '$1 tickets --list --format json | python3 -c "import json,sys; d=json.load(sys.stdin); assert [t[\"id\"] for t in d] == [1, 2]"' _ "$N"
check "--assignee filters by a kind" \
	sh -c '[ "$($1 tickets --list --format csv --assignee desk | wc -l)" = 2 ]' _ "$N"
check "--language filters" \
	sh -c '[ "$($1 tickets --list --format csv --language so | wc -l)" = 1 ]' _ "$N"
check "--overdue: none yet" \
	sh -c '[ "$($1 tickets --list --format csv --overdue | wc -l)" = 1 ]' _ "$N"

# Usage errors: exit 2, one line.
usage() { $N tickets "$@" >/dev/null 2>"$T/err"; rc=$?; [ $rc = 2 ] && [ "$(wc -l <"$T/err")" = 1 ]; }
check "take without a number is a usage error" usage take
check "a bad --format is a usage error" usage --list --format xml
check "pass without --to is a usage error" usage pass 1
check "a bad assignee is a usage error" usage pass 1 --to person:anna
check "an unknown service is a usage error" usage pass 1 --to service:no-such-service
check "a filter without --list is a usage error" usage --overdue

check "take prints the phone" sh -c '$1 tickets take 1 | grep -q "Phone: 0401112222"' _ "$N"
$N tickets unreachable 1 >"$T/u" 2>&1
check "unreachable counts the attempt and gives it back" grep -q "attempt 1 of 3; back in the queue" "$T/u"
check "pass to a catalogue service" sh -c '$1 tickets pass 2 --to service:helsinki-info | grep -q "passed to service:helsinki-info"' _ "$N"
check "done closes it" sh -c '$1 tickets done 2 | grep -q "closed as done"' _ "$N"
$N tickets done 2 >/dev/null 2>"$T/err"
rc=$?
check "a closed ticket is refused with exit 1, one line" \
	sh -c '[ "$2" = 1 ] && [ "$(wc -l <"$1")" = 1 ] && grep -q "closed already" "$1"' _ "$T/err" "$rc"

# The queue screen: F7 filters by the next assignee.
# A new window "t" while the server still has the desk's (killing the
# server first races with its exit).
tmux_ rename-session -t t desk
start 80 24 "$N tickets; echo EXITED=\$?"
tmux_ kill-session -t desk
check "the queue shows the open ticket" wait_for "lang:so  Housing"
keys F7
check "F7 filters by the next assignee" wait_for "Assignee: lang:so"
keys F10
wait_for "EXITED=0" >/dev/null

rep=$($NEUVOO report --tickets --format csv | tr -d '\r')
diag "$rep"
check "report --tickets counts today's two tickets" \
	sh -c 'echo "$1" | grep -qx "total,total,2,1,0,[0-9]*"' _ "$rep"

later=$(( $(date +%s) + 15 * 86400 ))
NEUVOO_NOW=$later $N tickets --list >/dev/null
check "15 days after closing the closed one's phone is gone, the open one's stays" \
	sh -c '! cat "$1"/tickets.db* | grep -aqF 0503334444 && cat "$1"/tickets.db* | grep -aqF 0401112222' _ "$TK"
# A redirect whose service promises to call back: save-with-ticket (C-k)
# opens the form for any outcome, the chosen service calling.
tmux_ rename-session -t t queue
start 100 30 "$N; echo EXITED=\$?"
tmux_ kill-session -t queue
wait_for "Interpreters F8" >/dev/null
keys F6 Space F7 Enter
wait_for "Reason" >/dev/null
keys Enter C-k
check "C-k on a redirect: the form, the chosen service calls" wait_for "Who calls  service:aikuissosiaalityo"
keys "040 555 6666" F2
wait_for "3 contacts today" >/dev/null
keys F10
wait_for "EXITED=0" >/dev/null
check "its ticket is the service's" sh -c '$1 tickets --list --format csv | grep -q ",open,service:aikuissosiaalityo,fi,housing,"' _ "$N"
printf 'organisation = "helsinki"\ntickets-db = "host=/nowhere dbname=x password=secret"\n' >"$T/pw.conf"
$NEUVOO --config "$T/pw.conf" tickets --list >/dev/null 2>"$T/pw.err"
check "a password in tickets-db: a configuration error (exit 2, one line)" \
	sh -c '[ $1 -eq 2 ] && [ "$(wc -l <"$2")" -eq 1 ] && grep -q "tickets-db: a password" "$2"' _ $? "$T/pw.err"
finish
