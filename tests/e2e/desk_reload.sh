#!/bin/sh
# desk_reload: a catalogue republished while the desk runs is loaded
# between contacts, without a restart. Until then the service details
# (read from the file on demand) are still those of the loaded version.
. "$top_srcdir/tests/e2e/lib.sh"
plan 6

cat="$T/cat.db"
$NEUVOO --catalogue "$cat" catalogue init >/dev/null || { not_ok "catalogue init"; finish; }
start 120 30 "$NEUVOO --desk e2e --catalogue '$cat'; echo EXITED=\$?"
check "the desk starts" wait_for "Interpreters F8"
keys F7 / z z z
check "no service is called zzz yet" wait_for "(no service matches)"
# The admin publishes a new version: a new file renamed over the old one.
cp "$cat" "$T/new.db"
sqlite3 "$T/new.db" "UPDATE service SET name_fi = 'zzz uusi palvelu',
	name_sv = 'zzz ny tjänst', name_en = 'zzz new service' WHERE id = 'helsinki-info';
	UPDATE service_phone SET number = '09 999 99999' WHERE service_id = 'helsinki-info'"
mv "$T/new.db" "$cat"
# Mid-contact the desk keeps the version it has, details and all.
keys BSpace BSpace BSpace H e l s i n k i - i n f o Enter
check "details mid-contact: the loaded version's phone" wait_for "09 310 11111"
keys Escape Escape F6 Space F2
check "the save loads the new catalogue" wait_for "The catalogue was updated"
keys F7 / z z z
check "the new service is listed" wait_for "zzz "
keys Enter
check "its details are the new version's" wait_for "09 999 99999"
finish
