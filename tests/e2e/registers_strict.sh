#!/bin/sh
# registers_strict: the strict rules of `catalogue import` with broken PTV
# and TPR pages over a good catalogue, as a nightly job would meet them.
# A page or record left out (truncated JSON, a record of the wrong type,
# text after the JSON) refuses with the page named and exit 1, and the
# catalogue keeps its bytes; a value left out or cut (a wrong type, invalid
# UTF-8, a 50 MB description) is a warning and the rest is published;
# --dry-run never writes; --keep-going publishes the rest.
. "$top_srcdir/tests/e2e/lib.sh"
plan 14

ptv="$top_srcdir/tests/data/ptv"
tpr="$top_srcdir/tests/data/tpr"
db="$T/c.db"
run() {
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
}
sum() { cksum <"$db"; }
# pages NAME: a folder with the good pages and one more, from stdin.
pages() {
	mkdir -p "$T/$1"
	cp "$ptv"/*.json "$T/$1/"
	cat >"$T/$1/zz-extra.json"
}

run "$NEUVOO" --catalogue "$db" catalogue import ptv "$ptv"
check "a good catalogue first" test "$rc" -eq 0
before=$(sum)

printf '{"itemList": [{"id": "x", "serviceChannelType": "Phone", "serviceChannelNames": [' | pages truncated
run "$NEUVOO" --catalogue "$db" catalogue import ptv "$T/truncated"
check "truncated JSON: exit 1, the page named" \
	sh -c "[ $rc -eq 1 ] && grep -q 'truncated/zz-extra.json: the JSON ends early' '$T/err' && grep -q 'nothing published' '$T/err'"
check "truncated JSON: the catalogue is unchanged" test "$(sum)" = "$before"

printf '{"itemList": [42, {"id": "y", "serviceChannelType": "Phone", "serviceChannelNames": 7}]}' | pages types
run "$NEUVOO" --catalogue "$db" catalogue import ptv "$T/types"
check "records of the wrong JSON type: exit 1, each named with its item" \
	sh -c "[ $rc -eq 1 ] && grep -q 'types/zz-extra.json: item 1: not a JSON object' '$T/err' && grep -q 'types/zz-extra.json: item 2 (y): serviceChannelNames is a number' '$T/err'"
check "wrong types: the catalogue is unchanged" test "$(sum)" = "$before"

run "$NEUVOO" --catalogue "$db" catalogue import --dry-run --keep-going ptv "$T/types"
check "--dry-run: says what it would publish, writes nothing" \
	sh -c "[ $rc -eq 0 ] && grep -q 'would publish' '$T/out' && [ \"\$(cksum <'$db')\" = '$before' ]"

printf '{"itemList": [{"id": "u", "serviceChannelType": "Phone", "serviceChannelNames": [{"type": "Name", "language": "fi", "value": "Rikki \377\376"}, {"type": "Name", "language": "en", "value": "Mended"}]}]}' | pages utf8
run "$NEUVOO" --catalogue "$db" catalogue import ptv "$T/utf8"
check "invalid UTF-8 in a value: a warning naming it, the record kept and published" \
	sh -c "[ $rc -eq 0 ] && grep -q 'utf8/zz-extra.json: item 1 (u): .*not valid UTF-8' '$T/err' && '$NEUVOO' --catalogue '$db' catalogue show ptv-u | grep -q 'Mended'"
before=$(sum)

# A 50 MB description: cut, said, the rest published.
mkdir -p "$T/big"
cp "$ptv"/*.json "$T/big/"
{
	printf '{"itemList": [{"id": "big", "serviceChannelType": "WebPage", "serviceChannelNames": [{"type": "Name", "language": "fi", "value": "Iso"}], "serviceChannelDescriptions": [{"type": "Description", "language": "fi", "value": "'
	head -c 52428800 /dev/zero | tr '\0' 'a'
	printf '"}]}]}'
} >"$T/big/zz-big.json"
run "$NEUVOO" --catalogue "$db" catalogue import ptv "$T/big"
check "a 50 MB description: cut with a warning, published" \
	sh -c "[ $rc -eq 0 ] && grep -q 'zz-big.json: item 1 (big): .*cut to' '$T/err' && [ \$('$NEUVOO' --catalogue '$db' catalogue show ptv-big | wc -c) -lt 100000 ]"
rm -rf "$T/big"
before=$(sum)

# TPR: text after the JSON value leaves the page out.
mkdir -p "$T/tpr"
cp "$tpr"/*.json "$T/tpr/"
printf '[{"id": 1, "name_fi": "Yksi"}] ]' >"$T/tpr/units-9.json"
run "$NEUVOO" --catalogue "$db" catalogue import tpr "$T/tpr"
check "TPR: a page with text after the JSON: exit 1, named" \
	sh -c "[ $rc -eq 1 ] && grep -q 'units-9.json: .*text after the JSON value' '$T/err'"
check "TPR: the catalogue is unchanged" test "$(sum)" = "$before"
run "$NEUVOO" --catalogue "$db" catalogue import --keep-going tpr "$T/tpr"
check "TPR --keep-going: 3 services would replace 8: refused, over half lost" \
	sh -c "[ $rc -eq 1 ] && grep -q 'over half would be lost' '$T/err' && [ \"\$(cksum <'$db')\" = '$before' ]"
run "$NEUVOO" --catalogue "$db" catalogue import --keep-going --force tpr "$T/tpr"
check "TPR --keep-going --force: the other pages published" \
	sh -c "[ $rc -eq 0 ] && grep -q 'published 2 organisations, 3 services,' '$T/out'"

# Never a catalogue with no services, whatever --keep-going says.
mkdir -p "$T/none"
printf '{"itemList": [42]}' >"$T/none/p.json"
before=$(sum)
run "$NEUVOO" --catalogue "$db" catalogue import --keep-going ptv "$T/none"
check "no services: refused even with --keep-going" \
	sh -c "[ $rc -eq 1 ] && grep -q 'no services' '$T/err'"
check "no services: the catalogue is unchanged" test "$(sum)" = "$before"
finish
