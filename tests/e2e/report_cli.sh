#!/bin/sh
# report_cli: `neuvoo report` on desk files written by tests/unit/stats_fill
# (through stats_save), in every format, with the counts worked out from
# stats_fill's pattern: desk d1 10 contacts and d2 5 on 2026-11-22, d3 3 on
# 2026-11-21. Housing: every even i, so 5 + 3 = 8 on 2026-11-22.
. "$top_srcdir/tests/e2e/lib.sh"

FILL="$top_builddir/tests/unit/stats_fill"
# Helsinki time without depending on the machine's tzdata.
export TZ="EET-2EEST,M3.5.0/3,M10.5.0/4"
S="$XDG_STATE_HOME/neuvoo/stats"
plan 29

"$FILL" "$S/d1.db" d1 10 2026-11-22 >/dev/null &&
"$FILL" "$S/d2.db" d2 5 2026-11-22 >/dev/null &&
"$FILL" "$S/d3.db" d3 3 2026-11-21 >/dev/null
check "desk files written" test -f "$S/d1.db" -a -f "$S/d2.db" -a -f "$S/d3.db"

r() { "$NEUVOO" report "$@" 2>"$T/err"; }

out=$(r --date 2026-11-22 --by desk --format csv)
check "csv header exact" test "$(printf '%s\n' "$out" | head -1)" = "code,label,count,percent"
check "csv by desk" test "$(printf '%s\n' "$out" | tail -n +2)" = "$(printf 'd1,d1,10,66.7\nd2,d2,5,33.3')"

out=$(r --date 2026-11-22 --by topic --format csv)
check "topics in code order, zeros too" test "$(printf '%s\n' "$out" | sed -n 2p)" = "housing,Housing,8,53.3"
check "every topic listed" test "$(printf '%s\n' "$out" | wc -l)" -eq 17

out=$(r --date 2026-11-22 --contacts --format csv)
check "contacts csv header exact" test "$(printf '%s\n' "$out" | head -1)" = \
	"id,desk,started_at,ended_at,channel,language,interpreter,topics,outcome,redirect_service,redirect_reason,discovery,age_band,gender,life_situation"
check "one row a contact" test "$(printf '%s\n' "$out" | wc -l)" -eq 16
check "ISO times with offset" sh -c 'printf "%s\n" "$1" | grep -q ",d1,2026-11-22T08:00:00+02:00,2026-11-22T08:05:00+02:00,walk-in,fi,none,housing,answered,"' _ "$out"
check "redirects exported" sh -c 'printf "%s\n" "$1" | grep -q ",redirected,service-1,expertise,"' _ "$out"

out=$(r --date 2026-11-22 --format json --by channel)
check "json object" sh -c 'printf "%s\n" "$1" | head -1 | grep -q "^{\"period\":{\"from\":\"2026-11-22\",\"to\":\"2026-11-22\"},\"desks\":\[\"d1\",\"d2\"\],\"total\":15,"' _ "$out"
check "json rows" sh -c 'printf "%s\n" "$1" | grep -q "{\"code\":\"walk-in\",\"label\":\"Walk-in\",\"count\":6,\"percent\":40.0}"' _ "$out"

out=$(r --date 2026-11-22 --by language)
check "text: bars in block characters" sh -c 'printf "%s\n" "$1" | grep -q "^fi .*3  20.0  ██████"' _ "$out"
check "text: total line" sh -c 'printf "%s\n" "$1" | grep -qx "Contacts: 15"' _ "$out"

# The operator's date convention in text; ISO in csv and json (above).
out=$(r --lang fi --from 2026-11-01 --to 2026-11-22 --by channel)
check "text in Finnish: Finnish dates" sh -c 'printf "%s\n" "$1" | grep -q "^Ajanjakso: 1.11.2026 – 22.11.2026$"' _ "$out"
out=$(r --lang sv --date 2026-11-22 --by channel)
check "text in Swedish: ISO dates" sh -c 'printf "%s\n" "$1" | grep -q "^Period: 2026-11-22$"' _ "$out"

out=$(r --date 2026-11-22 --by language --by topic --format csv)
check "cross table csv" sh -c 'printf "%s\n" "$1" | grep -qx "ar,ar,housing,Housing,2,13.3"' _ "$out"
out=$(r --date 2026-11-22 --by language --by topic)
check "cross table text" sh -c 'printf "%s\n" "$1" | grep -q "^Total  *8  "' _ "$out"

cp "$S/d1.db" "$T/copy-of-d1.db"
out=$(r --date 2026-11-22 --format csv "$T/copy-of-d1.db" "$S/d1.db" "$S")
check "merged idempotently by contact id" test "$(printf '%s\n' "$out" | tail -n +2)" = "$(printf 'd1,d1,10,66.7\nd2,d2,5,33.3')"

out=$("$NEUVOO" --desk d2 report --date 2026-11-22 --format csv 2>&1)
check "--desk before the subcommand selects desks" test "$(printf '%s\n' "$out" | tail -n +2)" = "d2,d2,5,100.0"

out=$(r --date 2026-11-22 --format csv --suppress 6)
check "suppression" test "$(printf '%s\n' "$out" | tail -n +2)" = "$(printf 'd1,d1,10,66.7\nd2,d2,<6,')"

out=$(r --from 2026-11-21 --to 2026-11-22 --format json)
check "a range of days" sh -c 'printf "%s\n" "$1" | grep -q "\"total\":18,"' _ "$out"
out=$(r --date 2026-11-21 --format csv)
check "one other day" test "$(printf '%s\n' "$out" | tail -n +2)" = "d3,d3,3,100.0"

mkdir -p "$T/other"
out=$(r --date 2026-11-22 --stats-dir "$T/other" --format csv)
check "--stats-dir: an empty folder gives no rows" test "$out" = "code,label,count,percent"

usage() {
	r "$@" >/dev/null
	st=$?
	[ $st -eq 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -q '^neuvoo: ' "$T/err"
}
check "unknown dimension: exit 2, one line" usage --by nope
check "bad date: exit 2" usage --date 2026-02-30
check "bad format: exit 2" usage --format xml
check "--contacts with --by: exit 2" usage --contacts --by topic

printf 'this is not a statistics file, not even SQLite; %0200d\n' 0 >"$T/junk.db"
r --date 2026-11-22 "$T/junk.db" >/dev/null
st=$?
check "damaged file: exit 1 naming it" sh -c '[ $1 -eq 1 ] && grep -q "junk.db" "$2"' _ $st "$T/err"
r --date 2026-11-22 "$T/missing.db" >/dev/null
st=$?
check "missing file: exit 1 naming it" sh -c '[ $1 -eq 1 ] && grep -q "missing.db" "$2"' _ $st "$T/err"

finish
