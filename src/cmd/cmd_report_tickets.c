/* cmd_report_tickets: `neuvoo report --tickets`, the callback tickets'
 * figures from the ticket store (never its contact details):
 *
 *   neuvoo report --tickets [--date D | --from D --to D]
 *                 [--format text|csv|json] [--suppress N]
 *
 * Its own small module beside cmd_report.c, which hands over at once
 * when it sees --tickets: the statistics' merging and aggregation have
 * nothing to do with these figures. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd/cmd.h"
#include "core/date.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/tickets.h"
#include "core/tickets_write.h"

struct rt_args {
	const char *date, *from, *to;
	enum tickets_format format;
	int suppress;
};

bool cmd_report_wants_tickets(int argc, char **argv)
{
	int i;
	for (i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--tickets"))
			return true;
	return false;
}

static int parse(struct rt_args *r, int argc, char **argv, char **err)
{
	int i, m, f;
	memset(r, 0, sizeof *r);
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--tickets"))
			continue;
		if ((m = cmd_opt_value(argc, argv, &i, "--date", &r->date, err))
		    || (m = cmd_opt_value(argc, argv, &i, "--from", &r->from, err))
		    || (m = cmd_opt_value(argc, argv, &i, "--to", &r->to, err))) {
			if (m < 0)
				return -1;
			continue;
		}
		if ((m = cmd_opt_tickets_format(argc, argv, &i, &f, err))) {
			if (m < 0)
				return -1;
			r->format = (enum tickets_format)f;
			continue;
		}
		if ((m = cmd_opt_suppress(argc, argv, &i, &r->suppress, err))) {
			if (m < 0)
				return -1;
			continue;
		}
		err_set(err, _("%s cannot be combined with --tickets (see neuvoo --help)"), argv[i]);
		return -1;
	}
	return cmd_check_period(r->date, r->from, r->to, err);
}

/* The period [from, to) of local days, and its dates as given. */
static int period(const struct rt_args *r, time_t *from, time_t *to,
		  char fd[DATE_LEN], char td[DATE_LEN], char **err)
{
	time_t ignore;
	const char *a = r->from ? r->from : r->date, *b = r->to ? r->to : r->date;
	if (!a) {
		date_format(tickets_now(), fd);
		a = b = fd;
	}
	if (date_local_day(a, from, &ignore)) {
		err_set(err, _("'%s' is not a date; write it as YYYY-MM-DD"), a);
		return -1;
	}
	if (date_local_day(b, &ignore, to)) {
		err_set(err, _("'%s' is not a date; write it as YYYY-MM-DD"), b);
		return -1;
	}
	if (*to <= *from) {
		err_set(err, _("--from %s is after --to %s"), a, b);
		return -1;
	}
	/* a and b may be fd itself (today). */
	snprintf(td, DATE_LEN, "%s", b);
	if (a != fd)
		snprintf(fd, DATE_LEN, "%s", a);
	return 0;
}

int cmd_report_tickets(struct app *app, int argc, char **argv)
{
	static const struct tickets_filter all = { NULL, NULL, false, true };
	struct rt_args r;
	struct tickets_opts o;
	struct tickets *t = NULL;
	struct ticket *rows = NULL;
	size_t n = 0;
	time_t from, to;
	char fd[DATE_LEN], td[DATE_LEN], *err = NULL;
	int status = EXIT_OK;

	if (parse(&r, argc, argv, &err) || period(&r, &from, &to, fd, td, &err)) {
		status = cmd_fail(EXIT_USAGE, err);
		goto out;
	}
	if (app->n_desks) {
		status = cmd_fail(EXIT_USAGE, _("--desk cannot be combined with --tickets: the tickets are the unit's"));
		goto out;
	}
	tickets_opts_config(&o, app->cfg);
	if (tickets_open(&t, &o, &err) || tickets_list(t, &all, &rows, &n, &err)
	    || tickets_report_write(stdout, rows, n, from, to, fd, td, r.suppress,
				    r.format, tickets_now(), &err))
		status = cmd_fail(EXIT_RUNTIME, err);
out:
	tickets_rows_free(&rows, n);
	tickets_close(&t);
	err_free(&err);
	return status;
}
