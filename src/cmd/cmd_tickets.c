/* cmd_tickets: `neuvoo tickets`, the unit's callback tickets.
 *
 *   neuvoo tickets                       the queue screen
 *   neuvoo tickets --list [--format text|csv|json] [--assignee A]
 *                  [--language L] [--overdue] [--all]
 *   neuvoo tickets take ID | done ID | unreachable ID | pass ID --to WHO
 *
 * `take` prints the ticket's contact details (an audited read); the list
 * never shows them. A usage error is exit 2; a ticket that cannot take
 * the step (none such, taken by another, closed) or a store that cannot
 * be opened is exit 1. */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/catalogue.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/tickets.h"
#include "core/tickets_write.h"
#include "panes/tickets_ui.h"

struct targs {
	const char *verb;	/* NULL: the screen; "list", "take", ... */
	long id;
	const char *to;
	struct tickets_filter filter;
	enum tickets_format format;
};

static int parse_id(const char *s, long *id, char **err)
{
	char *end;
	long v = s ? strtol(s, &end, 10) : 0;
	if (!s || !*s || *end || v <= 0) {
		err_set(err, _("'%s' is not a ticket number; see neuvoo tickets --list"),
			s ? s : "");
		return -1;
	}
	*id = v;
	return 0;
}

/* A whole assignee, or only its kind ("lang": anyone who speaks...). */
static bool assignee_filter_ok(const char *s, char **err)
{
	enum ticket_assignee to;
	int j;
	for (j = 0; j < TICKET_TO__N; j++)
		if (!strcmp(s, tickets_assignee_prefix((enum ticket_assignee)j)))
			return true;
	return tickets_parse_assignee(s, &to, NULL, err) == 0;
}

static int parse(struct targs *a, int argc, char **argv, char **err)
{
	static const char *const verbs[] = { "take", "done", "unreachable", "pass" };
	int i, m, f;
	size_t k;

	memset(a, 0, sizeof *a);
	for (i = 1; i < argc; i++) {
		const char *s = argv[i];
		if (!strcmp(s, "--list")) {
			a->verb = a->verb ? a->verb : "list";
			continue;
		}
		if (!strcmp(s, "--overdue")) {
			a->filter.overdue = true;
			continue;
		}
		if (!strcmp(s, "--all")) {
			a->filter.closed = true;
			continue;
		}
		if ((m = cmd_opt_value(argc, argv, &i, "--assignee", &a->filter.assignee, err))
		    || (m = cmd_opt_value(argc, argv, &i, "--language", &a->filter.language, err))
		    || (m = cmd_opt_value(argc, argv, &i, "--to", &a->to, err))) {
			if (m < 0)
				return -1;
			continue;
		}
		if ((m = cmd_opt_tickets_format(argc, argv, &i, &f, err))) {
			if (m < 0)
				return -1;
			a->format = (enum tickets_format)f;
			continue;
		}
		for (k = 0; k < sizeof verbs / sizeof *verbs; k++)
			if (!strcmp(s, verbs[k]))
				break;
		if (k < sizeof verbs / sizeof *verbs && !a->verb) {
			a->verb = verbs[k];
			if (parse_id(i + 1 < argc ? argv[++i] : NULL, &a->id, err))
				return -1;
			continue;
		}
		err_set(err, _("unknown option '%s' for tickets (see neuvoo --help)"), s);
		return -1;
	}
	if (a->verb && !strcmp(a->verb, "pass") && !a->to) {
		err_set(err, "%s", _("pass needs --to WHO (service:ID, org:ID, lang:LL, desk:NAME or unit:NAME)"));
		return -1;
	}
	if (a->to && (!a->verb || strcmp(a->verb, "pass"))) {
		err_set(err, "%s", _("--to goes with pass ID"));
		return -1;
	}
	if ((a->filter.assignee || a->filter.language || a->filter.overdue
	     || a->filter.closed || a->format) && (!a->verb || strcmp(a->verb, "list"))) {
		err_set(err, "%s", _("--format, --assignee, --language, --overdue and --all go with --list"));
		return -1;
	}
	if (a->filter.language && !catalogue_lang_code_ok(a->filter.language)) {
		err_set(err, _("--language %s: not a language code; use an ISO 639-1 code such as 'fi' or 'ar'"),
			a->filter.language);
		return -1;
	}
	if (a->filter.assignee && !assignee_filter_ok(a->filter.assignee, err))
		return -1;
	return 0;
}

/* A service or organisation must be the catalogue's; without a readable
 * catalogue that cannot be checked, and the step goes on. */
static int check_to(const struct app *app, const char *to, char **err)
{
	struct catalogue *cat = NULL;
	char *ignore = NULL;
	int rc = 0;
	if (catalogue_open(app->cfg->catalogue, &cat, &ignore) == 0)
		rc = tickets_check_catalogue(cat, to, err);
	err_free(&ignore);
	catalogue_free(&cat);
	return rc;
}

/* One line of the queue's words on standard output. */
static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void say(const char *fmt, ...)
{
	char *line = NULL, *clean;
	va_list ap;
	va_start(ap, fmt);
	err_vset(&line, fmt, ap);
	va_end(ap);
	clean = text_sanitize(line);
	puts(clean);
	free(clean);
	free(line);
}

static void print_contact(long id, const struct ticket_contact *c)
{
	say(_("Ticket %ld is yours: call the customer."), id);
	say(_("Phone: %s   E-mail: %s"), c->phone ? c->phone : "-",
	    c->email ? c->email : "-");
	if (c->note && *c->note)
		say(_("Note: %s"), c->note);
}

static int step(struct tickets *t, const struct targs *a, char **err)
{
	int rc, attempts = 0;
	bool closed = false;
	struct ticket_contact *c = NULL;

	if (!strcmp(a->verb, "take")) {
		rc = tickets_take(t, a->id, &c, err);
		if (rc == 0 && c)
			print_contact(a->id, c);
		else if (rc == 0)
			say(_("Ticket %ld is yours; its contact details were erased."), a->id);
		tickets_contact_free(&c);
	} else if (!strcmp(a->verb, "done")) {
		rc = tickets_done(t, a->id, err);
		if (rc == 0)
			say(_("Ticket %ld closed as done."), a->id);
	} else if (!strcmp(a->verb, "unreachable")) {
		rc = tickets_unreachable(t, a->id, &attempts, &closed, err);
		if (rc == 0 && closed)
			say(_("Ticket %ld: attempt %d of %d; closed as unreachable."),
			    a->id, attempts, TICKETS_MAX_ATTEMPTS);
		else if (rc == 0)
			say(_("Ticket %ld: attempt %d of %d; back in the queue."),
			    a->id, attempts, TICKETS_MAX_ATTEMPTS);
	} else {
		rc = tickets_pass(t, a->id, a->to, err);
		if (rc == 0)
			say(_("Ticket %ld passed to %s."), a->id, a->to);
	}
	return rc;
}

int cmd_tickets(struct app *app, int argc, char **argv)
{
	struct targs a;
	struct tickets_opts o;
	struct tickets *t = NULL;
	struct keymap *km = NULL;
	struct layout *layout = NULL;
	char *err = NULL;
	int status = EXIT_OK, rc;

	if (parse(&a, argc, argv, &err)) {
		status = cmd_fail(EXIT_USAGE, err);
		goto out;
	}
	if (a.to && check_to(app, a.to, &err)) {
		status = cmd_fail(EXIT_USAGE, err);
		goto out;
	}
	/* A full-screen command's keys and layout are configuration: checked
	 * before the store is touched. */
	if (!a.verb && (status = cmd_load_ui(app, SCREEN_TICKETS, NULL, &km, &layout)))
		goto out;
	tickets_opts_config(&o, app->cfg);
	if (tickets_open(&t, &o, &err)) {
		status = cmd_fail(EXIT_RUNTIME, err);
		goto out;
	}
	if (!a.verb) {
		status = tickets_ui_run(t, app->cfg, km, layout, &err);
		if (status)
			cmd_fail(status, err);
	} else if (!strcmp(a.verb, "list")) {
		struct ticket *rows = NULL;
		size_t n = 0;
		if (tickets_list(t, &a.filter, &rows, &n, &err)
		    || tickets_list_write(stdout, rows, n, a.format, tickets_now(), &err))
			status = cmd_fail(EXIT_RUNTIME, err);
		tickets_rows_free(&rows, n);
	} else if ((rc = step(t, &a, &err)) != 0) {
		status = cmd_fail(EXIT_RUNTIME, err);
	}
out:
	tickets_close(&t);
	layout_free(&layout);
	keymap_free(&km);
	err_free(&err);
	return status;
}
