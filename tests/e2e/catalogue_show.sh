#!/bin/sh
# catalogue_show: `catalogue show ID` prints every row of a service's
# details as the desk shows them, in the chosen language; an unknown id is
# one line and exit 1; `catalogue check --stale MONTHS` lists the services
# whose check is that old or missing, and exits 0.
. "$top_srcdir/tests/e2e/lib.sh"

plan 9
run() {
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
}

"$NEUVOO" catalogue init >/dev/null
id=asumisneuvonta	# housing advice: "Boenderådgivning" in Swedish
run "$NEUVOO" catalogue show "$id"
check "show: exit 0, the id and the name first" \
	sh -c "[ $rc -eq 0 ] && head -n 1 '$T/out' | grep -qx 'Id: $id' && sed -n 2p '$T/out' | grep -q '^Name: '"
check "show: the organisation, hours, appointment and languages rows" \
	sh -c "grep -q '^Organisation: ' '$T/out' && grep -q '^Hours: ' '$T/out' && grep -q '^Appointment: ' '$T/out' && grep -q '^Languages: ' '$T/out'"
check "show: how old the check is" grep -qE '^Checked: .*(checked [0-9]+ months? ago|checked this month|never checked)' "$T/out"
run "$NEUVOO" catalogue show --lang sv "$id"
check "show --lang sv: the Swedish name, Swedish labels" sh -c "[ $rc -eq 0 ] && sed -n 2p '$T/out' | grep -qx 'Namn: Boenderådgivning'"
run "$NEUVOO" catalogue show no-such-service
check "show of an unknown id: exit 1, one line naming it" \
	sh -c "[ $rc -eq 1 ] && [ \$(wc -l <'$T/err') -eq 1 ] && grep -q \"no service with the id 'no-such-service'\" '$T/err'"
run "$NEUVOO" catalogue show
check "show without an id: exit 2" test "$rc" -eq 2

n=$("$NEUVOO" catalogue info | sed -n 's/^services: //p')
run "$NEUVOO" catalogue check --stale 0
check "check --stale 0: every service listed, exit 0" \
	sh -c "[ $rc -eq 0 ] && [ \$(grep -c '	' '$T/out') -eq $n ]"
run "$NEUVOO" catalogue check --stale 1200
check "check --stale 1200: only the never-checked ones" \
	sh -c "[ $rc -eq 0 ] && ! grep '	' '$T/out' | grep -v 'never checked\$' | grep -q . && grep -q 'services not checked in 1200 months' '$T/out'"
run "$NEUVOO" catalogue check --stale soon
check "check --stale with no number: exit 2" test "$rc" -eq 2
finish
