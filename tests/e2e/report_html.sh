#!/bin/sh
# report_html: `report --format html` is one self-contained page (no
# script, nothing fetched from elsewhere, charts as inline SVG), in the UI
# language, with the same hidden counts as csv; a real headless Chromium
# renders it without errors and takes a screenshot.
. "$top_srcdir/tests/e2e/lib.sh"

FILL="$top_builddir/tests/unit/stats_fill"
export TZ="EET-2EEST,M3.5.0/3,M10.5.0/4"
S="$XDG_STATE_HOME/neuvoo/stats"
browser=""
for b in chromium chromium-browser; do
	command -v "$b" >/dev/null 2>&1 && { browser=$b; break; }
done
[ -n "$browser" ] || skip_all "chromium is not installed (the set-up script installs it)"
# Headless, with no sandbox (a container, or root), no network at all:
# any name resolves nowhere, so a fetch would show as a console error.
chrome() {
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu \
		--no-first-run --user-data-dir="$T/chrome" \
		--host-resolver-rules="MAP * ~NOTFOUND" \
		--enable-logging=stderr --v=0 --window-size=1024,1400 "$@"
}
printf '<!DOCTYPE html><p>probe</p>\n' >"$T/probe.html"
chrome --dump-dom "file://$T/probe.html" >"$T/probe.out" 2>/dev/null
grep -q probe "$T/probe.out" || skip_all "chromium cannot run here"
plan 14

"$FILL" "$S/d1@a.db" d1 10 2026-11-22 >/dev/null &&
"$FILL" "$S/d2@b.db" d2 5 2026-11-22 >/dev/null &&
"$FILL" "$S/d3@c.db" d3 3 2026-11-20 >/dev/null
check "desk files written" test -f "$S/d1@a.db"

"$NEUVOO" report --date 2026-11-22 --by topic --suppress 3 --format html >"$T/topic.html" 2>"$T/err"
check "html: exit 0, nothing on stderr" sh -c '[ $? -eq 0 ] && [ ! -s "$1" ]' _ "$T/err"
check "one page: doctype, utf-8, lang" sh -c 'head -3 "$1" | grep -q "^<!DOCTYPE html>" && grep -q "<meta charset=\"utf-8\">" "$1" && grep -q "<html lang=\"en\">" "$1"' _ "$T/topic.html"
check "self-contained: no script, link, image, import or remote url" sh -c '
	! grep -qiE "<script|<link|<img|<iframe|@import|url\(|src=|href=" "$1" &&
	[ -z "$(grep -oE "https?://[^\"]*" "$1" | grep -v "^http://www.w3.org/2000/svg$")" ]' _ "$T/topic.html"
check "bars as inline SVG" sh -c 'grep -q "<svg xmlns=\"http://www.w3.org/2000/svg\"" "$1" && grep -q "<rect " "$1"' _ "$T/topic.html"
# The same hidden counts as csv: a row ".." in one is ".." in the other.
"$NEUVOO" report --date 2026-11-22 --by topic --suppress 3 --format csv | tr -d '\r' |
	awk -F, 'NR > 1 && $3 == ".." { print $2 }' | sort >"$T/csv-hidden"
sed -n 's|^<tr><td>\([^<]*\)</td><td class="n">\.\.</td>.*|\1|p' "$T/topic.html" | sort >"$T/html-hidden"
check "the same counts hidden as in csv (and some are)" sh -c '[ -s "$1" ] && cmp -s "$1" "$2"' _ "$T/csv-hidden" "$T/html-hidden"

"$NEUVOO" report --from 2026-11-16 --to 2026-11-22 --by day --compare-with previous --format html >"$T/day.html" 2>"$T/err"
check "by day: a line, previous and change columns" sh -c '
	grep -q "<polyline " "$1" && grep -q "<th>Previous</th><th>Change</th>" "$1" &&
	grep -q "<tr><td>2026-11-20</td><td class=\"n\">3</td>" "$1"' _ "$T/day.html"
"$NEUVOO" report --lang fi --date 2026-11-22 --by channel --format html >"$T/fi.html"
check "in the UI language: Finnish" sh -c 'grep -q "<html lang=\"fi\">" "$1" && grep -q "<th>Asiointitapa</th>" "$1"' _ "$T/fi.html"
# Text from data is escaped: a desk named with markup.
"$FILL" "$S/x@d.db" '<b>x</b>' 1 2026-11-22 >/dev/null 2>&1
"$NEUVOO" report --date 2026-11-22 --by desk --format html >"$T/desk.html"
check "text from data escaped" sh -c 'grep -q "&lt;b&gt;x&lt;/b&gt;" "$1" && ! grep -q "<b>x</b>" "$1"' _ "$T/desk.html"

for page in topic day fi; do
	chrome --screenshot="$T/$page.png" "file://$T/$page.html" >"$T/$page.out" 2>"$T/$page.log"
done
check "screenshots taken" sh -c 'for p in topic day fi; do
	[ "$(head -c 8 "$1/$p.png" | od -An -tx1 | tr -d " \n")" = 89504e470d0a1a0a ] || exit 1; done' _ "$T"
# A blank page is a few kilobytes; a page of text, table and chart more.
check "the screenshots show something" sh -c 'for p in topic day fi; do
	[ "$(stat -c %s "$1/$p.png")" -gt 20000 ] || exit 1; done' _ "$T"
check "no console message, no failed load" sh -c '
	! grep -hE "CONSOLE|Uncaught|Failed to load|ERR_NAME_NOT_RESOLVED|net::ERR" "$1/topic.log" "$1/day.log" "$1/fi.log"' _ "$T"
chrome --dump-dom "file://$T/topic.html" >"$T/dom.html" 2>"$T/dom.log"
check "the browser's DOM has the table and the chart" sh -c '
	grep -q "<table>" "$1" && grep -q "<svg" "$1" && grep -q "Housing" "$1"' _ "$T/dom.html"
check "every row of the table reached the DOM" test \
	"$(grep -o '<tr>' "$T/dom.html" | wc -l)" -eq "$(grep -o '<tr>' "$T/topic.html" | wc -l)"
finish
