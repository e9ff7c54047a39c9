#!/bin/sh
# catalogue_v1: a catalogue file of schema version 1, as desks have them
# from before the address parts, still loads: info names its version,
# check passes, show gives the address as the file has it; an import
# with --add over it publishes version 2 and keeps that address.
. "$top_srcdir/tests/e2e/lib.sh"
command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 is not installed"
plan 6

db="$T/c.db"
id=ptv-c0ffee00-0000-4000-8000-000000000001
run() {
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
}
"$NEUVOO" --catalogue "$db" catalogue import ptv "$top_srcdir/tests/data/ptv" >/dev/null 2>&1
# A version-1 file has the address as one text only.
printf 'Osoite: Itäkatu 1-7, 00930 HELSINKI (sv: Östra gatan 1-7, 00930 HELSINGFORS)\n' >"$T/addr"
# Version 1 is version 2 without the columns version 2 added.
{
	for c in street_fi street_sv street_en street_number postal_code \
		 post_office_fi post_office_sv post_office_en municipality_name_fi \
		 municipality_name_sv municipality_name_en municipality_code country \
		 attributes; do
		echo "ALTER TABLE service DROP COLUMN $c;"
	done
	echo "PRAGMA user_version = 1;"
} | sqlite3 -batch "$db"

run "$NEUVOO" --catalogue "$db" catalogue info
check "info: schema version 1" sh -c "[ $rc -eq 0 ] && grep -q '^schema version: 1\$' '$T/out'"
run "$NEUVOO" --catalogue "$db" catalogue check
check "check: a version-1 file passes" test "$rc" -eq 0
run "$NEUVOO" --catalogue "$db" catalogue show --lang fi "$id"
check "show: the address as the file has it" \
	sh -c "[ $rc -eq 0 ] && [ -s '$T/addr' ] && grep -qxF \"\$(cat '$T/addr')\" '$T/out'"

mkdir "$T/own"
printf 'id,name\no1,Oma yksikkö\n' >"$T/own/organizations.csv"
printf 'id,organization_id,name\noma-1,o1,Oma palvelu\noma-2,o1,Toinen\noma-3,o1,Kolmas\n' >"$T/own/services.csv"
run "$NEUVOO" --catalogue "$db" catalogue import --add hsds "$T/own"
check "import --add over it: published" test "$rc" -eq 0
run "$NEUVOO" --catalogue "$db" catalogue info
check "as version 2" grep -q '^schema version: 2$' "$T/out"
run "$NEUVOO" --catalogue "$db" catalogue show --lang fi "$id"
check "with the old service's address kept" grep -qxF "$(cat "$T/addr")" "$T/out"
finish
