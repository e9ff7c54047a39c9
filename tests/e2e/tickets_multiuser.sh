#!/bin/sh
# tickets_multiuser: callback tickets on one terminal server, with real
# Unix users in one group and the site folders made by `doctor --fix`.
#   - an advisor's desk (tmux) records a callback contact; F2 opens the
#     ticket form on the phone field; a number in the note is refused;
#     F2 creates the ticket and saves the contact;
#   - a second advisor's queue screen (tmux) lists it, takes it (the
#     contact details appear), closes it as done;
#   - two users taking one ticket at once: exactly one gets it; two
#     users' first opens of the store at once both can write;
#   - every file of the statistics folder (db, -wal, -shm) is scanned:
#     no phone number, e-mail or note, only the anonymous 'ticket' event;
#   - the ticket store is root's and the group's (3770 folder, 0660
#     file), nothing world-readable;
#   - after ticket-retention-days (the clock moved with NEUVOO_NOW) the
#     contact details are gone from the ticket file and its -wal, the
#     anonymous facts stay and report --tickets counts them.
# Needs root (to create the users; skipped otherwise) and useradd.
. "$top_srcdir/tests/e2e/lib.sh"
. "$top_srcdir/tests/e2e/users.sh"

users_need sqlite3
plan 29

tag=$$
G="ntg$tag"
A="nta$tag"	# the desk
B="ntb$tag"	# the queue
users_add "$G" "$A" "$B"
STATS="$SITE/stats"
TICKETS="$SITE/tickets"
CONF="$SITE/neuvoo.conf"
PHONE="040 765 4321"
PHONE_DIGITS="0407654321"
MAIL="asiakas.e2e@example.fi"
NOTE="asks about the rent arrears letter"

"$NEUVOO" --catalogue "$SITE/catalogue.db" catalogue init >/dev/null 2>&1
chmod 644 "$SITE/catalogue.db"
cat >"$CONF" <<CONF
catalogue = "$SITE/catalogue.db"
stats-dir = "$STATS"
group = "$G"
ticket-retention-days = 14
CONF
chmod 644 "$CONF"

check "doctor --fix as root makes the site's folders and the ticket store" \
	sh -c '"$NEUVOO" --config "$1" doctor --fix >"$2/fix.out" 2>&1 && grep -q "ticket store" "$2/fix.out"' _ "$CONF" "$SITE"
check "the tickets folder is root:$G, mode 3770" \
	test "$(stat -c '%U:%G %a' "$TICKETS")" = "root:$G 3770"
check "the ticket file is root:$G, mode 660" \
	test "$(stat -c '%U:%G %a' "$TICKETS/tickets.db")" = "root:$G 660"

# run WINDOW USER ARGS...: neuvoo as USER in its own tmux window.
run() {
	w=$1 u=$2
	shift 2
	user_window "$w" "$u" 100 30 "$@"
}
k() { tmux_ send-keys -t "$@"; }
tickets() { as "$B" "$NEUVOO" --config "$CONF" tickets "$@"; }

# The desk: a Housing contact, the outcome "Call back later".
run desk "$A" --desk info1
check "the desk starts" wait_in desk "Interpreters F8"
# The outcome field from the top of the intake, whatever was focused.
to_outcome() { k desk F5 Up Up Up Up Up Up Up Up Up Down Down Down Down; }
k desk F6 Space
to_outcome
k desk c c
check "the outcome is a callback" wait_in desk "< Call back later >"
k desk F2
check "F2 opens the ticket form" wait_in desk "Callback ticket"
check "the form has the chosen language's assignee" wait_in desk "lang:fi"
k desk "$PHONE" Down "$MAIL" Down Down Down "$NOTE, call $PHONE" F2
check "a phone number in the note is refused" wait_in desk "the note holds a phone number"
empty_store() { [ "$(tickets --list --format csv | wc -l)" = 1 ]; }
check "nothing is in the store yet" empty_store
i=0
while [ $i -lt $((${#PHONE} + 7)) ]; do k desk BSpace; i=$((i + 1)); done
k desk F2
check "F2 creates the ticket and saves the contact" wait_in desk "Saved:"
check "the desk counts the contact" wait_in desk "info1 | 1 contact today"
listed() { tickets --list --format csv | grep -q "^1,.*,open,lang:fi,fi,housing,0,0,,,no"; }
check "the ticket is listed for a second user" listed

# The queue: the second user takes the ticket and closes it.
run queue "$B" tickets
check "the queue lists the ticket" wait_in queue "lang:fi  Housing"
check "its details stay hidden until it is taken" wait_in queue "Take the ticket to see"
k queue Enter
check "taking it shows the phone and e-mail" wait_in queue "Phone: $PHONE_DIGITS   E-mail: $MAIL"
check "and the note" wait_in queue "Note: $NOTE"
k queue F2
check "F2 closes it as done" wait_in queue "Ticket 1 closed as done."
check "the queue is empty" wait_in queue "No open tickets."
k queue F10
wait_in queue "EXITED=0" >/dev/null

# Two users take a second ticket at once.
k desk F6 Space
to_outcome
k desk c c F2
wait_in desk "Callback ticket" >/dev/null
k desk "040 111 2233" F2
wait_in desk "info1 | 2 contacts today" >/dev/null
race() {
	as "$A" "$NEUVOO" --config "$CONF" tickets take 2 >"$SITE/ra.out" 2>&1 &
	pa=$!
	as "$B" "$NEUVOO" --config "$CONF" tickets take 2 >"$SITE/rb.out" 2>&1 &
	pb=$!
	wait $pa; ra=$?
	wait $pb; rb=$?
	diag "take as A: $ra $(cat "$SITE/ra.out")" "take as B: $rb $(cat "$SITE/rb.out")"
	{ [ $ra = 0 ] && [ $rb = 1 ]; } || { [ $ra = 1 ] && [ $rb = 0 ]; }
}
check "two users taking one ticket at once: exactly one gets it" race
# at_once CONFIG FILE...: 20 rounds of two members' first opens of the
# store at once, each after FILE... are removed; both must be able to use
# it (a take of a ticket that does not exist says only that).
at_once() {
	conf=$1
	shift
	i=0
	while [ $i -lt 20 ]; do
		rm -f "$@"
		as "$A" "$NEUVOO" --config "$conf" tickets take 999 >"$SITE/fa.out" 2>&1 &
		pa=$!
		as "$B" "$NEUVOO" --config "$conf" tickets take 999 >"$SITE/fb.out" 2>&1 &
		pb=$!
		wait $pa
		wait $pb
		for f in "$SITE/fa.out" "$SITE/fb.out"; do
			grep -q "no ticket 999" "$f" && continue
			diag "round $i: $(cat "$f")"
			return 1
		done
		i=$((i + 1))
	done
}
# Each round with no -wal or -shm yet (as after the last one closed):
# neither is ever left read-only.
first_opens() { at_once "$CONF" "$TICKETS/tickets.db-wal" "$TICKETS/tickets.db-shm"; }
check "two members opening the store at once are never left read-only (20 rounds)" first_opens
# A store that is not there yet (a folder made by hand, no doctor --fix):
# both find it theirs to use, and it is 0660.
mkdir "$SITE/tickets2"
chgrp "$G" "$SITE/tickets2"
chmod 3770 "$SITE/tickets2"
sed "s|^stats-dir = .*|&\ntickets-dir = \"$SITE/tickets2\"|" "$CONF" >"$SITE/conf2"
chmod 644 "$SITE/conf2"
first_creations() {
	at_once "$SITE/conf2" "$SITE/tickets2/tickets.db" \
		"$SITE/tickets2/tickets.db-wal" "$SITE/tickets2/tickets.db-shm" &&
		test "$(stat -c %a "$SITE/tickets2/tickets.db")" = 660
}
check "two members making the store at once both can use it, the file 0660 (20 rounds)" first_creations
k desk F10
wait_in desk "EXITED=0" >/dev/null

# Every step and every read is audited, with the user.
audit() {
	sqlite3 "$TICKETS/tickets.db" "SELECT user || ':' || action FROM audit WHERE ticket = 1 ORDER BY id" | tr '\n' ' '
}
check "the audit has create, take, read, done with their users" \
	test "$(audit)" = "$A:create $B:take $B:read $B:done "

# The statistics folder holds nothing personal.
clean_stats() {
	for f in "$STATS"/*; do
		for s in "$PHONE_DIGITS" "765 4321" "$MAIL" "rent arrears"; do
			if grep -aqF -- "$s" "$f"; then diag "$f holds $s"; return 1; fi
		done
	done
	[ -n "$(ls "$STATS")" ]
}
check "no file of the statistics folder holds the phone, e-mail or note" clean_stats
ev() {
	for f in "$STATS"/info1@*.db; do
		sqlite3 "file:$f?mode=ro" "SELECT kind || ' ' || detail FROM events WHERE kind = 'ticket'"
	done | sort -u | tr '\n' ' '
}
check "the statistics have the anonymous ticket events only" test "$(ev)" = "ticket lang fi "
check "nothing in the tickets folder is world-readable" \
	test -z "$(find "$TICKETS" -perm /o=rwx)"

# Retention: the details are in the file now; 15 days after closing they
# are gone from the file and its -wal, the facts stay.
has() { cat "$TICKETS"/tickets.db* 2>/dev/null | grep -aqF -- "$1"; }
check "before the retention the file holds the details" has "$MAIL"
later=$(( $(date +%s) + 15 * 86400 ))
as "$B" env NEUVOO_NOW=$later "$NEUVOO" --config "$CONF" tickets --list --all --format csv >"$SITE/after.csv"
gone() {
	for s in "$PHONE_DIGITS" "$MAIL" "rent arrears"; do
		if has "$s"; then diag "the ticket files still hold $s"; ls -la "$TICKETS" | sed 's/^/# /'; return 1; fi
	done
	has "0401112233"
}
check "after the retention the details are gone (file and -wal), an open ticket's stay" gone
check "the closed ticket's anonymous facts stay" grep -q "^1,.*,done,lang:fi,fi,housing,0,0,$B," "$SITE/after.csv"
rep() { as "$B" env NEUVOO_NOW=$later "$NEUVOO" --config "$CONF" report --tickets --from "$(date +%F)" --to "$(date +%F)" --format csv; }
counted() { rep | grep -q "^total,total,2,1,1,"; }
check "report --tickets counts them (the taken one overdue by then)" counted
finish
