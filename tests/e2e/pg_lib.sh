# pg_lib.sh: a PostgreSQL server of the test's own, for the tests of
# stats push and report --db (sourced after lib.sh).
#
# initdb into a temporary folder, pg_ctl start with its Unix socket in
# that folder and no TCP listener (listen_addresses = ''), password
# logins only (scram-sha-256), stopped and removed at the end even when
# the test fails. As root the server runs as `nobody` (it refuses root):
# the folder is nobody's. Skips (77) only where the server's programs
# are not installed.
#   PGDIR     the folder (socket, data)
#   DB        the --db connection string for the superuser "neuvoo"
#   PGPASSWORD that superuser's password (exported)
#   psql_ SQL  run SQL as the superuser, unaligned, tuples only

# Also sourced by bench/bench_pg.sh, without lib.sh.
command -v skip_all >/dev/null 2>&1 || skip_all() { echo "skipped: $*"; exit 0; }
command -v cleanup >/dev/null 2>&1 || cleanup() { :; }

PG_BINDIR=${PG_BINDIR:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
if [ -z "$PG_BINDIR" ] || [ ! -x "$PG_BINDIR/initdb" ] || ! command -v psql >/dev/null 2>&1; then
	skip_all "PostgreSQL's server is not installed (Debian: postgresql; ./setup installs it)"
fi
PGDIR=$(mktemp -d "${TMPDIR:-/tmp}/neuvoo-pg.XXXXXX")
chmod 755 "$PGDIR"
pg_as() { "$@"; }
if [ "$(id -u)" = 0 ]; then
	chown nobody "$PGDIR"
	pg_as() { runuser -u nobody -- "$@"; }
fi
export PGPASSWORD="neuvoo-test-$$"
printf '%s\n' "$PGPASSWORD" >"$PGDIR/pw"
chmod 644 "$PGDIR/pw"

pg_cleanup() {
	pg_as "$PG_BINDIR/pg_ctl" -D "$PGDIR/data" -m immediate stop >/dev/null 2>&1
	rm -rf "$PGDIR"
	cleanup
}
trap pg_cleanup EXIT
# A test killed by a signal (or its reader gone: SIGPIPE) ends through
# exit, so the server is stopped then too.
trap 'exit 1' HUP INT TERM PIPE

pg_as "$PG_BINDIR/initdb" -D "$PGDIR/data" -U neuvoo --pwfile="$PGDIR/pw" \
	--auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$PGDIR/initdb.log" 2>&1 || {
	cat "$PGDIR/initdb.log" >&2
	echo "Bail out! initdb failed"
	exit 1
}
rm -f "$PGDIR/pw"
pg_as "$PG_BINDIR/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 \
	-o "-c listen_addresses='' -c unix_socket_directories='$PGDIR' ${PG_OPTS--c fsync=off}" \
	start >/dev/null 2>&1 || {
	cat "$PGDIR/server.log" >&2
	echo "Bail out! the PostgreSQL server did not start"
	exit 1
}
DB="host=$PGDIR dbname=postgres user=neuvoo"
psql_() { psql -X -q -A -t -v ON_ERROR_STOP=1 -h "$PGDIR" -U neuvoo -d postgres -c "$1"; }
