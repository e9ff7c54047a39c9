/* test_tickets_ui: the callback tickets above the store, without a
 * terminal: the desk's ticket form (which field a refusal names, the
 * ticket and the contact saved together, one anonymous event and nothing
 * personal in the statistics, no second ticket after a failed save), the
 * queue's state (filters, take, done, unreachable, pass) and the form
 * overlay's keys (letters bound in the dialog are text, Esc leaves, F2
 * submits and a refusal keeps what was typed). */
#include "util.h"

#include <config.h>
#include <sqlite3.h>
#include <time.h>

#include "core/codes.h"
#include "core/config.h"
#include "core/err.h"
#include "core/stats.h"
#include "core/tickets.h"
#include "panes/desk.h"
#include "panes/ticket_dialog.h"
#include "panes/tickets_pane.h"
#include "panes/tickets_queue.h"
#include "ui/form.h"
#include "ui/overlay.h"
#include "ui/screen.h"

static char *tmp;

static struct catalogue *fixture(void)
{
	struct catalogue *cat = catalogue_new();
	struct cat_org *o = catalogue_add_org(cat);
	struct cat_service *s;
	struct cat_language *l;
	o->id = xstrdup("city");
	o->name.v[CAT_EN] = xstrdup("City");
	l = catalogue_add_language(cat);
	l->code = xstrdup("fi");
	l->name.v[CAT_EN] = xstrdup("Finnish");
	l = catalogue_add_language(cat);
	l->code = xstrdup("so");
	l->name.v[CAT_EN] = xstrdup("Somali");
	s = catalogue_add_service(cat);
	s->id = xstrdup("housing-advice");
	s->name.v[CAT_EN] = xstrdup("Housing advice");
	s->org = 0;
	s->topics = 1u << TOPIC_HOUSING;
	return cat;
}

struct fx {
	char *dir;
	struct config cfg;
	struct desk *d;
};

static struct stats *open_stats(const char *path)
{
	struct stats_opts o = { "t1", NULL, NULL, 10, 30, NULL };
	struct stats *st = NULL;
	char *err = NULL;
	if (stats_open(&st, path, &o, &err) != 0)
		fail_msg("%s", err);
	return st;
}

static struct fx *fx_new(bool with_stats)
{
	struct fx *f = xcalloc(1, sizeof *f);
	char *stats;
	f->dir = util_tmpdir();
	f->cfg.tickets_dir = xasprintf("%s/tickets", f->dir);
	f->cfg.ticket_retention_days = 14;
	stats = xasprintf("%s/stats/t1@me.db", f->dir);
	f->d = desk_new(fixture(), with_stats ? open_stats(stats) : NULL, "t1", NULL);
	f->d->tickets = ticket_desk_new(&f->cfg);
	free(stats);
	/* A callback contact about housing. */
	f->d->c->topics = 1u << TOPIC_HOUSING;
	f->d->c->outcome = codes_find(CODES_OUTCOME, "callback");
	return f;
}

static void fx_free(struct fx *f)
{
	ticket_desk_free(&f->d->tickets);
	desk_free(&f->d);
	free(f->cfg.tickets_dir);
	util_rmtree(&f->dir);
	free(f);
}

static struct tickets *store(struct fx *f)
{
	struct tickets_opts o = { .dir = f->cfg.tickets_dir, .group = NULL, .retention_days = 14, .user = "me" };
	struct tickets *t = NULL;
	char *err = NULL;
	if (tickets_open(&t, &o, &err))
		fail_msg("%s", err);
	return t;
}

static size_t count(struct fx *f)
{
	struct tickets *t = store(f);
	struct ticket *rows = NULL;
	size_t n = 0;
	char *err = NULL;
	assert_int_equal(tickets_list(t, NULL, &rows, &n, &err), 0);
	tickets_rows_free(&rows, n);
	tickets_close(&t);
	return n;
}

/* Submit these values; the field a refusal names and its message. */
static int submit(struct fx *f, const char *phone, const char *email,
		  const char *to, const char *lang, const char *note,
		  const char *due, int *focus, char **err)
{
	const char *v[] = { phone, email, to, lang, note, due };
	return ticket_dialog_submit(f->d, v, focus, err);
}

static void test_form_refusals(void **state)
{
	struct fx *f = fx_new(true);
	char *err = NULL;
	int focus;
	(void)state;

	assert_int_equal(submit(f, "", "", "lang:fi", "fi", "", "2026-12-04 16:00", &focus, &err), 1);
	assert_int_equal(focus, 0);
	assert_non_null(strstr(err, "phone number or an e-mail"));
	err_free(&err);
	assert_int_equal(submit(f, "040 abc", "", "lang:fi", "fi", "", "2026-12-04", &focus, &err), 1);
	assert_int_equal(focus, 0);
	err_free(&err);
	assert_int_equal(submit(f, "040 123 4567", "anna@", "lang:fi", "fi", "", "2026-12-04", &focus, &err), 1);
	assert_int_equal(focus, 1);
	err_free(&err);
	assert_int_equal(submit(f, "040 123 4567", "", "service:nope", "fi", "", "2026-12-04", &focus, &err), 1);
	assert_int_equal(focus, 2);
	assert_non_null(strstr(err, "no service 'nope'"));
	err_free(&err);
	assert_int_equal(submit(f, "040 123 4567", "", "org:nobody", "fi", "", "2026-12-04", &focus, &err), 1);
	assert_int_equal(focus, 2);
	err_free(&err);
	assert_int_equal(submit(f, "040 123 4567", "", "lang:fi", "Finnish", "", "2026-12-04", &focus, &err), 1);
	assert_int_equal(focus, 3);
	err_free(&err);
	assert_int_equal(submit(f, "040 123 4567", "", "lang:fi", "fi", "call 040 765 4321", "2026-12-04", &focus, &err), 1);
	assert_int_equal(focus, 4);
	assert_non_null(strstr(err, "phone number"));
	err_free(&err);
	assert_int_equal(submit(f, "040 123 4567", "", "lang:fi", "fi", "", "tomorrow", &focus, &err), 1);
	assert_int_equal(focus, 5);
	err_free(&err);
	assert_int_equal(submit(f, "040 123 4567", "", "lang:fi", "fi", "", "2026-02-30 10:00", &focus, &err), 1);
	assert_int_equal(focus, 5);
	err_free(&err);
	/* Nothing was written by any of them. */
	assert_int_equal(count(f), 0);
	assert_int_equal(f->d->today_count, 0);
	fx_free(f);
}

static bool file_has(const char *path, const char *needle)
{
	char *cmd = xasprintf("cat '%s' '%s-wal' '%s-shm' 2>/dev/null | grep -aqF -- '%s'",
			      path, path, path, needle);
	int rc = system(cmd);
	free(cmd);
	return rc == 0;
}

static void test_form_saves_both(void **state)
{
	struct fx *f = fx_new(true);
	struct tickets *t;
	struct ticket *rows = NULL;
	struct ticket_contact *c = NULL;
	char *err = NULL, *path;
	size_t n = 0;
	int focus;
	sqlite3 *db;
	sqlite3_stmt *st;
	(void)state;

	assert_int_equal(submit(f, "040 123 4567", "anna@example.fi", "service:housing-advice",
				"so", "asks about the rent", "2026-12-04 12:30", &focus, &err), 0);
	/* The contact was saved (and the form reset it). */
	assert_int_equal(f->d->today_count, 1);
	assert_int_not_equal(f->d->c->outcome, codes_find(CODES_OUTCOME, "callback"));
	t = store(f);
	assert_int_equal(tickets_list(t, NULL, &rows, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].to, TICKET_TO_SERVICE);
	assert_string_equal(rows[0].assignee, "housing-advice");
	assert_string_equal(rows[0].language, "so");
	assert_string_equal(rows[0].topics, "housing");
	assert_string_equal(rows[0].desk, "t1");
	{
		struct tm tm;
		localtime_r(&rows[0].due_at, &tm);
		assert_int_equal(tm.tm_hour, 12);
		assert_int_equal(tm.tm_min, 30);
	}
	assert_int_equal(tickets_take(t, rows[0].id, &c, &err), 0);
	assert_string_equal(c->phone, "0401234567");
	assert_string_equal(c->email, "anna@example.fi");
	tickets_contact_free(&c);
	tickets_rows_free(&rows, n);
	tickets_close(&t);

	/* The statistics: one anonymous event, nothing personal. */
	path = xstrdup(stats_path(f->d->stats));
	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT detail, contact_id IS NOT NULL"
					    " FROM events WHERE kind = 'ticket'", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "service so");
	assert_int_equal(sqlite3_column_int(st, 1), 1);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	sqlite3_close(db);
	assert_false(file_has(path, "0401234567"));
	assert_false(file_has(path, "123 4567"));
	assert_false(file_has(path, "anna@example.fi"));
	assert_false(file_has(path, "about the rent"));
	free(path);
	fx_free(f);
}

static void test_failed_save_one_ticket(void **state)
{
	/* No statistics file at all: the save fails after the ticket. */
	struct fx *f = fx_new(false);
	char *err = NULL;
	int focus;
	(void)state;
	assert_int_equal(submit(f, "040 123 4567", "", "lang:fi", "fi", "", "2026-12-04", &focus, &err), 0);
	assert_int_equal(count(f), 1);
	/* Kept as the draft, still a callback: the next F2 saves it
	 * without another form (no screen is needed to say so). */
	assert_int_equal(f->d->c->outcome, codes_find(CODES_OUTCOME, "callback"));
	assert_non_null(f->d->c->id);
	assert_false(ticket_dialog_open(NULL, f->d, false));
	assert_int_equal(count(f), 1);
	/* Another contact would want its own. */
	free(f->d->c->id);
	f->d->c->id = NULL;
	assert_true(f->d->c->outcome == codes_find(CODES_OUTCOME, "callback"));
	fx_free(f);
}

static void test_not_a_callback(void **state)
{
	struct fx *f = fx_new(true);
	(void)state;
	f->d->c->outcome = codes_find(CODES_OUTCOME, "answered");
	assert_false(ticket_dialog_open(NULL, f->d, false));
	/* A training desk has no tickets, asked for or not. */
	ticket_desk_free(&f->d->tickets);
	f->d->c->outcome = codes_find(CODES_OUTCOME, "callback");
	assert_false(ticket_dialog_open(NULL, f->d, false));
	assert_false(ticket_dialog_open(NULL, f->d, true));
	fx_free(f);
}

static long add(struct tickets *t, const char *to, const char *lang)
{
	struct ticket_new n = { "040 111 2222", NULL, NULL, to, lang, 0, 0, "t1" };
	char *err = NULL;
	long id = 0;
	if (tickets_create(t, &n, &id, &err))
		fail_msg("%s", err);
	return id;
}

static void test_queue(void **state)
{
	struct fx *f = fx_new(true);
	struct tickets *t = store(f);
	struct tickets_queue *q;
	char *err = NULL;
	long a, b;
	(void)state;

	a = add(t, "lang:so", "so");
	b = add(t, "service:housing-advice", "fi");
	add(t, "lang:ar", "ar");
	q = tickets_queue_new(t);
	assert_int_equal(tickets_queue_reload(q), 0);
	assert_int_equal(q->n_shown, 3);

	/* Assignees in order, then all again. */
	tickets_queue_next_assignee(q);
	assert_string_equal(q->assignee, "lang:ar");
	tickets_queue_next_assignee(q);
	assert_string_equal(q->assignee, "lang:so");
	assert_int_equal(q->n_shown, 1);
	assert_int_equal(tickets_queue_at(q, 0)->id, a);
	tickets_queue_next_assignee(q);
	tickets_queue_next_assignee(q);
	assert_null(q->assignee);
	assert_int_equal(q->n_shown, 3);
	tickets_queue_next_language(q);
	assert_string_equal(q->language, "ar");
	tickets_queue_next_language(q);
	assert_string_equal(q->language, "fi");
	assert_int_equal(tickets_queue_at(q, 0)->id, b);
	tickets_queue_toggle_overdue(q);
	assert_int_equal(q->n_shown, 0);
	assert_null(tickets_queue_at(q, 0));
	assert_int_equal(tickets_queue_take(q, 0), 1);
	assert_true(q->message_error);
	tickets_queue_toggle_overdue(q);
	assert_int_equal(q->n_shown, 1);

	/* Take: the details show; done: they go. */
	assert_int_equal(tickets_queue_take(q, 0), 0);
	assert_false(q->message_error);
	assert_int_equal(q->contact_id, b);
	assert_string_equal(q->contact->phone, "0401112222");
	assert_int_equal(tickets_queue_overdue(q), 0);
	assert_int_equal(tickets_queue_done(q, 0), 0);
	assert_null(q->contact);
	assert_non_null(strstr(q->message, "closed as done"));
	assert_int_equal(q->n_shown, 0);	/* closed: not in the queue */

	/* Unreachable and pass on the Somali one. */
	tickets_queue_next_language(q);
	assert_string_equal(q->language, "so");
	tickets_queue_next_language(q);
	assert_null(q->language);
	tickets_queue_next_assignee(q);
	tickets_queue_next_assignee(q);
	assert_string_equal(q->assignee, "lang:so");
	assert_int_equal(tickets_queue_unreachable(q, 0), 0);
	assert_non_null(strstr(q->message, "attempt 1 of 3"));
	assert_int_equal(tickets_queue_at(q, 0)->attempts, 1);
	assert_int_equal(tickets_queue_pass(q, 0, "somebody", &err), 1);
	assert_non_null(strstr(err, "not an assignee"));
	err_free(&err);
	assert_int_equal(tickets_queue_pass(q, 0, "unit:neuvonta", &err), 0);
	/* Passed: no longer this filter's. */
	assert_int_equal(q->n_shown, 0);
	tickets_queue_free(&q);
	tickets_close(&t);
	fx_free(f);
}

/* The form overlay's submit: refuse once (field 1), then accept. */
struct sub {
	int calls;
	char *seen;
};

static int sub_fn(void *ctx, const char *const *values, int *focus, char **err)
{
	struct sub *s = ctx;
	free(s->seen);
	s->seen = xasprintf("%s|%s", values[0], values[1]);
	if (s->calls++ == 0) {
		*focus = 1;
		err_set(err, "the second is wrong");
		return 1;
	}
	return 0;
}

static void test_form_keys(void **state)
{
	struct sub s = { 0, NULL };
	struct form *f = form_new("Form");
	struct overlay *o;
	struct form *g;
	(void)state;
	form_add_field(f, "One", "x", 20);
	form_add_info(f, "Info", "read only");
	form_add_field(f, "Two", "", 20);
	form_on_submit(f, sub_fn, &s, NULL);
	o = form_overlay(f);
	g = form_of(o);
	assert_ptr_equal(g, f);
	/* 'n' and 'y' are refuse and confirm in the dialog: here, text. */
	assert_true(o->ops->handle(o, ACT_REFUSE, 'n') & OVERLAY_HANDLED);
	assert_false(o->ops->handle(o, ACT_CONFIRM, 'y') & OVERLAY_CLOSE);
	assert_string_equal(form_value(g, 0), "xny");
	assert_true(o->ops->handle(o, ACT_NONE, KM_BACKSPACE) & OVERLAY_REDRAW);
	assert_string_equal(form_value(g, 0), "xn");
	/* Down skips the read-only line. */
	o->ops->handle(o, ACT_DOWN, KM_DOWN);
	assert_int_equal(form_focus(g), 1);
	o->ops->handle(o, ACT_NONE, 'z');
	assert_string_equal(form_value(g, 1), "z");
	o->ops->handle(o, ACT_UP, KM_UP);
	assert_int_equal(form_focus(g), 0);
	/* F2: refused, the message shown, the focus on the field named,
	 * nothing typed lost. */
	assert_false(o->ops->handle(o, ACT_SAVE, KM_F(2)) & OVERLAY_CLOSE);
	assert_string_equal(s.seen, "xn|z");
	assert_string_equal(form_message(g), "the second is wrong");
	assert_int_equal(form_focus(g), 1);
	assert_string_equal(form_value(g, 0), "xn");
	assert_true(o->ops->handle(o, ACT_SAVE, KM_F(2)) & OVERLAY_CLOSE);
	assert_int_equal(s.calls, 2);
	overlay_destroy(o);

	/* Esc leaves without a submit. */
	s.calls = 0;
	f = form_new("Form");
	form_add_field(f, "One", "", 20);
	form_on_submit(f, sub_fn, &s, NULL);
	o = form_overlay(f);
	assert_true(o->ops->handle(o, ACT_REFUSE, KM_ESC) & OVERLAY_CLOSE);
	assert_int_equal(s.calls, 0);
	overlay_destroy(o);
	free(s.seen);
}

/* The highlight stays on its ticket when another user's step removes a
 * row above it (F2 must never close a ticket the advisor did not see
 * highlighted). */
static void test_pane_keeps_highlight(void **state)
{
	struct fx *f = fx_new(true);
	struct tickets *t = store(f);
	struct tickets *other;
	struct tickets_opts o = { .dir = f->cfg.tickets_dir, .group = NULL, .retention_days = 14, .user = "bo" };
	struct tickets_queue *q;
	struct pane *p;
	char *err = NULL;
	long a, b;
	(void)state;

	a = add(t, "lang:so", "so");
	b = add(t, "lang:so", "so");
	add(t, "lang:so", "so");
	q = tickets_queue_new(t);
	tickets_queue_reload(q);
	p = tickets_pane_new(q);
	assert_true(p->ops->update(p));
	assert_int_equal(p->ops->handle(p, ACT_DOWN, KM_DOWN) & PANE_HANDLED, PANE_HANDLED);
	assert_int_equal(tickets_queue_at(q, 1)->id, b);

	assert_int_equal(tickets_open(&other, &o, &err), 0);
	assert_int_equal(tickets_done(other, a, &err), 0);
	tickets_close(&other);
	tickets_queue_reload(q);
	assert_true(p->ops->update(p));
	/* F2 now closes b, the one highlighted, now the first row. */
	assert_int_equal(tickets_queue_at(q, 0)->id, b);
	p->ops->handle(p, ACT_TICKET_DONE, KM_F(2));
	assert_non_null(strstr(q->message, "Ticket 2 closed"));
	assert_int_equal(q->n_shown, 1);
	p->ops->done(p);
	free(p);
	tickets_queue_free(&q);
	tickets_close(&t);
	fx_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_form_refusals),
		cmocka_unit_test(test_form_saves_both),
		cmocka_unit_test(test_failed_save_one_ticket),
		cmocka_unit_test(test_not_a_callback),
		cmocka_unit_test(test_queue),
		cmocka_unit_test(test_pane_keeps_highlight),
		cmocka_unit_test(test_form_keys),
	};
	int rc;
	setenv("TZ", "Europe/Helsinki", 1);
	tzset();
	tmp = util_tmpdir();
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	util_rmtree(&tmp);
	return rc;
}
