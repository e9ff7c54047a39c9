#!/bin/sh
# catalogue_import: the strict rules of `catalogue import` with broken
# HSDS packages, as a nightly job would meet them: a semicolon-separated
# file, an unclosed quote, a stray quote, invalid UTF-8, an empty package
# and one that lost most of its services. Each is refused with the file
# and line named and exit 1, and the catalogue on disk keeps its bytes
# (compared by checksum) unless the rule says otherwise: --keep-going
# publishes the rest, --force a small catalogue, --dry-run never writes,
# --add merges by id. The packages are written here (invented data).
. "$top_srcdir/tests/e2e/lib.sh"

plan 29
cat_db="$XDG_DATA_HOME/neuvoo/catalogue.db"

run() {
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
}
sum() { cksum <"$cat_db"; }
services() { "$NEUVOO" catalogue info | sed -n 's/^services: //p'; }

# pkg DIR N: an HSDS package of one organisation and N active services
# (s1..sN) plus one inactive one.
pkg() {
	mkdir -p "$1"
	printf 'id,name,x_kind\r\norg-u,Esimerkkikunta,city\r\n' >"$1/organizations.csv"
	{
		printf 'id,organization_id,name,description,status\r\n'
		i=1
		while [ "$i" -le "$2" ]; do
			printf 's%s,org-u,Palvelu %s,Kuvaus %s,active\r\n' "$i" "$i" "$i"
			i=$((i + 1))
		done
		printf 'gone,org-u,Lakkautettu,,inactive\r\n'
	} >"$1/services.csv"
}

"$NEUVOO" catalogue init >/dev/null
before=$(sum)
old=$(services)

# A semicolon-separated organizations.csv: one column, every row lost.
pkg "$T/semi" 30
printf 'id;name;x_kind\r\norg-u;Esimerkkikunta;city\r\n' >"$T/semi/organizations.csv"
run "$NEUVOO" catalogue import hsds "$T/semi"
check "semicolons: exit 1" test "$rc" -eq 1
check "semicolons: organizations.csv:1 'not comma-separated?'" \
	grep -q 'organizations.csv:1: .*not comma-separated?' "$T/err"
check "semicolons: the catalogue is unchanged" test "$(sum)" = "$before"

# An unclosed quote on line 5 swallows every later row.
pkg "$T/unclosed" 30
sed -i '5s/Kuvaus 4/"Kuvaus 4/' "$T/unclosed/services.csv"
run "$NEUVOO" catalogue import hsds "$T/unclosed"
check "unclosed quote: exit 1" test "$rc" -eq 1
check "unclosed quote: services.csv:5 named" \
	grep -q 'services.csv:5: a quote opened here is never closed' "$T/err"
check "unclosed quote: nothing published" grep -q 'nothing published' "$T/err"
check "unclosed quote: the catalogue is unchanged" test "$(sum)" = "$before"

# A stray quote in one row.
pkg "$T/stray" 30
sed -i '8s/Kuvaus 7/Kuvaus "7"/' "$T/stray/services.csv"
run "$NEUVOO" catalogue import hsds "$T/stray"
check "stray quote: exit 1 naming services.csv:8" \
	sh -c "[ $rc -eq 1 ] && grep -q 'services.csv:8: quote inside an unquoted field' '$T/err'"
check "stray quote: the catalogue is unchanged" test "$(sum)" = "$before"

# Invalid UTF-8 in one row.
pkg "$T/utf8" 30
sed -i "10s/Palvelu 9/Palvelu $(printf '\377')9/" "$T/utf8/services.csv"
run "$NEUVOO" catalogue import hsds "$T/utf8"
check "invalid UTF-8: exit 1 naming services.csv:10" \
	sh -c "[ $rc -eq 1 ] && grep -q 'services.csv:10: text that is not valid UTF-8' '$T/err'"
check "invalid UTF-8: the catalogue is unchanged" test "$(sum)" = "$before"

# --dry-run of a broken package: every problem, the counts, nothing written.
run "$NEUVOO" catalogue import --dry-run hsds "$T/stray"
check "dry run of a broken package: exit 1, would refuse, counts" \
	sh -c "[ $rc -eq 1 ] && grep -q 'would refuse 1 organisation, 29 services' '$T/out'"
check "dry run: the problem is listed" grep -q 'services.csv:8:' "$T/err"
check "dry run: the catalogue is unchanged" test "$(sum)" = "$before"

# --keep-going publishes the rest, with the warning and exit 0.
run "$NEUVOO" catalogue import --keep-going hsds "$T/stray"
check "keep going: exit 0, the warning kept" \
	sh -c "[ $rc -eq 0 ] && grep -q 'services.csv:8:' '$T/err'"
check "keep going: the other 29 services published" test "$(services)" = 29
check "keep going: the inactive service is reported" \
	grep -q '1 inactive service not imported' "$T/out"
before=$(sum)

# An empty package: never published, not even with --force.
pkg "$T/empty" 0
run "$NEUVOO" catalogue import --force hsds "$T/empty"
check "empty package: exit 1, 'no services'" \
	sh -c "[ $rc -eq 1 ] && grep -q 'the import has no services' '$T/err'"
check "empty package: the catalogue is unchanged" test "$(sum)" = "$before"

# A package that lost over half of the services.
pkg "$T/small" 14
run "$NEUVOO" catalogue import hsds "$T/small"
check "over half lost: exit 1, says --force" \
	sh -c "[ $rc -eq 1 ] && grep -q 'the import has 14 services, the catalogue it replaces 29.*--force' '$T/err'"
check "over half lost: the catalogue is unchanged" test "$(sum)" = "$before"
run "$NEUVOO" catalogue import --force hsds "$T/small"
check "over half lost with --force: published" \
	sh -c "[ $rc -eq 0 ] && [ \"\$('$NEUVOO' catalogue info | sed -n 's/^services: //p')\" = 14 ]"

# A good package, dry run: what would be published, nothing written.
before=$(sum)
pkg "$T/good" 20
run "$NEUVOO" catalogue import --dry-run hsds "$T/good"
check "dry run: exit 0, would publish the counts" \
	sh -c "[ $rc -eq 0 ] && grep -q 'would publish 1 organisation, 20 services, 0 languages, 0 resources' '$T/out'"
check "dry run of a good package: the catalogue is unchanged" test "$(sum)" = "$before"

# --add: the bundled catalogue plus the unit's package, one file.
"$NEUVOO" catalogue init --force >/dev/null
run "$NEUVOO" catalogue import --add hsds "$T/good"
check "add: the bundled services and the package's together" \
	test "$(services)" = $((old + 20))
printf 's1,org-u,Uusi nimi,,active\r\n' >>"$T/small/services.csv"
sed -i '/^s1,org-u,Palvelu 1,/d' "$T/small/services.csv"
run "$NEUVOO" catalogue import --add --verbose hsds "$T/small"
check "add --verbose: says which records were replaced" \
	sh -c "[ $rc -eq 0 ] && grep -q 'service s1: replaced by the imported one' '$T/out'"
check "add: the new record wins, nothing else lost" \
	sh -c "[ \"\$('$NEUVOO' catalogue info | sed -n 's/^services: //p')\" = $((old + 20)) ] && '$NEUVOO' catalogue search --lang fi uusi | grep -q '^s1'"

# The package's own name from datapackage.json; a broken one is said and
# the package is imported all the same.
pkg "$T/named" 20
printf '{"name": "esimerkki-hsds", "title": "Esimerkkikunnan palvelut", "resources": []}\n' >"$T/named/datapackage.json"
run "$NEUVOO" catalogue import --force hsds "$T/named"
check "datapackage.json: the package's title names the catalogue" \
	sh -c "[ $rc -eq 0 ] && grep -q 'the package \"Esimerkkikunnan palvelut\"' '$T/out' && '$NEUVOO' catalogue info | grep -qx 'name: Esimerkkikunnan palvelut'"
printf '{"name": ' >"$T/named/datapackage.json"
run "$NEUVOO" catalogue import --force hsds "$T/named"
check "a broken datapackage.json is said, the package still imported" \
	sh -c "[ $rc -eq 0 ] && grep -q 'datapackage.json: not a data package description' '$T/out'"

finish
