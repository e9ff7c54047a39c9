/* ticket_dialog: see ticket_dialog.h.
 *
 * Order of a save: the form's fields are checked, the ticket is written
 * to the ticket store, then the contact to the statistics. A contact
 * whose save then fails stays the draft, remembered as having its ticket,
 * so the next F2 saves it without a second ticket. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/codes.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/stats.h"
#include "core/tickets.h"
#include "panes/screens.h"
#include "panes/ticket_dialog.h"
#include "ui/form.h"

struct ticket_desk {
	char *dir, *group;
	char *db, *organisation;	/* tickets-db and this host's organisation */
	int retention_days;
	char *ticketed;		/* the contact id that has its ticket */
};

/* The form's fields, in order. */
enum { F_PHONE, F_EMAIL, F_ASSIGNEE, F_LANGUAGE, F_NOTE, F_DUE, F__N };

struct ticket_desk *ticket_desk_new(const struct config *cfg)
{
	struct ticket_desk *t = xcalloc(1, sizeof *t);
	t->dir = xstrdup(cfg->tickets_dir);
	t->group = cfg->group ? xstrdup(cfg->group) : NULL;
	t->retention_days = cfg->ticket_retention_days;
	t->db = cfg->tickets_db ? xstrdup(cfg->tickets_db) : NULL;
	t->organisation = cfg->organisation ? xstrdup(cfg->organisation) : NULL;
	return t;
}

void ticket_desk_free(struct ticket_desk **t)
{
	if (!t || !*t)
		return;
	free((*t)->dir);
	free((*t)->group);
	free((*t)->db);
	free((*t)->organisation);
	free((*t)->ticketed);
	free(*t);
	*t = NULL;
}

/* A ticket is wanted for a callback, or when the advisor asks for one (a
 * redirect where the other service promises to call back), unless the
 * contact has its ticket already. */
static bool wanted(const struct desk *d, bool asked)
{
	const struct ticket_desk *t = d->tickets;
	if (!t || (!asked && d->c->outcome != codes_find(CODES_OUTCOME, "callback")))
		return false;
	return !(t->ticketed && d->c->id && !strcmp(t->ticketed, d->c->id));
}

/* "YYYY-MM-DD HH:MM" or "YYYY-MM-DD" (16:00), local time. */
static int parse_due(const char *s, time_t *out)
{
	struct tm tm;
	int y, mo, da, h = 16, mi = 0, n = 0;
	memset(&tm, 0, sizeof tm);
	if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &da, &n) != 3)
		return -1;
	if (s[n] && (sscanf(s + n, " %2d:%2d%n", &h, &mi, &n) != 2 || s[strlen(s) - 1] == ' '))
		return -1;
	if (mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59 || h < 0 || mi < 0)
		return -1;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = da;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_isdst = -1;
	*out = mktime(&tm);
	return tm.tm_mday == da ? 0 : -1;
}

static void due_text(time_t t, char buf[32])
{
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(buf, 32, "%Y-%m-%d %H:%M", &tm);
}

int ticket_dialog_submit(struct desk *d, const char *const *values,
			 int *focus, char **err)
{
	struct ticket_desk *td = d->tickets;
	struct tickets_opts o = { td->dir, td->group, td->retention_days, NULL,
				  td->db, td->organisation };
	struct ticket_new n;
	struct tickets *t = NULL;
	time_t due = 0;
	long id = 0;
	int rc;

	memset(&n, 0, sizeof n);
	n.phone = values[F_PHONE];
	n.email = values[F_EMAIL];
	n.assignee = values[F_ASSIGNEE];
	n.language = values[F_LANGUAGE];
	n.note = values[F_NOTE];
	n.topics = d->c->topics;
	n.desk = d->desk_name;
	*focus = -1;
	/* Which field a refusal names: the first that is wrong. */
	if ((!n.phone || !*n.phone) && (!n.email || !*n.email))
		*focus = F_PHONE;
	else if (n.phone && *n.phone && tickets_check_phone(n.phone, NULL, err))
		*focus = F_PHONE;
	else if (n.email && *n.email && tickets_check_email(n.email, err))
		*focus = F_EMAIL;
	else if (tickets_check_catalogue(d->cat, n.assignee, err))
		*focus = F_ASSIGNEE;
	if (*focus >= 0 || tickets_check_new(&n, err)) {
		if (*focus < 0)
			*focus = !catalogue_lang_code_ok(n.language) ? F_LANGUAGE : F_NOTE;
		if (!*err)
			tickets_check_new(&n, err);
		return 1;
	}
	if (parse_due(values[F_DUE], &due)) {
		err_set(err, _("'%s' is not a due time; write it as YYYY-MM-DD HH:MM"),
			values[F_DUE]);
		*focus = F_DUE;
		return 1;
	}
	n.due_at = due;
	if (tickets_open(&t, &o, err))
		return -1;
	rc = tickets_create(t, &n, &id, err);
	tickets_close(&t);
	if (rc)
		return rc;
	/* The contact's id now, so that a failed save below still knows it
	 * has its ticket. */
	if (!d->c->id)
		d->c->id = stats_new_id();
	free(td->ticketed);
	td->ticketed = xstrdup(d->c->id);
	if (desk_save(d) == DESK_OK && d->stats) {
		enum ticket_assignee to;
		char *detail = NULL, *ignore = NULL;
		tickets_parse_assignee(n.assignee, &to, NULL, NULL);
		/* Anonymous: who should call (the kind only) and the
		 * language; a failure to log it loses no contact. */
		detail = xasprintf("%s %s", tickets_assignee_prefix(to), n.language);
		stats_log_event(d->stats, "ticket", td->ticketed, detail, &ignore);
		free(detail);
		free(ignore);
	}
	return 0;
}

static int submit(void *ctx, const char *const *values, int *focus, char **err)
{
	int rc = ticket_dialog_submit(ctx, values, focus, err);
	/* A store that cannot be written: said in the form, which keeps
	 * what was typed (Esc goes back to the contact). */
	return rc ? 1 : 0;
}

bool ticket_dialog_open(struct screen *s, struct desk *d, bool asked)
{
	struct contact *c = d->c;
	struct form *f;
	char *to, *topics, due[32];

	if (!wanted(d, asked))
		return false;
	if (desk_check(d) != DESK_OK) {
		screens_focus_wanted(s, d);
		return true;
	}
	to = c->redirect_service ? tickets_assignee_text(TICKET_TO_SERVICE, c->redirect_service)
				 : tickets_assignee_text(TICKET_TO_LANG, c->language);
	{
		char *codes = codes_topics_join(c->topics);
		topics = tickets_topics_text(codes);
		free(codes);
	}
	due_text(tickets_default_due(tickets_now()), due);
	f = form_new(_("Callback ticket"));
	form_add_field(f, _("Phone"), "", 40);
	form_add_field(f, _("E-mail"), "", 254);
	form_add_field(f, _("Who calls"), to, 250);
	form_add_field(f, _("Language"), c->language, 8);
	form_add_info(f, _("Topics"), topics);
	form_add_field(f, _("Note"), "", TICKETS_NOTE_MAX);
	form_add_field(f, _("Due"), due, 20);
	form_set_hint(f, _("A phone number or an e-mail. Who calls: service:ID, org:ID, lang:LL, desk:NAME or unit:NAME."));
	form_on_submit(f, submit, d, NULL);
	screen_push_overlay(s, form_overlay(f));
	free(to);
	free(topics);
	return true;
}
