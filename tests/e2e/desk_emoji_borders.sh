#!/bin/sh
# desk_emoji_borders: soft hyphens and emoji sequences (joiner sequences,
# skin tones, flags, variation selectors) in a service's and an
# interpreter's name never push text past a pane's border at 80x24: in
# every line of the pane the borders stand in columns 1, 40, 41 and 80,
# counted with the terminal's own character widths (wcwidth).
. "$top_srcdir/tests/e2e/lib.sh"
command -v python3 >/dev/null 2>&1 || skip_all "python3 is not installed"
plan 6

cat="$T/cat.db"
"$NEUVOO" --catalogue "$T/start.db" catalogue init >/dev/null 2>&1
"$NEUVOO" --catalogue "$T/start.db" catalogue export hsds "$T/hsds" >/dev/null 2>&1
# The names: soft hyphens in the words, a family (joiners), a thumb with
# a skin tone, flags, a heart and a phone with variation selectors.
python3 - "$T/hsds" <<'PY'
import csv, sys
d = sys.argv[1]
shy = "\u00ad"
service = ("Aa\u00adpu " "\U0001F469\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466"
           "\U0001F44D\U0001F3FD\U0001F1EB\U0001F1EE\u2764\ufe0f\u260e\ufe0f "
           + shy.join(["neu", "von", "ta", "pal", "ve", "lu", "pis", "te"]) + " loppu")
person = ("Aa\u00adtul " "\U0001F468\U0001F3FF\u200d\U0001F4BB\U0001F3F3\ufe0f\u200d\U0001F308"
          "\U0001F1F8\U0001F1EA\u270C\U0001F3FB "
          + shy.join(["tul", "kki", "pal", "ve", "lu", "neu", "vo", "ja"]) + " loppu")
def edit(name, key, fields, value):
    p = f"{d}/{name}"
    rows = list(csv.reader(open(p, newline="", encoding="utf-8")))
    head = rows[0]
    for r in rows[1:]:
        if r[0] == key:
            for f in fields:
                r[head.index(f)] = value
    with open(p, "w", newline="", encoding="utf-8") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
edit("service.csv", "digineuvonta", ["name", "name_fi", "name_sv", "name_en"], service)
edit("x_resources.csv", "hinfo-piste-2", ["name_fi", "name_sv", "name_en"], person)
PY
"$NEUVOO" --catalogue "$cat" catalogue import hsds "$T/hsds" >"$T/out" 2>&1
rc=$?
check "the catalogue with the names is imported" test $rc = 0
[ $rc = 0 ] || diag "$(cat "$T/out")"

# borders: every line 80 columns wide, its borders in their columns.
borders() {
	screen >"$T/screen"
	python3 - "$T/screen" <<'PY'
import ctypes, locale, sys
locale.setlocale(locale.LC_ALL, "C.UTF-8")
libc = ctypes.CDLL(None)
libc.wcwidth.argtypes = [ctypes.c_wchar]
def w(c):
    n = libc.wcwidth(c)
    return max(n, 0)
bad = 0
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")[:23]
for no, line in enumerate(lines, 1):
    cols, col = {}, 1
    for c in line:
        cols[col] = c
        col += w(c)
    for at in (1, 40, 41, 80):
        if cols.get(at, " ") not in "│┌┐└┘├┤":
            print(f"# line {no}: column {at} is {cols.get(at, ' ')!r}: {line}")
            bad += 1
    if col - 1 > 80:
        print(f"# line {no}: {col - 1} columns: {line}")
        bad += 1
sys.exit(1 if bad else 0)
PY
}
start 80 24 "$NEUVOO --catalogue $cat --desk e2e --lang en; echo EXITED=\$?"
check "the desk starts" wait_for "Interpreters F8"
check "the service's name is on screen" wait_for "Aapu"
check "the interpreter's name is on screen" wait_for "Aatul"
check "every border in its column with the names shown" borders
# The service chosen (the cursor on it in the redirect pane).
keys F7 Home
wait_for "Aapu" >/dev/null
check "every border in its column with the service chosen" borders
keys F10
wait_for "EXITED=0" >/dev/null
finish
