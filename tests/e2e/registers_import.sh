#!/bin/sh
# registers_import: `neuvoo catalogue import ptv` and `import tpr` on the
# fixture pages: the published catalogue is clean, `catalogue search`
# finds the imported services, --municipality keeps only the channels
# serving it, a broken page is named with its location, and the desk
# finds an imported service in the Redirect pane with its hours, phone
# and languages in the details window.
. "$top_srcdir/tests/e2e/lib.sh"
plan 20

tab=$(printf '\t')
ptv="$top_srcdir/tests/data/ptv"
tpr="$top_srcdir/tests/data/tpr"
run() {
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
}

run "$NEUVOO" --catalogue "$T/ptv.db" catalogue import ptv --municipality 091 "$ptv"
check "import ptv --municipality 091 publishes Helsinki's and the whole country's channels" \
	sh -c "[ $rc -eq 0 ] && grep -q 'published 4 organisations, 5 services,' '$T/out'"
[ "$rc" -eq 0 ] || diag "$(cat "$T/err")"
check "with no problems" test ! -s "$T/err"

run "$NEUVOO" --catalogue "$T/ptv.db" catalogue check
check "the imported catalogue passes catalogue check" \
	sh -c "[ $rc -eq 0 ] && grep -q '5 services, no problems' '$T/out'"

run "$NEUVOO" --catalogue "$T/ptv.db" catalogue search --lang fi lapsilisä
check "search finds the channels of the child benefit (a linked service's name)" \
	sh -c "[ $rc -eq 0 ] && grep -q '^ptv-c0ffee00-0000-4000-8000-000000000001${tab}Kela, Itäkeskuksen palvelupiste\$' '$T/out'"

run "$NEUVOO" --catalogue "$T/ptv.db" catalogue search --lang sv nattkristelefonen
check "search finds a channel by its Swedish name" \
	grep -q "^ptv-c0ffee00-0000-4000-8000-000000000004${tab}Nattkristelefonen\$" "$T/out"

run "$NEUVOO" --catalogue "$T/ptv.db" catalogue search --lang fi asukasneuvonta
check "Espoo's channel is left out" sh -c "[ $rc -eq 0 ] && ! grep -q 000000000006 '$T/out'"

run "$NEUVOO" --catalogue "$T/all.db" catalogue import ptv "$ptv/channels-2.json" "$ptv"
check "without --municipality every channel; a page given twice counts once" \
	sh -c "[ $rc -eq 0 ] && grep -q ', 6 services,' '$T/out' && [ ! -s '$T/err' ]"

run "$NEUVOO" --catalogue "$T/ev.db" catalogue import ptv --municipality 049,092 "$ptv"
check "--municipality takes a list: Espoo's and Vantaa's channels and the whole country's" \
	sh -c "[ $rc -eq 0 ] && grep -q ', 5 services,' '$T/out'"

run "$NEUVOO" --catalogue "$T/tpr.db" catalogue import tpr "$tpr"
check "import tpr publishes the units" \
	sh -c "[ $rc -eq 0 ] && grep -q 'published 2 organisations, 3 services,' '$T/out'"
check "an opening-hours text it cannot read is named with its unit" \
	grep -q "units-1.json: item 3 (67001): opening hours" "$T/err"
run "$NEUVOO" --catalogue "$T/onto.db" catalogue import --verbose tpr "$tpr" "$top_srcdir/tests/data/tpr-ontology"
check "--verbose lists the ontology ids the bundled table does not map, with names and counts" \
	sh -c "[ $rc -eq 0 ] && grep -qx 'tpr: ontology word 813 (yleinen neuvonta): 2 records, no topic' '$T/out' && grep -qx 'tpr: ontology tree node 900 (Kaupunki ja hallinto): 1 record, no topic' '$T/out' && ! grep -q 'ontology word 1044' '$T/out'"
run "$NEUVOO" --catalogue "$T/onto.db" catalogue import tpr "$tpr" "$top_srcdir/tests/data/tpr-ontology"
check "without --verbose, how many" \
	grep -q '^tpr: 2 ontology ids of the records gave no topic' "$T/out"
run "$NEUVOO" --catalogue "$T/tpr.db" catalogue search --lang fi seniori
check "search finds a TPR unit" grep -q "^tpr-8215${tab}Seniori-info\$" "$T/out"

mkdir "$T/broken"
printf '{"itemList": [{"id": "x", "serviceChannelType": "Phone", "serviceChannelNames": [' >"$T/broken/page-1.json"
cp "$ptv"/*.json "$T/broken/"
run "$NEUVOO" --catalogue "$T/broken.db" catalogue import ptv "$T/broken"
check "a truncated page is one line naming the file" \
	grep -q "broken/page-1.json: the JSON ends early" "$T/err"
check "a page left out publishes nothing (exit 1)" \
	sh -c "[ $rc -eq 1 ] && [ ! -e '$T/broken.db' ]"
run "$NEUVOO" --catalogue "$T/broken.db" catalogue import --keep-going ptv "$T/broken"
check "--keep-going publishes the other pages" \
	sh -c "[ $rc -eq 0 ] && grep -q ', 6 services,' '$T/out'"

run "$NEUVOO" --catalogue "$T/x.db" catalogue import ptv --frob "$ptv"
check "an unknown option exits 2" sh -c "[ $rc -eq 2 ] && [ ! -e '$T/x.db' ]"

# One catalogue of the unit: the bundled services, then PTV and TPR added.
"$NEUVOO" --catalogue "$T/unit.db" catalogue init >/dev/null
bundled=$("$NEUVOO" --catalogue "$T/unit.db" catalogue info | sed -n 's/^services: //p')
run "$NEUVOO" --catalogue "$T/unit.db" catalogue import --add ptv --municipality 091 "$ptv"
check "--add: the bundled services, PTV's and TPR's in one catalogue" \
	sh -c "[ $rc -eq 0 ] && '$NEUVOO' --catalogue '$T/unit.db' catalogue import --add tpr '$tpr' >/dev/null 2>&1 && [ \"\$('$NEUVOO' --catalogue '$T/unit.db' catalogue info | sed -n 's/^services: //p')\" = $((bundled + 5 + 3)) ]"

# The desk on it: the integration advice line, found by typing, with its
# details.
start 100 30 "$NEUVOO --catalogue $T/unit.db --desk e2e"
wait_for "F8" >/dev/null
keys F7 / K o t o u t u m i s e n
wait_for "Kotoutumisen neuvontapuhe" >/dev/null
keys Enter
check "the details show the phone with its charge" wait_for "+358 9 310 37577 (pvm/mpm)"
details() {
	s=$(screen)
	echo "$s" | grep -qF "8.15-12.00,13.00-16.00" &&
	echo "$s" | grep -qF "fi en ar so ru"
}
check "and the split opening hours and the languages served" details
keys Escape F10
finish
