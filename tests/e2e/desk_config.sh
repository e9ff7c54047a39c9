#!/bin/sh
# desk_config: keymaps and screen layouts: a bad file is "file:line" and
# exit status 2 before the screen starts; the vi keymap moves with j/k.
. "$top_srcdir/tests/e2e/lib.sh"
plan 7

# expect_error STATUS TEXT COMMAND...: the command fails with STATUS and
# its one-line message holds TEXT.
expect_error() {
	want=$1 text=$2
	shift 2
	err=$("$@" 2>&1 </dev/null >/dev/null)
	rc=$?
	[ "$rc" -eq "$want" ] && [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] &&
		printf '%s' "$err" | grep -qF -- "$text" && return 0
	diag "status $rc, message: $err"
	return 1
}

printf 'global {\n\tquit = "F10"\n\tsave = "F99"\n}\n' > "$T/bad.keymap"
check "a bad key name is file:line, exit 2" \
	expect_error 2 "$T/bad.keymap:3:" $NEUVOO --keymap "$T/bad.keymap"
printf 'layout small {\n\tcolumn {\n\t\tpane sidebar { }\n\t}\n}\n' > "$T/bad.screen"
check "a bad screen file is file:line, exit 2" \
	expect_error 2 "$T/bad.screen:3:" $NEUVOO --screen "$T/bad.screen"
check "an unknown keymap name says where it looked, exit 2" \
	expect_error 2 "nonesuch" $NEUVOO --keymap nonesuch
check "desk takes no arguments, exit 2" \
	expect_error 2 "extra" $NEUVOO desk extra

# A screen of one column, and the vi keymap.
cat > "$T/tall" <<'SCREEN'
layout tall {
	min-width = 40
	min-height = 20
	column {
		pane topics { weight = 2 }
		pane intake { }
	}
}
SCREEN
start 50 30 "$NEUVOO --desk e2e --keymap vi --screen '$T/tall'; echo EXITED=\$?"
check "a custom screen shows its panes only" wait_for "Topics F6"
keys F6 j j x F2
leisure_counted() { wait_for "Saved:" && screen | grep -q "Leisure  *1"; }
check "vi keys: j moves, x ticks, F2 saves" leisure_counted
keys F10
check "the desk quits" wait_for "EXITED=0"
finish
