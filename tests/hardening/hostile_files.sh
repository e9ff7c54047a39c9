#!/bin/sh
# hostile_files: files of settings that are not files, or too big, and
# error messages that quote a bad file's text.
# - --config /dev/zero, a FIFO as --config, a folder as --config, and
#   `train /dev/zero`: exit 2 at once (nothing blocks, nothing grows),
#   one line naming the file;
# - a configuration or keymap file over the cap (1 MiB): exit 2, one line;
# - C1 controls, ESC and bidi characters from a bad file reach stderr as
#   visible escapes (\x9B, \u200F), never raw.
. "$top_srcdir/tests/e2e/lib.sh"
plan 14

run() {
	# A watchdog: a blocked read would hang the test, a runaway one
	# fill memory; both fail here instead.
	timeout 10 "$@" >"$T/out" 2>"$T/err"
	rc=$?
}
one_line() {
	if [ $rc -eq 2 ] && [ "$(wc -l <"$T/err")" -eq 1 ] && grep -qF -- "$1" "$T/err"; then
		return 0
	fi
	diag "status $rc, stderr:" "$(head -c 400 "$T/err")"
	return 1
}

run "$NEUVOO" --config /dev/zero catalogue info
check "--config /dev/zero: exit 2 at once" one_line "/dev/zero: not a regular file"
mkfifo "$T/fifo"
run "$NEUVOO" --config "$T/fifo" catalogue info
check "a FIFO as --config: exit 2 without blocking" one_line "$T/fifo: not a regular file"
run "$NEUVOO" --config "$T" catalogue info
check "a folder as --config: exit 2" one_line "$T: not a regular file"
run "$NEUVOO" train /dev/zero
check "train /dev/zero: exit 2 at once" one_line "/dev/zero: not a regular file"
run "$NEUVOO" train "$T/fifo"
check "train FIFO: exit 2 without blocking" one_line "$T/fifo: not a regular file"
run "$NEUVOO" --keymap /dev/zero desk </dev/null
check "--keymap /dev/zero: exit 2" one_line "/dev/zero: "

# Over the cap: a comment of 1 MiB and a bit.
{ echo 'desk = "d1"'; head -c 1048600 /dev/zero | tr '\0' '#'; echo; } >"$T/big.conf"
run "$NEUVOO" --config "$T/big.conf" catalogue info
check "a 1 MiB configuration file: exit 2" one_line "$T/big.conf: larger than 1024 kB"
cp "$top_srcdir/keymaps/default" "$T/big.keys"
head -c 1048600 /dev/zero | tr '\0' '#' >>"$T/big.keys"
run "$NEUVOO" --keymap "$T/big.keys" desk </dev/null
check "a 1 MiB keymap: exit 2" one_line "$T/big.keys: larger than 1024 kB"
# Just under the cap is still read.
{ echo 'desk = "d1"'; head -c 1040000 /dev/zero | tr '\0' '#'; echo; } >"$T/ok.conf"
run "$NEUVOO" --config "$T/ok.conf" catalogue info
check "a file just under the cap is read" test $rc -eq 0

# ---- error messages ----
# raw BYTES...: is any of these byte sequences in stderr?
raw() { LC_ALL=C grep -qaP "$1" "$T/err"; }
printf 'global {\n\tquit = "\302\2332J\033[31m\342\200\217x"\n}\n' >"$T/bad.keys"
run "$NEUVOO" --keymap "$T/bad.keys" desk </dev/null
check "a bad key name: one line" one_line "$T/bad.keys:2:"
check "its C1 control, ESC and RLM are shown as escapes" \
	sh -c 'grep -qF "\\x9B2J" "$1" && grep -qF "\\u200Fx'"'"' is not a key name" "$1"' _ "$T/err"
check "and none of them reaches stderr raw" sh -c '! LC_ALL=C grep -qaP "\xc2\x9b|\x1b|\xe2\x80\x8f" "$1"' _ "$T/err"
printf 'desk = "d\342\200\256\342\201\246x\302\205"\n' >"$T/bidi.conf"
run "$NEUVOO" --config "$T/bidi.conf" catalogue info
check "bidi controls in a config value: one line" one_line "$T/bidi.conf:1:"
check "shown as \\u202E \\u2066 \\x85" grep -qF "'d\\u202E\\u2066x\\x85'" "$T/err"
finish
