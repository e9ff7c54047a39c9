/* test_results: the training results file: created private, attempts and
 * their items round-trip, attempt numbers count per trainee and scenario,
 * what `neuvoo train --results` prints as text, csv and json (parsed back
 * with json-c), files merged idempotently, and a trainee's reset. */
#include "util.h"

#include <config.h>

#include <sqlite3.h>
#include <sys/stat.h>
#include <time.h>

#include <json-c/json.h>

#include "core/contact.h"
#include "core/err.h"
#include "core/results.h"
#include "core/results_report.h"
#include "core/scenario.h"

static char *tmp;

static int setup(void **state)
{
	(void)state;
	tmp = util_tmpdir();
	setenv("HOME", tmp, 1);
	setenv("XDG_DATA_HOME", tmp, 1);
	setenv("XDG_STATE_HOME", tmp, 1);
	setenv("XDG_CONFIG_HOME", tmp, 1);
	setenv("TZ", "Europe/Helsinki", 1);
	tzset();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	util_rmtree(&tmp);
	return 0;
}

static const char scenario_conf[] =
	"id = \"s1\"\n"
	"title_en = \"One\"\n"
	"language = \"so\"\n"
	"step { en = \"Hello\" }\n"
	"key {\n"
	"\tchannel { accept = {\"walk-in\"} }\n"
	"\tlanguage { accept = {\"so\"} }\n"
	"\tinterpreter { accept = {\"phone\"} }\n"
	"\ttopic housing { weight = 2 }\n"
	"\toutcome { accept = {\"answered\"} }\n"
	"}\n";

static struct scenario *load(void)
{
	char *path = util_write(tmp, "s1.conf", scenario_conf), *err = NULL;
	struct scenario *sc = NULL;
	if (scenario_load_file(path, &sc, &err) != 0)
		fail_msg("%s", err);
	free(path);
	return sc;
}

/* A graded attempt: walk-in, so, no interpreter, housing + leisure. */
static void grade_one(const struct scenario *sc, struct grade *g)
{
	struct contact_defaults d;
	struct contact *c;
	contact_defaults_init(&d);
	c = contact_new(&d);
	c->channel = codes_find(CODES_CHANNEL, "walk-in");
	contact_set_language(c, "so");
	c->interpreter = codes_find(CODES_INTERPRETER, "none");
	c->topics = (1u << TOPIC_HOUSING) | (1u << TOPIC_LEISURE);
	c->outcome = codes_find(CODES_OUTCOME, "answered");
	scenario_grade(sc, c, g);
	contact_free(&c);
}

static char *dir_path(const char *name)
{
	return xasprintf("%s/%s", tmp, name);
}

static void record(struct results *r, const char *trainee, const char *scn,
		   time_t start, int secs, const struct grade *g,
		   struct results_attempt *a)
{
	char *err = NULL;
	memset(a, 0, sizeof *a);
	a->trainee = (char *)trainee;
	a->scenario = (char *)scn;
	a->started_at = start;
	a->ended_at = start + secs;
	if (results_record(r, a, g, &err) != 0)
		fail_msg("%s", err);
}

static void test_private_file(void **state)
{
	char *dir = dir_path("state/neuvoo/training"), *err = NULL, *path;
	struct results *r = NULL;
	struct stat st;
	sqlite3 *db;
	sqlite3_stmt *s;
	(void)state;

	/* nothing there yet: reading creates nothing */
	assert_int_equal(results_open_existing(&r, dir, &err), 1);
	assert_null(r);
	assert_int_not_equal(stat(dir, &st), 0);

	if (results_open(&r, dir, &err) != 0)
		fail_msg("%s", err);
	path = xasprintf("%s/results.db", dir);
	assert_string_equal(results_path(r), path);
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	results_close(&r);
	assert_null(r);

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &s, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(s), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(s, 0), "wal");
	sqlite3_finalize(s);
	sqlite3_close(db);

	assert_int_equal(results_open_existing(&r, dir, &err), 0);
	assert_non_null(r);
	results_close(&r);
	free(path);
	free(dir);
}

static void test_record_and_list(void **state)
{
	char *dir = dir_path("rt"), *err = NULL;
	struct scenario *sc = load();
	struct results *r = NULL;
	struct results_attempt a, *list = NULL;
	struct results_item *items = NULL;
	struct grade g;
	size_t n = 0, n_items = 0, i;
	int count;
	(void)state;

	grade_one(sc, &g);
	/* 1 + 1 + 0 + 2 + 1 of 6 is 83 %, less 5 for leisure */
	assert_int_equal(g.score, 78);
	if (results_open(&r, dir, &err) != 0)
		fail_msg("%s", err);
	record(r, "trainee-b", "s1", 1000000, 300, &g, &a);
	assert_int_equal(a.attempt, 1);
	assert_int_equal(a.seconds, 300);
	assert_int_equal(a.score, 78);
	assert_true(a.id > 0);
	record(r, "trainee-a", "s1", 2000000, 90, &g, &a);
	assert_int_equal(a.attempt, 1);
	record(r, "trainee-a", "s1", 2000500, 60, &g, &a);
	assert_int_equal(a.attempt, 2);
	record(r, "trainee-a", "s2", 2001000, 45, &g, &a);
	assert_int_equal(a.attempt, 1);
	assert_int_equal(results_count(r, "trainee-a", "s1", &count, &err), 0);
	assert_int_equal(count, 2);
	assert_int_equal(results_count(r, "trainee-c", "s1", &count, &err), 0);
	assert_int_equal(count, 0);

	if (results_list(r, &list, &n, &err) != 0)
		fail_msg("%s", err);
	assert_int_equal(n, 4);
	/* by trainee, scenario, attempt */
	assert_string_equal(list[0].trainee, "trainee-a");
	assert_string_equal(list[0].scenario, "s1");
	assert_int_equal(list[0].attempt, 1);
	assert_int_equal(list[1].attempt, 2);
	assert_int_equal(list[1].seconds, 60);
	assert_int_equal(list[1].started_at, 2000500);
	assert_int_equal(list[1].ended_at, 2000560);
	assert_string_equal(list[2].scenario, "s2");
	assert_string_equal(list[3].trainee, "trainee-b");
	assert_int_equal(list[3].score, 78);

	/* every graded item is kept, in order */
	if (results_items(r, list[3].id, &items, &n_items, &err) != 0)
		fail_msg("%s", err);
	assert_int_equal(n_items, g.n_items);
	for (i = 0; i < n_items; i++) {
		char *key = grade_item_key(&g.items[i]);
		assert_string_equal(items[i].item, key);
		assert_int_equal(items[i].matched, g.items[i].matched);
		assert_int_equal(items[i].points, g.items[i].points);
		assert_string_equal(items[i].got, g.items[i].got);
		free(key);
	}
	assert_string_equal(items[2].item, "interpreter");
	assert_false(items[2].matched);
	assert_string_equal(items[2].expected, "phone");
	assert_string_equal(items[2].got, "none");
	assert_string_equal(items[4].item, "extra-topic:leisure");
	assert_int_equal(items[4].points, -5);
	results_items_free(&items, n_items);
	results_list_free(&list, n);
	results_close(&r);

	/* and it is all there after reopening */
	assert_int_equal(results_open_existing(&r, dir, &err), 0);
	assert_int_equal(results_list(r, &list, &n, &err), 0);
	assert_int_equal(n, 4);
	results_list_free(&list, n);
	results_close(&r);

	grade_free(&g);
	scenario_free(&sc);
	free(dir);
}

static char *capture_csv(const struct results_attempt *a, size_t n)
{
	char *buf = NULL, *err = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_int_equal(results_write_csv(f, a, n, &err), 0);
	fclose(f);
	return buf;
}

static void test_csv(void **state)
{
	struct results_attempt a[2];
	char *out;
	(void)state;

	out = capture_csv(NULL, 0);
	assert_string_equal(out, "trainee,scenario,attempt,score,seconds,finished_at\r\n");
	free(out);

	memset(a, 0, sizeof a);
	a[0].trainee = (char *)"trainee, with comma";
	a[0].scenario = (char *)"s1";
	a[0].attempt = 2;
	a[0].score = 85;
	a[0].seconds = 125;
	/* 2026-01-15 10:00:00 UTC is 12:00 in Helsinki (winter, +02:00) */
	a[0].ended_at = 1768471200;
	a[1].trainee = (char *)"b";
	a[1].scenario = (char *)"s2";
	a[1].attempt = 1;
	/* 2026-07-01 09:00:00 UTC: summer time, +03:00 */
	a[1].ended_at = 1782896400;
	out = capture_csv(a, 2);
	assert_string_equal(out,
		"trainee,scenario,attempt,score,seconds,finished_at\r\n"
		"\"trainee, with comma\",s1,2,85,125,2026-01-15T12:00:00+02:00\r\n"
		"b,s2,1,0,0,2026-07-01T12:00:00+03:00\r\n");
	free(out);
	/* A name a spreadsheet would run as a formula gets a "'". */
	a[1].trainee = (char *)"=HYPERLINK(1)";
	a[1].scenario = (char *)"-s2";
	out = capture_csv(a + 1, 1);
	assert_non_null(strstr(out, "\r\n'=HYPERLINK(1),'-s2,1,0,0,"));
	free(out);
}

static char *capture_text(const struct results_attempt *a, size_t n,
			  const struct scenario_set *set)
{
	char *buf = NULL, *err = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_int_equal(results_write_text(f, a, n, set, &err), 0);
	fclose(f);
	return buf;
}

static struct scenario *bare(const char *id)
{
	struct scenario *sc = xcalloc(1, sizeof *sc);
	sc->id = xstrdup(id);
	sc->difficulty = SC_EASY;
	return sc;
}

/* Per trainee: every scenario on offer with best score, attempts and last
 * time; progress counts the ones done out of all. */
static void test_text(void **state)
{
	struct scenario_set *set = xcalloc(1, sizeof *set);
	struct results_attempt a[4];
	char *out;
	(void)state;

	out = capture_text(NULL, 0, NULL);
	assert_string_equal(out, "No training results yet.\n");
	free(out);

	set->n = 3;
	set->v = xcalloc(3, sizeof *set->v);
	set->v[0] = bare("s1");
	set->v[1] = bare("s2");
	set->v[2] = bare("s3");
	memset(a, 0, sizeof a);
	a[0] = (struct results_attempt){ 0, (char *)"alex", (char *)"s1", 1, 0, 1768471200, 60, 40, NULL, 0 };
	a[1] = (struct results_attempt){ 0, (char *)"alex", (char *)"s1", 2, 0, 1768474800, 50, 90, NULL, 0 };
	a[2] = (struct results_attempt){ 0, (char *)"alex", (char *)"s3", 1, 0, 1768478400, 40, 71, NULL, 0 };
	a[3] = (struct results_attempt){ 0, (char *)"kim", (char *)"old", 1, 0, 1768471200, 40, 50, NULL, 0 };
	out = capture_text(a, 4, set);
	assert_string_equal(out,
		"Trainee: alex\n"
		"  Scenario  First try  Best  Attempts  Last\n"
		"  s1               40    90         2  2026-01-15 13:00\n"
		"  s2                -     -         0  -\n"
		"  s3               71    71         1  2026-01-15 14:00\n"
		"  Progress: 2 of 3 scenarios done, mean best score 81\n"
		"\n"
		"Trainee: kim\n"
		"  Scenario  First try  Best  Attempts  Last\n"
		"  s1                -     -         0  -\n"
		"  s2                -     -         0  -\n"
		"  s3                -     -         0  -\n"
		"  old              50    50         1  2026-01-15 12:00\n"
		"  Progress: 0 of 3 scenarios done\n"
		"\n"
		"Group: 2 trainees, 4 attempts\n"
		"  Scenario  Trainees  Mean first  Mean best\n"
		"  s1               1          40         90\n"
		"  s3               1          71         71\n"
		"  old              1          50         50\n");
	free(out);
	scenario_set_free(&set);
}

/* Files neuvoo must not touch: a newer schema, or not a results file. */
static void test_refuses(void **state)
{
	char *dir = dir_path("newer"), *path, *err = NULL;
	struct results *r = NULL;
	sqlite3 *db;
	(void)state;

	assert_int_equal(results_open(&r, dir, &err), 0);
	results_close(&r);
	path = xasprintf("%s/results.db", dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 7", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_not_equal(results_open(&r, dir, &err), 0);
	assert_null(r);
	assert_non_null(strstr(err, path));
	assert_non_null(strstr(err, "newer neuvoo"));
	err_free(&err);
	free(path);
	free(dir);

	dir = dir_path("other");
	assert_int_equal(mkdir(dir, 0700), 0);
	path = xasprintf("%s/results.db", dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE x (y)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_not_equal(results_open_existing(&r, dir, &err), 0);
	assert_non_null(strstr(err, "not a neuvoo training results file"));
	err_free(&err);
	free(path);
	free(dir);
}

/* A results file is used only with exactly neuvoo's tables and columns. */
static void test_refuses_odd_schema(void **state)
{
	static const struct { const char *sql, *word; } cases[] = {
		{ "CREATE VIEW v AS SELECT zeroblob(200000000)", "view 'v'" },
		{ "CREATE TRIGGER t AFTER INSERT ON attempt BEGIN SELECT 1; END", "trigger 't'" },
		{ "ALTER TABLE attempt ADD COLUMN big BLOB GENERATED ALWAYS AS (zeroblob(200000000)) VIRTUAL",
		  "generated or hidden column" },
		{ "ALTER TABLE attempt ADD COLUMN extra TEXT", "other columns" },
		{ "CREATE TABLE extra (x)", "unknown table 'extra'" },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *name = xasprintf("odd%zu", i);
		char *dir = dir_path(name), *path, *err = NULL;
		struct results *r = NULL;
		sqlite3 *db;
		assert_int_equal(results_open(&r, dir, &err), 0);
		results_close(&r);
		path = xasprintf("%s/results.db", dir);
		assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
		if (sqlite3_exec(db, cases[i].sql, NULL, NULL, NULL) != SQLITE_OK)
			fail_msg("%s: %s", cases[i].sql, sqlite3_errmsg(db));
		sqlite3_close(db);
		assert_int_not_equal(results_open_existing(&r, dir, &err), 0);
		assert_null(r);
		if (!strstr(err, cases[i].word) || !strstr(err, path))
			fail_msg("'%s': %s", cases[i].sql, err);
		err_free(&err);
		assert_int_not_equal(results_open(&r, dir, &err), 0);
		err_free(&err);
		free(path);
		free(dir);
		free(name);
	}
}

/* Two servers' files and a copy of one of them: every attempt once,
 * numbered again in the order made, the first and best score and the
 * items missed most, per trainee and for the group, as json. */
static void test_merge_and_json(void **state)
{
	char *d1 = dir_path("server1"), *d2 = dir_path("server2"), *err = NULL;
	char *copy = dir_path("copy.db"), *src, *paths[3], *buf = NULL;
	struct scenario *sc = load();
	struct results *r1 = NULL, *r2 = NULL;
	struct results_attempt a, *all = NULL;
	struct grade g;
	size_t n = 0, len = 0;
	FILE *f;
	json_object *root, *t, *x, *grp;
	(void)state;

	grade_one(sc, &g);	/* 78: interpreter and leisure missed */
	assert_int_equal(results_open(&r1, d1, &err), 0);
	assert_int_equal(results_open(&r2, d2, &err), 0);
	record(r1, "alex", "s1", 1000, 60, &g, &a);
	g.score = 95;
	record(r2, "alex", "s1", 5000, 60, &g, &a);	/* later, elsewhere */
	record(r2, "kim", "s1", 3000, 60, &g, &a);
	results_close(&r2);
	/* a copy of server 1's file, given too */
	src = xasprintf("%s/results.db", d1);
	{
		FILE *in = fopen(src, "rb"), *out = fopen(copy, "wb");
		char chunk[4096];
		size_t k;
		assert_non_null(in);
		assert_non_null(out);
		while ((k = fread(chunk, 1, sizeof chunk, in)) > 0)
			fwrite(chunk, 1, k, out);
		fclose(in);
		fclose(out);
	}
	paths[0] = d2;		/* a folder holding results.db */
	paths[1] = copy;
	paths[2] = src;
	assert_int_equal(results_gather(r1, paths, 3, NULL, &all, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_string_equal(all[0].trainee, "alex");
	assert_int_equal(all[0].attempt, 1);
	assert_int_equal(all[0].score, 78);
	assert_int_equal(all[1].attempt, 2);
	assert_int_equal(all[1].score, 95);
	assert_string_equal(all[2].trainee, "kim");
	assert_int_equal(all[2].n_items, g.n_items);

	f = open_memstream(&buf, &len);
	assert_int_equal(results_write_json(f, all, n, &err), 0);
	fclose(f);
	root = json_tokener_parse(buf);
	assert_non_null(root);
	t = json_object_array_get_idx(json_object_object_get(root, "trainees"), 0);
	assert_string_equal(json_object_get_string(json_object_object_get(t, "trainee")), "alex");
	x = json_object_array_get_idx(json_object_object_get(t, "scenarios"), 0);
	assert_int_equal(json_object_get_int(json_object_object_get(x, "first")), 78);
	assert_int_equal(json_object_get_int(json_object_object_get(x, "best")), 95);
	assert_int_equal(json_object_get_int(json_object_object_get(x, "attempts")), 2);
	x = json_object_array_get_idx(json_object_object_get(t, "missed"), 0);
	assert_int_equal(json_object_get_int(json_object_object_get(x, "missed")), 2);
	assert_int_equal(json_object_get_int(json_object_object_get(x, "graded")), 2);
	x = json_object_array_get_idx(json_object_object_get(t, "attempts"), 1);
	assert_int_equal(json_object_array_length(json_object_object_get(x, "items")),
			 (int)g.n_items);
	grp = json_object_object_get(root, "group");
	assert_int_equal(json_object_get_int(json_object_object_get(grp, "trainees")), 2);
	assert_int_equal(json_object_get_int(json_object_object_get(grp, "attempts")), 3);
	x = json_object_array_get_idx(json_object_object_get(grp, "scenarios"), 0);
	assert_int_equal(json_object_get_int(json_object_object_get(x, "trainees")), 2);
	assert_int_equal(json_object_get_int(json_object_object_get(x, "mean_first")),
			 (78 + 95 + 1) / 2);
	assert_int_equal(json_object_get_int(json_object_object_get(x, "mean_best")), 95);
	x = json_object_array_get_idx(json_object_object_get(grp, "missed"), 0);
	assert_int_equal(json_object_get_int(json_object_object_get(x, "missed")), 3);
	json_object_put(root);
	free(buf);
	results_list_free(&all, n);

	/* One trainee only. */
	assert_int_equal(results_gather(r1, paths, 3, "kim", &all, &n, &err), 0);
	assert_int_equal(n, 1);
	results_list_free(&all, n);
	/* A path that is not there is said, with its name. */
	paths[0] = dir_path("nowhere");
	assert_int_not_equal(results_gather(r1, paths, 1, NULL, &all, &n, &err), 0);
	assert_non_null(strstr(err, "nowhere"));
	err_free(&err);
	free(paths[0]);

	/* The text shows the items most often missed. */
	assert_int_equal(results_gather(r1, NULL, 0, NULL, &all, &n, &err), 0);
	buf = capture_text(all, n, NULL);
	assert_non_null(strstr(buf, "Most often missed: extra-topic:leisure 1 of 1, interpreter 1 of 1\n"));
	free(buf);
	results_list_free(&all, n);

	results_close(&r1);
	grade_free(&g);
	scenario_free(&sc);
	free(src);
	free(copy);
	free(d1);
	free(d2);
}

/* --reset removes one trainee's attempts and items, nobody else's. */
static void test_reset(void **state)
{
	char *dir = dir_path("reset"), *err = NULL;
	struct scenario *sc = load();
	struct results *r = NULL;
	struct results_attempt a, *all = NULL;
	struct grade g;
	size_t n = 0;
	int removed = -1, count;
	(void)state;

	grade_one(sc, &g);
	assert_int_equal(results_open(&r, dir, &err), 0);
	record(r, "alex", "s1", 1000, 60, &g, &a);
	record(r, "alex", "s1", 2000, 60, &g, &a);
	record(r, "kim", "s1", 3000, 60, &g, &a);
	assert_int_equal(results_reset(r, "alex", &removed, &err), 0);
	assert_int_equal(removed, 2);
	assert_int_equal(results_count(r, "alex", "s1", &count, &err), 0);
	assert_int_equal(count, 0);
	assert_int_equal(results_gather(r, NULL, 0, NULL, &all, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_string_equal(all[0].trainee, "kim");
	assert_int_equal(all[0].n_items, g.n_items);
	results_list_free(&all, n);
	/* no orphan items left behind */
	assert_int_equal(results_reset(r, "nobody", &removed, &err), 0);
	assert_int_equal(removed, 0);
	results_close(&r);
	grade_free(&g);
	scenario_free(&sc);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_private_file),
		cmocka_unit_test(test_record_and_list),
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_text),
		cmocka_unit_test(test_merge_and_json),
		cmocka_unit_test(test_reset),
		cmocka_unit_test(test_refuses),
		cmocka_unit_test(test_refuses_odd_schema),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
