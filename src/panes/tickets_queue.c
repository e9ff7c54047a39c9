/* tickets_queue: see tickets_queue.h. */
#include <config.h>

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "panes/tickets_queue.h"

static void message(struct tickets_queue *q, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void message(struct tickets_queue *q, bool error, const char *fmt, ...)
{
	va_list ap;
	free(q->message);
	q->message = NULL;
	va_start(ap, fmt);
	err_vset(&q->message, fmt, ap);
	va_end(ap);
	q->message_error = error;
	q->gen++;
}

struct tickets_queue *tickets_queue_new(struct tickets *store)
{
	struct tickets_queue *q = xcalloc(1, sizeof *q);
	q->store = store;
	return q;
}

void tickets_queue_free(struct tickets_queue **q)
{
	if (!q || !*q)
		return;
	tickets_rows_free(&(*q)->all, (*q)->n_all);
	free((*q)->shown);
	free((*q)->assignee);
	free((*q)->language);
	tickets_contact_free(&(*q)->contact);
	free((*q)->message);
	free(*q);
	*q = NULL;
}

static bool passes(const struct tickets_queue *q, const struct ticket *k)
{
	char *to;
	bool ok = true;
	if (q->assignee) {
		to = tickets_assignee_text(k->to, k->assignee);
		ok = !strcmp(to, q->assignee);
		free(to);
	}
	if (ok && q->language)
		ok = !strcmp(k->language, q->language);
	if (ok && q->overdue)
		ok = tickets_overdue(k, q->now);
	return ok;
}

static void refilter(struct tickets_queue *q)
{
	size_t i;
	free(q->shown);
	q->shown = xcalloc(q->n_all + 1, sizeof *q->shown);
	q->n_shown = 0;
	for (i = 0; i < q->n_all; i++)
		if (passes(q, &q->all[i]))
			q->shown[q->n_shown++] = i;
	q->gen++;
}

int tickets_queue_reload(struct tickets_queue *q)
{
	struct ticket *rows = NULL;
	size_t n = 0;
	char *err = NULL;
	if (tickets_list(q->store, NULL, &rows, &n, &err)) {
		message(q, true, "%s", err);
		free(err);
		return -1;
	}
	tickets_rows_free(&q->all, q->n_all);
	q->all = rows;
	q->n_all = n;
	q->now = tickets_now();
	refilter(q);
	return 0;
}

const struct ticket *tickets_queue_at(const struct tickets_queue *q, size_t i)
{
	return i < q->n_shown ? &q->all[q->shown[i]] : NULL;
}

/* The id of the shown ticket at i, or 0 with a message. */
static long id_at(struct tickets_queue *q, size_t i)
{
	const struct ticket *k = tickets_queue_at(q, i);
	if (!k) {
		message(q, true, "%s", _("No ticket is highlighted."));
		return 0;
	}
	return k->id;
}

/* After a step: its message, or the store's refusal. */
static int after(struct tickets_queue *q, int rc, char *err)
{
	if (rc)
		message(q, true, "%s", err ? err : "");
	free(err);
	tickets_queue_reload(q);
	return rc;
}

int tickets_queue_take(struct tickets_queue *q, size_t i)
{
	long id = id_at(q, i);
	char *err = NULL;
	struct ticket_contact *c = NULL;
	int rc;
	if (!id)
		return 1;
	rc = tickets_take(q->store, id, &c, &err);
	if (rc == 0) {
		tickets_contact_free(&q->contact);
		q->contact = c;
		q->contact_id = id;
		message(q, false, c ? _("Ticket %ld is yours: call the customer.")
			: _("Ticket %ld is yours; its contact details were erased."), id);
	}
	return after(q, rc, err);
}

/* The details go once the ticket is no longer this user's. */
static void forget(struct tickets_queue *q, long id)
{
	if (q->contact_id == id) {
		tickets_contact_free(&q->contact);
		q->contact_id = 0;
	}
}

int tickets_queue_done(struct tickets_queue *q, size_t i)
{
	long id = id_at(q, i);
	char *err = NULL;
	int rc;
	if (!id)
		return 1;
	rc = tickets_done(q->store, id, &err);
	if (rc == 0) {
		forget(q, id);
		message(q, false, _("Ticket %ld closed as done."), id);
	}
	return after(q, rc, err);
}

int tickets_queue_unreachable(struct tickets_queue *q, size_t i)
{
	long id = id_at(q, i);
	char *err = NULL;
	int rc, attempts = 0;
	bool closed = false;
	if (!id)
		return 1;
	rc = tickets_unreachable(q->store, id, &attempts, &closed, &err);
	if (rc == 0) {
		forget(q, id);
		if (closed)
			message(q, false, _("Ticket %ld: attempt %d of %d; closed as unreachable."),
				id, attempts, TICKETS_MAX_ATTEMPTS);
		else
			message(q, false, _("Ticket %ld: attempt %d of %d; back in the queue."),
				id, attempts, TICKETS_MAX_ATTEMPTS);
	}
	return after(q, rc, err);
}

int tickets_queue_pass(struct tickets_queue *q, size_t i, const char *to,
		       char **err)
{
	long id = id_at(q, i);
	int rc;
	if (!id)
		return 1;
	rc = tickets_pass(q->store, id, to, err);
	if (rc == 0) {
		forget(q, id);
		message(q, false, _("Ticket %ld passed to %s."), id, to);
		tickets_queue_reload(q);
	}
	return rc;
}

/* The value after cur in the sorted distinct values of the open tickets
 * (NULL: all again). */
static char *next_value(struct tickets_queue *q, const char *cur, bool lang)
{
	char *best = NULL;
	size_t i;
	for (i = 0; i < q->n_all; i++) {
		const struct ticket *k = &q->all[i];
		char *v = lang ? xstrdup(k->language)
			       : tickets_assignee_text(k->to, k->assignee);
		if ((!cur || strcmp(v, cur) > 0) && (!best || strcmp(v, best) < 0)) {
			free(best);
			best = v;
		} else
			free(v);
	}
	return best;
}

void tickets_queue_next_assignee(struct tickets_queue *q)
{
	char *v = next_value(q, q->assignee, false);
	free(q->assignee);
	q->assignee = v;
	refilter(q);
}

void tickets_queue_next_language(struct tickets_queue *q)
{
	char *v = next_value(q, q->language, true);
	free(q->language);
	q->language = v;
	refilter(q);
}

void tickets_queue_toggle_overdue(struct tickets_queue *q)
{
	q->overdue = !q->overdue;
	refilter(q);
}

size_t tickets_queue_overdue(const struct tickets_queue *q)
{
	size_t i, n = 0;
	for (i = 0; i < q->n_shown; i++)
		n += tickets_overdue(&q->all[q->shown[i]], q->now);
	return n;
}
