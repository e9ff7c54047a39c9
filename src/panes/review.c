/* review: see review.h. This file holds the shared state; what the keys
 * do and the four panes are in review_panes.c, the contact log in
 * review_log.c and the screen in review_ui.c. */
#include <config.h>

#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/i18n.h"
#include "panes/review.h"

/* ---- state ------------------------------------------------------------- */

static time_t now(void)
{
	return time(NULL);
}

static char *login_name(void)
{
	struct passwd *pw = getpwuid(getuid());
	const char *u;
	if (pw && pw->pw_name && *pw->pw_name)
		return xstrdup(pw->pw_name);
	u = getenv("LOGNAME");
	if (!u || !*u)
		u = getenv("USER");
	return xstrdup(u && *u ? u : "?");
}

int review_new(struct review **out, const char *dir, const char *date,
	       const char *const *desks, size_t n_desks,
	       const struct review_labels *labels,
	       const struct stats_opts *opts, const char *by, char **err)
{
	struct review *r = xcalloc(1, sizeof *r);
	*out = NULL;
	if (labels)
		r->labels = *labels;
	if (review_day_load(&r->day, dir, date, desks, n_desks, &r->labels, err) != 0) {
		free(r);
		return -1;
	}
	r->dir = xstrdup(dir);
	r->desks = desks;
	r->n_desks = n_desks;
	if (opts)
		r->opts = *opts;
	r->opts.desk = NULL;
	r->by = by && *by ? xstrdup(by) : login_name();
	r->chart = r->day->n_desks;
	r->clock = now;
	*out = r;
	return 0;
}

void review_free(struct review **rp)
{
	struct review *r;
	if (!rp || !*rp)
		return;
	r = *rp;
	review_day_free(&r->day);
	free(r->dir);
	free(r->by);
	free(r->message);
	free(r->status_right);
	free(r);
	*rp = NULL;
}

void review_message(struct review *r, bool error, const char *fmt, ...)
{
	va_list ap;
	free(r->message);
	r->message = NULL;
	va_start(ap, fmt);
	err_vset(&r->message, fmt, ap);
	va_end(ap);
	r->message_error = error;
}

static bool load(struct review *r, const char *date)
{
	struct review_day *d = NULL;
	char *e = NULL;
	if (review_day_load(&d, r->dir, date, r->desks, r->n_desks, &r->labels, &e) != 0) {
		review_message(r, true, "%s", e);
		err_free(&e);
		return false;
	}
	{
		/* The chart keeps showing the same desk when it is still
		 * there, and keeps its place on a reload of the same day. */
		bool was_all = r->chart >= r->day->n_desks;
		bool keep = !was_all && r->chart < d->n_desks
			    && !strcmp(r->day->desks[r->chart].path, d->desks[r->chart].path);
		if (!keep)
			r->chart = d->n_desks;
		if (strcmp(r->day->date, d->date) || (!was_all && !keep))
			r->chart_gen++;
	}
	review_day_free(&r->day);
	r->day = d;
	r->gen++;
	return true;
}

void review_reload(struct review *r)
{
	char date[11];
	snprintf(date, sizeof date, "%s", r->day->date);
	load(r, date);
}

bool review_shift_date(struct review *r, int days)
{
	struct tm tm;
	char date[11], today[11];
	time_t t = r->day->from;

	if (!localtime_r(&t, &tm))
		return false;
	tm.tm_mday += days;
	tm.tm_hour = 12;	/* midday: never in a DST gap */
	tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	if (t == (time_t)-1)
		return false;
	date_format(t, date);
	date_format(r->clock(), today);
	if (strcmp(date, today) > 0) {
		review_message(r, false, "%s", _("There is no later day to review yet."));
		return false;
	}
	if (!load(r, date))
		return false;
	r->chart = r->day->n_desks;
	free(r->message);
	r->message = NULL;
	return true;
}

char *review_day_text(const struct review *r)
{
	char *s = NULL;
	if (i18n_format_date(r->day->from, &s) != 0 || !s) {
		free(s);
		s = xstrdup(r->day->date);
	}
	return s;
}

char *review_close_question(struct review *r)
{
	const struct review_day *d = r->day;
	size_t i, drafts = 0;
	char *day = review_day_text(r), *q, *t;

	if (d->closed) {
		char *at = review_time(d->closed_at);
		review_message(r, false, _("%s is closed already (by %s at %s)."), day,
			       d->closed_by ? d->closed_by : "?", at);
		free(at);
		free(day);
		return NULL;
	}
	if (d->from > r->clock()) {
		review_message(r, true, _("%s has not begun yet; only a day that has begun can be closed"), day);
		free(day);
		return NULL;
	}
	q = xasprintf(_("Close %s? Contacts saved for it afterwards are kept and shown as late; F3 reopens it."),
		      day);
	for (i = 0; i < d->n_desks; i++)
		drafts += !d->desks[i].error && d->desks[i].draft;
	if (drafts) {
		char *more = xasprintf(ngettext("A contact is left unsaved at %zu desk.",
						"A contact is left unsaved at %zu desks.",
						drafts), drafts);
		t = xasprintf("%s %s", q, more);
		free(more);
		free(q);
		q = t;
	}
	free(day);
	return q;
}

/* A sign-off and its message. */
static int sign_off(struct review *r, enum stats_signoff_action action)
{
	char *e = NULL, *day = review_day_text(r);
	int rc = review_day_sign_off(r->day, action, r->by, &r->opts, &e);
	load(r, r->day->date);
	if (rc == 0 && action == STATS_CLOSE)
		review_message(r, false, _("Closed %s, by %s."), day, r->by);
	else if (rc == 0)
		review_message(r, false, _("Reopened %s, by %s."), day, r->by);
	else
		review_message(r, rc < 0, "%s", e ? e : "?");
	err_free(&e);
	free(day);
	return rc;
}

int review_close(struct review *r)
{
	return sign_off(r, STATS_CLOSE);
}

char *review_reopen_question(struct review *r)
{
	char *day = review_day_text(r), *q;
	if (!r->day->closed) {
		review_message(r, false, _("%s is not closed; there is nothing to reopen."), day);
		free(day);
		return NULL;
	}
	q = xasprintf(_("Reopen %s? The reopening is recorded with your name; F2 closes it again."),
		      day);
	free(day);
	return q;
}

int review_reopen(struct review *r)
{
	return sign_off(r, STATS_REOPEN);
}

