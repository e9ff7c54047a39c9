#!/bin/sh
# desk_contact: an advisor records a contact with two topics, a redirect
# and an interpreter, saves it with F2, quits with F10, and the report has
# the row with the right codes.
. "$top_srcdir/tests/e2e/lib.sh"
plan 10

D="--desk e2e"
start 80 24 "$NEUVOO $D; echo EXITED=\$?"
check "the desk starts with its four panes" wait_for "Interpreters F8"

# Intake: channel by its letter, the language by typing its name.
keys F5 p
keys Down s o m a l i Enter
# Topics: the first two.
keys F6 Space Down Space
check "two topics are ticked" wait_for "[x] Education"
# The filter searches the services' descriptions too (a word that is in
# no name or keyword).
keys F7 / t h r e a t e n e d
wait_for "/ threatened" >/dev/null
sleep 0.3
only_housing() {
	s=$(screen)
	echo "$s" | grep -qF "Housing advice" &&
	! echo "$s" | grep -qF "Adult social work"
}
check "a word of a description finds its service, and only it" only_housing
keys Escape
# Redirect: search a service, open its details, another reason, accept.
keys F7 / H e l s i n k i - i n f o Enter
check "the service details open" wait_for "Reason"
check "the details show the service's phone" wait_for "09 310 11111 (Advice)"
check "the details say how old the service's check is" wait_for "months ago"
keys Right Enter
check "the redirect is chosen" wait_for "Redirected: Helsinki-info"
# Interpreters: the first one for Somali (a second Enter accepts the
# modality when the service asks for one).
keys F8 Enter
sleep 0.3
keys Enter
keys F2
check "F2 saves with a summary" wait_for "Saved:"
keys F10
check "F10 quits" wait_for "EXITED=0"

row=$($NEUVOO $D report --contacts --format csv | grep ',e2e,')
diag "row: $row"
ok_row() {
	echo "$row" | awk -F, '
		$5 == "phone" && $6 == "so" && $8 == "housing;education" &&
		$9 == "redirected" && $10 == "helsinki-info" &&
		$11 == "wrong-place" &&
		($7 == "colleague" || $7 == "phone" || $7 == "video" || $7 == "on-site") &&
		$3 ~ /^20[0-9][0-9]-[01][0-9]-[0-3][0-9]T/ { found = 1 }
		END { exit !found }'
}
check "the report has the contact with its codes" ok_row
finish
