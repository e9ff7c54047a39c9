#!/bin/sh
# hostile_catalogue: a catalogue written by someone else's tool may hold
# anything. Names with terminal escape sequences, C0 and C1 controls,
# invalid UTF-8, lone combining marks, 10 kB of text, bidi overrides and
# zero-width joiners must never reach the terminal as control sequences:
# `catalogue search` and `info` print valid UTF-8 with no control
# characters, one match a line, and `catalogue check` names every record
# with a bad text and exits 1. A file that is not a sound catalogue
# (truncated, random bytes, another SQLite file, a newer schema, damaged
# pages) gives exit status 1 and exactly one line on stderr naming the file.
# (The desk screen's share of this, 1x1 terminals and random keystrokes,
# lands with the desk.)
. "$top_srcdir/tests/e2e/lib.sh"

plan 25
db=$T/hostile.db
sq() { sqlite3 -batch "$@"; }

# clean FILE: valid UTF-8 without C0 (but tab and newline), DEL, C1 or bidi
# controls; says what it found.
clean() {
	if ! iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1; then
		diag "$1 is not valid UTF-8"
		return 1
	fi
	if LC_ALL=C grep -naP '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]' "$1" >"$T/bad-lines"; then
		diag "control characters in $1:" "$(od -c "$T/bad-lines" | head -20)"
		return 1
	fi
	return 0
}
# run: stdout to $T/out, stderr to $T/err, status to $rc.
run() {
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
}

# ---- a catalogue with hostile names ----
"$NEUVOO" --catalogue "$db" catalogue init >/dev/null 2>"$T/err" || diag "$(cat "$T/err")"
cp "$db" "$T/clean.db"
# Each hostile name starts with the word "zorro" so one search finds them
# all; the same text goes into the Finnish, Swedish and English names.
sq "$db" >"$T/sql.err" 2>&1 <<'SQL'
INSERT INTO service (id, organisation_id, name_fi, name_sv, name_en,
                     description_fi, keywords)
SELECT v.id, (SELECT id FROM organisation ORDER BY id LIMIT 1),
       v.n, v.n, v.n, v.n, v.n FROM (
  SELECT 'h-csi' AS id, 'zorro csi ' || char(27) || '[2J' || char(27) || '[31mred' AS n
  UNION ALL SELECT 'h-osc', 'zorro osc ' || char(27) || ']0;title' || char(7) || 'after'
  UNION ALL SELECT 'h-c1', 'zorro c1 ' || char(155) || '31m' || char(133) || char(157) || '0;t' || char(156) || 'end'
  UNION ALL SELECT 'h-c0', 'zorro c0 ' || char(1) || char(8) || char(10) || 'second line' || char(13) || char(9) || char(127)
  UNION ALL SELECT 'h-utf8', CAST(X'7A6F72726F2062616420C320C0AF20EDA08020F4908080FF' AS TEXT)
  UNION ALL SELECT 'h-bidi', char(8238) || 'zorro bidi' || char(8294) || 'iso' || char(8297) || char(8236)
  UNION ALL SELECT 'h-comb', char(769) || 'zorro ' || char(776) || char(803)
  UNION ALL SELECT 'h-long', 'zorro ' || replace(hex(zeroblob(5000)), '0', 'x')
  UNION ALL SELECT 'h-wide', 'zorro ' || replace(hex(zeroblob(1700)), '0', '漢')
  UNION ALL SELECT 'h-zwj', 'zorro ' || char(128105) || char(8205) || char(128187) || char(8203) || 'zw'
  UNION ALL SELECT 'h-nul', CAST(X'7A6F72726F206E756C00616674657200' AS TEXT)
) v;
UPDATE meta SET value = 'Hel' || char(27) || ']0;pwned' || char(7) || char(155) || '2Jsinki'
 WHERE key = 'name';
SQL
check "hostile rows go into the catalogue" test $? -eq 0 -a ! -s "$T/sql.err"
nhostile=11

for lang in fi sv en; do
	run "$NEUVOO" --catalogue "$db" catalogue search --lang $lang zorro
	if [ $rc -eq 0 ] && [ "$(wc -l <"$T/out")" -eq $nhostile ] &&
	   awk -F '\t' 'NF != 2 { exit 1 }' "$T/out"; then
		ok "search --lang $lang finds the $nhostile hostile names, one a line, one tab each"
	else
		not_ok "search --lang $lang finds the $nhostile hostile names, one a line, one tab each"
		diag "status $rc, $(wc -l <"$T/out") lines" "$(cat "$T/err")"
	fi
	check "search --lang $lang prints valid UTF-8 with no control characters" clean "$T/out"
done
check "the 10 kB name comes out whole" grep -q "^h-long$(printf '\t')zorro x\{10000\}\$" "$T/out"

run "$NEUVOO" --catalogue "$db" catalogue info
check "info with a hostile catalogue name exits 0" test $rc -eq 0
check "info prints no control characters" clean "$T/out"

run "$NEUVOO" --catalogue "$db" catalogue check
check "check exits 1 on bad texts" test $rc -eq 1
cat "$T/out" "$T/err" >"$T/check"
missing=""
for id in h-csi h-osc h-c1 h-c0 h-utf8; do
	grep -q "service '$id'" "$T/check" || missing="$missing $id"
done
check "check names every record with controls or invalid UTF-8" test -z "$missing"
[ -z "$missing" ] || diag "not reported:$missing" "$(cat "$T/check")"
check "check names the record with bidi controls" grep -q "service 'h-bidi'" "$T/check"
check "check's own output has no control characters" clean "$T/check"

# ---- files that are not sound catalogues ----
bad=$T/bad
mkdir -p "$bad"
size=$(wc -c <"$T/clean.db")
head -c $((size / 3)) "$T/clean.db" >"$bad/truncated.db"
head -c 100 "$T/clean.db" >"$bad/header-only.db"
: >"$bad/empty.db"
perl -e 'srand(7); print map { chr int rand 256 } 1..65536' >"$bad/random.db"
{ printf 'SQLite format 3\000'; perl -e 'srand(8); print map { chr int rand 256 } 1..65520'; } \
	>"$bad/random-header.db"
sq "$bad/other-schema.db" 'CREATE TABLE x (a); INSERT INTO x VALUES (1);'
sq "$bad/same-names.db" 'CREATE TABLE meta (k); CREATE TABLE service (id);
	CREATE TABLE organisation (id); CREATE TABLE language (code);
	PRAGMA user_version = 1;'
cp "$T/clean.db" "$bad/newer.db"
sq "$bad/newer.db" 'PRAGMA user_version = 99;'
# Overwrite the b-tree page header of an early page (4096-byte pages).
damage() {
	cp "$T/clean.db" "$2"
	printf '\377\377\377\377\377\377\377\377\377\377\377\377\377\377\377\377' |
		dd of="$2" bs=1 seek=$(($1 * 4096)) conv=notrunc 2>/dev/null
}
damage 3 "$bad/damaged.db"

for f in truncated header-only empty random random-header other-schema \
	 same-names newer damaged; do
	path=$bad/$f.db
	why=""
	for cmd in "catalogue search x" "catalogue info" "catalogue check"; do
		# shellcheck disable=SC2086
		run "$NEUVOO" --catalogue "$path" $cmd
		if [ $rc -ne 1 ]; then
			why="$why; $cmd: status $rc"
		elif [ "$(wc -l <"$T/err")" -ne 1 ]; then
			why="$why; $cmd: $(wc -l <"$T/err") lines on stderr"
		elif ! grep -qF "$path" "$T/err"; then
			why="$why; $cmd: stderr does not name the file"
		elif [ -s "$T/out" ]; then
			why="$why; $cmd: printed on stdout"
		fi
	done
	if [ -z "$why" ]; then
		ok "$f catalogue: search, info and check exit 1 with one line naming it"
	else
		not_ok "$f catalogue: search, info and check exit 1 with one line naming it"
		diag "${why#; }" "last stderr: $(cat "$T/err")"
	fi
done

# Damage deep in the file may not be seen by loading; check must see it.
damage 12 "$bad/damaged-deep.db"
run "$NEUVOO" --catalogue "$bad/damaged-deep.db" catalogue check
check "check finds damage deep in the file (exit 1, one line naming it)" \
	sh -c "[ $rc -eq 1 ] && [ \$(wc -l <'$T/err') -eq 1 ] && grep -qF '$bad/damaged-deep.db' '$T/err'"
run "$NEUVOO" --catalogue "$bad/damaged-deep.db" catalogue search x
check "search on it exits 0 or 1 with at most one line on stderr" \
	sh -c "[ $rc -eq 0 -o $rc -eq 1 ] && [ \$(wc -l <'$T/err') -le 1 ]"

finish
