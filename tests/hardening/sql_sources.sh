#!/bin/sh
# sql_sources: no SQL is ever assembled from data. Every C file under src/
# is read by sql_check.pl (see there for the rules): no printf-style call
# formats SQL, no strcat-style call joins it, and sqlite3_exec() (and any
# function that passes its SQL on to it) runs only string literals, named
# constant strings, or what sql_exec_allow.txt allows with a reason. The
# checker is first shown a file that breaks each rule, so that this test
# cannot pass by finding nothing. TAP output.
set -u
: "${top_srcdir:?}"
check=$top_srcdir/tests/hardening/sql_check.pl
allow=$top_srcdir/tests/hardening/sql_exec_allow.txt
tmp=$(mktemp -d "${TMPDIR:-/tmp}/neuvoo-sql.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); failed=1; echo "not ok $n - $*"; }
diag() { sed 's/^/# /' "$@"; }

echo "1..4"

# 1. A file with every kind of string-built SQL is caught, line by line.
mkdir -p "$tmp/src"
cat >"$tmp/src/bad.c" <<'C'
static void lookup(sqlite3 *db, const char *name, int id)
{
	char buf[200], *q, *r;
	q = sqlite3_mprintf("SELECT * FROM service WHERE name = '%q'", name);
	snprintf(buf, sizeof buf, "DELETE FROM contact WHERE id = %d", id);
	strcat(buf, " WHERE desk = 'x'");
	r = xasprintf("%s%s", "UPDATE contact SET note = ", name);
	sqlite3_exec(db, q, NULL, NULL, NULL);
	run(db, buf);
}

static int run(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
}
C
perl "$check" "$tmp" "$tmp/src/bad.c" >"$tmp/bad.out"
rc=$?
lines=$(cut -d: -f2 "$tmp/bad.out" | tr '\n' ' ')
if [ $rc -eq 1 ] && [ "$lines" = "4 5 6 7 8 9 " ]; then
	ok "the checker finds mprintf, snprintf, strcat, a built string and exec of a variable (also through a wrapper)"
else
	not_ok "the checker finds mprintf, snprintf, strcat, a built string and exec of a variable (also through a wrapper)"
	echo "# status $rc, lines '$lines'"
	diag "$tmp/bad.out"
fi

# 2. Constant SQL, bound parameters and messages that name keywords pass.
cat >"$tmp/src/good.c" <<'C'
#define DRAFT_SQL "DELETE FROM draft"
static const char schema_sql[] = "CREATE TABLE t (a TEXT);" "CREATE INDEX i ON t (a);";
static const char *const migrations[] = { "CREATE TABLE x (a)", /* 2 */ "ALTER TABLE x ADD b" };
static int run(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL);
}
static void save(sqlite3 *db, const char *name, char **err, int v)
{
	sqlite3_stmt *s;
	sqlite3_prepare_v2(db, "SELECT id FROM service WHERE name = ?1", -1, &s, NULL);
	sqlite3_bind_text(s, 1, name, -1, SQLITE_STATIC);
	run(db, "BEGIN IMMEDIATE");
	sqlite3_exec(db, schema_sql, NULL, NULL, NULL);
	sqlite3_exec(db, migrations[v - 1], NULL, NULL, NULL);
	sqlite3_exec(db, DRAFT_SQL, NULL, NULL, NULL);
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	err_set(err, "%s:%d: only INSERT statements belong in catalogue data", name, v);
}
C
if perl "$check" "$tmp" "$tmp/src/good.c" >"$tmp/good.out"; then
	ok "constant statements, bound values and plain messages pass"
else
	not_ok "constant statements, bound values and plain messages pass"
	diag "$tmp/good.out"
fi

# 3. The real sources.
find "$top_srcdir/src" -name '*.c' | sort >"$tmp/files"
if [ -s "$tmp/files" ] &&
   perl "$check" --allow "$allow" "$top_srcdir" $(cat "$tmp/files") >"$tmp/src.out"; then
	ok "no SQL is built from data in src/ ($(wc -l <"$tmp/files") files)"
else
	not_ok "no SQL is built from data in src/"
	diag "$tmp/src.out"
fi

# 4. Every allow-list entry gives a reason (the checker refuses others).
if grep -v '^#' "$allow" | grep -v '^[[:space:]]*$' | grep -qv ' -- ..*'; then
	not_ok "every allow-list entry says why it is safe"
else
	ok "every allow-list entry says why it is safe"
fi
exit $failed
