#!/bin/sh
# bench_pg: the national database's speed, for `make bench`.
#
# 1,000,000 contacts in 50 desk files (bench_stats --generate-only: one
# year, 1-3 topics each), a PostgreSQL server of the bench's own (the
# tests' pg_lib.sh, with the server's default durability: fsync on), and:
#   1. the first `stats push` of the 50 files into an empty database
#      (target: under 60 s);
#   2. the same push again, nothing changed (target: under 2 s);
#   3. `report --db --by topic` over the year, best of 3 (target: under
#      2 s), beside the report from the files; the two must be equal.
# BENCH_PG_DIR=DIR keeps the generated files there for the next run.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
: "${top_builddir:=.}"
NEUVOO=${NEUVOO:-$top_builddir/src/neuvoo}
export TZ="EET-2EEST,M3.5.0/3,M10.5.0/4" LC_ALL=C.UTF-8
dir=${BENCH_PG_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/neuvoo-bench-pg.XXXXXX")}
PG_OPTS=""
. "$top_srcdir/tests/e2e/pg_lib.sh"
cleanup() { [ -n "${BENCH_PG_DIR:-}" ] || rm -rf "$dir"; }

now() { date +%s.%N; }
secs() { echo "$1 $2" | awk '{ printf "%.2f", $2 - $1 }'; }

"$top_builddir/bench/bench_stats" --contacts 1000000 --files 50 --dir "$dir" --generate-only || exit 1
export HOME="$dir/home" XDG_CONFIG_HOME="$dir/config" XDG_STATE_HOME="$dir/state"
mkdir -p "$HOME" "$dir/none"
"$NEUVOO" stats push --init --db "$DB" "$dir/none" >/dev/null || exit 1

t0=$(now)
"$NEUVOO" stats push --db "$DB" "$dir/stats" || exit 1
t1=$(now)
"$NEUVOO" stats push --db "$DB" "$dir/stats" || exit 1
t2=$(now)
n=$(psql_ "SELECT count(*) FROM contact")
echo "stats push of 50 desk files into an empty database: $n contacts in $(secs "$t0" "$t1") s (target < 60 s)"
echo "stats push again, unchanged: $(secs "$t1" "$t2") s (target < 2 s)"

best_db=999 best_files=999
for i in 1 2 3; do
	a=$(now)
	"$NEUVOO" report --db "$DB" --from 2025-01-01 --to 2025-12-31 --by topic >"$dir/db.txt" || exit 1
	b=$(now)
	"$NEUVOO" report --from 2025-01-01 --to 2025-12-31 --by topic "$dir/stats" >"$dir/files.txt" || exit 1
	c=$(now)
	best_db=$(echo "$best_db $(secs "$a" "$b")" | awk '{ print ($2 < $1) ? $2 : $1 }')
	best_files=$(echo "$best_files $(secs "$b" "$c")" | awk '{ print ($2 < $1) ? $2 : $1 }')
done
echo "report --db --by topic over $n contacts: best of 3 $best_db s (target < 2 s); from the 50 files: $best_files s"
if cmp -s "$dir/db.txt" "$dir/files.txt"; then
	echo "  the two reports are equal"
else
	echo "bench_pg: the report from the database differs from the files'" >&2
	exit 1
fi
