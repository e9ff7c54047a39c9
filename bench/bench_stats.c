/* bench_stats: statistics speed, for `make bench`.
 *
 *  1. A durable save: stats_save() on a desk file (WAL, synchronous=FULL,
 *     an fsync each), mean and 95th percentile in milliseconds over 300
 *     saves. Target: under 10 ms.
 *  2. A report over many desks: 50 desk files with 1,000,000 contacts in
 *     all (one year, 1-3 topics each, fixed-seed PRNG), generated in a
 *     temporary folder with fast pragmas (no fsync, one transaction a
 *     file). Then, side by side on the same files:
 *       - neuvoo's report --by topic in process (report_files, report_scan,
 *         report_agg, report_write to /dev/null), best of 3;
 *       - the same aggregation as SQL, the way one would write it for the
 *         sqlite3 shell: ATTACH each file (SQLite allows 10 at a time),
 *         INSERT OR IGNORE the period's contacts into a temporary table
 *         keyed by id (the merge), then count per topic. Two variants:
 *         (a) through contact_topic, (b) from the stored topics column.
 *         Run through the sqlite3 API in this process, best of 3, and once
 *         through the sqlite3 command-line shell when it is installed.
 *     Targets: under 2 s, and within 1.5x of the SQL.
 *  3. The same files as `neuvoo report --contacts --format csv` (streamed
 *     in time order across the files), the command itself in a child
 *     process (bench/../src/neuvoo): its time and peak resident memory (target: at most 50 MB at 1,000,000 contacts); and
 *     `report --by day --format html` (the trend page): its time.
 *
 * Usage: bench_stats [--contacts N] [--files F] [--dir DIR] [--generate-only]
 *   --dir keeps the generated files in DIR and reuses them next time;
 *   --generate-only makes them (DIR/stats) and stops, for bench_pg.sh. */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/codes.h"
#include "core/err.h"
#include "core/report.h"
#include "core/stats.h"

#ifndef SQLITE3_CLI
#define SQLITE3_CLI ""
#endif

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t rng_state = 0x9e3779b97f4a7c15ULL;

static uint64_t rng(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

static size_t pick(size_t n)
{
	return (size_t)(rng() >> 33) % n;
}

static void die(const char *what, const char *err)
{
	fprintf(stderr, "bench_stats: %s: %s\n", what, err ? err : "failed");
	exit(1);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* ---- 1. durable saves --------------------------------------------------- */

static void bench_save(const char *dir)
{
	enum { N = 300 };
	static double ms[N];
	struct stats_opts o = { .desk = "bench" };
	struct stats *st = NULL;
	char *path = xasprintf("%s/save/bench.db", dir), *err = NULL;
	double sum = 0;
	int i;

	if (stats_open(&st, path, &o, &err))
		die("open", err);
	for (i = 0; i < N; i++) {
		struct contact *c = contact_new(NULL);
		double t0;
		c->topics = 1u << pick(TOPIC__N);
		contact_set_language(c, i % 3 ? "fi" : "so");
		t0 = now_s();
		if (stats_save(st, c, &err))
			die("save", err);
		ms[i] = (now_s() - t0) * 1000;
		sum += ms[i];
		contact_free(&c);
	}
	stats_close(&st);
	qsort(ms, N, sizeof ms[0], cmp_double);
	printf("durable save (stats_save, WAL, synchronous=FULL), %d saves:\n"
	       "  mean %.2f ms, median %.2f ms, p95 %.2f ms, max %.2f ms (target < 10 ms)\n",
	       N, sum / N, ms[N / 2], ms[N * 95 / 100], ms[N - 1]);
	free(path);
}

/* ---- 2. generated desk files -------------------------------------------- */

static int cmp_time(const void *a, const void *b)
{
	time_t x = *(const time_t *)a, y = *(const time_t *)b;
	return x < y ? -1 : x > y;
}

static const char *const langs[] = {
	"fi", "fi", "fi", "fi", "en", "en", "en", "sv", "so", "so", "ar", "ar",
	"ru", "ru", "uk", "uk", "fa", "et", "zh", "ku", "ti", "vi", "th", "es"
};

static void exec_or_die(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		die(sql, msg);
}

static void generate(const char *dir, long total, int files, time_t year_start)
{
	static const char ins_c[] =
		"INSERT INTO contact (id, desk, started_at, ended_at, tz_offset,"
		" channel, language, interpreter, topics, outcome,"
		" redirect_service, redirect_reason, discovery, age_band, gender)"
		" VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
	static const char ins_t[] =
		"INSERT INTO contact_topic (contact_id, topic) VALUES (?, ?)";
	int f;
	double t0 = now_s();
	time_t *starts = NULL;

	for (f = 0; f < files; f++) {
		char desk[32], *path, *err = NULL;
		struct stats_opts o = { .desk = desk };
		struct stats *st = NULL;
		sqlite3 *db;
		sqlite3_stmt *sc, *stp;
		long i, n = total / files + (f < total % files);

		snprintf(desk, sizeof desk, "desk%02d", f + 1);
		path = xasprintf("%s/stats/%s.db", dir, desk);
		/* The real schema, made by stats_open. */
		if (stats_open(&st, path, &o, &err))
			die("open", err);
		stats_close(&st);
		if (sqlite3_open(path, &db) != SQLITE_OK)
			die("open", path);
		exec_or_die(db, "PRAGMA synchronous = OFF; PRAGMA cache_size = -65536;"
			    " BEGIN");
		if (sqlite3_prepare_v2(db, ins_c, -1, &sc, NULL) != SQLITE_OK
		    || sqlite3_prepare_v2(db, ins_t, -1, &stp, NULL) != SQLITE_OK)
			die("prepare", sqlite3_errmsg(db));
		/* A desk saves its contacts in time order. */
		starts = xrealloc(starts, (size_t)n * sizeof *starts);
		for (i = 0; i < n; i++)
			starts[i] = year_start + (time_t)pick(365) * 86400
				+ 8 * 3600 + (time_t)pick(8 * 3600);
		qsort(starts, (size_t)n, sizeof *starts, cmp_time);
		for (i = 0; i < n; i++) {
			char *id = stats_new_id(), *topics;
			topic_set set = 0;
			int k, nt = 1 + (int)pick(3) / 2 + (pick(5) == 0);
			time_t start = starts[i];
			int outcome = pick(4) == 0 ? 1 : pick(10) == 0 ? 2 : 0;
			for (k = 0; k < nt; k++)
				set |= 1u << (pick(2) ? pick(4) : pick(TOPIC__N));
			topics = codes_topics_join(set);
			sqlite3_bind_text(sc, 1, id, -1, SQLITE_STATIC);
			sqlite3_bind_text(sc, 2, desk, -1, SQLITE_STATIC);
			sqlite3_bind_int64(sc, 3, start);
			sqlite3_bind_int64(sc, 4, start + 60 + (time_t)pick(900));
			sqlite3_bind_int(sc, 5, 7200);
			sqlite3_bind_text(sc, 6, codes_code(CODES_CHANNEL, (int)pick(3)), -1, SQLITE_STATIC);
			sqlite3_bind_text(sc, 7, langs[pick(sizeof langs / sizeof langs[0])], -1, SQLITE_STATIC);
			sqlite3_bind_text(sc, 8, codes_code(CODES_INTERPRETER, pick(8) ? 0 : (int)pick(6)), -1, SQLITE_STATIC);
			sqlite3_bind_text(sc, 9, topics, -1, SQLITE_STATIC);
			sqlite3_bind_text(sc, 10, codes_code(CODES_OUTCOME, outcome), -1, SQLITE_STATIC);
			if (outcome) {
				char svc[16];
				snprintf(svc, sizeof svc, "svc-%02zu", pick(40));
				sqlite3_bind_text(sc, 11, svc, -1, SQLITE_TRANSIENT);
				sqlite3_bind_text(sc, 12, codes_code(CODES_REASON, (int)pick(4)), -1, SQLITE_STATIC);
			} else {
				sqlite3_bind_null(sc, 11);
				sqlite3_bind_null(sc, 12);
			}
			sqlite3_bind_text(sc, 13, codes_code(CODES_DISCOVERY, (int)pick(7)), -1, SQLITE_STATIC);
			if (pick(5) == 0) {
				sqlite3_bind_text(sc, 14, codes_code(CODES_AGE, (int)pick(5)), -1, SQLITE_STATIC);
				sqlite3_bind_text(sc, 15, codes_code(CODES_GENDER, (int)pick(4)), -1, SQLITE_STATIC);
			} else {
				sqlite3_bind_null(sc, 14);
				sqlite3_bind_null(sc, 15);
			}
			if (sqlite3_step(sc) != SQLITE_DONE)
				die("insert", sqlite3_errmsg(db));
			sqlite3_reset(sc);
			for (k = 0; k < TOPIC__N; k++) {
				if (!(set & (1u << k)))
					continue;
				sqlite3_bind_text(stp, 1, id, -1, SQLITE_STATIC);
				sqlite3_bind_text(stp, 2, codes_code(CODES_TOPIC, k), -1, SQLITE_STATIC);
				if (sqlite3_step(stp) != SQLITE_DONE)
					die("insert", sqlite3_errmsg(db));
				sqlite3_reset(stp);
			}
			free(topics);
			free(id);
		}
		sqlite3_finalize(sc);
		sqlite3_finalize(stp);
		exec_or_die(db, "COMMIT");
		sqlite3_close(db);
		free(path);
	}
	free(starts);
	printf("generated %ld contacts in %d desk files in %.1f s\n", total, files,
	       now_s() - t0);
}

/* ---- the report in process ---------------------------------------------- */

/* The report in process over the year: by topic as text (html false;
 * *total and *housing: its total and first topic's count), or by day as
 * html with counts under 5 suppressed. */
static double run_report(const char *stats_dir, time_t from, time_t to,
			 bool html, size_t *total, size_t *housing)
{
	struct report_files files = { 0 };
	struct report_query q;
	struct report_out o;
	struct report_agg *a = report_agg_new(html ? REPORT_DAY : REPORT_TOPIC, -1);
	FILE *null = fopen("/dev/null", "w");
	char *err = NULL;
	double t0 = now_s(), t;

	memset(&q, 0, sizeof q);
	memset(&o, 0, sizeof o);
	q.from = from;
	q.to = to;
	o.format = html ? REPORT_FORMAT_HTML : REPORT_FORMAT_TEXT;
	o.utf8 = !html;
	o.suppress = html ? 5 : 0;
	o.from_date = "2025-01-01";
	o.to_date = "2025-12-31";
	if (html)
		report_agg_set_period(a, from, to);
	if (report_files_add(&files, stats_dir, false, &err)
	    || report_scan(&files, &q, report_agg_add_cb, a, &err)
	    || report_write(null, a, &o, &err))
		die("report", err);
	t = now_s() - t0;
	if (total)
		*total = report_agg_total(a);
	if (housing)
		*housing = report_agg_count(a, 0, 0);
	fclose(null);
	report_agg_free(&a);
	report_files_clear(&files);
	return t;
}

/* `neuvoo report --contacts --format csv` over the year, the real command
 * in a child (its peak memory is its own), its output to /dev/null. */
/* The child's peak resident memory (VmHWM), once it runs the command: a
 * forked child before its exec still has the parent's pages. */
static long vm_hwm_kb(pid_t pid)
{
	char path[64], line[256];
	long kb = 0;
	size_t n;
	FILE *f;
	snprintf(path, sizeof path, "/proc/%ld/cmdline", (long)pid);
	if (!(f = fopen(path, "r")))
		return 0;
	n = fread(line, 1, sizeof line - 1, f);
	fclose(f);
	line[n] = '\0';
	/* argv[0] then "report": the exec has happened. */
	if (strlen(line) + 7 > n || strcmp(line + strlen(line) + 1, "report"))
		return 0;
	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	if (!(f = fopen(path, "r")))
		return 0;
	while (fgets(line, sizeof line, f))
		if (!strncmp(line, "VmHWM:", 6))
			kb = atol(line + 6);
	fclose(f);
	return kb;
}

static double run_contacts(const char *neuvoo, const char *dir,
			   const char *stats_dir, long *maxrss_mb)
{
	double t0;
	int status;
	long hwm = 0, kb;
	pid_t pid;

	fflush(stdout);
	t0 = now_s();
	pid = fork();
	if (pid < 0)
		die("fork", "cannot fork");
	if (pid == 0) {
		char *cfg = xasprintf("%s/config", dir);
		if (!freopen("/dev/null", "w", stdout))
			_exit(1);
		/* No configuration of the machine's user. */
		setenv("XDG_CONFIG_HOME", cfg, 1);
		execl(neuvoo, neuvoo, "report", "--contacts", "--format", "csv",
		      "--from", "2025-01-01", "--to", "2025-12-31",
		      "--stats-dir", stats_dir, (char *)NULL);
		_exit(127);
	}
	/* getrusage's maxrss of a child counts the parent's pages from before
	 * the exec: watch the child's own high-water mark instead. */
	for (;;) {
		struct timespec ts = { 0, 5000000 };
		pid_t w = waitpid(pid, &status, WNOHANG);
		if (w == pid)
			break;
		if (w < 0)
			die("contacts", "waitpid");
		if ((kb = vm_hwm_kb(pid)) > hwm)
			hwm = kb;
		nanosleep(&ts, NULL);
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		die("contacts", "neuvoo report --contacts failed");
	*maxrss_mb = (hwm + 1023) / 1024;
	return now_s() - t0;
}

/* ---- the same as SQL ---------------------------------------------------- */

/* The script for one variant: topic_table 1 counts through contact_topic,
 * 0 from the topics column, 2 the same without merging copies. */
static char *sql_script(const char *stats_dir, int files, time_t from,
			time_t to, int topic_table)
{
	size_t cap = 4096, len = 0;
	char *s = xmalloc(cap);
	int f, k;

#define ADD(...) do { \
		int n_ = snprintf(s + len, cap - len, __VA_ARGS__); \
		while ((size_t)n_ >= cap - len) { \
			cap *= 2; s = xrealloc(s, cap); \
			n_ = snprintf(s + len, cap - len, __VA_ARGS__); \
		} \
		len += (size_t)n_; \
	} while (0)

	ADD("PRAGMA temp_store = MEMORY; PRAGMA cache_size = -262144;\n");
	if (topic_table == 2) {
		/* No merge: each file counted on its own and the counts
		 * added up (wrong for copies, but the floor of SQL speed). */
		ADD("CREATE TEMP TABLE s (n");
		for (k = 0; k < TOPIC__N; k++)
			ADD(", t%d", k);
		ADD(");\n");
		for (f = 0; f < files; f++) {
			ADD("ATTACH '%s/desk%02d.db' AS f; PRAGMA f.mmap_size = 268435456;\n",
			    stats_dir, f + 1);
			ADD("INSERT INTO s SELECT count(*)");
			for (k = 0; k < TOPIC__N; k++)
				ADD(", sum(instr(';' || topics || ';', ';%s;') > 0)",
				    codes_code(CODES_TOPIC, k));
			ADD(" FROM f.contact WHERE started_at >= %lld AND started_at < %lld"
			    " AND undone_at IS NULL;\nDETACH f;\n", (long long)from, (long long)to);
		}
		ADD("SELECT sum(n)");
		for (k = 0; k < TOPIC__N; k++)
			ADD(", sum(t%d)", k);
		ADD(" FROM s;\n");
		return s;
	}
	ADD("CREATE TEMP TABLE c (id TEXT PRIMARY KEY, topics TEXT) WITHOUT ROWID;\n"
	    "CREATE TEMP TABLE u (id TEXT PRIMARY KEY) WITHOUT ROWID;\n");
	if (topic_table)
		ADD("CREATE TEMP TABLE ct (id TEXT, topic TEXT,"
		    " PRIMARY KEY (id, topic)) WITHOUT ROWID;\n");
	for (f = 0; f < files; f++) {
		ADD("ATTACH '%s/desk%02d.db' AS f; PRAGMA f.mmap_size = 268435456;\n",
		    stats_dir, f + 1);
		ADD("INSERT OR IGNORE INTO u SELECT id FROM f.contact"
		    " WHERE undone_at IS NOT NULL AND started_at >= %lld AND started_at < %lld;\n",
		    (long long)from, (long long)to);
		ADD("INSERT OR IGNORE INTO c SELECT id, topics FROM f.contact"
		    " WHERE started_at >= %lld AND started_at < %lld AND undone_at IS NULL;\n",
		    (long long)from, (long long)to);
		if (topic_table)
			ADD("INSERT OR IGNORE INTO ct SELECT t.contact_id, t.topic"
			    " FROM f.contact x JOIN f.contact_topic t ON t.contact_id = x.id"
			    " WHERE x.started_at >= %lld AND x.started_at < %lld"
			    " AND x.undone_at IS NULL;\n", (long long)from, (long long)to);
		ADD("DETACH f;\n");
	}
	ADD("DELETE FROM c WHERE id IN (SELECT id FROM u);\n");
	if (topic_table) {
		ADD("DELETE FROM ct WHERE id IN (SELECT id FROM u);\n");
		ADD("SELECT (SELECT count(*) FROM c), topic, count(*) FROM ct GROUP BY topic;\n");
	} else {
		ADD("SELECT count(*)");
		for (k = 0; k < TOPIC__N; k++)
			ADD(", sum(instr(';' || topics || ';', ';%s;') > 0)",
			    codes_code(CODES_TOPIC, k));
		ADD(" FROM c;\n");
	}
#undef ADD
	return s;
}

static int print_row(void *ud, int n, char **vals, char **names)
{
	(void)names;
	if (ud && n > 0 && vals[0])
		*(long *)ud = atol(vals[0]);
	return 0;
}

static double run_sql(const char *script, long *total)
{
	sqlite3 *db;
	char *msg = NULL;
	double t0 = now_s();
	if (sqlite3_open(":memory:", &db) != SQLITE_OK)
		die("sqlite", "open :memory:");
	if (sqlite3_exec(db, script, print_row, total, &msg) != SQLITE_OK)
		die("sql", msg);
	sqlite3_close(db);
	return now_s() - t0;
}

static double run_cli(const char *script_path)
{
	char *cmd;
	double t0, t;
	if (!*SQLITE3_CLI || access(SQLITE3_CLI, X_OK) != 0)
		return -1;
	cmd = xasprintf("'%s' :memory: < '%s' > /dev/null", SQLITE3_CLI, script_path);
	t0 = now_s();
	if (system(cmd) != 0)
		die("sqlite3 shell", cmd);
	t = now_s() - t0;
	free(cmd);
	return t;
}

static double best(double a, double b)
{
	return a < 0 || (b >= 0 && b < a) ? b : a;
}

int main(int argc, char **argv)
{
	long total = 1000000, sql_total = 0;
	int files = 50, i, keep = 0, only_generate = 0;
	char *dir = NULL, *stats_dir, *marker, *script_a, *script_b, *script_c, *script_path;
	time_t from, to, ignore;
	double t_rep = -1, t_a = -1, t_b = -1, t_c = -1, t_cli, t_sql, t_contacts, t_html;
	long contacts_mb = 0;
	long floor_total = 0;
	size_t n = 0, housing = 0;
	struct rusage ru;
	struct stat sb;
	FILE *f;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--contacts") && i + 1 < argc)
			total = atol(argv[++i]);
		else if (!strcmp(argv[i], "--files") && i + 1 < argc)
			files = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--dir") && i + 1 < argc) {
			dir = xstrdup(argv[++i]);
			keep = 1;
		} else if (!strcmp(argv[i], "--generate-only"))
			only_generate = 1;
		else {
			fputs("usage: bench_stats [--contacts N] [--files F] [--dir DIR] [--generate-only]\n", stderr);
			return 2;
		}
	}
	if (total < files || files < 1) {
		fputs("bench_stats: need at least one contact a file\n", stderr);
		return 2;
	}
	/* The desks run in Helsinki. */
	setenv("TZ", "EET-2EEST,M3.5.0/3,M10.5.0/4", 1);
	tzset();
	if (!dir) {
		char tmpl[] = "/tmp/neuvoo-bench-stats.XXXXXX";
		if (!mkdtemp(tmpl))
			die("mkdtemp", tmpl);
		dir = xstrdup(tmpl);
	}
	if (!only_generate)
		bench_save(dir);

	stats_dir = xasprintf("%s/stats", dir);
	marker = xasprintf("%s/generated-%ld-%d", dir, total, files);
	date_local_day("2025-01-01", &from, &ignore);
	date_local_day("2025-12-31", &ignore, &to);
	if (stat(marker, &sb) != 0) {
		generate(dir, total, files, from);
		if ((f = fopen(marker, "w")))
			fclose(f);
	} else
		printf("reusing %ld contacts in %d desk files in %s\n", total, files, dir);
	if (only_generate)
		return 0;

	script_a = sql_script(stats_dir, files, from, to, 1);
	script_b = sql_script(stats_dir, files, from, to, 0);
	script_c = sql_script(stats_dir, files, from, to, 2);
	script_path = xasprintf("%s/report-by-topic.sql", dir);
	if ((f = fopen(script_path, "w"))) {
		fputs(script_b, f);
		fclose(f);
	}
	/* Warm the page cache once, then alternate, best of 3 each. */
	run_report(stats_dir, from, to, false, &n, &housing);
	for (i = 0; i < 3; i++) {
		t_rep = best(t_rep, run_report(stats_dir, from, to, false, &n, &housing));
		t_a = best(t_a, run_sql(script_a, &sql_total));
		t_b = best(t_b, run_sql(script_b, &sql_total));
		t_c = best(t_c, run_sql(script_c, &floor_total));
	}
	t_cli = run_cli(script_path);
	getrusage(RUSAGE_SELF, &ru);
	{
		/* The command beside this benchmark: bench/../src/neuvoo. */
		char *slash = strrchr(argv[0], '/');
		char *neuvoo = xasprintf("%.*s/../src/neuvoo",
					 slash ? (int)(slash - argv[0]) : 1, slash ? argv[0] : ".");
		t_contacts = run_contacts(neuvoo, dir, stats_dir, &contacts_mb);
		free(neuvoo);
	}
	t_html = run_report(stats_dir, from, to, true, NULL, NULL);

	printf("report --by topic over %ld contacts in %d files (period 2025-01-01..2025-12-31):\n",
	       total, files);
	printf("  neuvoo report (in process)          %6.3f s  (%zu contacts, housing %zu)\n",
	       t_rep, n, housing);
	printf("  SQL (a) via contact_topic, API      %6.3f s\n", t_a);
	printf("  SQL (b) via topics column, API      %6.3f s  (%ld contacts)\n", t_b, sql_total);
	if (t_cli >= 0)
		printf("  SQL (b) in the sqlite3 shell        %6.3f s  (%s :memory: < %s)\n",
		       t_cli, SQLITE3_CLI, script_path);
	printf("  SQL (c) per file, no merge, API     %6.3f s  (the floor: copies would count twice)\n",
	       t_c);
	t_sql = t_a < t_b ? t_a : t_b;
	if (t_cli >= 0 && t_cli < t_sql)
		t_sql = t_cli;
	printf("  ratio to the fastest SQL: %.2fx (target <= 1.5x); under 2 s: %s\n",
	       t_rep / t_sql, t_rep < 2.0 ? "yes" : "NO");
	printf("  ratio to the no-merge floor (c): %.2fx\n", t_rep / t_c);
	printf("  peak resident memory of this process: %ld MB\n", ru.ru_maxrss / 1024);
	printf("neuvoo report --contacts --format csv (streamed, the command): %.3f s, peak resident %ld MB"
	       " (target <= 50 MB): %s\n", t_contacts, contacts_mb, contacts_mb <= 50 ? "yes" : "NO");
	printf("report --by day --format html --suppress 5: %.3f s\n", t_html);
	if ((long)n != sql_total)
		die("check", "the report and the SQL disagree on the number of contacts");

	if (!keep) {
		char *cmd = xasprintf("rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "bench_stats: could not remove %s\n", dir);
		free(cmd);
	}
	free(script_a);
	free(script_b);
	free(script_c);
	free(script_path);
	free(stats_dir);
	free(marker);
	free(dir);
	return 0;
}
