#!/bin/sh
# catalogue_address: an address in its parts survives import, publish and
# `catalogue show` from every source: PTV (street and number apart, each
# language's own), TPR (street with its number, the city as the post
# office), and HSDS (the country as the file gives it; neuvoo's own
# export read back the same). The details say "Street 1, 00100 City".
# An HSDS 3 attribute is a feature of the service and a search word.
. "$top_srcdir/tests/e2e/lib.sh"
plan 10

ptv="$top_srcdir/tests/data/ptv"
tpr="$top_srcdir/tests/data/tpr"
kela=ptv-c0ffee00-0000-4000-8000-000000000001
run() {
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
}

"$NEUVOO" --catalogue "$T/ptv.db" catalogue import ptv "$ptv" >/dev/null 2>&1
run "$NEUVOO" --catalogue "$T/ptv.db" catalogue show --lang fi "$kela"
check "PTV: the Finnish address from its parts, and the municipality with its code" \
	sh -c "[ $rc -eq 0 ] && grep -qx 'Osoite: Itäkatu 1-7, 00930 HELSINKI' '$T/out' && grep -qx 'Kunta: Helsinki (091)' '$T/out'"
run "$NEUVOO" --catalogue "$T/ptv.db" catalogue show --lang sv "$kela"
check "PTV: the Swedish street and post office" \
	grep -qx 'Adress: Östra gatan 1-7, 00930 HELSINGFORS' "$T/out"

"$NEUVOO" --catalogue "$T/tpr.db" catalogue import tpr "$tpr" >/dev/null 2>&1
run "$NEUVOO" --catalogue "$T/tpr.db" catalogue show --lang sv tpr-51342
check "TPR: the Swedish address" \
	sh -c "[ $rc -eq 0 ] && grep -qx 'Adress: Norra esplanaden 11-13, 00170 Helsingfors' '$T/out'"

# neuvoo's HSDS export keeps every part; importing it gives the same rows.
run "$NEUVOO" --catalogue "$T/ptv.db" catalogue export hsds "$T/hsds"
check "HSDS export writes the parts" \
	sh -c "[ $rc -eq 0 ] && head -n 1 '$T/hsds/address.csv' | grep -q 'x_street_sv' && grep -q 'Itäkatu 1-7' '$T/hsds/address.csv'"
run "$NEUVOO" --catalogue "$T/back.db" catalogue import hsds "$T/hsds"
"$NEUVOO" --catalogue "$T/ptv.db" catalogue show --lang sv "$kela" >"$T/a" 2>&1
"$NEUVOO" --catalogue "$T/back.db" catalogue show --lang sv "$kela" >"$T/b" 2>&1
check "PTV -> HSDS -> import: the same details" \
	sh -c "[ $rc -eq 0 ] && grep -v '^Tarkistettu\|^Kontrollerad' '$T/a' >'$T/a2' && grep -v '^Tarkistettu\|^Kontrollerad' '$T/b' >'$T/b2' && [ -s '$T/a2' ] && cmp -s '$T/a2' '$T/b2'"
[ -s "$T/a2" ] && ! cmp -s "$T/a2" "$T/b2" && diag "$(diff "$T/a2" "$T/b2")"

# A foreign HSDS package: a Swedish address keeps its country.
mkdir "$T/se"
printf 'id,name\no1,Kommun\n' >"$T/se/organizations.csv"
printf 'id,organization_id,name\ns1,o1,Rådgivning\n' >"$T/se/services.csv"
printf 'id,name\nl1,Haparanda\n' >"$T/se/locations.csv"
printf 'id,service_id,location_id\nsl1,s1,l1\n' >"$T/se/service_at_locations.csv"
printf 'id,location_id,address_1,city,postal_code,country,address_type\nad1,l1,Storgatan 1,Haparanda,95331,SE,physical\n' \
	>"$T/se/addresses.csv"
printf 'id,name\nk1,Accessibility\n' >"$T/se/taxonomy_terms.csv"
printf 'id,link_id,link_entity,taxonomy_term_id,value\na1,l1,location,k1,wheelchair\n' >"$T/se/attributes.csv"
run "$NEUVOO" --catalogue "$T/se.db" catalogue import hsds "$T/se"
check "HSDS: imported" test "$rc" -eq 0
run "$NEUVOO" --catalogue "$T/se.db" catalogue show --lang en s1
check "HSDS 3: the location's attribute is the service's feature" \
	grep -qx 'Features: Accessibility: wheelchair' "$T/out"
run "$NEUVOO" --catalogue "$T/se.db" catalogue search --lang en wheelchair
check "and a search word" grep -q '^s1	' "$T/out"
run "$NEUVOO" --catalogue "$T/se.db" catalogue show --lang en s1
check "HSDS: the address with its country as given" \
	grep -qx 'Address: Storgatan 1, 95331 Haparanda, SE' "$T/out"
run "$NEUVOO" --catalogue "$T/se.db" catalogue export hsds "$T/se-out"
check "HSDS export: the country as given, not FI" \
	sh -c "[ $rc -eq 0 ] && grep -q ',SE,' '$T/se-out/address.csv'"
finish
