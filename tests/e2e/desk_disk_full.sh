#!/bin/sh
# desk_disk_full: saving fails and nothing is lost. A full disk is
# simulated without root by a file-size limit (ulimit -f) with SIGXFSZ
# ignored, so that write() fails with EFBIG once the desk file's log
# reaches the limit. Then the desk says in one line what is wrong, keeps
# running and keeps the draft (in the file too: a SIGKILL right after the
# failure loses nothing), the contacts saved before are intact, the next F2
# tries again, and without the limit the restored draft saves.
. "$top_srcdir/tests/e2e/lib.sh"
plan 19

S="$XDG_STATE_HOME/neuvoo/stats"
F="$S/e2e@$ME.db"
LIMIT_KB=64

# The catalogue is made without the limit (it is larger than the limit).
"$NEUVOO" catalogue init >/dev/null 2>&1
# ulimit -f counts 512- or 1024-byte blocks depending on the shell.
bs=$( (ulimit -f 1 && awk '/^Max file size/ { print $4 }' /proc/self/limits) )
case "$bs" in 512|1024) ;; *) bs=1024 ;; esac
cat >"$T/limited.sh" <<EOF
trap '' XFSZ
ulimit -f $((LIMIT_KB * 1024 / bs)) || exit 99
exec "$NEUVOO" --desk e2e
EOF

plain="$NEUVOO --desk e2e; echo EXITED=\$?"
limited="sh $T/limited.sh; echo EXITED=\$?"
run() { tmux_ respawn-pane -k -t t "env TERM=xterm-256color $1; sleep 600"; }
desk_pid() { pgrep -P "$(pane_pid)" -x neuvoo | head -1; }
status_line() { screen | tail -1; }
saved() { "$NEUVOO" --desk e2e report --contacts --format csv | grep -c ',e2e,'; }
intact() { [ "$(sqlite3 "$F" 'PRAGMA integrity_check')" = ok ]; }
# save_until_failure: Space F2 (the highlighted topic, save) until a save
# fails; sets ok_saves to the number that worked.
save_until_failure() {
	ok_saves=0
	while [ $ok_saves -lt 40 ]; do
		before=$(saved)
		keys Space F2
		i=0
		while [ $i -lt 200 ]; do
			st=$(status_line)
			case "$st" in
			*"Not saved, the contact is kept"*) return 0 ;;
			*"$((before + 1)) contact"*" today"*) break ;;
			esac
			sleep 0.05
			i=$((i + 1))
		done
		[ $i -lt 200 ] || return 1
		ok_saves=$((ok_saves + 1))
	done
	return 1
}

# A desk file with one contact, made without the limit.
start 80 24 "$plain"
wait_for "Interpreters F8" >/dev/null
keys F6 Space F2
wait_for "1 contact today" >/dev/null
keys F10
check "a desk file with one contact" wait_for "EXITED=0"

# --- under the limit -------------------------------------------------------
run "$limited"
check "the desk starts under a ${LIMIT_KB} KiB file-size limit" wait_for "Interpreters F8"
keys F6
check "saving fails once the log reaches the limit" save_until_failure
diag "saves before the failure: $ok_saves" "status line: $(status_line)"
n1=$((1 + ok_saves))
one_line() {
	st=$(status_line)
	# What is wrong is said, not a SQLite code; the path gives way to it.
	printf '%s\n' "$st" | grep -Eq "Not saved, the contact is kept \(F2 tries again\): (the disk is full|input/output error)" &&
	! printf '%s\n' "$st" | grep -Eqi "sqlite|error [0-9]|$T" &&
	printf '%s\n' "$st" | grep -q "not saved *$"
}
check "the status line says in one line what is wrong" one_line
check "the desk keeps running" test -n "$(desk_pid)"
check "the contact stays in the form" wait_for "[x] Housing"
check "the contacts saved before are intact" intact
check "and all there" test "$(saved)" -eq "$n1"

keys F2
check "the next F2 tries again (and saves: the log has room again)" \
	wait_for "$((n1 + 1)) contacts today"
check "saving fails again later" save_until_failure
n2=$((n1 + 1 + ok_saves))
check "still nothing lost" test "$(saved)" -eq "$n2"

# --- killed right after the failure, restarted without the limit ---------
kill -KILL "$(desk_pid)"
check "SIGKILL after the failure" wait_for "EXITED=137"
check "the file is intact after the kill" intact
run "$plain"
check "without the limit the draft comes back" wait_for "Restored the unsaved contact"
check "with its topic" wait_for "[x] Housing"
keys F2
check "and saves" wait_for "Saved:"
check "every contact is there once" test "$(saved)" -eq $((n2 + 1))
check "the file is intact" intact
keys F10
check "F10 quits" wait_for "EXITED=0"
finish
