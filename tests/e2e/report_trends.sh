#!/bin/sh
# report_trends: the command's trends and counts: --by day/week/month
# (every one of the period, zeros too), --compare-with previous, --count
# people (a group counts its size), --by duration and life-situation, and
# suppression in csv and json (".." and null, never "<N" in a number).
. "$top_srcdir/tests/e2e/lib.sh"

FILL="$top_builddir/tests/unit/stats_fill"
export TZ="EET-2EEST,M3.5.0/3,M10.5.0/4"
S="$XDG_STATE_HOME/neuvoo/stats"
command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 is missing"
plan 10

"$FILL" "$S/d1@a.db" d1 10 2026-11-22 >/dev/null &&
"$FILL" "$S/d2@b.db" d2 4 2026-11-20 >/dev/null &&
"$FILL" "$S/d3@c.db" d3 6 2026-11-13 >/dev/null
check "desk files written" test -f "$S/d3@c.db"
c() { "$NEUVOO" report "$@" 2>"$T/err" | tr -d '\r'; }

out=$(c --from 2026-11-16 --to 2026-11-22 --by day --format csv)
check "by day: seven days, zeros too" test "$(printf '%s\n' "$out" | sed -n '2,$p' | cut -d, -f1,3 | tr '\n' ' ')" = \
	"2026-11-16,0 2026-11-17,0 2026-11-18,0 2026-11-19,0 2026-11-20,4 2026-11-21,0 2026-11-22,10 "
out=$(c --from 2026-11-16 --to 2026-11-22 --by week --compare-with previous --format csv)
check "by week compared with the week before" test "$out" = "$(printf 'code,label,count,percent,previous,change\n2026-W47,2026-W47,14,100.0,6,+8')"
out=$(c --from 2026-11-01 --to 2026-11-30 --by month --format csv)
check "by month" test "$(printf '%s\n' "$out" | sed -n 2p)" = "2026-11,2026-11,20,100.0"
out=$(c --date 2026-11-22 --by duration --format csv)
check "by duration: every contact 5 minutes" sh -c 'printf "%s\n" "$1" | grep -qx "5-10,5-10 min,10,100.0"' _ "$out"
out=$(c --date 2026-11-22 --by life-situation --format csv)
check "by life-situation: not recorded" sh -c 'printf "%s\n" "$1" | tail -1 | grep -qx ",(not recorded),10,100.0"' _ "$out"

# A group of 5 at d1: one contact, five people.
sqlite3 "$S/d1@a.db" "UPDATE contact SET people = 5 WHERE rowid = 1"
out=$(c --date 2026-11-22 --by desk --count people --format csv)
check "--count people: the group counts five" test "$(printf '%s\n' "$out" | sed -n 2p)" = "d1,d1,14,100.0"
out=$(c --date 2026-11-22 --by channel --by desk --count people --format csv)
check "--count people in a cross table" sh -c 'printf "%s\n" "$1" | grep -qx "walk-in,Walk-in,d1,d1,8,57.1"' _ "$out"

out=$(c --from 2026-11-16 --to 2026-11-22 --by desk --suppress 5 --format csv)
check "csv: d2 4 hidden, and d1 with it (else 14 - 10)" test "$(printf '%s\n' "$out" | sed -n '2,$p')" = "$(printf 'd1,d1,..,\nd2,d2,..,')"
out=$(c --from 2026-11-16 --to 2026-11-22 --by desk --suppress 5 --format json)
check "json: null and suppressed, never a string count" sh -c '
	printf "%s\n" "$1" | grep -q "\"code\":\"d2\",\"label\":\"d2\",\"count\":null,\"percent\":null,\"suppressed\":true" &&
	! printf "%s\n" "$1" | grep -q "\"count\":\""' _ "$out"
finish
