/* test_review: the supervisor's review without a terminal: totals per
 * desk, contacts per hour, gap hours, drafts never saved, undos, the top
 * lists, an unreadable desk file, and closing and reopening the day: the
 * sign-off goes only into the supervisor's own file, a contact saved into
 * a closed day is kept, counted and flagged late, and a reopening undoes
 * the close.
 *
 * The day is Monday 2026-11-16 in Helsinki. Desk d1:
 *   08:10 walk-in fi housing            answered
 *   08:40 walk-in fi housing+daycare    answered        (note)
 *   09:05 phone   fi health             redirected svc-a expertise, phone interpreter
 *   11:20 walk-in so housing            answered
 *   12:50 walk-in fi education          answered
 *   12:55 walk-in ar housing            answered, undone at 13:01
 *   a draft left unsaved from 15:00; a draft discarded at 14:30
 * Desk d2: 10:15 chat en employment consulted svc-b wrong-place,
 *          10:20 walk-in so housing, corrected to a phone call at 10:40;
 *          and 11:00 the day before.
 * d3.db is not a statistics file.
 * So d1: 5 contacts, 1 undone, hours 8:2 9:1 10:0 11:1 12:1, gap 10-11;
 * d2: 2 contacts, no gap; all: 7 contacts, languages fi 4, so 2, en 1,
 * topics housing 4. */
#include <config.h>

#include "util.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <time.h>

#include "core/err.h"
#include "core/paths.h"
#include "core/stats.h"
#include "panes/review.h"
#include "panes/review_panes.h"
#include "panes/review_ui.h"
#include "panes/review_day.h"
#include "ui/help.h"
#include "ui/screen.h"

#define DAY "2026-11-16"

struct fx {
	char *base;
	char *dir;
};

static time_t T(int h, int m)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = 2026 - 1900;
	tm.tm_mon = 10;
	tm.tm_mday = 16;
	tm.tm_hour = h;
	tm.tm_min = m;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static struct stats *open_desk(const char *dir, const char *desk)
{
	struct stats_opts o = { desk, NULL, NULL, 0, -1, NULL };
	struct stats *st = NULL;
	char *path = malloc(strlen(dir) + strlen(desk) + 8), *err = NULL;
	sprintf(path, "%s/%s.db", dir, desk);
	if (stats_open(&st, path, &o, &err) != 0)
		fail_msg("open: %s", err);
	free(path);
	return st;
}

static struct contact *make(time_t start, const char *channel, const char *lang,
			    unsigned topics, const char *outcome)
{
	struct contact *c = contact_new(NULL);
	c->started_at = start;
	c->ended_at = start + 300;
	c->channel = codes_find(CODES_CHANNEL, channel);
	contact_set_language(c, lang);
	c->topics = topics;
	c->outcome = codes_find(CODES_OUTCOME, outcome);
	return c;
}

static void save(struct stats *st, struct contact *c)
{
	char *err = NULL;
	if (stats_save(st, c, &err) != 0)
		fail_msg("save: %s", err);
	contact_free(&c);
}

/* An event at a given time (stats_log_event() stamps the present). */
static void add_event(const char *dir, const char *desk, const char *kind, time_t at)
{
	char *path = malloc(strlen(dir) + strlen(desk) + 8);
	sqlite3 *db;
	sqlite3_stmt *s;
	sprintf(path, "%s/%s.db", dir, desk);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO events (kind, at)"
					    " VALUES (?, ?)", -1, &s, NULL), SQLITE_OK);
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)at);
	assert_int_equal(sqlite3_step(s), SQLITE_DONE);
	sqlite3_finalize(s);
	sqlite3_close(db);
	free(path);
}

static int setup(void **state)
{
	struct fx *fx = calloc(1, sizeof *fx);
	const unsigned H = 1u << TOPIC_HOUSING;
	struct stats *st;
	struct contact *c;
	char *err = NULL, *bad;

	fx->base = util_tmpdir();
	fx->dir = malloc(strlen(fx->base) + 16);
	sprintf(fx->dir, "%s/stats", fx->base);

	st = open_desk(fx->dir, "d1");
	save(st, make(T(8, 10), "walk-in", "fi", H, "answered"));
	c = make(T(8, 40), "walk-in", "fi", H | (1u << TOPIC_DAYCARE), "answered");
	contact_set_note(c, "call back on Tuesday");
	save(st, c);
	c = make(T(9, 5), "phone", "fi", 1u << TOPIC_HEALTH, "redirected");
	contact_set_redirect(c, "svc-a");
	c->redirect_reason = codes_find(CODES_REASON, "expertise");
	c->interpreter = codes_find(CODES_INTERPRETER, "phone");
	save(st, c);
	save(st, make(T(11, 20), "walk-in", "so", H, "answered"));
	save(st, make(T(12, 50), "walk-in", "fi", 1u << TOPIC_EDUCATION, "answered"));
	save(st, make(T(12, 55), "walk-in", "ar", H, "answered"));
	if (stats_undo_last(st, T(13, 1), NULL, &err) != 0)
		fail_msg("undo: %s", err);
	c = make(T(15, 0), "walk-in", "fi", H, "answered");
	c->ended_at = 0;
	if (stats_draft_put(st, c, &err) != 0)
		fail_msg("draft: %s", err);
	contact_free(&c);
	stats_close(&st);
	add_event(fx->dir, "d1", "draft-discarded", T(14, 30));
	add_event(fx->dir, "d1", "draft-restored", T(14, 0));

	st = open_desk(fx->dir, "d2");
	c = make(T(10, 15), "chat", "en", 1u << TOPIC_EMPLOYMENT, "consulted");
	contact_set_redirect(c, "svc-b");
	c->redirect_reason = codes_find(CODES_REASON, "wrong-place");
	save(st, c);
	save(st, make(T(10, 20), "walk-in", "so", H, "answered"));
	{
		/* The 10:20 contact was a phone call: corrected at 10:40. */
		struct contact **list = NULL;
		size_t n = 0;
		int changed = 0;
		if (stats_session_day(st, DAY, &list, &n, &err) != 0 || n != 2)
			fail_msg("the session's day: %s", err ? err : "not 2");
		list[1]->channel = codes_find(CODES_CHANNEL, "phone");
		if (stats_correct(st, list[1], T(10, 40), &changed, &err) != 0 || changed != 1)
			fail_msg("correct: %s", err ? err : "not one field");
		stats_contacts_free(&list, n);
	}
	save(st, make(T(11, 0) - 86400, "walk-in", "fi", H, "answered"));
	stats_close(&st);

	bad = util_write(fx->dir, "d3.db", "this is not a database, just words\n");
	free(bad);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;
	util_rmtree(&fx->base);
	free(fx->dir);
	free(fx);
	return 0;
}

static struct review_day *load(struct fx *fx, const char *const *desks, size_t n)
{
	struct review_day *d = NULL;
	char *err = NULL;
	if (review_day_load(&d, fx->dir, DAY, desks, n, NULL, &err) != 0)
		fail_msg("load: %s", err);
	return d;
}

static const struct review_desk *desk(const struct review_day *d, const char *name)
{
	size_t i;
	for (i = 0; i < d->n_desks; i++)
		if (!strcmp(d->desks[i].name, name))
			return &d->desks[i];
	fail_msg("no desk %s", name);
	return NULL;
}

static void test_totals(void **state)
{
	struct review_day *d = load(*state, NULL, 0);
	const struct review_desk *d1 = desk(d, "d1"), *d2 = desk(d, "d2");

	assert_int_equal(d->n_desks, 3);
	assert_null(d1->error);
	assert_int_equal(d1->contacts, 5);
	assert_int_equal(d1->undone, 1);
	assert_int_equal(d1->first, T(8, 10));
	assert_int_equal(d1->last, T(12, 50));
	assert_int_equal(d1->redirected, 1);
	assert_int_equal(d1->interpreted, 1);
	assert_int_equal(d2->contacts, 2);
	assert_int_equal(d2->undone, 0);
	assert_int_equal(d2->redirected, 1);
	assert_int_equal(d->total.contacts, 7);
	assert_int_equal(d->total.undone, 1);
	assert_int_equal(d->total.first, T(8, 10));
	assert_int_equal(d->total.last, T(12, 50));
	review_day_free(&d);
}

static void test_hours_and_gaps(void **state)
{
	struct review_day *d = load(*state, NULL, 0);
	const struct review_desk *d1 = desk(d, "d1"), *d2 = desk(d, "d2");

	assert_int_equal(d1->hours[8], 2);
	assert_int_equal(d1->hours[9], 1);
	assert_int_equal(d1->hours[10], 0);
	assert_int_equal(d1->hours[11], 1);
	assert_int_equal(d1->hours[12], 1);
	assert_int_equal(d1->hours[13], 0);	/* the undone one is not a contact */
	assert_int_equal(d1->n_gaps, 1);
	assert_int_equal(d1->gaps[0], 10);
	assert_int_equal(d2->n_gaps, 0);
	/* Together every hour from 8 to 12 had someone. */
	assert_int_equal(d->total.hours[10], 2);
	assert_int_equal(d->total.n_gaps, 0);
	review_day_free(&d);
}

static bool has_flag(const struct review_day *d, const char *name,
		     enum review_flag_kind kind, const char *text)
{
	size_t i;
	for (i = 0; i < d->n_flags; i++) {
		const struct review_flag *f = &d->flags[i];
		char *t;
		bool ok;
		if (f->kind != kind || strcmp(d->desks[f->desk].name, name))
			continue;
		t = review_flag_text(d, f);
		ok = strstr(t, text) != NULL;
		if (!ok)
			print_message("# flag text: %s\n", t);
		free(t);
		return ok;
	}
	return false;
}

static void test_flags(void **state)
{
	struct review_day *d = load(*state, NULL, 0);
	const struct review_desk *d1 = desk(d, "d1");

	assert_true(d1->draft);
	assert_int_equal(d1->draft_at, T(15, 0));
	assert_int_equal(d1->discarded, 1);	/* the restored one is no flag */
	assert_int_equal(d1->discard_at[0], T(14, 30));
	assert_int_equal(d1->undo_at[0], T(13, 1));
	assert_true(has_flag(d, "d1", REVIEW_FLAG_GAP, "10-11"));
	assert_true(has_flag(d, "d1", REVIEW_FLAG_DRAFT, "15:00"));
	assert_true(has_flag(d, "d1", REVIEW_FLAG_DISCARDED, "1 unsaved contact discarded (14:30)"));
	assert_true(has_flag(d, "d1", REVIEW_FLAG_UNDO, "1 contact undone (13:01)"));
	/* The desk's name is beside it: the reason alone. */
	assert_true(has_flag(d, "d3", REVIEW_FLAG_UNREADABLE, "not a neuvoo statistics file"));
	assert_false(has_flag(d, "d3", REVIEW_FLAG_UNREADABLE, "d3.db"));
	assert_false(has_flag(d, "d2", REVIEW_FLAG_GAP, ""));
	assert_true(has_flag(d, "d2", REVIEW_FLAG_CORRECTED,
			     "1 contact corrected after its save (10:40)"));
	assert_false(has_flag(d, "d1", REVIEW_FLAG_CORRECTED, ""));
	assert_int_equal(d->n_flags, 6);
	review_day_free(&d);
}

static void test_unreadable_file(void **state)
{
	struct review_day *d = load(*state, NULL, 0);
	const struct review_desk *d3 = desk(d, "d3");
	size_t closed;
	assert_non_null(d3->error);
	assert_non_null(strstr(d3->error, "d3.db"));
	assert_null(strchr(d3->error, '\n'));
	assert_ptr_equal(review_desk_reason(d3), d3->error + strlen(d3->path) + 2);
	assert_null(review_desk_reason(desk(d, "d1")));
	assert_int_equal(d3->contacts, 0);
	assert_int_equal(review_day_readable(d, &closed), 2);
	assert_int_equal(closed, 0);
	review_day_free(&d);
}

static void test_top_lists(void **state)
{
	struct review_day *d = load(*state, NULL, 0);
	struct review_entry e[8];
	size_t n;

	n = review_day_top(d, REVIEW_TOP_LANGUAGE, e, 8);
	assert_int_equal(n, 3);
	assert_string_equal(e[0].code, "fi");
	assert_int_equal(e[0].count, 4);
	assert_string_equal(e[1].code, "so");
	assert_int_equal(e[1].count, 2);
	assert_string_equal(e[2].code, "en");
	n = review_day_top(d, REVIEW_TOP_TOPIC, e, 2);
	assert_int_equal(n, 2);
	assert_string_equal(e[0].code, "housing");
	assert_int_equal(e[0].count, 4);
	n = review_day_top(d, REVIEW_TOP_REDIRECT, e, 8);
	assert_int_equal(n, 2);
	n = review_day_top(d, REVIEW_TOP_REASON, e, 8);
	assert_int_equal(n, 2);
	assert_string_equal(e[0].code, "expertise");
	/* "none" is not interpreter use. */
	n = review_day_top(d, REVIEW_TOP_INTERPRETER, e, 8);
	assert_int_equal(n, 1);
	assert_string_equal(e[0].code, "phone");
	assert_int_equal(d->total.interpreted, 1);
	review_day_free(&d);
}

static int count_note(const char *id, const char *note, void *ud)
{
	(void)id;
	assert_string_equal(note, "call back on Tuesday");
	(*(int *)ud)++;
	return 0;
}

static void test_log_and_notes(void **state)
{
	struct review_day *d = load(*state, NULL, 0);
	const struct review_desk *d1 = desk(d, "d1");
	const struct stats_row *r;
	size_t j, undone = 0;
	char *err = NULL;
	int notes = 0;

	assert_int_equal(d1->n_rows, 6);
	for (j = 0; j < d1->n_rows; j++) {
		r = review_day_row(d, d1, j);
		assert_string_equal(r->desk, "d1");
		if (j)
			assert_true(r->started_at >= review_day_row(d, d1, j - 1)->started_at);
		undone += r->undone_at != 0;
	}
	assert_int_equal(undone, 1);
	assert_int_equal(review_day_row(d, d1, 5)->undone_at, T(13, 1));
	assert_null(review_day_row(d, d1, 6));

	assert_int_equal(review_day_notes(d, d1, count_note, &notes, &err), 0);
	assert_int_equal(notes, 1);
	review_day_free(&d);
	{
		/* A retention shorter than the day's age, or none: no notes. */
		struct review_labels l = { 0 };
		time_t age = (time(NULL) - T(23, 59)) / 86400;
		l.note_limit = true;
		l.note_days = (int)age - 1;
		d = NULL;
		assert_int_equal(review_day_load(&d, ((struct fx *)*state)->dir, DAY, NULL, 0, &l, &err), 0);
		notes = 0;
		assert_int_equal(review_day_notes(d, desk(d, "d1"), count_note, &notes, &err), 0);
		assert_int_equal(notes, 0);
		review_day_free(&d);
		l.note_days = (int)age + 2;
		assert_int_equal(review_day_load(&d, ((struct fx *)*state)->dir, DAY, NULL, 0, &l, &err), 0);
		notes = 0;
		assert_int_equal(review_day_notes(d, desk(d, "d1"), count_note, &notes, &err), 0);
		assert_int_equal(notes, 1);
		review_day_free(&d);
	}
}

static void test_desk_filter(void **state)
{
	static const char *const only[] = { "d2" };
	struct review_day *d = load(*state, only, 1);
	assert_int_equal(d->n_desks, 1);
	assert_string_equal(d->desks[0].name, "d2");
	assert_int_equal(d->total.contacts, 2);
	assert_int_equal(d->n_flags, 1);	/* its correction */
	assert_int_equal(d->flags[0].kind, REVIEW_FLAG_CORRECTED);
	review_day_free(&d);
}

/* The bytes of a file, to show that closing leaves it alone. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = calloc(1, 1 << 20);
	assert_non_null(f);
	assert_true(fread(buf, 1, (1 << 20) - 1, f) > 0);
	fclose(f);
	return buf;
}

static char *signoff_file(const struct fx *fx)
{
	char *user = paths_user_name(), *p = stats_signoff_path(fx->dir, user);
	free(user);
	return p;
}

static void test_close_day(void **state)
{
	struct fx *fx = *state;
	struct review_day *d = load(fx, NULL, 0);
	struct stats *st;
	struct contact *undone = NULL;
	size_t closed;
	char *err = NULL, *d1 = xasprintf("%s/d1.db", fx->dir), *before, *after;
	char *so = signoff_file(fx);
	struct stat sb;

	before = slurp(d1);
	assert_false(d->closed);
	assert_int_equal(review_day_sign_off(d, STATS_CLOSE, "sup", NULL, &err), 0);
	assert_null(err);
	review_day_free(&d);
	/* Only the supervisor's own file was written: the desks' files are
	 * the same bytes, and the sign-off file is no desk. */
	after = slurp(d1);
	assert_memory_equal(before, after, 1 << 19);
	free(after);
	assert_int_equal(stat(so, &sb), 0);
	assert_int_equal(sb.st_uid, geteuid());
	assert_int_equal(sb.st_mode & 0777, 0600);

	d = load(fx, NULL, 0);
	assert_int_equal(d->n_desks, 3);	/* d1, d2, d3: no sign-off desk */
	assert_true(d->closed);
	assert_string_equal(d->closed_by, "sup");
	assert_int_equal(review_day_readable(d, &closed), 2);
	assert_int_equal(closed, 2);
	assert_true(desk(d, "d1")->closed);
	assert_string_equal(desk(d, "d1")->closed_by, "sup");
	assert_string_equal(review_day_last_close(d)->closed_by, "sup");
	/* Again: nothing to do, said so, not an error. */
	assert_int_equal(review_day_sign_off(d, STATS_CLOSE, "other", NULL, &err), 1);
	assert_non_null(strstr(err, "closed already (by sup"));
	err_free(&err);
	assert_int_equal(d->total.late, 0);
	review_day_free(&d);

	/* A desk still open saves into the closed day: kept, counted, late;
	 * an undo works as ever (and is recorded). Times are seconds: a
	 * save in a later one than the close. */
	sleep(1);
	st = open_desk(fx->dir, "d1");
	save(st, make(T(16, 0), "walk-in", "fi", 1u << TOPIC_HOUSING, "answered"));
	save(st, make(T(16, 10), "walk-in", "fi", 1u << TOPIC_HEALTH, "answered"));
	assert_int_equal(stats_undo_last(st, T(16, 16), &undone, &err), 0);
	assert_non_null(undone);
	contact_free(&undone);
	/* The next day is not closed: not late. */
	save(st, make(T(9, 0) + 86400, "walk-in", "fi", 1u << TOPIC_HOUSING, "answered"));
	stats_close(&st);

	d = load(fx, NULL, 0);
	assert_int_equal(desk(d, "d1")->contacts, 6);
	assert_int_equal(desk(d, "d1")->late, 1);
	assert_int_equal(d->total.late, 1);
	assert_int_equal(d->total.contacts, 8);
	{
		size_t i;
		bool flagged = false;
		for (i = 0; i < d->n_flags; i++)
			if (d->flags[i].kind == REVIEW_FLAG_LATE) {
				char *t = review_flag_text(d, &d->flags[i]);
				assert_non_null(strstr(t, "1 contact saved after the day was closed"));
				free(t);
				flagged = true;
			}
		assert_true(flagged);
	}
	/* Reopened: recorded with who; a contact saved now is not late, the
	 * one saved while closed stays late. */
	assert_int_equal(review_day_sign_off(d, STATS_REOPEN, "sup2", NULL, &err), 0);
	review_day_free(&d);
	d = load(fx, NULL, 0);
	assert_false(d->closed);
	assert_int_equal(review_day_sign_off(d, STATS_REOPEN, "sup2", NULL, &err), 1);
	assert_non_null(strstr(err, "not closed"));
	err_free(&err);
	review_day_free(&d);
	sleep(1);	/* a later second than the reopening */
	st = open_desk(fx->dir, "d2");
	save(st, make(T(17, 0), "walk-in", "fi", 1u << TOPIC_HOUSING, "answered"));
	stats_close(&st);
	d = load(fx, NULL, 0);
	assert_int_equal(d->total.late, 1);
	assert_int_equal(desk(d, "d2")->late, 0);
	assert_int_equal(d->total.contacts, 9);
	/* And closed again, by someone else: the latest sign-off counts. */
	assert_int_equal(review_day_sign_off(d, STATS_CLOSE, "sup3", NULL, &err), 0);
	review_day_free(&d);
	d = load(fx, NULL, 0);
	assert_true(d->closed);
	assert_string_equal(d->closed_by, "sup3");
	review_day_free(&d);
	{
		/* Every sign-off is in the supervisor's file, in order. */
		struct stats_reader *rd;
		struct stats_signoffs all = { NULL, 0 };
		assert_int_equal(stats_reader_open(&rd, so, &err), 0);
		assert_int_equal(stats_reader_signoffs(rd, &all, &err), 0);
		stats_reader_free(&rd);
		assert_int_equal(all.n, 3);
		assert_int_equal(all.v[0].action, STATS_CLOSE);
		assert_int_equal(all.v[1].action, STATS_REOPEN);
		assert_string_equal(all.v[1].by, "sup2");
		assert_int_equal(all.v[2].action, STATS_CLOSE);
		stats_signoffs_clear(&all);
	}
	free(before);
	free(d1);
	free(so);
}

static void test_close_future_refused(void **state)
{
	struct fx *fx = *state;
	struct review_day *d = NULL;
	char *err = NULL, date[11], *so = signoff_file(fx);

	date_format(time(NULL) + 3 * 86400, date);
	assert_int_equal(review_day_load(&d, fx->dir, date, NULL, 0, NULL, &err), 0);
	assert_int_equal(review_day_sign_off(d, STATS_CLOSE, "sup", NULL, &err), -1);
	assert_non_null(strstr(err, "has not begun"));
	assert_int_not_equal(access(so, F_OK), 0);	/* nothing written */
	err_free(&err);
	review_day_free(&d);
	assert_int_equal(review_day_load(&d, fx->dir, "2026-02-30", NULL, 0, NULL, &err), -1);
	assert_non_null(err);
	err_free(&err);
	free(so);
}

/* A file of schema 1 whose day_close closed the day: read as a close. */
static void test_old_close(void **state)
{
	struct fx *fx = *state;
	struct review_day *d;
	char *path = xasprintf("%s/d2.db", fx->dir);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE day_close (date TEXT PRIMARY KEY,"
				      " closed_at INTEGER, by TEXT);"
				      "INSERT INTO day_close VALUES ('" DAY "', 1, 'old');"
				      "PRAGMA user_version = 1;", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	d = load(fx, NULL, 0);
	assert_true(d->closed);
	assert_string_equal(d->closed_by, "old");
	review_day_free(&d);
	free(path);
}

static void test_review_state(void **state)
{
	struct fx *fx = *state;
	struct review *r = NULL;
	char *err = NULL, *q;

	assert_int_equal(review_new(&r, fx->dir, DAY, NULL, 0, NULL, NULL, "sup", &err), 0);
	q = review_reopen_question(r);
	assert_null(q);
	assert_non_null(strstr(r->message, "is not closed"));
	q = review_close_question(r);
	assert_non_null(q);
	assert_non_null(strstr(q, "kept and shown as late"));
	assert_non_null(strstr(q, "A contact is left unsaved at 1 desk."));
	free(q);
	assert_int_equal(review_close(r), 0);
	assert_false(r->message_error);
	assert_non_null(strstr(r->message, "Closed"));
	assert_non_null(strstr(r->message, ", by sup."));
	q = review_close_question(r);
	assert_null(q);
	assert_non_null(strstr(r->message, "closed already (by sup"));
	q = review_reopen_question(r);
	assert_non_null(q);
	free(q);
	assert_int_equal(review_reopen(r), 0);
	assert_non_null(strstr(r->message, "Reopened"));
	assert_false(r->day->closed);
	/* The day before has no desk contacts but the files are there. */
	assert_true(review_shift_date(r, -1));
	assert_string_equal(r->day->date, "2026-11-15");
	assert_int_equal(r->day->total.contacts, 1);
	review_free(&r);
}

static time_t evening(void)
{
	return T(18, 0);
}

/* Whether the F1 rows of p have one with these keys and this text. */
static bool help_has(const struct keymap *km, struct pane *p, const char *keys,
		     const char *text)
{
	size_t n, i;
	char **rows = screen_help_rows(km, p, &n), *want = xasprintf("%s\t%s", keys, text);
	bool found = false;
	for (i = 0; i < n; i++) {
		found |= !strcmp(rows[i], want);
		free(rows[i]);
	}
	free(rows);
	free(want);
	return found;
}

/* The review's keys come from the keymap's review context: the bundled
 * keys work as before, F1 lists them, and a keymap of one's own moves
 * them. */
static void test_review_keys(void **state)
{
	struct fx *fx = *state;
	struct review *r = NULL;
	struct keymap *km = NULL;
	struct screen *s;
	struct pane *p;
	const char *src = getenv("top_srcdir");
	char *err = NULL, *path, *own;

	/* The bundled keymap of the source tree, never the user's. */
	setenv("NEUVOO_DATADIR", src ? src : ".", 1);
	setenv("XDG_CONFIG_HOME", fx->base, 1);
	path = keymap_find(NULL, &err);
	assert_non_null(path);
	assert_int_equal(keymap_load(path, &km, &err), 0);
	free(path);
	assert_int_equal(review_new(&r, fx->dir, DAY, NULL, 0, NULL, NULL, "sup", &err), 0);
	r->clock = evening;
	s = review_screen_new(r, km, NULL);
	p = screen_focused(s);
	assert_string_equal(p->name, "desks");
	screen_key(s, KM_LEFT);
	assert_string_equal(r->day->date, "2026-11-15");
	screen_key(s, KM_RIGHT);
	assert_string_equal(r->day->date, DAY);
	assert_true(help_has(km, p, "F2", "close the day at every desk (asks first)"));
	assert_true(help_has(km, p, "Left", "review the day before"));
	assert_true(help_has(km, p, "Right", "review the day after"));
	assert_true(help_has(km, p, "F10", "quit"));
	assert_false(help_has(km, p, "F5", "go to the Intake pane"));
	/* The focus keys number the review's own panes. */
	assert_true(help_has(km, p, "F6", "go to the Contacts per hour pane"));
	assert_false(help_has(km, p, "F2", "save the contact"));
	screen_key(s, KM_F(8));
	assert_string_equal(screen_focused(s)->name, "flags");
	screen_key(s, KM_F(5));
	assert_string_equal(screen_focused(s)->name, "desks");
	assert_true(help_has(km, p, "F3", "reopen a closed day (asks first)"));
	screen_key(s, KM_F(2));
	assert_true(screen_has_overlay(s));
	screen_key(s, 'y');
	assert_false(screen_has_overlay(s));
	assert_non_null(r->message);
	assert_non_null(strstr(r->message, ", by sup."));
	assert_true(r->day->closed);
	screen_key(s, KM_F(3));
	assert_true(screen_has_overlay(s));
	screen_key(s, 'y');
	assert_false(r->day->closed);
	assert_non_null(strstr(r->message, "Reopened"));
	screen_free(&s);
	keymap_free(&km);

	own = util_write(fx->base, "km",
			 "global { quit = \"F10\" left = \"Left\" save = \"F2\" }\n"
			 "pane review { previous-day = \"p\" close-day = \"F12\" }\n");
	assert_int_equal(keymap_load(own, &km, &err), 0);
	s = review_screen_new(r, km, NULL);
	p = screen_focused(s);
	screen_key(s, KM_LEFT);	/* a move here, no longer another day */
	assert_string_equal(r->day->date, DAY);
	screen_key(s, 'p');
	assert_string_equal(r->day->date, "2026-11-15");
	assert_true(help_has(km, p, "F12", "close the day at every desk (asks first)"));
	assert_false(help_has(km, p, "F2", "save the contact"));
	screen_free(&s);
	keymap_free(&km);
	free(own);
	review_free(&r);
}

/* The site's expected desks and their hours: d1 (08:10-12:55) is open
 * 8-13 and fine; expected 8-16 it stopped early; expected from 6 it
 * started late; d9 recorded nothing and gets a row of its own. */
static void test_expected_hours(void **state)
{
	struct fx *fx = *state;
	static const char *const fine[] = { "d1 mo-fr 8-13" };
	static const char *const off[] = { "d1 mo 6-16; tu-fr 8-16", "d9 mo-fr 8-16", "d2 sa 8-16" };
	struct review_labels l = { 0 };
	struct review_day *d = NULL;
	char *err = NULL, *t;
	size_t i, kinds[3] = { 0, 0, 0 };

	l.expected = fine;
	l.n_expected = 1;
	assert_int_equal(review_day_load(&d, fx->dir, DAY, NULL, 0, &l, &err), 0);
	for (i = 0; i < d->n_flags; i++)
		assert_true(d->flags[i].kind < REVIEW_FLAG_NOTHING);
	review_day_free(&d);

	l.expected = off;
	l.n_expected = 3;
	assert_int_equal(review_day_load(&d, fx->dir, DAY, NULL, 0, &l, &err), 0);
	for (i = 0; i < d->n_flags; i++) {
		const struct review_desk *k = &d->desks[d->flags[i].desk];
		if (d->flags[i].kind < REVIEW_FLAG_NOTHING)
			continue;
		t = review_flag_text(d, &d->flags[i]);
		if (d->flags[i].kind == REVIEW_FLAG_NOTHING) {
			assert_string_equal(k->name, "d9");
			assert_string_equal(t, "recorded nothing, though expected open 08:00-16:00");
		} else {
			assert_string_equal(k->desk, "d1");
			assert_non_null(strstr(t, d->flags[i].kind == REVIEW_FLAG_STARTED_LATE
					       ? "the first contact at " : "the last contact at "));
		}
		kinds[d->flags[i].kind - REVIEW_FLAG_NOTHING]++;
		free(t);
	}
	/* d2 is not expected on a Monday: no flag for it. */
	assert_int_equal(kinds[0], 1);
	assert_int_equal(kinds[1], 1);
	assert_int_equal(kinds[2], 1);
	review_day_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_totals, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hours_and_gaps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_flags, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unreadable_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_top_lists, setup, teardown),
		cmocka_unit_test_setup_teardown(test_log_and_notes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_desk_filter, setup, teardown),
		cmocka_unit_test_setup_teardown(test_close_day, setup, teardown),
		cmocka_unit_test_setup_teardown(test_close_future_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_old_close, setup, teardown),
		cmocka_unit_test_setup_teardown(test_review_state, setup, teardown),
		cmocka_unit_test_setup_teardown(test_review_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(test_expected_hours, setup, teardown),
	};
	setenv("TZ", "Europe/Helsinki", 1);
	tzset();
	setenv("LANGUAGE", "en", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
