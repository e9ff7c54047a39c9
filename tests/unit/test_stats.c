/* test_stats: the desk statistics file. Save, undo, the draft journal,
 * refusals (newer schema, damaged file), modes, two writers on one file. */
#include <config.h>

#include "util.h"

#include <grp.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

#include "core/err.h"
#include "core/stats.h"

/* 2026-11-22 14:05 in Helsinki (UTC+2 in November). */
#define T_1405 ((time_t)1795349100)

struct fx {
	char *dir;
	char *path;
};

static int setup(void **state)
{
	struct fx *fx = calloc(1, sizeof *fx);
	fx->dir = util_tmpdir();
	fx->path = malloc(strlen(fx->dir) + 32);
	sprintf(fx->path, "%s/stats/desk1.db", fx->dir);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;
	util_rmtree(&fx->dir);
	free(fx->path);
	free(fx);
	return 0;
}

static struct stats *open_ok(const char *path, const char *desk)
{
	struct stats_opts o = { desk, NULL, NULL, 0, 0 };
	struct stats *st = NULL;
	char *err = NULL;
	if (stats_open(&st, path, &o, &err) != 0)
		fail_msg("stats_open: %s", err);
	return st;
}

static struct contact *contact_at(time_t start, unsigned topics)
{
	struct contact *c = contact_new(NULL);
	c->started_at = start;
	c->ended_at = start + 120;
	c->topics = topics;
	return c;
}

static void save_ok(struct stats *st, struct contact *c)
{
	char *err = NULL;
	if (stats_save(st, c, &err) != 0)
		fail_msg("stats_save: %s", err);
}

static int count_day(struct stats *st, const char *date, int topics[TOPIC__N])
{
	int n = -1;
	char *err = NULL;
	if (stats_count_day(st, date, &n, topics, &err) != 0)
		fail_msg("stats_count_day: %s", err);
	return n;
}

static int sql_int(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	int v = -1;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

static char *sql_text(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *s;
	char *v = NULL;
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &s, NULL), SQLITE_OK);
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0))
		v = strdup((const char *)sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_close(db);
	return v;
}

static void test_save_and_count(void **state)
{
	struct fx *fx = *state;
	struct stats *st = open_ok(fx->path, "desk1");
	struct contact *c = contact_at(T_1405, (1u << TOPIC_HOUSING) | (1u << TOPIC_DAYCARE));
	int topics[TOPIC__N];
	char *s;

	contact_set_language(c, "so");
	c->outcome = codes_find(CODES_OUTCOME, "redirected");
	contact_set_redirect(c, "adult-social-work");
	c->redirect_reason = codes_find(CODES_REASON, "language");
	save_ok(st, c);
	/* A UUID v4. */
	assert_non_null(c->id);
	assert_int_equal(strlen(c->id), 36);
	assert_int_equal(c->id[14], '4');
	assert_true(strchr("89ab", c->id[19]) != NULL);
	contact_free(&c);

	c = contact_at(T_1405 + 600, 1u << TOPIC_HOUSING);
	save_ok(st, c);
	contact_free(&c);
	/* The next day, 00:30 local. */
	c = contact_at(T_1405 + 10 * 3600 + 25 * 60, 1u << TOPIC_HEALTH);
	save_ok(st, c);
	contact_free(&c);

	assert_int_equal(count_day(st, "2026-11-22", topics), 2);
	assert_int_equal(topics[TOPIC_HOUSING], 2);
	assert_int_equal(topics[TOPIC_DAYCARE], 1);
	assert_int_equal(topics[TOPIC_HEALTH], 0);
	assert_int_equal(count_day(st, "2026-11-23", topics), 1);
	assert_int_equal(topics[TOPIC_HEALTH], 1);
	assert_int_equal(count_day(st, "2026-11-21", NULL), 0);
	stats_close(&st);
	assert_null(st);

	/* Codes are stored as text, the offset for ISO output too. */
	s = sql_text(fx->path, "SELECT channel || '|' || language || '|' || outcome"
		     " || '|' || redirect_reason || '|' || topics || '|' || tz_offset"
		     " || '|' || desk FROM contact ORDER BY started_at LIMIT 1");
	assert_string_equal(s, "walk-in|so|redirected|language|housing;daycare|7200|desk1");
	free(s);
	assert_int_equal(sql_int(fx->path, "SELECT count(*) FROM contact_topic"), 4);
	assert_int_equal(sql_int(fx->path, "PRAGMA user_version"), STATS_SCHEMA_VERSION);
	s = sql_text(fx->path, "PRAGMA journal_mode");
	assert_string_equal(s, "wal");
	free(s);
}

static void test_save_invalid_refused(void **state)
{
	struct fx *fx = *state;
	struct stats *st = open_ok(fx->path, "desk1");
	struct contact *c = contact_new(NULL);
	char *err = NULL;
	assert_int_equal(stats_save(st, c, &err), -1);
	assert_string_equal(err, "tick at least one topic");
	free(err);
	assert_int_equal(count_day(st, "2026-11-22", NULL), 0);
	contact_free(&c);
	stats_close(&st);
}

static void test_modes(void **state)
{
	struct fx *fx = *state;
	struct stats *st = open_ok(fx->path, "desk1");
	struct stats_opts o = { "desk2", NULL, NULL, 0, 0 };
	struct group *g = getgrgid(getegid());
	struct stat sb;
	char *dir2, *path2, *err = NULL;

	stats_close(&st);
	assert_int_equal(stat(fx->path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	path2 = strdup(fx->path);
	*strrchr(path2, '/') = '\0';
	assert_int_equal(stat(path2, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0700);
	free(path2);

	/* With a group: 0640 files, 0750 folders (setgid so that the -wal
	 * and -shm files get the group too). */
	assert_non_null(g);
	o.group = g->gr_name;
	dir2 = malloc(strlen(fx->dir) + 16);
	sprintf(dir2, "%s/shared", fx->dir);
	path2 = malloc(strlen(dir2) + 16);
	sprintf(path2, "%s/desk2.db", dir2);
	if (stats_open(&st, path2, &o, &err) != 0)
		fail_msg("%s", err);
	stats_close(&st);
	assert_int_equal(stat(path2, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0640);
	assert_int_equal(sb.st_gid, g->gr_gid);
	assert_int_equal(stat(dir2, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 02750);

	/* An unknown group is a configuration error, said plainly. */
	o.group = "no-such-group-neuvoo";
	assert_int_equal(stats_open(&st, path2, &o, &err), -1);
	assert_non_null(strstr(err, "no-such-group-neuvoo"));
	free(err);
	free(dir2);
	free(path2);
}

static void test_undo_within_window(void **state)
{
	struct fx *fx = *state;
	struct stats *st = open_ok(fx->path, "desk1");
	struct contact *a = contact_at(T_1405, 1u << TOPIC_HOUSING);
	struct contact *b = contact_at(T_1405 + 60, 1u << TOPIC_LEISURE);
	struct contact *u = NULL;
	char *err = NULL, *kind;

	save_ok(st, a);
	save_ok(st, b);
	/* Five minutes after b was saved. */
	assert_int_equal(stats_undo_last(st, b->ended_at + 300, &u, &err), 0);
	assert_non_null(u);
	assert_string_equal(u->id, b->id);
	assert_int_equal(u->topics, 1u << TOPIC_LEISURE);
	contact_free(&u);
	assert_int_equal(count_day(st, "2026-11-22", NULL), 1);

	/* The undo is recorded, the row kept. */
	assert_int_equal(sql_int(fx->path, "SELECT count(*) FROM contact"), 2);
	assert_int_equal(sql_int(fx->path, "SELECT count(*) FROM contact WHERE undone_at IS NOT NULL"), 1);
	kind = sql_text(fx->path, "SELECT kind || ':' || (contact_id IS NOT NULL) FROM events");
	assert_string_equal(kind, "undo:1");
	free(kind);

	/* Undo again: a is next, still within the window. */
	assert_int_equal(stats_undo_last(st, a->ended_at + 60, NULL, &err), 0);
	assert_int_equal(count_day(st, "2026-11-22", NULL), 0);
	/* Then nothing is left. */
	assert_int_equal(stats_undo_last(st, a->ended_at + 60, NULL, &err), 1);
	assert_non_null(err);
	err_free(&err);
	contact_free(&a);
	contact_free(&b);
	stats_close(&st);
}

static void test_undo_after_window(void **state)
{
	struct fx *fx = *state;
	struct stats *st = open_ok(fx->path, "desk1");
	struct contact *a = contact_at(T_1405, 1u << TOPIC_HOUSING), *u = NULL;
	char *err = NULL;

	save_ok(st, a);
	/* Ten minutes is the default window: 10 min 1 s is too late. */
	assert_int_equal(stats_undo_last(st, a->ended_at + 601, &u, &err), 1);
	assert_null(u);
	assert_non_null(strstr(err, "10 minutes"));
	err_free(&err);
	assert_int_equal(count_day(st, "2026-11-22", NULL), 1);
	assert_int_equal(sql_int(fx->path, "SELECT count(*) FROM events"), 0);
	contact_free(&a);
	stats_close(&st);
}

static void test_draft_roundtrip(void **state)
{
	struct fx *fx = *state;
	struct stats *st = open_ok(fx->path, "desk1");
	struct contact *d = contact_new(NULL), *got = NULL;
	char *err = NULL;

	assert_int_equal(stats_draft_get(st, &got, &err), 0);
	assert_null(got);

	d->started_at = T_1405;
	d->channel = codes_find(CODES_CHANNEL, "phone");
	contact_set_language(d, "uk");
	d->interpreter = codes_find(CODES_INTERPRETER, "video");
	d->topics = (1u << TOPIC_MOVING) | (1u << TOPIC_PERMITS);
	d->outcome = codes_find(CODES_OUTCOME, "consulted");
	contact_set_redirect(d, "migri");
	d->redirect_reason = codes_find(CODES_REASON, "expertise");
	d->interpreter_resource = strdup("video-uk");
	d->discovery = codes_find(CODES_DISCOVERY, "internet");
	d->age_band = codes_find(CODES_AGE, "30-64");
	d->gender = codes_find(CODES_GENDER, "female");
	d->life_situation = 2;
	contact_set_note(d, "needs forms");
	assert_int_equal(stats_draft_put(st, d, &err), 0);
	/* A second put replaces the first. */
	d->topics |= 1u << TOPIC_HOUSING;
	assert_int_equal(stats_draft_put(st, d, &err), 0);

	/* As after a SIGKILL: a new handle finds the draft. */
	stats_close(&st);
	st = open_ok(fx->path, "desk1");
	assert_int_equal(stats_draft_get(st, &got, &err), 0);
	assert_non_null(got);
	assert_int_equal(got->started_at, T_1405);
	assert_int_equal(got->channel, d->channel);
	assert_string_equal(got->language, "uk");
	assert_int_equal(got->interpreter, d->interpreter);
	assert_int_equal(got->topics, d->topics);
	assert_int_equal(got->outcome, d->outcome);
	assert_string_equal(got->redirect_service, "migri");
	assert_int_equal(got->redirect_reason, d->redirect_reason);
	assert_string_equal(got->interpreter_resource, "video-uk");
	assert_int_equal(got->discovery, d->discovery);
	assert_int_equal(got->age_band, d->age_band);
	assert_int_equal(got->gender, d->gender);
	assert_int_equal(got->life_situation, 2);
	assert_string_equal(got->note, "needs forms");
	assert_null(got->id);
	contact_free(&got);

	/* Saving the contact removes the draft in the same transaction. */
	save_ok(st, d);
	assert_int_equal(stats_draft_get(st, &got, &err), 0);
	assert_null(got);

	assert_int_equal(stats_draft_put(st, d, &err), 0);
	assert_int_equal(stats_draft_clear(st, &err), 0);
	assert_int_equal(stats_draft_get(st, &got, &err), 0);
	assert_null(got);
	contact_free(&d);
	stats_close(&st);
}

static void test_newer_schema_refused(void **state)
{
	struct fx *fx = *state;
	struct stats *st = NULL;
	sqlite3 *db;
	char *err = NULL, *dir = strdup(fx->path), *mode;
	struct stat before, after;

	*strrchr(dir, '/') = '\0';
	mkdir(dir, 0700);
	free(dir);
	assert_int_equal(sqlite3_open(fx->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE contact (id TEXT);"
				      "PRAGMA user_version = 7;", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(stat(fx->path, &before), 0);

	assert_int_equal(stats_open(&st, fx->path, NULL, &err), -1);
	assert_null(st);
	assert_non_null(strstr(err, fx->path));
	assert_non_null(strstr(err, "newer"));
	assert_null(strchr(err, '\n'));
	err_free(&err);
	assert_int_equal(stats_open_read(fx->path, &db, &err), -1);
	assert_non_null(strstr(err, "newer"));
	err_free(&err);

	/* Never altered: same size and time, still rollback journal. */
	assert_int_equal(stat(fx->path, &after), 0);
	assert_int_equal(before.st_size, after.st_size);
	assert_int_equal(before.st_mtim.tv_sec, after.st_mtim.tv_sec);
	assert_int_equal(before.st_mtim.tv_nsec, after.st_mtim.tv_nsec);
	assert_int_equal(sql_int(fx->path, "PRAGMA user_version"), 7);
	mode = sql_text(fx->path, "PRAGMA journal_mode");
	assert_string_equal(mode, "delete");
	free(mode);
}

static void test_damaged_file(void **state)
{
	struct fx *fx = *state;
	struct stats *st = NULL;
	sqlite3 *db;
	char *err = NULL, *dir = strdup(fx->path), *other;
	size_t i;
	FILE *f;

	*strrchr(dir, '/') = '\0';
	mkdir(dir, 0700);
	f = fopen(fx->path, "w");
	for (i = 0; i < 200; i++)
		fputs("not a database at all ", f);
	fclose(f);
	assert_int_equal(stats_open(&st, fx->path, NULL, &err), -1);
	assert_non_null(strstr(err, fx->path));
	assert_non_null(strstr(err, "damaged"));
	assert_null(strchr(err, '\n'));
	err_free(&err);
	assert_int_equal(stats_open_read(fx->path, &db, &err), -1);
	assert_non_null(strstr(err, "damaged"));
	err_free(&err);

	/* Some other program's database. */
	other = util_write(dir, "other.db", "");
	assert_int_equal(sqlite3_open(other, &db), SQLITE_OK);
	sqlite3_exec(db, "CREATE TABLE t (x)", NULL, NULL, NULL);
	sqlite3_close(db);
	assert_int_equal(stats_open(&st, other, NULL, &err), -1);
	assert_non_null(strstr(err, "not a neuvoo statistics file"));
	err_free(&err);

	/* A folder where a file is: one line naming it. */
	free(other);
	other = malloc(strlen(fx->path) + 16);
	sprintf(other, "%s/x.db", fx->path);
	assert_int_equal(stats_open(&st, other, NULL, &err), -1);
	assert_non_null(strstr(err, fx->path));
	assert_null(strchr(err, '\n'));
	err_free(&err);
	free(other);
	free(dir);
}

static void test_closed_day_refused(void **state)
{
	struct fx *fx = *state;
	struct stats *st = open_ok(fx->path, "desk1");
	struct contact *c = contact_at(T_1405, 1u << TOPIC_HOUSING);
	sqlite3 *db;
	char *err = NULL;

	assert_int_equal(sqlite3_open(fx->path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 5000);
	assert_int_equal(sqlite3_exec(db, "INSERT INTO day_close VALUES"
				      " ('2026-11-22', 1, 'supervisor')", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(stats_save(st, c, &err), -1);
	assert_non_null(strstr(err, "2026-11-22"));
	err_free(&err);
	/* The contact is as it was: the desk keeps it as a draft. */
	assert_int_equal(c->ended_at, T_1405 + 120);
	assert_int_equal(count_day(st, "2026-11-22", NULL), 0);
	contact_free(&c);
	stats_close(&st);
}

static void test_note_purge(void **state)
{
	struct fx *fx = *state;
	struct stats *st = open_ok(fx->path, "desk1");
	time_t now = time(NULL);
	struct contact *old = contact_at(now - 40 * 86400, 1u << TOPIC_HOUSING);
	struct contact *recent = contact_at(now - 3 * 86400, 1u << TOPIC_HOUSING);

	contact_set_note(old, "old note");
	contact_set_note(recent, "recent note");
	save_ok(st, old);
	save_ok(st, recent);
	stats_close(&st);
	assert_int_equal(sql_int(fx->path, "SELECT count(*) FROM contact WHERE note IS NOT NULL"), 2);
	/* Retention 30 days (the default) on the next open. */
	st = open_ok(fx->path, "desk1");
	stats_close(&st);
	assert_int_equal(sql_int(fx->path, "SELECT count(*) FROM contact WHERE note IS NOT NULL"), 1);
	assert_int_equal(sql_int(fx->path, "SELECT count(*) FROM contact WHERE note = 'recent note'"), 1);
	contact_free(&old);
	contact_free(&recent);
}

static void test_two_handles_interleaved(void **state)
{
	struct fx *fx = *state;
	struct stats *a = open_ok(fx->path, "desk1"), *b = open_ok(fx->path, "desk1");
	int i;
	for (i = 0; i < 50; i++) {
		struct contact *c = contact_at(T_1405 + i, 1u << TOPIC_HOUSING);
		save_ok(i % 2 ? a : b, c);
		contact_free(&c);
		c = contact_at(T_1405 + i, 1u << TOPIC_HEALTH);
		save_ok(i % 2 ? b : a, c);
		contact_free(&c);
	}
	assert_int_equal(count_day(a, "2026-11-22", NULL), 100);
	assert_int_equal(count_day(b, "2026-11-22", NULL), 100);
	stats_close(&a);
	stats_close(&b);
}

static int save_many(const char *path, int n, unsigned topic)
{
	struct stats *st = NULL;
	struct stats_opts o = { "desk1", NULL, NULL, 0, 0 };
	char *err = NULL;
	int i;
	if (stats_open(&st, path, &o, &err) != 0) {
		fprintf(stderr, "%s\n", err);
		return -1;
	}
	for (i = 0; i < n; i++) {
		struct contact *c = contact_at(T_1405 + i, 1u << topic);
		if (stats_save(st, c, &err) != 0) {
			fprintf(stderr, "%s\n", err);
			return -1;
		}
		contact_free(&c);
	}
	stats_close(&st);
	return 0;
}

static void test_two_processes(void **state)
{
	struct fx *fx = *state;
	struct stats *st;
	char *ok;
	pid_t pid;
	int status = -1;

	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0)
		_exit(save_many(fx->path, 200, TOPIC_HEALTH) ? 1 : 0);
	assert_int_equal(save_many(fx->path, 200, TOPIC_HOUSING), 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	st = open_ok(fx->path, "desk1");
	assert_int_equal(count_day(st, "2026-11-22", NULL), 400);
	stats_close(&st);
	ok = sql_text(fx->path, "PRAGMA integrity_check");
	assert_string_equal(ok, "ok");
	free(ok);
}

static void test_local_day(void **state)
{
	time_t s, e;
	char buf[11];
	(void)state;
	assert_int_equal(stats_local_day("2026-11-22", &s, &e), 0);
	assert_int_equal(s, T_1405 - 14 * 3600 - 5 * 60);
	assert_int_equal(e - s, 86400);
	/* The spring DST change in Helsinki: a 23-hour day. */
	assert_int_equal(stats_local_day("2026-03-29", &s, &e), 0);
	assert_int_equal(e - s, 23 * 3600);
	assert_int_equal(stats_local_day("2024-02-29", &s, &e), 0);
	assert_int_equal(stats_local_day("2026-02-29", &s, &e), -1);
	assert_int_equal(stats_local_day("2026-13-01", &s, &e), -1);
	assert_int_equal(stats_local_day("2026-1-01", &s, &e), -1);
	assert_int_equal(stats_local_day("today", &s, &e), -1);
	assert_int_equal(stats_local_day("2026-11-22x", &s, &e), -1);
	stats_format_date(T_1405, buf);
	assert_string_equal(buf, "2026-11-22");
}

static void test_ids_unique(void **state)
{
	char *a = stats_new_id(), *b = stats_new_id();
	(void)state;
	assert_int_equal(strlen(a), 36);
	assert_string_not_equal(a, b);
	assert_int_equal(a[8], '-');
	assert_int_equal(a[23], '-');
	free(a);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_save_and_count, setup, teardown),
		cmocka_unit_test_setup_teardown(test_save_invalid_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_modes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_undo_within_window, setup, teardown),
		cmocka_unit_test_setup_teardown(test_undo_after_window, setup, teardown),
		cmocka_unit_test_setup_teardown(test_draft_roundtrip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_newer_schema_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damaged_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_closed_day_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_note_purge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_handles_interleaved, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_processes, setup, teardown),
		cmocka_unit_test(test_local_day),
		cmocka_unit_test(test_ids_unique),
	};
	/* Helsinki time without depending on the machine's tzdata. */
	setenv("TZ", "EET-2EEST,M3.5.0/3,M10.5.0/4", 1);
	tzset();
	setenv("LANGUAGE", "en", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
