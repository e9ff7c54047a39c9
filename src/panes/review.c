/* review: see review.h. This file holds the shared state, what the
 * screen's keys do, their F1 texts and the screen's main loop; the four
 * panes are in review_panes.c and the contact log in review_log.c. */
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
#include "ui/dialog.h"
#include "ui/screen.h"

const char *const review_panes[] = { "desks", "hours", "top", "flags", NULL };

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
	stats_format_date(t, date);
	stats_format_date(r->clock(), today);
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

static char *day_text(const struct review *r)
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
	char *day = day_text(r), *q, *t;

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
	char *e = NULL, *day = day_text(r);
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
	char *day = day_text(r), *q;
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

/* ---- global keys ------------------------------------------------------- */

static void close_answer(void *ctx, bool yes, const int *values)
{
	(void)values;
	if (yes)
		review_close(ctx);
}

static void reopen_answer(void *ctx, bool yes, const int *values)
{
	(void)values;
	if (yes)
		review_reopen(ctx);
}

static void focus_step(struct pane *p, int dir)
{
	struct screen *s = p->screen;
	size_t n = 0, at = 0, i;
	while (review_panes[n])
		n++;
	for (i = 0; i < n; i++)
		if (!strcmp(review_panes[i], p->name))
			at = i;
	for (i = 1; i < n; i++) {
		struct pane *q = screen_pane(s, review_panes[(at + n + (dir > 0 ? i : n - i)) % n]);
		if (q) {
			screen_focus(s, q);
			if (screen_focused(s) == q)
				return;
		}
	}
}

unsigned review_global(struct pane *p, struct review *r, enum action a)
{
	struct screen *s = p->screen;
	char *q;
	switch (a) {
	case ACT_NEXT_PANE:
		focus_step(p, 1);
		return PANE_HANDLED;
	case ACT_PREV_PANE:
		focus_step(p, -1);
		return PANE_HANDLED;
	case ACT_REDRAW:
		review_reload(r);
		screen_repaint(s);
		return PANE_HANDLED;
	case ACT_CLOSE_DAY:
		q = review_close_question(r);
		if (q) {
			screen_push_overlay(s, dialog_confirm(q, close_answer, r, NULL));
			free(q);
		}
		return PANE_HANDLED;
	case ACT_REOPEN_DAY:
		q = review_reopen_question(r);
		if (q) {
			screen_push_overlay(s, dialog_confirm(q, reopen_answer, r, NULL));
			free(q);
		}
		return PANE_HANDLED;
	case ACT_PREVIOUS_DAY: case ACT_NEXT_DAY:
		review_shift_date(r, a == ACT_PREVIOUS_DAY ? -1 : 1);
		return PANE_HANDLED | PANE_REDRAW_ALL;
	case ACT_NEXT_LANGUAGE:
		i18n_set_lang(i18n_next_lang());
		r->lang_gen++;
		review_message(r, false, "%s", i18n_lang_name(i18n_lang()));
		screen_redraw_all(s);
		return PANE_HANDLED | PANE_REDRAW_ALL;
	case ACT_QUIT:
		screen_quit(s);
		return PANE_HANDLED;
	case ACT_FOCUS_INTAKE: case ACT_FOCUS_TOPICS: case ACT_FOCUS_REDIRECT:
	case ACT_FOCUS_INTERPRETERS: case ACT_NEW_CONTACT: case ACT_UNDO:
	case ACT_SAVE:
		/* Desk keys: nothing to do here. */
		return PANE_HANDLED;
	default:
		return PANE_IGNORED;
	}
}

void review_open_desk(struct screen *s, struct review *r, size_t i)
{
	const struct review_desk *k;
	if (i >= r->day->n_desks)
		return;
	k = &r->day->desks[i];
	if (k->error) {
		struct dialog *d = dialog_new(k->name);
		dialog_add_text(d, _("File"), k->path);
		dialog_add_gap(d);
		dialog_add_text(d, NULL, k->error);
		screen_push_overlay(s, dialog_overlay(d));
		return;
	}
	screen_push_overlay(s, review_log_new(r, i));
}

/* ---- the screen -------------------------------------------------------- */

static void on_key(struct screen *s, void *ud, enum action a, km_key key)
{
	struct review *r = ud;
	(void)s;
	(void)a;
	(void)key;
	/* A message stays until the next key. */
	free(r->message);
	r->message = NULL;
}

static unsigned on_global(struct screen *s, void *ud, enum action a)
{
	(void)ud;
	/* The panes take quit themselves (review_global); this is for a
	 * pane that would not. */
	if (a == ACT_QUIT) {
		screen_quit(s);
		return PANE_HANDLED;
	}
	return PANE_IGNORED;
}

static void on_status(struct screen *s, void *ud, const char **left,
		      const char **right, bool *error)
{
	struct review *r = ud;
	size_t closed, readable = review_day_readable(r->day, &closed);
	char *day = day_text(r);
	const char *state;
	(void)s;
	if (r->day->closed)
		/* TRANSLATORS: the state of a day in the supervisor's review:
		 * signed off, no more changes. */
		state = C_("day", "closed");
	else if (!readable)
		state = _("no desk files");
	else
		/* TRANSLATORS: the state of a day in the review: not yet signed
		 * off. */
		state = C_("day", "open");
	free(r->status_right);
	r->status_right = xasprintf(ngettext("%s | %zu contact | %s ",
					     "%s | %zu contacts | %s ",
					     r->day->total.contacts),
				    day, r->day->total.contacts, state);
	free(day);
	*right = r->status_right;
	*left = r->message;
	*error = r->message_error;
}

/* F1 lists the panes' own keys (their help), then these: the review's
 * context first, the desk keys left out. */
static const char *on_help(struct screen *s, void *ud, enum action a)
{
	(void)s;
	(void)ud;
	switch (a) {
	case ACT_CLOSE_DAY: case ACT_REOPEN_DAY: case ACT_PREVIOUS_DAY:
	case ACT_NEXT_DAY:
		return action_help(a);
	case ACT_REDRAW:
		return N_("read the desk files again and redraw");
	case ACT_FOCUS_INTAKE: case ACT_FOCUS_TOPICS: case ACT_FOCUS_REDIRECT:
	case ACT_FOCUS_INTERPRETERS: case ACT_SAVE: case ACT_NEW_CONTACT:
	case ACT_UNDO:
		return "";
	default:
		/* Tab, F1, F4, F10: the action table says it. */
		return NULL;
	}
}

static void on_idle(struct screen *s, void *ud)
{
	/* The desks keep working while the supervisor looks: read again,
	 * but never under an open window. */
	if (!screen_has_overlay(s))
		review_reload(ud);
}

struct screen *review_screen_new(struct review *r, const struct keymap *km,
				 const struct layout *l)
{
	static const struct screen_app app = {
		.key = on_key,
		.global = on_global,
		.status = on_status,
		.idle = on_idle,
		.help = on_help,
	};
	struct screen *s = screen_new(km, l, &app, r);
	screen_add_pane(s, review_desks_pane_new(r));
	screen_add_pane(s, review_hours_pane_new(r));
	screen_add_pane(s, review_top_pane_new(r));
	screen_add_pane(s, review_flags_pane_new(r));
	return s;
}

int review_run(struct review *r, const struct keymap *km,
	       const struct layout *l, char **err)
{
	struct screen *s;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		err_set(err, "%s", _("the review needs a terminal (run it in one, not with redirected input or output)"));
		return EXIT_RUNTIME;
	}
	screen_catch_signals();
	if (!screen_start_curses()) {
		err_set(err, _("the terminal '%s' cannot be used; set TERM to your terminal's type"),
			getenv("TERM") ? getenv("TERM") : "");
		return EXIT_RUNTIME;
	}
	s = review_screen_new(r, km, l);
	screen_run(s);
	screen_free(&s);
	screen_end_curses();
	return EXIT_OK;
}
