#!/bin/sh
# desk_wide: a catalogue with Chinese (wide), Arabic (with combining marks)
# and hostile (escape sequences) service names: every row keeps its width,
# the borders stay where they are, and nothing reaches the terminal raw.
. "$top_srcdir/tests/e2e/lib.sh"
plan 6

cat="$T/wide.db"
$NEUVOO --catalogue "$cat" catalogue init >/dev/null || { not_ok "catalogue init"; finish; }
zh='zz 赫尔辛基市多语言咨询服务中心与移民信息咨询处'
ar='zz مَرْكَزُ الخِدْمَاتِ الاجْتِمَاعِيَّةِ لِلْمُهَاجِرِينَ فِي هلسنكي'
sqlite3 "$cat" "
	UPDATE service SET name_fi = '$zh', name_sv = '$zh', name_en = '$zh'
	 WHERE id = 'helsinki-info';
	UPDATE service SET name_fi = '$ar', name_sv = '$ar', name_en = '$ar'
	 WHERE id = (SELECT id FROM service WHERE id <> 'helsinki-info' ORDER BY id LIMIT 1);
	UPDATE service SET name_fi = 'zz evil' || char(27) || '[2J' || char(27) || ']0;owned' || char(7) || 'name'
	 WHERE id = (SELECT id FROM service WHERE id <> 'helsinki-info' ORDER BY id LIMIT 1 OFFSET 1);
	UPDATE service SET name_sv = name_fi, name_en = name_fi
	 WHERE id = (SELECT id FROM service WHERE id <> 'helsinki-info' ORDER BY id LIMIT 1 OFFSET 1);
" || { not_ok "catalogue update"; finish; }

# Every pane row of the screen is exactly as wide as the terminal, and
# the two columns meet at columns 40 and 41.
rows_intact() {
	screen | head -23 | while IFS= read -r line; do
		w=$(printf '%s' "$line" | wc -L)
		[ "$w" -eq 80 ] || { diag "width $w: $line"; exit 1; }
	done
}

start 80 24 "$NEUVOO --desk e2e --catalogue '$cat'; echo EXITED=\$?"
check "the desk starts on the wide catalogue" wait_for "Interpreters F8"
keys F7 / z z
check "Chinese names are drawn" wait_for "zz 赫尔辛基"
check "Arabic names are drawn" wait_for "zz مَرْكَزُ"
check "a name's escape sequences are removed" wait_for "zz evil"
check "every row keeps 80 columns and its borders" rows_intact
keys Escape F10
check "the desk quits" wait_for "EXITED=0"
finish
