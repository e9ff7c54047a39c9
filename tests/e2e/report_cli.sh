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
plan 38

"$FILL" "$S/d1.db" d1 10 2026-11-22 >/dev/null &&
"$FILL" "$S/d2.db" d2 5 2026-11-22 >/dev/null &&
"$FILL" "$S/d3.db" d3 3 2026-11-21 >/dev/null
check "desk files written" test -f "$S/d1.db" -a -f "$S/d2.db" -a -f "$S/d3.db"

r() { "$NEUVOO" report "$@" 2>"$T/err"; }
# A csv report with its CRLF line ends made LF (checked once, below).
c() { r "$@" | tr -d '\r'; }
# The counts of a csv report: its rows without the header.
rows() { printf '%s\n' "$1" | sed -n '2,$p'; }

raw=$(r --date 2026-11-22 --by desk --format csv | od -An -c | tr -d ' \n')
check "csv: RFC 4180 line ends (CRLF)" test "$raw" = 'code,label,count,percent\r\nd1,d1,10,66.7\r\nd2,d2,5,33.3\r\n'
out=$(c --date 2026-11-22 --by desk --format csv)
check "csv header exact" test "$(printf '%s\n' "$out" | head -1)" = "code,label,count,percent"
check "csv by desk, counts only (no days' section)" test "$(rows "$out")" = "$(printf 'd1,d1,10,66.7\nd2,d2,5,33.3')"

out=$(c --date 2026-11-22 --by topic --format csv)
check "topics in code order, zeros too" test "$(printf '%s\n' "$out" | sed -n 2p)" = "housing,Housing,8,53.3"
check "every topic listed" test "$(rows "$out" | wc -l)" -eq 16

out=$(c --date 2026-11-22 --contacts --format csv)
check "contacts csv header exact" test "$(printf '%s\n' "$out" | head -1)" = \
	"id,desk,started_at,ended_at,channel,language,interpreter,topics,outcome,redirect_service,redirect_reason,discovery,age_band,gender,life_situation,people"
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
check "text in Swedish: Finland-Swedish dates" sh -c 'printf "%s\n" "$1" | grep -q "^Period: 22.11.2026$"' _ "$out"

out=$(c --date 2026-11-22 --by language --by topic --format csv)
check "cross table csv" sh -c 'printf "%s\n" "$1" | grep -qx "ar,ar,housing,Housing,2,13.3"' _ "$out"
out=$(r --date 2026-11-22 --by language --by topic)
check "cross table text" sh -c 'printf "%s\n" "$1" | grep -q "^Total  *8  "' _ "$out"

cp "$S/d1.db" "$T/copy-of-d1.db"
out=$(c --date 2026-11-22 --format csv "$T/copy-of-d1.db" "$S/d1.db" "$S")
check "merged idempotently by contact id" test "$(rows "$out")" = "$(printf 'd1,d1,10,66.7\nd2,d2,5,33.3')"

out=$("$NEUVOO" --desk d2 report --date 2026-11-22 --format csv 2>&1 | tr -d '\r')
check "--desk before the subcommand selects desks" test "$(rows "$out")" = "d2,d2,5,100.0"

out=$(c --date 2026-11-22 --format csv --suppress 6)
check "suppression: d2 below 6 and d1 too (else 15 - 10 gives d2)" test "$(rows "$out")" = "$(printf 'd1,d1,..,\nd2,d2,..,')"

out=$(r --from 2026-11-21 --to 2026-11-22 --format json)
check "a range of days" sh -c 'printf "%s\n" "$1" | grep -q "\"total\":18,"' _ "$out"
out=$(c --date 2026-11-21 --format csv)
check "one other day" test "$(rows "$out")" = "d3,d3,3,100.0"

mkdir -p "$T/other"
out=$(c --date 2026-11-22 --stats-dir "$T/other" --format csv)
check "--stats-dir: an empty folder gives no rows" test "$(printf '%s\n' "$out" | head -2)" = "$(printf 'code,label,count,percent\n')"

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

# Closing a day: the report says so in every format, and a contact saved
# afterwards is kept, counted and late.
"$NEUVOO" review --close --date 2026-11-22 >"$T/out" 2>"$T/err"
check "review --close: exit 0, one line" sh -c '[ $? -eq 0 ] && grep -q "^Closed 2026-11-22, by " "$1" && [ ! -s "$2" ]' _ "$T/out" "$T/err"
sleep 1	# a later second than the close
"$FILL" "$S/late@x.db" d2 2 2026-11-22 >/dev/null
out=$(c --date 2026-11-22 --format csv)
check "the late contacts count" test "$(rows "$out")" = "$(printf 'd1,d1,10,58.8\nd2,d2,7,41.2')"
check "csv: a closed day adds no section" sh -c '! printf "%s\n" "$1" | grep -q -e "^$" -e "^date,closed"' _ "$out"
out=$(r --date 2026-11-22 --by channel)
check "text: the day closed and the late ones" sh -c 'printf "%s\n" "$1" | grep -q "^Day closed: yes, by " && printf "%s\n" "$1" | grep -qx "Late contacts (saved after their day was closed): 2"' _ "$out"
out=$(r --date 2026-11-22 --format json)
check "json: days and late" sh -c 'printf "%s\n" "$1" | grep -q "\"days\":\[{\"date\":\"2026-11-22\",\"closed\":true,\"closed_at\":\"[^\"]*\",\"closed_by\":\"[^\"]*\",\"late\":2}\],\"late\":2}$"' _ "$out"
out=$(r --date 2026-11-22 --contacts --format json)
check "json contacts: late ones marked" test "$(printf '%s\n' "$out" | grep -o '"late":true' | wc -l)" -eq 2
"$NEUVOO" review --reopen --date 2026-11-22 >"$T/out" 2>&1
check "review --reopen: exit 0" sh -c '[ $? -eq 0 ] && grep -q "^Reopened 2026-11-22" "$1"' _ "$T/out"
out=$(r --date 2026-11-22 --by channel)
check "reopened: not closed, the late ones stay late" sh -c 'printf "%s\n" "$1" | grep -qx "Day closed: no" && printf "%s\n" "$1" | grep -qx "Late contacts (saved after their day was closed): 2"' _ "$out"

finish
