/* test_report: merging desk files and the figures, checked against counts
 * worked out by hand from the contacts below.
 *
 * 2026-11-22 (Helsinki, UTC+2), desk d1:
 *   c1 09:10 walk-in fi  housing+daycare  answered          (note)
 *   c2 09:40 phone   so  housing          redirected svc-a expertise
 *   c3 14:05 walk-in so  health           answered
 *   c4 14:30 walk-in ar  housing          answered, then undone
 * 2026-11-21: c5 10:00 walk-in fi housing (another day)
 * 2026-11-22, desk d2:
 *   c6 10:15 chat    en  housing+employment consulted svc-b wrong-place
 *   c7 10:20 walk-in so  education        answered
 * So on 2026-11-22: 5 contacts; housing 3 (60.0 %), so 3, en 1, fi 1;
 * d1 3, d2 2; hours 09: 2, 10: 2, 14: 1; outcomes 3/1/1/0. */
#include <config.h>

#include "util.h"

#include <sys/stat.h>

#include "core/err.h"
#include "core/csv.h"
#include "core/report.h"
#include "core/report_suppress.h"
#include "core/stats.h"

#define T(h, m) ((time_t)1795331400 + ((h) - 9) * 3600 + ((m) - 10) * 60)

struct fx {
	char *dir;		/* the statistics folder */
	char *old;		/* a copy of d1.db made before the undo */
	char *copies;		/* a copy of d1.db made after */
	struct report_files files;
	struct report_query q;
};

static void save(struct stats *st, time_t start, const char *channel,
		 const char *lang, unsigned topics, const char *outcome,
		 const char *service, const char *reason, const char *note)
{
	struct contact *c = contact_new(NULL);
	char *err = NULL;
	c->started_at = start;
	c->ended_at = start + 300;
	c->channel = codes_find(CODES_CHANNEL, channel);
	contact_set_language(c, lang);
	c->topics = topics;
	c->outcome = codes_find(CODES_OUTCOME, outcome);
	if (service) {
		contact_set_redirect(c, service);
		c->redirect_reason = codes_find(CODES_REASON, reason);
		c->interpreter = codes_find(CODES_INTERPRETER, "phone");
	}
	contact_set_note(c, note);
	if (stats_save(st, c, &err) != 0)
		fail_msg("save: %s", err);
	contact_free(&c);
}

/* sess: the session, to undo after reopening the file (NULL: a new one). */
static struct stats *open_desk_in(const char *dir, const char *desk,
				  struct stats_session *sess)
{
	struct stats_opts o = { desk, NULL, NULL, 0, 0, sess };
	struct stats *st = NULL;
	char *path = malloc(strlen(dir) + strlen(desk) + 8), *err = NULL;
	sprintf(path, "%s/%s.db", dir, desk);
	if (stats_open(&st, path, &o, &err) != 0)
		fail_msg("open: %s", err);
	free(path);
	return st;
}

static struct stats *open_desk(const char *dir, const char *desk)
{
	return open_desk_in(dir, desk, NULL);
}

static void copy_file(const char *from, const char *to)
{
	char cmd[8192];
	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", from, to);
	assert_int_equal(system(cmd), 0);
}

static int setup(void **state)
{
	struct fx *fx = calloc(1, sizeof *fx);
	const unsigned H = 1u << TOPIC_HOUSING;
	struct stats *st;
	struct stats_session *sess;
	char *base = util_tmpdir(), *d1, *err = NULL;

	fx->dir = malloc(strlen(base) + 16);
	sprintf(fx->dir, "%s/stats", base);
	fx->old = malloc(strlen(base) + 16);
	sprintf(fx->old, "%s/old", base);
	fx->copies = malloc(strlen(base) + 16);
	sprintf(fx->copies, "%s/copies", base);
	mkdir(fx->old, 0700);
	mkdir(fx->copies, 0700);

	sess = stats_session_new();
	st = open_desk_in(fx->dir, "d1", sess);
	save(st, T(9, 10), "walk-in", "fi", H | (1u << TOPIC_DAYCARE), "answered", NULL, NULL, "private words");
	save(st, T(9, 40), "phone", "so", H, "redirected", "svc-a", "expertise", NULL);
	save(st, T(14, 5), "walk-in", "so", 1u << TOPIC_HEALTH, "answered", NULL, NULL, NULL);
	save(st, T(10, 0) - 86400, "walk-in", "fi", H, "answered", NULL, NULL, NULL);
	save(st, T(14, 30), "walk-in", "ar", H, "answered", NULL, NULL, NULL);
	stats_close(&st);
	d1 = malloc(strlen(fx->dir) + 16);
	sprintf(d1, "%s/d1.db", fx->dir);
	copy_file(d1, fx->old);
	st = open_desk_in(fx->dir, "d1", sess);
	if (stats_undo_last(st, T(14, 30) + 360, NULL, &err) != 0)
		fail_msg("undo: %s", err);
	stats_close(&st);
	stats_session_free(&sess);
	copy_file(d1, fx->copies);
	free(d1);

	st = open_desk(fx->dir, "d2");
	save(st, T(10, 15), "chat", "en", H | (1u << TOPIC_EMPLOYMENT), "consulted", "svc-b", "wrong-place", NULL);
	save(st, T(10, 20), "walk-in", "so", 1u << TOPIC_EDUCATION, "answered", NULL, NULL, NULL);
	stats_close(&st);

	assert_int_equal(report_files_add(&fx->files, fx->dir, false, &err), 0);
	assert_int_equal(date_local_day("2026-11-22", &fx->q.from, &fx->q.to), 0);
	free(base);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;
	char *base = strdup(fx->dir);
	*strrchr(base, '/') = '\0';
	util_rmtree(&base);
	free(fx->dir);
	free(fx->old);
	free(fx->copies);
	report_files_clear(&fx->files);
	free(fx);
	return 0;
}

static struct report_agg *agg_of(struct fx *fx, int d1, int d2)
{
	struct report_agg *a = report_agg_new(d1, d2);
	char *err = NULL;
	if (report_scan(&fx->files, &fx->q, report_agg_add_cb, a, &err) != 0)
		fail_msg("scan: %s", err);
	return a;
}

static char *written(const struct report_agg *a, const struct report_out *o)
{
	char *buf = NULL, *err = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (report_write(f, a, o, &err) != 0)
		fail_msg("write: %s", err);
	fclose(f);
	return buf;
}

static struct report_out out(enum report_format format, int suppress)
{
	struct report_out o;
	memset(&o, 0, sizeof o);
	o.format = format;
	o.suppress = suppress;
	o.from_date = "2026-11-22";
	o.to_date = "2026-11-22";
	return o;
}

static size_t count_of(const struct report_agg *a, const char *code)
{
	size_t i;
	for (i = 0; i < report_agg_size(a, 0); i++)
		if (!strcmp(report_agg_code(a, 0, i), code))
			return report_agg_count(a, 0, i);
	fail_msg("no row %s", code);
	return 0;
}

static void test_figures(void **state)
{
	struct fx *fx = *state;
	struct report_agg *a = agg_of(fx, REPORT_TOPIC, -1);
	assert_int_equal(report_agg_total(a), 5);
	/* Every topic in code order, zeros included. */
	assert_int_equal(report_agg_size(a, 0), TOPIC__N);
	assert_string_equal(report_agg_code(a, 0, 0), "housing");
	assert_string_equal(report_agg_label(a, 0, 0), "Housing");
	assert_int_equal(count_of(a, "housing"), 3);
	assert_int_equal(count_of(a, "daycare"), 1);
	assert_int_equal(count_of(a, "health"), 1);
	assert_int_equal(count_of(a, "employment"), 1);
	assert_int_equal(count_of(a, "education"), 1);
	assert_int_equal(count_of(a, "leisure"), 0);
	report_agg_free(&a);

	a = agg_of(fx, REPORT_DESK, -1);
	assert_int_equal(report_agg_size(a, 0), 2);
	assert_int_equal(count_of(a, "d1"), 3);
	assert_int_equal(count_of(a, "d2"), 2);
	report_agg_free(&a);

	a = agg_of(fx, REPORT_OUTCOME, -1);
	assert_int_equal(count_of(a, "answered"), 3);
	assert_int_equal(count_of(a, "redirected"), 1);
	assert_int_equal(count_of(a, "consulted"), 1);
	assert_int_equal(count_of(a, "callback"), 0);
	report_agg_free(&a);

	a = agg_of(fx, REPORT_INTERPRETER, -1);
	assert_int_equal(count_of(a, "none"), 3);
	assert_int_equal(count_of(a, "phone"), 2);
	report_agg_free(&a);

	/* Not recorded comes last, labelled. */
	a = agg_of(fx, REPORT_REASON, -1);
	assert_int_equal(count_of(a, "expertise"), 1);
	assert_int_equal(count_of(a, "wrong-place"), 1);
	assert_int_equal(count_of(a, ""), 3);
	assert_string_equal(report_agg_label(a, 0, report_agg_size(a, 0) - 1), "(not recorded)");
	report_agg_free(&a);
}

static void test_csv_by_language(void **state)
{
	struct fx *fx = *state;
	struct report_agg *a = agg_of(fx, REPORT_LANGUAGE, -1);
	struct report_out o = out(REPORT_FORMAT_CSV, 0);
	char *s = written(a, &o);
	/* Languages by count, then code. */
	assert_string_equal(s, "code,label,count,percent\r\n"
			    "so,so,3,60.0\r\n"
			    "en,en,1,20.0\r\n"
			    "fi,fi,1,20.0\r\n");
	free(s);
	report_agg_free(&a);
}

static const char *label_hook(enum report_dim dim, const char *code, void *ud)
{
	(void)ud;
	if (dim == REPORT_LANGUAGE && !strcmp(code, "so"))
		return "Somali";
	return NULL;
}

static void test_labels_hook(void **state)
{
	struct fx *fx = *state;
	struct report_agg *a = report_agg_new(REPORT_LANGUAGE, -1);
	struct report_out o = out(REPORT_FORMAT_CSV, 0);
	char *s, *err = NULL;
	report_agg_set_labels(a, label_hook, NULL);
	assert_int_equal(report_scan(&fx->files, &fx->q, report_agg_add_cb, a, &err), 0);
	s = written(a, &o);
	assert_non_null(strstr(s, "\r\nso,Somali,3,60.0\r\n"));
	assert_non_null(strstr(s, "\r\nen,en,1,20.0\r\n"));
	free(s);
	report_agg_free(&a);
}

/* Service names from the catalogue that a spreadsheet would run as a
 * formula. */
static const char *service_hook(enum report_dim dim, const char *code, void *ud)
{
	(void)ud;
	if (dim == REPORT_REDIRECT && !strcmp(code, "svc-a"))
		return "=HYPERLINK(\"http://x\",\"Kela\")";
	if (dim == REPORT_REDIRECT && !strcmp(code, "svc-b"))
		return "@SUM(1+1)";
	return NULL;
}

/* The contract: a csv text cell beginning with = + - @, tab or CR gets a
 * "'" in front; json and text show the name as it is. */
static void test_csv_formula_cells(void **state)
{
	struct fx *fx = *state;
	struct report_agg *a = report_agg_new(REPORT_REDIRECT, -1);
	struct report_out o = out(REPORT_FORMAT_CSV, 0);
	char *s, *cell, *err = NULL;
	report_agg_set_labels(a, service_hook, NULL);
	assert_int_equal(report_scan(&fx->files, &fx->q, report_agg_add_cb, a, &err), 0);
	s = written(a, &o);
	assert_non_null(strstr(s, "\r\nsvc-a,\"'=HYPERLINK(\"\"http://x\"\",\"\"Kela\"\")\",1,20.0\r\n"));
	assert_non_null(strstr(s, "\r\nsvc-b,'@SUM(1+1),1,20.0\r\n"));
	free(s);
	o.format = REPORT_FORMAT_JSON;
	s = written(a, &o);
	assert_non_null(strstr(s, "\"label\":\"@SUM(1+1)\""));
	free(s);
	report_agg_free(&a);
	for (const char *const *t = (const char *const[]){ "=1", "+1", "-1", "@a", "\t1", "\r1", NULL }; *t; t++) {
		cell = csv_text_cell(*t);
		assert_int_equal(cell[0], '\'');
		assert_string_equal(cell + 1, *t);
		free(cell);
	}
	cell = csv_text_cell("1-2");
	assert_string_equal(cell, "1-2");
	free(cell);
}

static void test_suppression(void **state)
{
	struct fx *fx = *state;
	struct report_agg *a = agg_of(fx, REPORT_LANGUAGE, -1);
	struct report_out o = out(REPORT_FORMAT_CSV, 2);
	char *s = written(a, &o);
	/* en 1 and fi 1 are below 2; with only them hidden, 5 - 3 = 2 says
	 * both are 1, so so is hidden too. */
	assert_string_equal(s, "code,label,count,percent\r\n"
			    "so,so,..,\r\n"
			    "en,en,..,\r\n"
			    "fi,fi,..,\r\n");
	free(s);
	o.format = REPORT_FORMAT_JSON;
	s = written(a, &o);
	assert_non_null(strstr(s, "\"code\":\"en\",\"label\":\"en\",\"count\":null,\"percent\":null,\"suppressed\":true"));
	assert_non_null(strstr(s, "\"total\":5,"));
	free(s);
	o.format = REPORT_FORMAT_TEXT;
	s = written(a, &o);
	assert_non_null(strstr(s, ".."));
	assert_null(strstr(s, "20.0"));
	assert_null(strstr(s, "60.0"));
	free(s);
	/* Without so's 3 on show: so 3 of 5 stays visible at --suppress 1. */
	o.suppress = 1;
	o.format = REPORT_FORMAT_CSV;
	s = written(a, &o);
	assert_non_null(strstr(s, "\r\nso,so,3,60.0\r\n"));
	free(s);
	/* Zero identifies nobody: it stays visible. */
	report_agg_free(&a);
	a = agg_of(fx, REPORT_TOPIC, -1);
	o.format = REPORT_FORMAT_CSV;
	s = written(a, &o);
	assert_non_null(strstr(s, "\r\nleisure,Leisure,0,0.0\r\n"));
	free(s);
	/* The total too when it is small: null, and no percentages. */
	o.suppress = 6;
	o.format = REPORT_FORMAT_JSON;
	s = written(a, &o);
	assert_non_null(strstr(s, "\"total\":null,\"total_suppressed\":true"));
	assert_null(strstr(s, "60.0"));
	assert_null(strstr(s, "\"<"));
	free(s);
	report_agg_free(&a);
}

static void test_json(void **state)
{
	struct fx *fx = *state;
	struct report_agg *a = agg_of(fx, REPORT_TOPIC, -1);
	struct report_out o = out(REPORT_FORMAT_JSON, 0);
	char *s = written(a, &o);
	const char *head = "{\"period\":{\"from\":\"2026-11-22\",\"to\":\"2026-11-22\"},"
		"\"desks\":[\"d1\",\"d2\"],\"total\":5,\"by\":[\"topic\"],\"rows\":[";
	assert_true(strncmp(s, head, strlen(head)) == 0);
	assert_non_null(strstr(s, "{\"code\":\"housing\",\"label\":\"Housing\",\"count\":3,\"percent\":60.0}"));
	assert_non_null(strstr(s, "{\"code\":\"leisure\",\"label\":\"Leisure\",\"count\":0,\"percent\":0.0}"));
	assert_string_equal(s + strlen(s) - 21, "],\"unit\":\"contacts\"}\n");
	free(s);
	report_agg_free(&a);
}

static void test_text_exact(void **state)
{
	struct fx *fx = *state;
	struct report_agg *a = agg_of(fx, REPORT_OUTCOME, -1);
	struct report_out o = out(REPORT_FORMAT_TEXT, 0);
	char expect[2048], bar30[31], bar10[11];
	char *s;

	memset(bar30, '#', 30);
	bar30[30] = '\0';
	memset(bar10, '#', 10);
	bar10[10] = '\0';
	snprintf(expect, sizeof expect,
		 "Period: 2026-11-22\n"
		 "Desks (all): d1, d2\n"
		 "Contacts: 5\n"
		 "\n"
		 "%-25s  %8s  %4s\n"
		 "%-25s  %8s  %4s  %s\n"
		 "%-25s  %8s  %4s  %s\n"
		 "%-25s  %8s  %4s  %s\n"
		 "%-25s  %8s  %4s\n",
		 "Outcome", "Contacts", "%",
		 "Answered", "3", "60.0", bar30,
		 "Redirected", "1", "20.0", bar10,
		 "Consulted another service", "1", "20.0", bar10,
		 "Call back later", "0", "0.0");
	s = written(a, &o);
	assert_string_equal(s, expect);
	free(s);
	report_agg_free(&a);
}

/* A sign-off file among the desks' files: the day's state in each
 * format, and a contact saved after the close is counted late, in its
 * day, and marked in the contacts. */
static void test_days_and_late(void **state)
{
	struct fx *fx = *state;
	struct report_days days = { NULL, 0 };
	struct report_contacts *rows;
	struct report_agg *a;
	struct report_out o = out(REPORT_FORMAT_CSV, 0);
	struct stats *st;
	char *so = malloc(strlen(fx->dir) + 16), *err = NULL, *s;
	size_t i, late = 0;

	/* Not closed: every format says so. */
	assert_int_equal(report_days_load(&days, &fx->files, "2026-11-21", "2026-11-22", NULL, &err), 0);
	assert_int_equal(days.n, 2);
	assert_string_equal(days.v[0].date, "2026-11-21");
	assert_string_equal(days.v[1].date, "2026-11-22");
	assert_false(days.v[1].closed);
	report_days_clear(&days);

	sprintf(so, "%s/@sup.db", fx->dir);
	{
		struct stats_opts opt = { "", NULL, NULL, 0, 0, NULL };
		assert_int_equal(stats_open(&st, so, &opt, &err), 0);
		assert_int_equal(stats_sign_off(st, "2026-11-22", STATS_CLOSE, "sup", &err), 0);
		stats_close(&st);
	}
	sleep(1);	/* to the second: the next save comes after the close */
	st = open_desk(fx->dir, "d2");
	save(st, T(16, 0), "walk-in", "fi", 1u << TOPIC_HEALTH, "answered", NULL, NULL, NULL);
	stats_close(&st);
	report_files_clear(&fx->files);
	assert_int_equal(report_files_add(&fx->files, fx->dir, false, &err), 0);

	assert_int_equal(report_days_load(&days, &fx->files, "2026-11-22", "2026-11-22", NULL, &err), 0);
	assert_int_equal(days.n, 1);
	assert_true(days.v[0].closed);
	assert_string_equal(days.v[0].closed_by, "sup");
	rows = report_contacts_new();
	assert_int_equal(report_scan(&fx->files, &fx->q, report_contacts_add, rows, &err), 0);
	assert_int_equal(report_contacts_n(rows), 6);	/* kept and counted */
	for (i = 0; i < report_contacts_n(rows); i++) {
		const struct stats_row *r = report_contacts_get(rows, i);
		report_days_count(&days, r);
		if (r->late) {
			late++;
			assert_int_equal(r->started_at, T(16, 0));
			assert_string_equal(r->desk, "d2");
		}
	}
	assert_int_equal(late, 1);
	assert_int_equal(report_days_late(&days), 1);
	report_contacts_free(&rows);

	o.days = &days;
	a = agg_of(fx, REPORT_DESK, -1);
	s = written(a, &o);
	/* The counts only: the days are text's and json's, never a second
	 * section that breaks the contract's code,label,count,percent. */
	assert_string_equal(s, REPORT_CSV_HEADER "\r\nd1,d1,3,50.0\r\nd2,d2,3,50.0\r\n");
	free(s);
	o.format = REPORT_FORMAT_JSON;
	s = written(a, &o);
	assert_non_null(strstr(s, "\"days\":[{\"date\":\"2026-11-22\",\"closed\":true,\"closed_at\":\"2026-"));
	assert_non_null(strstr(s, "\"closed_by\":\"sup\",\"late\":1}],\"late\":1}\n"));
	free(s);
	o.format = REPORT_FORMAT_TEXT;
	s = written(a, &o);
	assert_non_null(strstr(s, "\nDay closed: yes, by sup at "));
	assert_non_null(strstr(s, "\nLate contacts (saved after their day was closed): 1\n"));
	free(s);
	report_agg_free(&a);
	report_days_clear(&days);
	free(so);
}

static void test_text_unicode_bars(void **state)
{
	struct fx *fx = *state;
	struct report_agg *a = agg_of(fx, REPORT_LANGUAGE, -1);
	struct report_out o = out(REPORT_FORMAT_TEXT, 0);
	char *s;
	o.utf8 = true;
	o.bar_width = 10;
	s = written(a, &o);
	/* 3 of 3: ten full blocks; 1 of 3: 10/3 columns = 3 and 3/8. */
	assert_non_null(strstr(s, "  \u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\u2588\n"));
	assert_non_null(strstr(s, "  \u2588\u2588\u2588\u258d\n"));
	assert_null(strchr(s, '#'));
	free(s);
	report_agg_free(&a);
}

static void test_hours_and_weekdays(void **state)
{
	struct fx *fx = *state;
	struct report_agg *a = agg_of(fx, REPORT_HOUR, -1);
	struct report_out o = out(REPORT_FORMAT_CSV, 0);
	char *s = written(a, &o);
	/* From the first to the last hour with contacts, gaps shown. */
	assert_string_equal(s, "code,label,count,percent\r\n"
			    "09,09-10,2,40.0\r\n"
			    "10,10-11,2,40.0\r\n"
			    "11,11-12,0,0.0\r\n"
			    "12,12-13,0,0.0\r\n"
			    "13,13-14,0,0.0\r\n"
			    "14,14-15,1,20.0\r\n");
	free(s);
	report_agg_free(&a);
	a = agg_of(fx, REPORT_WEEKDAY, -1);
	assert_int_equal(report_agg_size(a, 0), 7);
	/* 2026-11-22 is a Sunday. */
	assert_string_equal(report_agg_code(a, 0, 6), "7");
	assert_string_equal(report_agg_label(a, 0, 6), "Sunday");
	assert_int_equal(report_agg_count(a, 0, 6), 5);
	assert_int_equal(report_agg_count(a, 0, 0), 0);
	report_agg_free(&a);
}

static void test_cross_table(void **state)
{
	struct fx *fx = *state;
	struct report_agg *a = agg_of(fx, REPORT_LANGUAGE, REPORT_TOPIC);
	struct report_out o = out(REPORT_FORMAT_CSV, 0);
	size_t i, j, sum = 0;
	char *s;

	/* Rows so, en, fi; columns every topic. */
	assert_int_equal(report_agg_size(a, 0), 3);
	assert_int_equal(report_agg_size(a, 1), TOPIC__N);
	assert_string_equal(report_agg_code(a, 0, 0), "so");
	assert_int_equal(report_agg_cell(a, 0, TOPIC_HOUSING), 1);
	assert_int_equal(report_agg_cell(a, 0, TOPIC_HEALTH), 1);
	assert_int_equal(report_agg_cell(a, 0, TOPIC_EDUCATION), 1);
	assert_int_equal(report_agg_cell(a, 1, TOPIC_EMPLOYMENT), 1);	/* en */
	assert_int_equal(report_agg_cell(a, 2, TOPIC_DAYCARE), 1);	/* fi */
	for (i = 0; i < 3; i++)
		for (j = 0; j < TOPIC__N; j++)
			sum += report_agg_cell(a, i, j);
	/* Seven topic ticks on five contacts. */
	assert_int_equal(sum, 7);
	s = written(a, &o);
	assert_true(strncmp(s, "code,label,code2,label2,count,percent\r\n", 39) == 0);
	assert_non_null(strstr(s, "\r\nso,so,housing,Housing,1,20.0\r\n"));
	assert_non_null(strstr(s, "\r\nfi,fi,daycare,Early childhood education,1,20.0\r\n"));
	free(s);
	o.format = REPORT_FORMAT_TEXT;
	o.suppress = 2;
	s = written(a, &o);
	assert_non_null(strstr(s, "Language \\ Topic"));
	assert_non_null(strstr(s, "Total"));
	assert_non_null(strstr(s, ".."));
	assert_null(strstr(s, "<2"));
	free(s);
	o.format = REPORT_FORMAT_JSON;
	o.suppress = 0;
	s = written(a, &o);
	assert_non_null(strstr(s, "\"by\":[\"language\",\"topic\"]"));
	assert_non_null(strstr(s, "\"cells\":[{\"code\":\"housing\""));
	free(s);
	report_agg_free(&a);
}

static void test_merge_idempotent(void **state)
{
	struct fx *fx = *state;
	struct report_agg *a;
	char *err = NULL, *d1 = malloc(strlen(fx->dir) + 16);

	/* The same file by another path is added once... */
	sprintf(d1, "%s/./d1.db", fx->dir);
	assert_int_equal(report_files_add(&fx->files, d1, false, &err), 0);
	assert_int_equal(fx->files.n, 2);
	free(d1);
	/* ...and a copy from another host counts each contact once. */
	assert_int_equal(report_files_add(&fx->files, fx->copies, false, &err), 0);
	assert_int_equal(fx->files.n, 3);
	a = agg_of(fx, REPORT_DESK, -1);
	assert_int_equal(report_agg_total(a), 5);
	assert_int_equal(count_of(a, "d1"), 3);
	report_agg_free(&a);
	/* A copy made before the undo: the undo still wins. */
	assert_int_equal(report_files_add(&fx->files, fx->old, false, &err), 0);
	assert_int_equal(fx->files.n, 4);
	a = agg_of(fx, REPORT_LANGUAGE, -1);
	assert_int_equal(report_agg_total(a), 5);
	assert_int_equal(count_of(a, "so"), 3);
	report_agg_free(&a);
	/* The old copy alone still has it. */
	report_files_clear(&fx->files);
	assert_int_equal(report_files_add(&fx->files, fx->old, false, &err), 0);
	a = agg_of(fx, REPORT_LANGUAGE, -1);
	assert_int_equal(report_agg_total(a), 4);
	assert_int_equal(count_of(a, "ar"), 1);
	report_agg_free(&a);
}

/* The streaming scan: every file's rows merged in time order as they are
 * read, copies counted once (also a copy made before an undo), a bad file
 * left out and recorded. */
struct in_order {
	size_t n, out_of_order;
	time_t last;
};

static int keep_start(const struct stats_row *r, void *ud)
{
	struct in_order *o = ud;
	o->out_of_order += r->started_at < o->last;
	o->last = r->started_at;
	o->n++;
	return 0;
}

static void test_ordered_scan_and_skips(void **state)
{
	struct fx *fx = *state;
	struct in_order o = { 0, 0, 0 };
	struct report_skips skips = { 0 };
	char *err = NULL, *junk;

	assert_int_equal(report_files_add(&fx->files, fx->copies, false, &err), 0);
	assert_int_equal(report_files_add(&fx->files, fx->old, false, &err), 0);
	junk = util_write(fx->copies, "junk.db", "not a statistics file at all, not even SQLite, just words");
	assert_int_equal(report_files_add(&fx->files, junk, false, &err), 0);
	fx->q.ordered = true;
	fx->q.skips = &skips;
	assert_int_equal(report_scan(&fx->files, &fx->q, keep_start, &o, &err), 0);
	/* c1 c2 c3 of d1, c6 c7 of d2; c4 undone in one copy is out; in
	 * time order as they came, across d1, d2 and the copies. */
	assert_int_equal(o.n, 5);
	assert_int_equal(o.out_of_order, 0);
	assert_int_equal(skips.n, 1);
	assert_string_equal(skips.paths[0], junk);
	assert_non_null(strstr(skips.why[0], junk));
	assert_null(strchr(skips.why[0], '\n'));
	/* Without a list for them, a bad file stops the scan. */
	fx->q.skips = NULL;
	assert_int_equal(report_scan(&fx->files, &fx->q, keep_start, &o, &err), -1);
	assert_non_null(strstr(err, junk));
	err_free(&err);
	report_skips_clear(&skips);
	free(junk);
}

static void test_desk_filter_and_period(void **state)
{
	struct fx *fx = *state;
	const char *desks[] = { "d2" };
	struct report_agg *a;
	time_t ignore;

	fx->q.desks = desks;
	fx->q.n_desks = 1;
	a = agg_of(fx, REPORT_TOPIC, -1);
	assert_int_equal(report_agg_total(a), 2);
	report_agg_free(&a);
	fx->q.n_desks = 0;
	/* Two days. */
	assert_int_equal(date_local_day("2026-11-21", &fx->q.from, &ignore), 0);
	a = agg_of(fx, REPORT_DESK, -1);
	assert_int_equal(report_agg_total(a), 6);
	assert_int_equal(count_of(a, "d1"), 4);
	report_agg_free(&a);
}

static void test_running_desk(void **state)
{
	struct fx *fx = *state;
	struct stats *st = open_desk(fx->dir, "d2");
	struct report_agg *a;
	struct stat sb;
	char *shm = malloc(strlen(fx->dir) + 16);

	/* A report of closed desk files leaves nothing behind in the folder
	 * (a -shm file of another user would lock the desk out). */
	a = agg_of(fx, REPORT_DESK, -1);
	report_agg_free(&a);
	sprintf(shm, "%s/d1.db-shm", fx->dir);
	assert_int_equal(stat(shm, &sb), -1);
	/* A desk still running: its latest contact is only in the -wal
	 * file, and the report sees it. */
	save(st, T(15, 0), "video", "uk", 1u << TOPIC_DIGITAL, "answered", NULL, NULL, NULL);
	a = agg_of(fx, REPORT_DESK, -1);
	assert_int_equal(report_agg_total(a), 6);
	assert_int_equal(count_of(a, "d2"), 3);
	report_agg_free(&a);
	stats_close(&st);
	free(shm);
}

static void test_contacts_csv(void **state)
{
	struct fx *fx = *state;
	struct report_contacts *c = report_contacts_new();
	struct report_out o = out(REPORT_FORMAT_CSV, 0);
	char *buf = NULL, *err = NULL, *line2;
	size_t len = 0, lines = 0;
	const char *p;
	FILE *f;

	assert_int_equal(report_scan(&fx->files, &fx->q, report_contacts_add, c, &err), 0);
	assert_int_equal(report_contacts_n(c), 5);
	f = open_memstream(&buf, &len);
	assert_int_equal(report_contacts_write(f, c, &o, &err), 0);
	fclose(f);
	static const char header[] = "id,desk,started_at,ended_at,channel,language,"
		"interpreter,topics,outcome,redirect_service,redirect_reason,discovery,"
		"age_band,gender,life_situation,people\r\n";
	assert_true(strncmp(buf, header, strlen(header)) == 0);
	for (p = buf; *p; p++)
		lines += *p == '\n' && p > buf && p[-1] == '\r';
	assert_int_equal(lines, 6);
	/* Sorted by time: c1 first; ISO times with offset; topics in code
	 * order; no note anywhere. */
	line2 = strchr(buf, '\n') + 1;
	assert_non_null(strstr(line2, ",d1,2026-11-22T09:10:00+02:00,2026-11-22T09:15:00+02:00,"
			       "walk-in,fi,none,housing;daycare,answered,,,,,,,1\r\n"));
	assert_int_equal(strchr(line2, ',') - line2, 36);
	assert_non_null(strstr(buf, ",phone,so,phone,housing,redirected,svc-a,expertise,,,,,1\r\n"));
	assert_null(strstr(buf, "private"));
	free(buf);

	o.format = REPORT_FORMAT_JSON;
	buf = NULL;
	f = open_memstream(&buf, &len);
	assert_int_equal(report_contacts_write(f, c, &o, &err), 0);
	fclose(f);
	assert_non_null(strstr(buf, "\"total\":5"));
	assert_non_null(strstr(buf, "\"topics\":[\"housing\",\"daycare\"]"));
	assert_non_null(strstr(buf, "\"people\":1,"));
	assert_non_null(strstr(buf, "\"started_at\":\"2026-11-22T09:10:00+02:00\""));
	assert_null(strstr(buf, "private"));
	free(buf);
	report_contacts_free(&c);
}

static void test_bad_files(void **state)
{
	struct fx *fx = *state;
	struct report_agg *a = report_agg_new(REPORT_TOPIC, -1);
	char *err = NULL, *junk;

	assert_int_equal(report_files_add(&fx->files, "/nonexistent/neuvoo.db", false, &err), -1);
	assert_non_null(strstr(err, "/nonexistent/neuvoo.db"));
	err_free(&err);
	/* A missing statistics folder is just empty. */
	assert_int_equal(report_files_add(&fx->files, "/nonexistent/stats", true, &err), 0);

	junk = util_write(fx->old, "junk.db", "this is not a statistics file, not even SQLite");
	report_files_clear(&fx->files);
	assert_int_equal(report_files_add(&fx->files, junk, false, &err), 0);
	assert_int_equal(report_scan(&fx->files, &fx->q, report_agg_add_cb, a, &err), -1);
	assert_non_null(strstr(err, junk));
	assert_null(strchr(err, '\n'));
	err_free(&err);
	free(junk);
	report_agg_free(&a);
}

static void test_dims_and_times(void **state)
{
	char buf[26];
	(void)state;
	assert_int_equal(report_dim_parse("topic"), REPORT_TOPIC);
	assert_int_equal(report_dim_parse("gender"), REPORT_GENDER);
	assert_int_equal(report_dim_parse("redirect"), REPORT_REDIRECT);
	assert_int_equal(report_dim_parse("topics"), -1);
	assert_string_equal(report_dim_name(REPORT_WEEKDAY), "weekday");
	date_iso(T(14, 5), 7200, buf);
	assert_string_equal(buf, "2026-11-22T14:05:00+02:00");
	date_iso(T(14, 5), -18000, buf);
	assert_string_equal(buf, "2026-11-22T07:05:00-05:00");
	date_iso(T(14, 5), 19800, buf);
	assert_string_equal(buf, "2026-11-22T17:35:00+05:30");
}

/* Trends and the new dimensions, on the fixture's day (a Sunday, ISO
 * week 47): every contact lasted 5 minutes. */
static void test_time_dims(void **state)
{
	struct fx *fx = *state;
	struct report_agg *a = report_agg_new(REPORT_DAY, -1);
	char *err = NULL, *s;
	time_t from, to, ignore;
	struct report_out o = out(REPORT_FORMAT_CSV, 0);

	/* A week of days, zeros included, in order. */
	assert_int_equal(date_local_day("2026-11-16", &from, &ignore), 0);
	assert_int_equal(date_local_day("2026-11-22", &ignore, &to), 0);
	report_agg_set_period(a, from, to);
	fx->q.from = from;
	fx->q.to = to;
	assert_int_equal(report_scan(&fx->files, &fx->q, report_agg_add_cb, a, &err), 0);
	assert_int_equal(report_agg_size(a, 0), 7);
	assert_string_equal(report_agg_code(a, 0, 0), "2026-11-16");
	assert_string_equal(report_agg_code(a, 0, 6), "2026-11-22");
	assert_int_equal(report_agg_count(a, 0, 5), 1);	/* c5 */
	assert_int_equal(report_agg_count(a, 0, 6), 5);
	assert_int_equal(report_agg_count(a, 0, 0), 0);
	s = written(a, &o);
	assert_non_null(strstr(s, "\r\n2026-11-16,2026-11-16,0,0.0\r\n"));
	free(s);
	report_agg_free(&a);

	a = report_agg_new(REPORT_WEEK, REPORT_DURATION);
	report_agg_set_period(a, from, to);
	assert_int_equal(report_scan(&fx->files, &fx->q, report_agg_add_cb, a, &err), 0);
	assert_int_equal(report_agg_size(a, 0), 1);
	assert_string_equal(report_agg_code(a, 0, 0), "2026-W47");
	assert_string_equal(report_agg_code(a, 1, 1), "5-10");
	assert_string_equal(report_agg_label(a, 1, 1), "5-10 min");
	assert_int_equal(report_agg_cell(a, 0, 1), 6);
	assert_int_equal(report_agg_count(a, 1, 0), 0);
	report_agg_free(&a);

	a = report_agg_new(REPORT_MONTH, -1);
	assert_int_equal(report_scan(&fx->files, &fx->q, report_agg_add_cb, a, &err), 0);
	assert_string_equal(report_agg_code(a, 0, 0), "2026-11");
	report_agg_free(&a);
	assert_int_equal(report_dim_parse("life-situation"), REPORT_LIFE);
	assert_int_equal(report_dim_parse("week"), REPORT_WEEK);
}

/* --count people: a group counts its size (a stored value that is not a
 * number of at least 1 counts as 1); --compare-with: counts side by side. */
static void test_people_and_compare(void **state)
{
	struct report_agg *a = report_agg_new(REPORT_LANGUAGE, -1);
	struct report_agg *p = report_agg_new(REPORT_LANGUAGE, -1);
	struct report_out o = out(REPORT_FORMAT_CSV, 0);
	struct stats_row r;
	char *s;
	(void)state;
	memset(&r, 0, sizeof r);
	r.id = "x";
	r.topics = "";
	report_agg_set_count(a, REPORT_COUNT_PEOPLE);
	r.language = "fi", r.people = "12";
	report_agg_add(a, &r);
	r.language = "so", r.people = "x";
	report_agg_add(a, &r);
	r.people = NULL;
	report_agg_add(a, &r);
	assert_int_equal(report_agg_total(a), 14);
	assert_int_equal(report_agg_count_of(a, 0, "fi"), 12);
	assert_int_equal(report_agg_count_of(a, 0, "so"), 2);
	r.language = "fi";
	report_agg_add(p, &r);
	report_agg_add(p, &r);
	r.language = "en";
	report_agg_add(p, &r);
	o.prev = p;
	o.prev_from = o.prev_to = "2026-11-21";
	o.count = REPORT_COUNT_PEOPLE;
	s = written(a, &o);
	assert_string_equal(s, REPORT_CSV_COMPARE_HEADER "\r\n"
			    "fi,fi,12,85.7,2,+10\r\n"
			    "so,so,2,14.3,0,+2\r\n");
	free(s);
	o.format = REPORT_FORMAT_JSON;
	s = written(a, &o);
	assert_non_null(strstr(s, "\"count\":12,\"percent\":85.7,\"previous\":2,\"change\":10"));
	assert_non_null(strstr(s, "\"previous\":{\"from\":\"2026-11-21\",\"to\":\"2026-11-21\",\"total\":3}"));
	assert_non_null(strstr(s, "\"unit\":\"people\""));
	free(s);
	o.format = REPORT_FORMAT_TEXT;
	s = written(a, &o);
	assert_non_null(strstr(s, "People: 14\n"));
	assert_non_null(strstr(s, "Compared with: 2026-11-21\n"));
	assert_non_null(strstr(s, "Previous  Change"));
	free(s);
	report_agg_free(&a);
	report_agg_free(&p);
}

/* ---- suppression, by brute force ---------------------------------------- */

/* The margins of a table of inner cells in (rows + 1) x (cols + 1) (a
 * table of one dimension: cols = 0, the total last). */
static void margins(size_t rows, size_t cols, size_t *v)
{
	size_t i, j, w = cols + 1, t = 0;
	if (!cols) {
		for (i = 0; i < rows; i++)
			t += v[i];
		v[rows] = t;
		return;
	}
	for (j = 0; j <= cols; j++)
		v[rows * w + j] = 0;
	for (i = 0; i < rows; i++) {
		v[i * w + cols] = 0;
		for (j = 0; j < cols; j++) {
			v[i * w + cols] += v[i * w + j];
			v[rows * w + j] += v[i * w + j];
		}
		v[rows * w + cols] += v[i * w + cols];
	}
}

/* Every table that moves each hidden inner cell by -1, 0 or +1: does one
 * agree with everything printed (the shown counts as they are, a hidden
 * count at least 1: zeros are printed) and give count k another value? */
static bool other_table(size_t rows, size_t cols, const size_t *v,
			const bool *hidden, size_t k)
{
	size_t n = cols ? (rows + 1) * (cols + 1) : rows + 1, inner[16], ni = 0, i;
	size_t *alt = calloc(n, sizeof *alt);
	long combos = 1, c;
	bool found = false;
	for (i = 0; i < n; i++) {
		bool is_inner = cols ? (i / (cols + 1) < rows && i % (cols + 1) < cols) : i < rows;
		if (is_inner && hidden[i])
			inner[ni++] = i;
	}
	for (i = 0; i < ni; i++)
		combos *= 3;
	for (c = 0; c < combos && !found; c++) {
		long x = c;
		bool ok = true;
		memcpy(alt, v, n * sizeof *alt);
		for (i = 0; i < ni; i++, x /= 3) {
			long val = (long)v[inner[i]] + x % 3 - 1;
			if (val < 1)
				ok = false;
			alt[inner[i]] = (size_t)(val < 0 ? 0 : val);
		}
		if (!ok)
			continue;
		margins(rows, cols, alt);
		for (i = 0; i < n && ok; i++)
			ok = hidden[i] ? alt[i] >= 1 : alt[i] == v[i];
		found = ok && alt[k] != v[k];
	}
	free(alt);
	return found;
}

/* Random small tables: after report_suppress_table every count from 1 to
 * N-1 is hidden, and no hidden one of them is determined by what is
 * printed (another table agrees with all of it). */
static void test_suppression_brute_force(void **state)
{
	unsigned seed = 20261203;
	int t;
	size_t checked = 0, secondary = 0;
	(void)state;
	for (t = 0; t < 3000; t++) {
		size_t rows, cols, n, i, w;
		size_t v[16];
		bool hidden[16];
		int lim;
		seed = seed * 1103515245u + 12345u;
		cols = t % 2 ? 0 : 2 + (seed >> 16) % 2;
		rows = cols ? 2 + (seed >> 20) % 2 : 2 + (seed >> 20) % 5;
		lim = 2 + (int)((seed >> 24) % 5);
		w = cols + 1;
		n = cols ? (rows + 1) * w : rows + 1;
		for (i = 0; i < n; i++) {
			bool is_inner = cols ? (i / w < rows && i % w < cols) : i < rows;
			seed = seed * 1103515245u + 12345u;
			/* Many small counts and zeros, some big ones. */
			v[i] = is_inner ? ((seed >> 16) % 3 == 0 ? 0 : (seed >> 18) % 12) : 0;
		}
		margins(rows, cols, v);
		report_suppress_table(rows, cols, v, hidden, lim);
		for (i = 0; i < n; i++) {
			if (v[i] >= 1 && v[i] < (size_t)lim)
				assert_true(hidden[i]);
			if (!v[i])
				assert_false(hidden[i]);
			if (hidden[i] && v[i] >= (size_t)lim)
				secondary++;
			if (hidden[i] && v[i] < (size_t)lim) {
				if (!other_table(rows, cols, v, hidden, i))
					fail_msg("table %d (%zu x %zu, N %d): count %zu (%zu) can be worked out",
						 t, rows, cols, lim, i, v[i]);
				assert_false(report_suppress_derivable(rows, cols, v, hidden, i));
				checked++;
			}
		}
	}
	/* The test tried something: many small counts, and secondary ones. */
	assert_true(checked > 1000);
	assert_true(secondary > 300);
}

/* The issue's example: a1 40, a2 20, a3 5 and a total of 65. */
static void test_suppression_by_subtraction(void **state)
{
	size_t v[4] = { 40, 20, 5, 65 };
	bool hidden[4];
	size_t x[9] = { 40, 5, 45, 20, 30, 50, 60, 35, 95 };
	bool hx[9];
	(void)state;
	report_suppress_table(3, 0, v, hidden, 10);
	assert_true(hidden[2]);
	assert_true(hidden[1]);		/* the smallest other count */
	assert_false(hidden[0]);
	assert_false(hidden[3]);	/* the total stays */
	/* A cross table: 5 hides 40 or 30 in its row and column and the
	 * fourth corner, never the totals. */
	report_suppress_table(2, 2, x, hx, 10);
	assert_true(hx[1]);
	assert_int_equal(hx[0] + hx[3] + hx[4], 3);
	assert_false(hx[2] || hx[5] || hx[6] || hx[7] || hx[8]);
}

/* The bars of the text report and of the review's charts. */
static void test_bar(void **state)
{
	char *b;
	(void)state;
	b = report_bar(4, 4, 4, true);
	assert_string_equal(b, "\u2588\u2588\u2588\u2588");
	free(b);
	b = report_bar(1, 2, 4, false);
	assert_string_equal(b, "##");
	free(b);
	b = report_bar(1, 100, 4, false);
	assert_string_equal(b, "#");	/* never invisible */
	free(b);
	b = report_bar(3, 8, 1, true);
	assert_string_equal(b, "\u258d");	/* three eighths */
	free(b);
	b = report_bar(0, 8, 10, true);
	assert_string_equal(b, "");
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_figures, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_by_language, setup, teardown),
		cmocka_unit_test_setup_teardown(test_labels_hook, setup, teardown),
		cmocka_unit_test_setup_teardown(test_csv_formula_cells, setup, teardown),
		cmocka_unit_test_setup_teardown(test_suppression, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_exact, setup, teardown),
		cmocka_unit_test_setup_teardown(test_days_and_late, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_unicode_bars, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hours_and_weekdays, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cross_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_merge_idempotent, setup, teardown),
		cmocka_unit_test_setup_teardown(test_desk_filter_and_period, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ordered_scan_and_skips, setup, teardown),
		cmocka_unit_test_setup_teardown(test_running_desk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_contacts_csv, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_files, setup, teardown),
		cmocka_unit_test(test_dims_and_times),
		cmocka_unit_test(test_bar),
		cmocka_unit_test(test_suppression_brute_force),
		cmocka_unit_test_setup_teardown(test_time_dims, setup, teardown),
		cmocka_unit_test(test_people_and_compare),
		cmocka_unit_test(test_suppression_by_subtraction),
	};
	setenv("TZ", "EET-2EEST,M3.5.0/3,M10.5.0/4", 1);
	tzset();
	setenv("LANGUAGE", "en", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
