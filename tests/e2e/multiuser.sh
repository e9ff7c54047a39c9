#!/bin/sh
# multiuser: one terminal server, three advisors and a supervisor, each a
# real Unix user in one group, with a site configuration (stats-dir and
# group) and the shared statistics folder made as `neuvoo doctor --fix`
# makes it. Three desks run at once in tmux, each as its own user (two
# without --desk), and save contacts concurrently; one advisor presses F9;
# the supervisor closes the day while a desk is still open, and that desk
# saves once more. Then:
#   - the supervisor's report counts every contact exactly once, and reads
#     a running desk's and a killed desk's latest contacts with read
#     access only;
#   - F9 undid only the pressing advisor's own last contact;
#   - the contact saved after the close is kept, counted and flagged late;
#   - no advisor can write, rename or delete another's file;
#   - nothing is world-readable, and the readers created no file.
# Needs root (to create the users; skipped otherwise) and useradd.
. "$top_srcdir/tests/e2e/lib.sh"
. "$top_srcdir/tests/e2e/users.sh"

users_need
plan 28

# Names unique to this run, short enough for any useradd.
tag=$$
G="nvg$tag"
A="nva$tag"	# advisor at desk info1
B="nvb$tag"	# advisor with the default desk name; presses F9
C="nvc$tag"	# advisor with the default desk name; killed at the end
SUP="nvs$tag"	# supervisor
users_add "$G" "$A" "$B" "$C" "$SUP"
STATS="$SITE/stats"
CONF="$SITE/neuvoo.conf"
HOST=$(hostname | cut -d. -f1)

check "three advisors and a supervisor in one group" \
	sh -c 'for u in "$@"; do id -nG "$u" | grep -qw "'"$G"'" || exit 1; done' _ "$A" "$B" "$C" "$SUP"

# One catalogue for the site, read by everyone.
"$NEUVOO" --catalogue "$SITE/catalogue.db" catalogue init >/dev/null 2>&1
chmod 644 "$SITE/catalogue.db"
cat >"$CONF" <<EOF
# The site configuration of a terminal server.
catalogue = "$SITE/catalogue.db"
stats-dir = "$STATS"
group = "$G"
EOF
chmod 644 "$CONF"
# The sysadmin's one step: doctor --fix as root makes the shared folder
# (root, the configured group, mode 3770: setgid, sticky, nothing for
# others), then finds nothing more to fix.
check "doctor --fix as root prepares the site" \
	sh -c '"$NEUVOO" --config "$1" doctor --fix >"$2/fix.out" 2>&1' _ "$CONF" "$SITE"
check "doctor then finds all is well" \
	sh -c '"$NEUVOO" --config "$1" doctor >"$2/doctor.out" 2>&1' _ "$CONF" "$SITE"
check "the statistics folder is root:$G, mode 3770" \
	test "$(stat -c '%U:%G %a' "$STATS")" = "root:$G 3770"

# desk WINDOW USER [--desk NAME]: a desk in its own tmux window.
desk() {
	w=$1 u=$2
	shift 2
	user_window "$w" "$u" 100 24 "$@"
}
report() { as "$SUP" "$NEUVOO" --config "$CONF" report "$@"; }
# until_total N: the supervisor's report counts N contacts (desks save
# while it reads).
until_total() {
	i=0
	while [ $i -lt 300 ]; do
		report --format json 2>/dev/null | grep -q "\"total\":$1," && return 0
		sleep 0.1
		i=$((i + 1))
	done
	diag "the report says:" "$(report --format json 2>&1)"
	return 1
}

desk wa "$A" --desk info1
desk wb "$B"
desk wc "$C"
DB="$HOST-$B" DC="$HOST-$C"
started() { wait_in wa "Interpreters F8" && wait_in wb "Interpreters F8" && wait_in wc "Interpreters F8"; }
check "three desks start, each as its own user" started
names() { wait_in wb "$DB |" && wait_in wc "$DC |"; }
check "the desks without --desk get HOST-USER names" names

# Three contacts at every desk, the keys sent to all three at once.
for w in wa wb wc; do tmux_ send-keys -t "$w" F6; done
for n in 1 2 3; do
	for w in wa wb wc; do tmux_ send-keys -t "$w" Space F2; done
done
check "desk info1 saved 3" wait_in wa "info1 | 3 contacts today"
check "desk $DB saved 3" wait_in wb "$DB | 3 contacts today"
check "desk $DC saved 3" wait_in wc "$DC | 3 contacts today"
check "the supervisor's report reads the running desks: 9 contacts" until_total 9

# C saves the last contact of all; B's F9 must still undo B's own.
tmux_ send-keys -t wc Space F2
wait_in wc "$DC | 4 contacts today" >/dev/null
tmux_ send-keys -t wb F9
check "F9 at $DB undoes its own last contact" wait_in wb "Undone:"
# The undone contact is back in the form: F3 discards it (after asking).
tmux_ send-keys -t wb F3
wait_in wb "Please confirm" 5 >/dev/null && tmux_ send-keys -t wb y
check "$DB counts 2 now" wait_in wb "$DB | 2 contacts today"
check "the others keep theirs" until_total 9

# The supervisor closes the day while the desks are still open.
as "$SUP" "$NEUVOO" --config "$CONF" review --close >"$T/close.out" 2>"$T/close.err"
st=$?
check "review --close as the supervisor: exit 0, one line" \
	sh -c '[ $1 -eq 0 ] && grep -q "^Closed .*, by $2\.$" "$3" && [ ! -s "$4" ]' _ $st "$SUP" "$T/close.out" "$T/close.err"
check "the sign-off is in the supervisor's own file" \
	test "$(stat -c '%U:%G %a' "$STATS/@$SUP.db")" = "$SUP:$G 640"
sleep 1	# sign-offs are to the second: the next save comes after
tmux_ send-keys -t wa Space F2
check "desk info1 saves after the close" wait_in wa "info1 | 4 contacts today"
check "no desk says it cannot save" \
	sh -c 'for w in wa wb wc; do tmux -L "$1" -f /dev/null capture-pane -p -t "$w" | grep -Eqi "not saved|cannot" && exit 1; done; exit 0' _ "$TMUX_SOCK"

check "every contact counted exactly once: 10" until_total 10
report --contacts --format csv >"$T/contacts.csv" 2>"$T/err"
ids_once() { [ "$(tail -n +2 "$T/contacts.csv" | cut -d, -f1 | sort | uniq -d | wc -l)" -eq 0 ]; }
check "no contact twice in the supervisor's export" ids_once
per_desk() {
	[ "$(grep -c ',info1,' "$T/contacts.csv")" -eq 4 ] &&
	[ "$(grep -c ",$DB," "$T/contacts.csv")" -eq 2 ] &&
	[ "$(grep -c ",$DC," "$T/contacts.csv")" -eq 4 ]
}
check "F9 undid only B's own contact: info1 4, $DB 2, $DC 4" per_desk
out=$(report --by desk)
late_text() {
	printf '%s\n' "$out" | grep -q "^Day closed: yes, by $SUP at " &&
	printf '%s\n' "$out" | grep -qx "Late contacts (saved after their day was closed): 1"
}
check "the report: closed by the supervisor, 1 late contact" late_text
late_one() {
	j=$(report --contacts --format json)
	[ "$(printf '%s\n' "$j" | grep -o '"late":true' | wc -l)" -eq 1 ] &&
	printf '%s\n' "$j" | grep -q '"desk":"info1"[^}]*"late":true'
}
check "the late contact is info1's" late_one

# A desk killed with its log unfolded: the supervisor still counts it.
pid=$(pgrep -u "$C" -x neuvoo | head -1)
[ -n "$pid" ] && kill -KILL "$pid"
wait_in wc "EXITED=" >/dev/null
check "a killed desk's -wal is left" test -e "$STATS/$DC@$C.db-wal"
check "the supervisor reads it with read access only: still 10" until_total 10

# Nobody writes, renames or deletes another's file.
own="$STATS/info1@$A.db"
untouchable() {
	for u in "$B" "$SUP"; do
		as "$u" sh -c 'echo x >>"$1"' _ "$own" 2>/dev/null && return 1
		as "$u" rm -f "$own" 2>/dev/null
		as "$u" mv "$own" "$own.moved" 2>/dev/null
		[ -e "$own" ] && [ ! -e "$own.moved" ] || return 1
	done
	as "$A" rm -f "$STATS/@$SUP.db" 2>/dev/null
	[ -e "$STATS/@$SUP.db" ]
}
check "no advisor can write, rename or delete another's file" untouchable
owners() {
	for f in "$STATS"/*; do
		case $(basename "$f") in
		info1@"$A".db*) want=$A ;;
		"$DB@$B".db*) want=$B ;;
		"$DC@$C".db*) want=$C ;;
		@"$SUP".db*) want=$SUP ;;
		*) diag "unexpected file $f"; return 1 ;;
		esac
		[ "$(stat -c %U:%G "$f")" = "$want:$G" ] || { diag "$f: $(stat -c %U:%G "$f")"; return 1; }
	done
}
check "every file is its writer's, in the group; readers made none" owners
world() { [ -z "$(find "$STATS" -perm /o=rwx)" ]; }
check "nothing in the statistics folder is world-readable" world
modes() {
	for f in "$STATS"/*.db; do
		[ "$(stat -c %a "$f")" = 640 ] || { diag "$f: $(stat -c %a "$f")"; return 1; }
	done
}
check "desk and sign-off files are 0640" modes

for w in wa wb; do tmux_ send-keys -t "$w" F10; done
finish
