#!/bin/sh
# desk_reload: a catalogue republished while the desk runs is loaded
# between contacts, without a restart.
. "$top_srcdir/tests/e2e/lib.sh"
plan 4

cat="$T/cat.db"
$NEUVOO --catalogue "$cat" catalogue init >/dev/null || { not_ok "catalogue init"; finish; }
start 120 30 "$NEUVOO --desk e2e --catalogue '$cat'; echo EXITED=\$?"
check "the desk starts" wait_for "Interpreters F8"
keys F7 / z z z
check "no service is called zzz yet" wait_for "(no service matches)"
# The admin publishes a new version: a new file renamed over the old one.
cp "$cat" "$T/new.db"
sqlite3 "$T/new.db" "UPDATE service SET name_fi = 'zzz uusi palvelu',
	name_sv = 'zzz ny tjänst', name_en = 'zzz new service' WHERE id = 'helsinki-info'"
mv "$T/new.db" "$cat"
keys Escape F6 Space F2
check "the save loads the new catalogue" wait_for "The catalogue was updated"
keys F7 / z z z
check "the new service is listed" wait_for "zzz "
finish
