#!/bin/sh
# catalogue_cli: `neuvoo catalogue` as an admin uses it: the default
# catalogue appears from the bundled data, info and check describe it,
# search finds housing services, and bad input gives one clear line with
# the contract's exit status.
. "$top_srcdir/tests/e2e/lib.sh"

plan 17
cat_db="$XDG_DATA_HOME/neuvoo/catalogue.db"
tab=$(printf '\t')

# run: command's stdout to $T/out, stderr to $T/err, status to $rc.
run() {
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
}
one_line_err() { [ "$(wc -l <"$T/err")" -eq 1 ]; }

run "$NEUVOO" catalogue init
check "init creates the default catalogue" test "$rc" -eq 0 -a -s "$cat_db"
check "init says how many services" grep -q "catalogue created with [0-9]* services" "$T/out"

run "$NEUVOO" catalogue init
check "init refuses to replace it without --force (exit 1, one line)" \
	sh -c "[ $rc -eq 1 ] && grep -q 'exists; use --force to replace it' '$T/err'"
one_line_err && ok "the refusal is one line" || not_ok "the refusal is one line"

run "$NEUVOO" catalogue init --force
check "init --force replaces it" test "$rc" -eq 0

run "$NEUVOO" catalogue info
check "info names the catalogue and its counts" \
	sh -c "[ $rc -eq 0 ] && grep -q '^name: Helsinki' '$T/out' && grep -q '^services: ' '$T/out' && grep -q '^schema version: 2' '$T/out'"

run "$NEUVOO" catalogue check
check "check of the bundled catalogue is clean" \
	sh -c "[ $rc -eq 0 ] && grep -q 'services, no problems' '$T/out'"

run "$NEUVOO" catalogue search --lang fi asunto
check "search asunto finds the housing advice service" \
	sh -c "[ $rc -eq 0 ] && grep -q '^asumisneuvonta${tab}Asumisneuvonta\$' '$T/out'"
check "search asunto finds applying for a rental flat" grep -q "^vuokra-asunnon-hakeminen${tab}" "$T/out"

run "$NEUVOO" catalogue search asunto
check "search in an English (C) locale shows English names" grep -q "^asumisneuvonta${tab}Housing advice\$" "$T/out"

# The catalogue is created on first use by any command, too.
rm -f "$cat_db"
run "$NEUVOO" catalogue search asunto
check "search creates the default catalogue when it is missing" \
	sh -c "[ $rc -eq 0 ] && [ -s '$cat_db' ] && grep -q asumisneuvonta '$T/out'"

printf 'not a database\n' >"$T/bad.db"
run "$NEUVOO" --catalogue "$T/bad.db" catalogue check
check "a bad catalogue file exits 1" test "$rc" -eq 1
check "with one line naming the file" sh -c "one() { [ \$(wc -l <'$T/err') -eq 1 ]; }; one && grep -q '$T/bad.db: not a neuvoo catalogue' '$T/err'"

run "$NEUVOO" --catalogue "$T/missing.db" catalogue info
check "a missing explicit catalogue is not created and says how to make one" \
	sh -c "[ $rc -eq 1 ] && [ ! -e '$T/missing.db' ] && grep -q \"no catalogue here; create one with 'neuvoo catalogue init'\" '$T/err'"

run "$NEUVOO" catalogue frobnicate
check "an unknown subcommand exits 2" test "$rc" -eq 2
one_line_err && ok "with one line" || not_ok "with one line"

run "$NEUVOO" catalogue search
check "search without a query exits 2" test "$rc" -eq 2

finish
