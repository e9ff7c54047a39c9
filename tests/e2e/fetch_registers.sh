#!/bin/sh
# fetch_registers: data/fetch-registers.sh against recorded pages served
# on 127.0.0.1 (no network): it follows pageCount, writes a folder that
# `catalogue import` reads, and on a failed download leaves the folder
# as it was and exits 1.
. "$top_srcdir/tests/e2e/lib.sh"
command -v python3 >/dev/null 2>&1 || skip_all "python3 is not installed"
command -v curl >/dev/null 2>&1 || skip_all "curl is not installed"
plan 8

fetch="$top_srcdir/data/fetch-registers.sh"
ptv="$top_srcdir/tests/data/ptv"
tpr="$top_srcdir/tests/data/tpr"
site="$T/site"
# The recorded API: PATH/QUERY.json.
p="$site/ptv/ServiceChannel/list/area/Municipality/code/091"
mkdir -p "$p" "$site/ptv/Service/list/area/Municipality/code/091" \
	"$site/ptv/Organization/list/area/Municipality/code/091" \
	"$site/tpr/v4/unit" "$site/tpr/vpalvelurekisteri/description" \
	"$site/tpr/v4/ontologyword" "$site/tpr/v4/ontologytree"
cp "$ptv/channels-1.json" "$p/page=1.json"
cp "$ptv/channels-2.json" "$p/page=2.json"
cp "$ptv/services-1.json" "$site/ptv/Service/list/area/Municipality/code/091/page=1.json"
cp "$ptv/organizations-1.json" "$site/ptv/Organization/list/area/Municipality/code/091/page=1.json"
cp "$tpr/units-1.json" "$site/tpr/v4/unit/newfeatures=yes.json"
cp "$tpr/descriptions-1.json" "$site/tpr/vpalvelurekisteri/description/index.json"
cp "$top_srcdir/tests/data/tpr-ontology/ontologywords-1.json" "$site/tpr/v4/ontologyword/index.json"
cp "$top_srcdir/tests/data/tpr-ontology/ontologytree-1.json" "$site/tpr/v4/ontologytree/index.json"

python3 "$top_srcdir/tests/e2e/pages_server.py" "$site" "$T/port" &
server=$!
trap 'kill $server 2>/dev/null; cleanup' EXIT
i=0
while [ ! -s "$T/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
port=$(cat "$T/port")
base="http://127.0.0.1:$port"

out="$T/registers"
sh "$fetch" --ptv-base "$base/ptv" --tpr-base "$base/tpr" "$out" >"$T/out" 2>"$T/err"
rc=$?
check "the fetch succeeds" test "$rc" -eq 0
[ "$rc" -eq 0 ] || diag "$(cat "$T/err")"
check "it follows pageCount to the second channel page" \
	cmp -s "$out/ptv/channels-091-2.json" "$ptv/channels-2.json"
check "services, organisations and the TPR files are there" \
	test -s "$out/ptv/services-091-1.json" -a -s "$out/ptv/organizations-091-1.json" \
	-a -s "$out/tpr/units.json" -a -s "$out/tpr/descriptions.json" \
	-a -s "$out/tpr/ontologywords.json" -a -s "$out/tpr/ontologytree.json"
check "and nothing half-fetched is left" test ! -e "$out.new"

"$NEUVOO" --catalogue "$T/c.db" catalogue import ptv "$out/ptv" >"$T/out" 2>"$T/err"
check "import ptv reads the fetched folder" grep -q "published 4 organisations, 6 services," "$T/out"
"$NEUVOO" --catalogue "$T/t.db" catalogue import tpr "$out/tpr" >"$T/out" 2>"$T/err"
check "import tpr reads it too" grep -q "published 2 organisations, 3 services," "$T/out"

# A page that is not there: exit 1, the last good folder kept.
rm "$p/page=2.json"
sh "$fetch" --ptv-base "$base/ptv" --no-tpr "$out" >"$T/out" 2>"$T/err"
rc=$?
check "a failed download exits 1 naming the page" \
	sh -c "[ $rc -eq 1 ] && grep -q 'page=2: download failed' '$T/err'"
check "and leaves the last good folder as it was" \
	sh -c "cmp -s '$out/ptv/channels-091-2.json' '$ptv/channels-2.json' && [ -s '$out/tpr/units.json' ] && [ ! -e '$out.new' ]"
finish
