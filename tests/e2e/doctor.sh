#!/bin/sh
# doctor: `neuvoo doctor` as an admin uses it. A fine set-up says all is
# well (exit 0); each misconfiguration, one at a time, gives exit 1 and its
# one line; a configuration error exit 2. As root: a site configuration
# with a group, `doctor --fix` creating the group and the folder root:GROUP
# 3770, a second run clean, a broken folder repaired while the files in it
# keep their owners and modes, and a non-root --fix that says it needs
# root. The root part is skipped when not root; the group is removed at
# the end.
. "$top_srcdir/tests/e2e/lib.sh"

plan 37
export TERM=xterm
stats="$XDG_STATE_HOME/neuvoo/stats"

# run: stdout to $T/out, stderr to $T/err, status to $rc.
run() {
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
}
show() { diag "exit $rc; stdout:"; sed 's/^/#   /' "$T/out"; diag "stderr:"; sed 's/^/#   /' "$T/err"; }
# expect STATUS TEXT DESCRIPTION: the last run ended so and printed TEXT.
expect() {
	if [ "$rc" -eq "$1" ] && grep -qF -- "$2" "$T/out"; then
		ok "$3"
	else
		not_ok "$3"; show
	fi
}
# expect_one STATUS TEXT DESCRIPTION: ... and nothing else (one line).
expect_one() {
	if [ "$rc" -eq "$1" ] && grep -qF -- "$2" "$T/out" &&
	   [ "$(wc -l <"$T/out")" -eq 1 ] && [ ! -s "$T/err" ]; then
		ok "$3"
	else
		not_ok "$3"; show
	fi
}
# checko DESCRIPTION COMMAND...: check, showing the last run when it fails.
checko() {
	local d=$1; shift
	if "$@"; then ok "$d"; else not_ok "$d"; show; fi
}
fine() { rm -rf "$stats"; mkdir -p -m 0700 "$stats"; }

# ---- one user, the default folders ------------------------------------------
fine
run "$NEUVOO" doctor
expect_one 0 "all is well" "a fine set-up: exit 0 and one line, all is well"

rm -rf "$stats"
run "$NEUVOO" doctor
expect_one 1 "$stats: the statistics folder does not exist; run 'neuvoo doctor --fix'" \
	"a missing folder: exit 1, its path and what to do"
run "$NEUVOO" doctor --fix
checko "--fix as the user creates the folder 0700 and reports all is well" \
	sh -c "[ $rc -eq 0 ] && [ \$(stat -c %a '$stats') = 700 ] && grep -q 'folder created' '$T/out' && tail -n 1 '$T/out' | grep -q 'all is well'"

chmod 0755 "$stats"
run "$NEUVOO" doctor
expect_one 1 "$stats: anyone can look into the statistics folder" "a world-readable folder"

chmod 0770 "$stats"
run "$NEUVOO" doctor
expect_one 1 "$stats: its group can write to it, but no 'group' is configured" \
	"a group-writable folder without a group"

chmod 0702 "$stats"
run "$NEUVOO" doctor
expect_one 1 "$stats: anyone can write to the statistics folder" "a folder others can write to"

fine
echo x >"$stats/desk1.db"
chmod 0644 "$stats/desk1.db"
run "$NEUVOO" doctor
expect_one 1 "$stats/desk1.db: anyone can read this statistics file" "a world-readable statistics file"
chmod 0660 "$stats/desk1.db"
run "$NEUVOO" doctor
expect_one 1 "$stats/desk1.db: users other than its owner" "a statistics file others can write to"
run "$NEUVOO" doctor --fix
checko "--fix leaves files alone: still 0660, still named" \
	sh -c "[ $rc -eq 1 ] && [ \$(stat -c %a '$stats/desk1.db') = 660 ] && grep -q 'desk1.db: users other than its owner' '$T/out'"

echo x >"$T/plain"
run "$NEUVOO" --stats-dir "$T/plain" doctor
expect_one 1 "$T/plain: is not a folder" "a file where the folder should be"

mkdir -p "$T/open/stats"
chmod 0777 "$T/open"
chmod 0700 "$T/open/stats"
run "$NEUVOO" doctor --stats-dir "$T/open/stats"
expect_one 1 "$T/open: anyone can write to this folder above the statistics folder" \
	"a folder above it that others can write to"
chmod 1777 "$T/open"
run "$NEUVOO" doctor --stats-dir "$T/open/stats"
expect_one 0 "all is well" "... but with the sticky bit (as /tmp) it is fine"

fine
printf 'not a catalogue\n' >"$T/bad.db"
run "$NEUVOO" doctor --catalogue "$T/bad.db"
expect_one 1 "$T/bad.db" "an invalid catalogue is named"
run "$NEUVOO" doctor --catalogue "$T/none.db"
expect_one 1 "$T/none.db" "a missing catalogue is named"

TERM=neuvoo-no-such-terminal run "$NEUVOO" doctor
expect_one 1 "TERM=neuvoo-no-such-terminal: terminfo does not know this terminal type" "an unknown TERM"
run env -u TERM "$NEUVOO" doctor
expect_one 1 "TERM is not set" "TERM unset"
LC_ALL=xx_XX.UTF-8 run "$NEUVOO" doctor
expect_one 1 "LC_ALL=xx_XX.UTF-8: this locale is not installed" "a locale that is not installed"
run "$NEUVOO" doctor --lang de
expect_one 1 "no translations for the UI language 'de'" "a UI language without translations"
run "$NEUVOO" doctor --lang fi
expect_one 0 "kaikki on kunnossa" "in Finnish, all is well is said in Finnish"

printf 'desk = "two words"\n' >"$T/bad.conf"
run "$NEUVOO" doctor --config "$T/bad.conf"
expect_one 2 "$T/bad.conf:1:" "a configuration error: exit 2, file and line"
run "$NEUVOO" doctor --bogus
checko "an unknown argument: exit 2, one line on stderr" \
	sh -c "[ $rc -eq 2 ] && [ ! -s '$T/out' ] && [ \$(wc -l <'$T/err') -eq 1 ] && grep -q 'neuvoo doctor \[--fix\]' '$T/err'"

# ---- the terminal's size, in a real terminal ------------------------------------
if command -v tmux >/dev/null 2>&1; then
	start 79 24 "$NEUVOO" doctor ";" read x ";" clear ";" env TERM=xterm "$NEUVOO" doctor
	check "a 79x24 terminal is too small" wait_for "the terminal is 79x24, but the desk needs at least 80x24"
	resize 80 24
	keys Enter
	check "80x24 is enough" wait_for "all is well"
else
	ok "# SKIP tmux is not installed"
	ok "# SKIP tmux is not installed"
fi

# ---- a shared set-up, as root -------------------------------------------------------
root_tests=14
if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null 2>&1 ||
   ! command -v groupdel >/dev/null 2>&1; then
	i=0
	while [ $i -lt $root_tests ]; do
		ok "# SKIP not root (a shared set-up needs root to create)"
		i=$((i + 1))
	done
	finish
fi

G="nvd$$"
while getent group "$G" >/dev/null; do G="${G}x"; done
trap 'getent group "$G" >/dev/null && groupdel "$G"; cleanup' EXIT
trap 'exit 1' HUP INT TERM
# Readable by the unprivileged user of the last part.
chmod 0755 "$T" "$HOME" "$XDG_CONFIG_HOME"
shared="$T/srv/neuvoo/stats"
cat >"$T/site.conf" <<EOF
stats-dir = "$shared"
group = "$G"
EOF
chmod 0644 "$T/site.conf"

run "$NEUVOO" --config "$T/site.conf" doctor
checko "before --fix: the group and the folder are missing (exit 1)" \
	sh -c "[ $rc -eq 1 ] && grep -q \"group '$G' (setting 'group' of neuvoo.conf) does not exist\" '$T/out' && grep -q '$shared: the statistics folder does not exist' '$T/out'"

run "$NEUVOO" --config "$T/site.conf" doctor --fix
checko "--fix creates the group" sh -c "[ $rc -eq 0 ] && getent group '$G' >/dev/null && grep -q \"group '$G' created\" '$T/out'"
checko "--fix creates the folder root:$G 3770 and its parents 0755" \
	sh -c "[ \"\$(stat -c '%U:%G %a' '$shared')\" = 'root:$G 3770' ] && [ \$(stat -c %a '$T/srv') = 755 ] && [ \$(stat -c %a '$T/srv/neuvoo') = 755 ]"
checko "--fix ends with the final state: all is well" sh -c "tail -n 1 '$T/out' | grep -q 'all is well'"

run "$NEUVOO" --config "$T/site.conf" doctor
expect_one 0 "all is well" "a second run is clean"

# One thing wrong at a time, and back.
chmod 01770 "$shared"
run "$NEUVOO" --config "$T/site.conf" doctor
expect_one 1 "$shared: no setgid bit, so new statistics files would not get group $G" "a shared folder without setgid"
chmod 02770 "$shared"
run "$NEUVOO" --config "$T/site.conf" doctor
expect_one 1 "$shared: no sticky bit" "a shared folder without the sticky bit"
chmod 03770 "$shared"
chgrp root "$shared"
run "$NEUVOO" --config "$T/site.conf" doctor
expect_one 1 "$shared: its group is root, not $G" "a shared folder of the wrong group"
chgrp "$G" "$shared"
chmod 03770 "$shared"
run setpriv --reuid=65534 --regid=65534 --clear-groups "$NEUVOO" --config "$T/site.conf" doctor
expect_one 1 "you (nobody) are not a member" "a user who is not in the group"

# Advisors' files in it; then the folder loses its group and mode.
echo x >"$shared/desk1.nobody.db"
chown nobody "$shared/desk1.nobody.db"
chmod 0640 "$shared/desk1.nobody.db"
echo x >"$shared/desk2.root.db"
chmod 0644 "$shared/desk2.root.db"
before1=$(stat -c '%U:%G %a' "$shared/desk1.nobody.db")
before2=$(stat -c '%U:%G %a' "$shared/desk2.root.db")
chgrp root "$shared"
chmod 00755 "$shared"	# GNU chmod keeps a folder's setgid unless told
run "$NEUVOO" --config "$T/site.conf" doctor
checko "a broken shared folder: wrong group, no setgid, no sticky, others look in" \
	sh -c "[ $rc -eq 1 ] && grep -q 'its group is root, not $G' '$T/out' && grep -q 'no setgid bit' '$T/out' && grep -q 'no sticky bit' '$T/out' && grep -q 'anyone can look into' '$T/out'"

# Not root: --fix lists the problems and says it needs root.
run setpriv --reuid=65534 --regid=65534 --clear-groups "$NEUVOO" --config "$T/site.conf" doctor --fix
checko "--fix as another user: exit 1, the problems, 'run it as root', nothing changed" \
	sh -c "[ $rc -eq 1 ] && grep -q 'no sticky bit' '$T/out' && grep -q 'are not a member' '$T/out' && grep -q 'run it as root' '$T/err' && [ \"\$(stat -c '%G %a' '$shared')\" = 'root 755' ]"

run "$NEUVOO" --config "$T/site.conf" doctor --fix
checko "--fix repairs the folder's group and mode" \
	sh -c "[ \"\$(stat -c '%U:%G %a' '$shared')\" = 'root:$G 3770' ] && grep -q 'group set to $G' '$T/out' && grep -q 'mode set to 3770' '$T/out'"
checko "--fix changes nothing else: the files keep owner, group and mode" \
	sh -c "[ \"\$(stat -c '%U:%G %a' '$shared/desk1.nobody.db')\" = '$before1' ] && [ \"\$(stat -c '%U:%G %a' '$shared/desk2.root.db')\" = '$before2' ]"
checko "... and the final state still names the world-readable file (exit 1)" \
	sh -c "[ $rc -eq 1 ] && [ \$(grep -c . '$T/out') -eq 3 ] && tail -n 1 '$T/out' | grep -q '$shared/desk2.root.db: anyone can read this statistics file'"
finish
