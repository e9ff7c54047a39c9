/* test_stats: the desk statistics file. Save, undo, the draft journal,
 * refusals (newer schema, damaged file), modes, two writers on one file;
 * sessions (undo and drafts of one's own only, a dead session's draft
 * taken over once), file names, the migration from schema 1, and reading
 * without writing (a running and a crashed writer's log). */
#include <config.h>

#include "util.h"

#include <grp.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <fcntl.h>
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
	struct stats_opts o = { desk, NULL, NULL, 0, 0, NULL };
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

/* Save a new contact of start and topics, and let it go. */
static void save_new(struct stats *st, time_t start, unsigned topics)
{
	struct contact *c = contact_at(start, topics);
	save_ok(st, c);
	contact_free(&c);
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
	struct stats_opts o = { "desk2", NULL, NULL, 0, 0, NULL };
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

	/* With a group: 0640 files, 3770 folders (setgid so that the -wal
	 * and -shm files get the group too, sticky so that nobody removes
	 * another's file). */
	assert_non_null(g);
	o.group = g->gr_name;
	dir2 = malloc(strlen(fx->dir) + 24);
	sprintf(dir2, "%s/shared/stats", fx->dir);
	path2 = malloc(strlen(dir2) + 16);
	sprintf(path2, "%s/desk2.db", dir2);
	if (stats_open(&st, path2, &o, &err) != 0)
		fail_msg("%s", err);
	stats_close(&st);
	assert_int_equal(stat(path2, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0640);
	assert_int_equal(sb.st_gid, g->gr_gid);
	assert_int_equal(stat(dir2, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 03770);
	/* The folder on the way lets the group pass, never write. */
	*strrchr(dir2, '/') = '\0';
	assert_int_equal(stat(dir2, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 02750);
	assert_int_equal(sb.st_gid, g->gr_gid);

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

/* A correction saves over the contact's own row: counted once, its
 * topics and fields changed, corrected_at set, one event a changed
 * field naming the field and never the note's text; a session's list of
 * the day; undo of a listed contact by id. */
static void test_correct_and_list(void **state)
{
	struct fx *fx = *state;
	struct stats *st = open_ok(fx->path, "desk1");
	struct contact *a = contact_at(T_1405, 1u << TOPIC_HOUSING);
	struct contact *b = contact_at(T_1405 + 60, 1u << TOPIC_LEISURE);
	struct contact **list = NULL;
	int topics[TOPIC__N], changed = -1;
	size_t n = 0;
	char *err = NULL, *v;

	save_ok(st, a);
	save_ok(st, b);
	assert_int_equal(stats_session_day(st, "2026-11-22", &list, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_string_equal(list[0]->id, a->id);
	assert_string_equal(list[1]->id, b->id);
	/* Unchanged: nothing written. */
	assert_int_equal(stats_correct(st, list[0], T_1405 + 600, &changed, &err), 0);
	assert_int_equal(changed, 0);
	list[0]->topics |= 1u << TOPIC_OTHER;
	contact_set_note(list[0], "soittaa huomenna");
	assert_int_equal(stats_correct(st, list[0], T_1405 + 600, &changed, &err), 0);
	assert_int_equal(changed, 2);
	assert_int_equal(count_day(st, "2026-11-22", topics), 2);
	assert_int_equal(topics[TOPIC_OTHER], 1);
	assert_int_equal(topics[TOPIC_HOUSING], 1);
	assert_int_equal(sql_int(fx->path, "SELECT count(*) FROM contact WHERE corrected_at IS NOT NULL"), 1);
	v = sql_text(fx->path, "SELECT group_concat(detail, ',') FROM (SELECT detail FROM events WHERE kind = 'correct' ORDER BY id)");
	assert_string_equal(v, "topics,note");
	free(v);
	assert_int_equal(sql_int(fx->path, "SELECT count(*) FROM events WHERE detail LIKE '%huomenna%'"), 0);
	v = sql_text(fx->path, "SELECT topics FROM contact WHERE rowid = 1");
	assert_string_equal(v, "housing;other");
	free(v);
	/* Backdated afterwards: the start and the flag, two events. */
	list[1]->started_at -= 3600;
	list[1]->backdated = true;
	assert_int_equal(stats_correct(st, list[1], T_1405 + 700, &changed, &err), 0);
	assert_int_equal(changed, 2);
	v = sql_text(fx->path, "SELECT group_concat(detail, ',') FROM (SELECT detail FROM events"
		     " WHERE kind = 'correct' AND contact_id = (SELECT id FROM contact WHERE rowid = 2)"
		     " ORDER BY id)");
	assert_string_equal(v, "started_at,backdated");
	free(v);
	assert_int_equal(sql_int(fx->path, "SELECT backdated FROM contact WHERE rowid = 2"), 1);
	assert_int_equal(sql_int(fx->path, "SELECT started_at FROM contact WHERE rowid = 2"),
			 (int)(T_1405 + 60 - 3600));
	/* Undo of the first by id, long after F9's window. */
	assert_int_equal(stats_undo_id(st, list[0]->id, T_1405 + 7200, &err), 0);
	assert_int_equal(count_day(st, "2026-11-22", NULL), 1);
	assert_int_equal(stats_undo_id(st, list[0]->id, T_1405 + 7300, &err), 1);
	err_free(&err);
	/* An undone contact cannot be corrected. */
	assert_int_equal(stats_correct(st, list[0], T_1405 + 7400, &changed, &err), -1);
	err_free(&err);
	stats_contacts_free(&list, n);
	assert_int_equal(stats_session_day(st, "2026-11-22", &list, &n, &err), 0);
	assert_int_equal(n, 1);
	stats_contacts_free(&list, n);
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
	struct stats_reader *rd = NULL;
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
	assert_int_equal(stats_reader_open(&rd, fx->path, &err), -1);
	assert_null(rd);
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
	struct stats_reader *rd = NULL;
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
	assert_int_equal(stats_reader_open(&rd, fx->path, &err), -1);
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

/* A closed day refuses nothing: the sign-off is recorded (here in the
 * desk's own file), the contact is saved and counted. */
static void test_closed_day_saves(void **state)
{
	struct fx *fx = *state;
	struct stats *st = open_ok(fx->path, "desk1");
	struct contact *c = contact_at(T_1405, 1u << TOPIC_HOUSING);
	struct stats_signoffs so = { NULL, 0 };
	const struct stats_signoff *last;
	struct stats_reader *rd = NULL;
	char *err = NULL;

	assert_int_equal(stats_sign_off(st, "2026-11-22", STATS_CLOSE, "supervisor", &err), 0);
	save_ok(st, c);
	assert_int_equal(count_day(st, "2026-11-22", NULL), 1);
	sleep(1);	/* sign-offs are to the second */
	assert_int_equal(stats_sign_off(st, "2026-11-22", STATS_REOPEN, "sup2", &err), 0);
	assert_int_equal(stats_sign_off(st, "2026-02-30", STATS_CLOSE, "x", &err), -1);
	err_free(&err);
	contact_free(&c);
	stats_close(&st);

	assert_int_equal(stats_reader_open(&rd, fx->path, &err), 0);
	assert_int_equal(stats_reader_signoffs(rd, &so, &err), 0);
	stats_reader_free(&rd);
	assert_int_equal(so.n, 2);
	assert_string_equal(so.v[0].by, "supervisor");
	/* Closed up to the reopening, open after it; another day never. */
	assert_true(stats_signoffs_closed(&so, "2026-11-22", so.v[0].at, &last));
	assert_string_equal(last->by, "supervisor");
	assert_false(stats_signoffs_closed(&so, "2026-11-22", so.v[1].at, &last));
	assert_null(last);
	assert_false(stats_signoffs_closed(&so, "2026-11-22", so.v[0].at - 1, NULL));
	assert_false(stats_signoffs_closed(&so, "2026-11-23", so.v[0].at, NULL));
	stats_signoffs_clear(&so);
}

static struct stats *open_session(const char *path, struct stats_session *s)
{
	struct stats_opts o = { "desk1", NULL, NULL, 0, 0, s };
	struct stats *st = NULL;
	char *err = NULL;
	if (stats_open(&st, path, &o, &err) != 0)
		fail_msg("stats_open: %s", err);
	return st;
}

/* F9 undoes only this session's contacts, however the others' lie. */
static void test_undo_own_session(void **state)
{
	struct fx *fx = *state;
	struct stats *a = open_ok(fx->path, "desk1"), *b = open_ok(fx->path, "desk1");
	struct contact *ca = contact_at(T_1405, 1u << TOPIC_HOUSING);
	struct contact *cb = contact_at(T_1405 + 60, 1u << TOPIC_HEALTH), *u = NULL;
	char *err = NULL;

	save_ok(a, ca);
	save_ok(b, cb);	/* the newest contact of the file is b's */
	assert_int_equal(stats_undo_last(a, T_1405 + 300, &u, &err), 0);
	assert_non_null(u);
	assert_string_equal(u->id, ca->id);
	contact_free(&u);
	assert_int_equal(stats_undo_last(a, T_1405 + 300, &u, &err), 1);
	assert_non_null(strstr(err, "no contact saved in this session"));
	err_free(&err);
	assert_int_equal(count_day(b, "2026-11-22", NULL), 1);
	assert_int_equal(stats_undo_last(b, T_1405 + 300, &u, &err), 0);
	assert_string_equal(u->id, cb->id);
	contact_free(&u);
	/* A new session (a desk started again) has nothing to undo. */
	stats_close(&a);
	save_new(b, T_1405 + 90, 1u << TOPIC_HEALTH);
	a = open_ok(fx->path, "desk1");
	assert_int_equal(stats_undo_last(a, T_1405 + 300, &u, &err), 1);
	err_free(&err);
	assert_int_equal(sql_int(fx->path, "SELECT count(DISTINCT session) FROM contact"), 2);
	contact_free(&ca);
	contact_free(&cb);
	stats_close(&a);
	stats_close(&b);
}

/* A live session's draft is its own; a dead one's is taken over, once. */
static void test_draft_sessions(void **state)
{
	struct fx *fx = *state;
	struct stats_session *sa = stats_session_new();
	struct stats *a = open_session(fx->path, sa), *b = open_ok(fx->path, "desk1"), *c;
	struct contact *da = contact_at(T_1405, 1u << TOPIC_HOUSING), *got = NULL;
	struct contact *db_ = contact_at(T_1405 + 5, 1u << TOPIC_HEALTH);
	char *err = NULL;

	da->ended_at = db_->ended_at = 0;
	assert_int_equal(stats_draft_put(a, da, &err), 0);
	assert_int_equal(stats_draft_put(b, db_, &err), 0);
	/* The handle closed and opened again (a failed save): the session
	 * and its lock stay, so does its draft. */
	stats_close(&a);
	a = open_session(fx->path, sa);
	c = open_ok(fx->path, "desk1");
	assert_int_equal(stats_draft_get(c, &got, &err), 0);
	assert_null(got);	/* a and b are alive: neither is taken */
	assert_int_equal(stats_draft_get(a, &got, &err), 0);
	assert_int_equal(got->topics, 1u << TOPIC_HOUSING);
	contact_free(&got);
	assert_int_equal(sql_int(fx->path, "SELECT count(*) FROM draft"), 2);

	/* a dies (its session ends without clearing the draft). */
	stats_close(&a);
	stats_session_free(&sa);
	assert_int_equal(stats_draft_get(c, &got, &err), 0);
	assert_non_null(got);
	assert_int_equal(got->topics, 1u << TOPIC_HOUSING);
	contact_free(&got);
	/* Taken once: the next new session finds nothing, b keeps its own. */
	{
		struct stats *e = open_ok(fx->path, "desk1");
		assert_int_equal(stats_draft_get(e, &got, &err), 0);
		assert_null(got);
		stats_close(&e);
	}
	assert_int_equal(stats_draft_get(b, &got, &err), 0);
	assert_int_equal(got->topics, 1u << TOPIC_HEALTH);
	contact_free(&got);
	/* Saving b's contact clears only b's draft. */
	save_ok(b, db_);
	assert_int_equal(sql_int(fx->path, "SELECT count(*) FROM draft"), 1);
	contact_free(&da);
	contact_free(&db_);
	stats_close(&b);
	stats_close(&c);
}

static void test_file_names(void **state)
{
	char *n = stats_file_name("d1", "anna"), *desk, *user;
	(void)state;
	assert_string_equal(n, "d1@anna.db");
	stats_file_parse("/x/y/d1@anna.db", &desk, &user);
	assert_string_equal(desk, "d1");
	assert_string_equal(user, "anna");
	free(desk);
	free(user);
	stats_file_parse("old-desk.db", &desk, &user);
	assert_string_equal(desk, "old-desk");
	assert_null(user);
	free(desk);
	stats_file_parse("/s/@sup.db", &desk, &user);
	assert_string_equal(desk, "");
	assert_string_equal(user, "sup");
	free(desk);
	free(user);
	free(n);
	n = stats_signoff_path("/s", "sup");
	assert_string_equal(n, "/s/@sup.db");
	free(n);
}

/* The schema of version 1, as neuvoo 0.1 wrote it. */
static const char v1_sql[] =
	"CREATE TABLE contact (id TEXT PRIMARY KEY NOT NULL, desk TEXT NOT NULL,"
	" advisor TEXT, started_at INTEGER NOT NULL, ended_at INTEGER NOT NULL,"
	" tz_offset INTEGER NOT NULL DEFAULT 0, channel TEXT, language TEXT,"
	" interpreter TEXT, topics TEXT NOT NULL DEFAULT '', outcome TEXT,"
	" redirect_service TEXT, redirect_reason TEXT, interpreter_resource TEXT,"
	" discovery TEXT, age_band TEXT, gender TEXT, life_situation TEXT,"
	" note TEXT, undone_at INTEGER);"
	"CREATE INDEX contact_started ON contact(started_at);"
	"CREATE TABLE contact_topic (contact_id TEXT NOT NULL, topic TEXT NOT NULL,"
	" PRIMARY KEY (contact_id, topic)) WITHOUT ROWID;"
	"CREATE TABLE draft (one INTEGER PRIMARY KEY CHECK (one = 1),"
	" updated_at INTEGER NOT NULL, id TEXT, started_at INTEGER,"
	" channel TEXT, language TEXT, interpreter TEXT, topics TEXT,"
	" outcome TEXT, redirect_service TEXT, redirect_reason TEXT,"
	" interpreter_resource TEXT, discovery TEXT, age_band TEXT,"
	" gender TEXT, life_situation TEXT, note TEXT);"
	"CREATE TABLE events (id INTEGER PRIMARY KEY, kind TEXT NOT NULL,"
	" at INTEGER NOT NULL, contact_id TEXT, detail TEXT);"
	"CREATE TABLE day_close (date TEXT PRIMARY KEY NOT NULL,"
	" closed_at INTEGER NOT NULL, by TEXT);"
	"INSERT INTO contact (id, desk, started_at, ended_at, topics)"
	" VALUES ('c1', 'desk1', 1795349100, 1795349220, 'housing');"
	"INSERT INTO draft (one, updated_at, started_at, topics, language)"
	" VALUES (1, 1795349300, 1795349300, 'health', 'sv');"
	"INSERT INTO day_close VALUES ('2026-11-21', 5, 'sup');"
	"PRAGMA journal_mode = WAL;"
	"PRAGMA user_version = 1;";

static void make_v1(const char *path)
{
	sqlite3 *db;
	char *dir = strdup(path);
	*strrchr(dir, '/') = '\0';
	mkdir(dir, 0700);
	free(dir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, v1_sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

/* Readers read version 1 as it is; the writer migrates its own file:
 * the contact stays (and stays un-undoable), the draft is taken over,
 * the closed day becomes a sign-off. */
static void test_migrate_v1(void **state)
{
	struct fx *fx = *state;
	struct stats_signoffs so = { NULL, 0 };
	struct contact *got = NULL;
	struct stats *st;
	struct stats_reader *rd = NULL;
	char *err = NULL, *before, *after;

	make_v1(fx->path);
	before = sql_text(fx->path, "SELECT group_concat(name) FROM sqlite_master");
	assert_int_equal(stats_reader_open(&rd, fx->path, &err), 0);
	assert_int_equal(stats_reader_version(rd), 1);
	assert_int_equal(stats_reader_signoffs(rd, &so, &err), 0);
	stats_reader_free(&rd);
	assert_null(rd);
	assert_int_equal(so.n, 1);
	assert_true(stats_signoffs_closed(&so, "2026-11-21", 10, NULL));
	stats_signoffs_clear(&so);
	after = sql_text(fx->path, "SELECT group_concat(name) FROM sqlite_master");
	assert_string_equal(before, after);
	assert_int_equal(sql_int(fx->path, "PRAGMA user_version"), 1);
	free(before);
	free(after);

	st = open_ok(fx->path, "desk1");
	assert_int_equal(sql_int(fx->path, "PRAGMA user_version"), STATS_SCHEMA_VERSION);
	assert_int_equal(count_day(st, "2026-11-22", NULL), 1);
	assert_int_equal(stats_draft_get(st, &got, &err), 0);
	assert_non_null(got);
	assert_string_equal(got->language, "sv");
	contact_free(&got);
	assert_int_equal(stats_undo_last(st, 1795349300, NULL, &err), 1);
	err_free(&err);
	stats_close(&st);
	assert_int_equal(stats_reader_open(&rd, fx->path, &err), 0);
	assert_int_equal(stats_reader_signoffs(rd, &so, &err), 0);
	stats_reader_free(&rd);
	assert_int_equal(so.n, 1);
	assert_string_equal(so.v[0].by, "sup");
	stats_signoffs_clear(&so);
}

struct people_seen {
	int n;
	char people[8][8];
	char backdated[8][8];
	time_t corrected[8];
};

static int note_people(const struct stats_row *row, void *ud)
{
	struct people_seen *p = ud;
	if (p->n < 8) {
		snprintf(p->people[p->n], sizeof p->people[0], "%s", row->people ? row->people : "?");
		snprintf(p->backdated[p->n], sizeof p->backdated[0], "%s",
			 row->backdated ? row->backdated : "?");
		p->corrected[p->n] = row->corrected_at;
	}
	p->n++;
	return 0;
}

static struct people_seen read_people(const char *path)
{
	struct people_seen p = { 0 };
	struct stats_reader *rd;
	char *err = NULL;
	if (stats_reader_open(&rd, path, &err) != 0)
		fail_msg("stats_reader_open: %s", err);
	assert_int_equal(stats_reader_contacts(rd, 0, (time_t)1 << 40, true,
					       note_people, &p, &err), 0);
	stats_reader_free(&rd);
	return p;
}

/* Schema 3: a version-1 file reads as one person, not backdated; once its
 * writer migrated it (both steps), a group contact and a backdated one are
 * kept, in the contact and in the draft. */
static void test_people_and_backdated(void **state)
{
	struct fx *fx = *state;
	struct people_seen p;
	struct contact *c, *got = NULL;
	struct stats *st;
	char *err = NULL;

	make_v1(fx->path);
	p = read_people(fx->path);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.people[0], "1");
	assert_string_equal(p.backdated[0], "0");
	assert_int_equal(p.corrected[0], 0);

	st = open_ok(fx->path, "desk1");
	assert_int_equal(sql_int(fx->path, "PRAGMA user_version"), 3);
	c = contact_at(1795349400, 1u << TOPIC_HOUSING);
	c->people = 12;
	c->backdated = true;
	assert_int_equal(stats_draft_put(st, c, &err), 0);
	stats_close(&st);
	st = open_ok(fx->path, "desk1");
	assert_int_equal(stats_draft_get(st, &got, &err), 0);
	assert_non_null(got);
	assert_int_equal(got->people, 12);
	assert_true(got->backdated);
	contact_free(&got);
	save_ok(st, c);
	contact_free(&c);
	c = contact_at(1795349500, 1u << TOPIC_HOUSING);
	c->people = 0;	/* never fewer than one */
	save_ok(st, c);
	contact_free(&c);
	stats_close(&st);
	p = read_people(fx->path);
	assert_int_equal(p.n, 3);
	assert_string_equal(p.people[1], "12");
	assert_string_equal(p.backdated[1], "1");
	assert_string_equal(p.people[2], "1");
	assert_string_equal(p.backdated[2], "0");
}

static bool exists(const char *path, const char *suffix)
{
	char p[4200];
	snprintf(p, sizeof p, "%s%s", path, suffix);
	return access(p, F_OK) == 0;
}

static int count_row(const struct stats_row *row, void *ud)
{
	(void)row;
	++*(int *)ud;
	return 0;
}

/* Every contact of the file, undone ones too, through a reader. */
static int read_count(const char *path)
{
	struct stats_reader *rd;
	char *err = NULL;
	int n = 0;
	if (stats_reader_open(&rd, path, &err) != 0)
		fail_msg("stats_reader_open: %s", err);
	assert_int_equal(stats_reader_contacts(rd, 0, (time_t)1 << 40, true,
					       count_row, &n, &err), 0);
	stats_reader_free(&rd);
	return n;
}

/* A reader sees a running writer's log and a crashed one's, and never
 * makes a -wal or -shm of its own (another user's would lock the desk
 * out); copied files without their -shm are read from a private copy. */
static void test_reader_never_writes(void **state)
{
	struct fx *fx = *state;
	struct stats *st = open_ok(fx->path, "desk1");
	char *copy;
	pid_t pid;
	int status, i;

	stats_close(&st);
	assert_false(exists(fx->path, "-wal"));
	assert_int_equal(read_count(fx->path), 0);
	assert_false(exists(fx->path, "-wal"));
	assert_false(exists(fx->path, "-shm"));

	st = open_ok(fx->path, "desk1");
	for (i = 0; i < 3; i++)
		save_new(st, T_1405 + i, 1u << TOPIC_HOUSING);
	assert_true(exists(fx->path, "-wal"));
	assert_int_equal(read_count(fx->path), 3);	/* live, in the log */
	stats_close(&st);

	/* A writer killed with its log unfolded. */
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct stats *k = open_ok(fx->path, "desk1");
		char *e = NULL;
		struct contact *c = contact_at(T_1405 + 9, 1u << TOPIC_HEALTH);
		if (stats_save(k, c, &e) != 0)
			_exit(1);
		/* Killed: no close, -wal and -shm stay (and nothing is
		 * freed, as in a real kill). */
		raise(SIGKILL);
		_exit(2);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	assert_true(exists(fx->path, "-wal"));
	assert_int_equal(read_count(fx->path), 4);

	/* Copies of the file and its log, without the -shm. */
	copy = malloc(strlen(fx->dir) + 32);
	sprintf(copy, "%s/copy.db", fx->dir);
	{
		char cmd[9000];
		snprintf(cmd, sizeof cmd, "cp '%s' '%s' && cp '%s-wal' '%s-wal'",
			 fx->path, copy, fx->path, copy);
		assert_int_equal(system(cmd), 0);
	}
	assert_false(exists(copy, "-shm"));
	assert_int_equal(read_count(copy), 4);
	assert_false(exists(copy, "-shm"));
	free(copy);
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

/* note-retention-days = 0 keeps no note: a new one never reaches the
 * file, and the notes kept under a longer retention go on the next open. */
static void test_note_retention_zero(void **state)
{
	struct fx *fx = *state;
	struct stats_opts keep = { "desk1", NULL, NULL, 0, 0, NULL };
	struct stats_opts none = { "desk1", NULL, NULL, 0, STATS_NOTES_NONE, NULL };
	struct stats *st = NULL;
	struct contact *c = contact_at(time(NULL) - 60, 1u << TOPIC_HOUSING);
	struct contact *d = contact_at(time(NULL) - 30, 1u << TOPIC_HOUSING);
	char *err = NULL;

	contact_set_note(c, "kept for now");
	assert_int_equal(stats_open(&st, fx->path, &keep, &err), 0);
	save_ok(st, c);
	stats_close(&st);
	assert_int_equal(sql_int(fx->path, "SELECT count(*) FROM contact WHERE note IS NOT NULL"), 1);
	assert_int_equal(stats_open(&st, fx->path, &none, &err), 0);
	assert_int_equal(sql_int(fx->path, "SELECT count(*) FROM contact WHERE note IS NOT NULL"), 0);
	contact_set_note(d, "never written");
	save_ok(st, d);
	stats_close(&st);
	assert_int_equal(sql_int(fx->path, "SELECT count(*) FROM contact"), 2);
	assert_int_equal(sql_int(fx->path, "SELECT count(*) FROM contact WHERE note IS NOT NULL"), 0);
	contact_free(&c);
	contact_free(&d);
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
	struct stats_opts o = { "desk1", NULL, NULL, 0, 0, NULL };
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
	assert_int_equal(date_local_day("2026-11-22", &s, &e), 0);
	assert_int_equal(s, T_1405 - 14 * 3600 - 5 * 60);
	assert_int_equal(e - s, 86400);
	/* The spring DST change in Helsinki: a 23-hour day. */
	assert_int_equal(date_local_day("2026-03-29", &s, &e), 0);
	assert_int_equal(e - s, 23 * 3600);
	assert_int_equal(date_local_day("2024-02-29", &s, &e), 0);
	assert_int_equal(date_local_day("2026-02-29", &s, &e), -1);
	assert_int_equal(date_local_day("2026-13-01", &s, &e), -1);
	assert_int_equal(date_local_day("2026-1-01", &s, &e), -1);
	assert_int_equal(date_local_day("today", &s, &e), -1);
	assert_int_equal(date_local_day("2026-11-22x", &s, &e), -1);
	date_format(T_1405, buf);
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

/* ---- the folder and the file are not trusted ---------------------------- */

static char *open_err(const char *path)
{
	struct stats_opts o = { "desk1", NULL, NULL, 0, 0, NULL };
	struct stats *st = NULL;
	char *err = NULL;
	assert_int_equal(stats_open(&st, path, &o, &err), -1);
	assert_null(st);
	assert_non_null(err);
	return err;
}

static void make_stats_dir(struct fx *fx, mode_t mode)
{
	char *d = malloc(strlen(fx->dir) + 8);
	sprintf(d, "%s/stats", fx->dir);
	assert_int_equal(mkdir(d, 0700), 0);
	assert_int_equal(chmod(d, mode), 0);
	free(d);
}

static void test_symlink_file_refused(void **state)
{
	struct fx *fx = *state;
	char *other = malloc(strlen(fx->dir) + 32), *err;
	struct stats *st;
	sprintf(other, "%s/stats/d4.db", fx->dir);
	st = open_ok(other, "d4");
	save_new(st, T_1405, 1);
	stats_close(&st);
	assert_int_equal(symlink("d4.db", fx->path), 0);
	err = open_err(fx->path);
	assert_non_null(strstr(err, fx->path));
	assert_non_null(strstr(err, "symbolic link"));
	free(err);
	/* d4's file is untouched. */
	assert_int_equal(sql_int(other, "SELECT count(*) FROM contact"), 1);
	free(other);
}

static void test_symlink_wal_refused(void **state)
{
	struct fx *fx = *state;
	char *wal = malloc(strlen(fx->path) + 8), *err;
	struct stats *st = open_ok(fx->path, "desk1");
	stats_close(&st);
	sprintf(wal, "%s-wal", fx->path);
	assert_int_equal(symlink("elsewhere-wal", wal), 0);
	err = open_err(fx->path);
	assert_non_null(strstr(err, wal));
	assert_non_null(strstr(err, "symbolic link"));
	free(err);
	free(wal);
}

static void test_foreign_file_refused(void **state)
{
	struct fx *fx = *state;
	struct stats *st;
	char *err;
	if (geteuid() != 0)
		skip();
	st = open_ok(fx->path, "desk1");
	stats_close(&st);
	assert_int_equal(chown(fx->path, 65534, (gid_t)-1), 0);
	err = open_err(fx->path);
	assert_non_null(strstr(err, fx->path));
	assert_non_null(strstr(err, "not a file of your own"));
	free(err);
}

static void test_open_folder_refused(void **state)
{
	struct fx *fx = *state;
	char *err;
	make_stats_dir(fx, 0777);
	err = open_err(fx->path);
	assert_non_null(strstr(err, "writable by others"));
	assert_non_null(strstr(err, "chmod o-w"));
	free(err);
	/* Nothing was made in it. */
	assert_int_equal(access(fx->path, F_OK), -1);
}

static void test_sticky_folder_accepted(void **state)
{
	struct fx *fx = *state;
	struct stats *st;
	make_stats_dir(fx, 01777);
	st = open_ok(fx->path, "desk1");
	save_new(st, T_1405, 1);
	stats_close(&st);
	assert_int_equal(sql_int(fx->path, "SELECT count(*) FROM contact"), 1);
}

static void test_file_replaced_while_open(void **state)
{
	struct fx *fx = *state;
	char *moved = malloc(strlen(fx->path) + 8), *err = NULL;
	struct stats *st = open_ok(fx->path, "desk1");
	struct contact *c = contact_at(T_1405, 1);
	c->ended_at = 0;
	save_new(st, T_1405, 1);
	sprintf(moved, "%s.old", fx->path);
	assert_int_equal(rename(fx->path, moved), 0);
	assert_int_equal(symlink("/dev/null", fx->path), 0);
	assert_int_equal(stats_save(st, c, &err), -1);
	assert_non_null(err);
	assert_non_null(strstr(err, fx->path));
	assert_non_null(strstr(err, "replaced"));
	free(err);
	/* The contact is as the advisor left it, ready to save again. */
	assert_int_equal(c->ended_at, 0);
	assert_int_equal(c->topics, 1);
	stats_close(&st);
	/* The real file put back, the same contact saves. */
	assert_int_equal(unlink(fx->path), 0);
	assert_int_equal(rename(moved, fx->path), 0);
	st = open_ok(fx->path, "desk1");
	save_ok(st, c);
	stats_close(&st);
	assert_int_equal(sql_int(fx->path, "SELECT count(*) FROM contact"), 2);
	contact_free(&c);
	free(moved);
}

/* A new desk file appears whole: a report that reads the folder while a
 * desk makes its file never finds one without its tables (a reader in a
 * child process tries the path over and over while the file is made 200
 * times; it counts the times it found a file that is not yet a
 * statistics file). */
static void test_new_file_appears_whole(void **state)
{
	struct fx *fx = *state;
	struct stats *st;
	int pipefd[2], status, i;
	pid_t pid;
	long bad = -1;

	st = open_ok(fx->path, "desk1");	/* the folder */
	stats_close(&st);
	assert_int_equal(pipe(pipefd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		long found = 0;
		char c;
		close(pipefd[1]);
		fcntl(pipefd[0], F_SETFL, O_NONBLOCK);
		while (read(pipefd[0], &c, 1) < 0) {
			struct stats_reader *r = NULL;
			char *err = NULL;
			struct stat sb;
			if (stat(fx->path, &sb) != 0)
				continue;
			if (stats_reader_open(&r, fx->path, &err) == 0)
				stats_reader_free(&r);
			else if (err && strstr(err, "not a neuvoo statistics file"))
				found++;
			free(err);
		}
		_exit(found > 250 ? 250 : (int)found);
	}
	close(pipefd[0]);
	for (i = 0; i < 200; i++) {
		char *wal = malloc(strlen(fx->path) + 8);
		unlink(fx->path);
		sprintf(wal, "%s-wal", fx->path);
		unlink(wal);
		sprintf(wal, "%s-shm", fx->path);
		unlink(wal);
		free(wal);
		st = open_ok(fx->path, "desk1");
		stats_close(&st);
	}
	assert_int_equal(write(pipefd[1], "x", 1), 1);
	close(pipefd[1]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	bad = WEXITSTATUS(status);
	if (bad)
		fail_msg("a reader found the new file without its tables %ld times", bad);
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
		cmocka_unit_test_setup_teardown(test_closed_day_saves, setup, teardown),
		cmocka_unit_test_setup_teardown(test_undo_own_session, setup, teardown),
		cmocka_unit_test_setup_teardown(test_draft_sessions, setup, teardown),
		cmocka_unit_test(test_file_names),
		cmocka_unit_test_setup_teardown(test_migrate_v1, setup, teardown),
		cmocka_unit_test_setup_teardown(test_people_and_backdated, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reader_never_writes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_note_purge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_note_retention_zero, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_handles_interleaved, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_processes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_symlink_file_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_symlink_wal_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_foreign_file_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_open_folder_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sticky_folder_accepted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_file_replaced_while_open, setup, teardown),
		cmocka_unit_test_setup_teardown(test_correct_and_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_file_appears_whole, setup, teardown),
		cmocka_unit_test(test_local_day),
		cmocka_unit_test(test_ids_unique),
	};
	/* Helsinki time without depending on the machine's tzdata. */
	setenv("TZ", "EET-2EEST,M3.5.0/3,M10.5.0/4", 1);
	tzset();
	setenv("LANGUAGE", "en", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
