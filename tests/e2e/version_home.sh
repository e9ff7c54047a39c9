#!/bin/bash
# version_home: --version as GNU programs print it (version, copyright,
# licence) in English and translated, --help's bug address; and, as root,
# a user with neither HOME nor an entry in the password database: a clear
# error, and nothing written to a shared folder such as /tmp.
. "$top_srcdir/tests/e2e/lib.sh"
plan 8

want=$(sed -n 's/^AC_INIT(\[neuvoo\], \[\([^]]*\)\].*/\1/p' "$top_srcdir/configure.ac")
out=$("$NEUVOO" --version)
check "--version: the version of configure.ac ($want)" \
	test "$(echo "$out" | head -n 1)" = "neuvoo $want"
check "--version: the copyright line" grep -q '^Copyright (C) [0-9]* the neuvoo authors$' <<<"$out"
check "--version: GPLv3+ and no warranty" \
	grep -q '^License GPLv3+: GNU GPL version 3 or later' <<<"$out"
check "--version: the data's CC BY 4.0" grep -q 'CC BY 4.0' <<<"$out"
check "--version in Finnish" grep -q '^Lisenssi GPLv3+' <<<"$(LANGUAGE=fi "$NEUVOO" --version)"
check "--help names where to report bugs" \
	grep -q '^Report bugs to: https://' <<<"$("$NEUVOO" --help)"

# No HOME, as a user the password database does not know (the unit test
# test_paths shows the database's home is used when it knows one).
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	uid=64999
	while getent passwd $uid >/dev/null; do uid=$((uid - 1)); done
	rm -rf /tmp/.local/share/neuvoo /tmp/.local/state/neuvoo 2>/dev/null
	setpriv --reuid=$uid --regid=$uid --clear-groups \
		env -u HOME -u XDG_CONFIG_HOME -u XDG_DATA_HOME -u XDG_STATE_HOME \
		"$NEUVOO" catalogue info >"$T/out" 2>"$T/err"
	status=$?
	check "a user without a home: exit 2 and one line saying so" \
		test $status -eq 2 -a "$(wc -l <"$T/err")" -eq 1
	check "and nothing under /tmp" test ! -e /tmp/.local/share/neuvoo
	grep -q 'no home folder' "$T/err" || diag "stderr: $(cat "$T/err")"
else
	ok "# SKIP a user without a home needs root"
	ok "# SKIP a user without a home needs root"
fi
finish
