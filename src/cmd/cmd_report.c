/* cmd_report: `neuvoo report`, the contract's statistics export.
 *
 *   neuvoo report [--date D | --from D --to D] [--desk NAME]... [--by DIM]
 *                 [--by DIM2] [--count contacts|people]
 *                 [--compare-with previous] [--contacts]
 *                 [--format text|csv|json|html] [--suppress N] [PATH...]
 *   neuvoo report --db URL [--organisation NAME]... [the same options]
 *
 * Option parsing and exit statuses live here; merging, counting and
 * writing are src/core/report. Labels for languages and services come from
 * the catalogue when it can be read, else the codes are shown.
 *
 * A file that cannot be used is named on stderr and left out; the rest is
 * reported in full, the output says which files are missing from it, and
 * the exit status is 1 so that scripts notice. Nothing is silent: a
 * missing statistics folder is an error, an unknown desk or a period
 * without files is said on stderr. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/catalogue.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "core/pg_read.h"
#include "core/pg_schema.h"
#include "core/report.h"
#include "core/stats.h"
#include "core/text.h"

struct report_args {
	const char *date, *from, *to;
	int by[2];
	int n_by;
	bool contacts, compare;
	enum report_count count;
	enum report_format format;
	int suppress;
	const char **paths;
	size_t n_paths;
	/* report --db: the national database instead of files (pg_read). */
	const char *db;
	const char **organisations;
	size_t n_organisations;
};

static int usage_error(char **err, int status)
{
	cmd_fail(status, *err);
	err_free(err);
	return status;
}

static int parse(struct report_args *r, int argc, char **argv, char **err)
{
	int i, m;
	bool only_paths = false;
	const char *v;

	memset(r, 0, sizeof *r);
	r->format = REPORT_FORMAT_TEXT;
	r->paths = xcalloc((size_t)argc + 1, sizeof *r->paths);
	r->organisations = xcalloc((size_t)argc + 1, sizeof *r->organisations);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (only_paths || a[0] != '-' || !a[1]) {
			r->paths[r->n_paths++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_paths = true;
			continue;
		}
		if (!strcmp(a, "--contacts")) {
			r->contacts = true;
			continue;
		}
		if ((m = cmd_opt_value(argc, argv, &i, "--db", &r->db, err))
		    || (m = cmd_opt_value(argc, argv, &i, "--organisation", &v, err))) {
			if (m < 0)
				return -1;
			if (!strcmp(a, "--organisation") || !strncmp(a, "--organisation=", 15))
				r->organisations[r->n_organisations++] = v;
			continue;
		}
		if ((m = cmd_opt_value(argc, argv, &i, "--date", &r->date, err))
		    || (m = cmd_opt_value(argc, argv, &i, "--from", &r->from, err))
		    || (m = cmd_opt_value(argc, argv, &i, "--to", &r->to, err))) {
			if (m < 0)
				return -1;
			continue;
		}
		if ((m = cmd_opt_value(argc, argv, &i, "--by", &v, err))) {
			int d;
			if (m < 0)
				return -1;
			if ((d = report_dim_parse(v)) < 0) {
				err_set(err, _("--by %s: unknown dimension; use one of: %s"),
					v, report_dim_names());
				return -1;
			}
			if (r->n_by == 2) {
				err_set(err, "%s", _("--by can be given at most twice (a cross table)"));
				return -1;
			}
			r->by[r->n_by++] = d;
			continue;
		}
		if ((m = cmd_opt_value(argc, argv, &i, "--format", &v, err))) {
			if (m < 0)
				return -1;
			if (!strcmp(v, "text"))
				r->format = REPORT_FORMAT_TEXT;
			else if (!strcmp(v, "csv"))
				r->format = REPORT_FORMAT_CSV;
			else if (!strcmp(v, "json"))
				r->format = REPORT_FORMAT_JSON;
			else if (!strcmp(v, "html"))
				r->format = REPORT_FORMAT_HTML;
			else {
				err_set(err, _("--format %s: use text, csv, json or html"), v);
				return -1;
			}
			continue;
		}
		if ((m = cmd_opt_value(argc, argv, &i, "--count", &v, err))) {
			if (m < 0)
				return -1;
			if (!strcmp(v, "contacts"))
				r->count = REPORT_COUNT_CONTACTS;
			else if (!strcmp(v, "people"))
				r->count = REPORT_COUNT_PEOPLE;
			else {
				err_set(err, _("--count %s: use contacts or people"), v);
				return -1;
			}
			continue;
		}
		if ((m = cmd_opt_value(argc, argv, &i, "--compare-with", &v, err))) {
			if (m < 0)
				return -1;
			if (strcmp(v, "previous")) {
				err_set(err, _("--compare-with %s: use previous (the same length of time just before)"), v);
				return -1;
			}
			r->compare = true;
			continue;
		}
		if ((m = cmd_opt_suppress(argc, argv, &i, &r->suppress, err))) {
			if (m < 0)
				return -1;
			continue;
		}
		err_set(err, _("unknown option '%s' for report (see neuvoo --help)"), a);
		return -1;
	}
	if (cmd_check_period(r->date, r->from, r->to, err))
		return -1;
	if (r->contacts && r->n_by) {
		err_set(err, "%s", _("--contacts lists contacts; it cannot be combined with --by"));
		return -1;
	}
	if (r->contacts && r->suppress) {
		err_set(err, "%s", _("--suppress hides small counts; it cannot be combined with --contacts"));
		return -1;
	}
	if (r->n_organisations && !r->db) {
		err_set(err, "%s", _("--organisation selects from a database; give --db URL too"));
		return -1;
	}
	if (r->db && r->n_paths) {
		err_set(err, "%s", _("--db reads the database, not files; give either --db or PATHs"));
		return -1;
	}
	if (r->db && pg_check_url(r->db, err))
		return -1;
	if (r->contacts && r->format == REPORT_FORMAT_HTML) {
		err_set(err, "%s", _("--contacts lists contacts; --format html is for counts"));
		return -1;
	}
	if (r->compare && (r->contacts || r->n_by == 2)) {
		err_set(err, "%s", _("--compare-with compares the counts of one dimension; it cannot be combined with --contacts or a cross table"));
		return -1;
	}
	if (r->n_by == 2 && r->by[0] == r->by[1]) {
		err_set(err, _("--by %s given twice; a cross table needs two different dimensions"),
			report_dim_name(r->by[0]));
		return -1;
	}
	return 0;
}

static int period(const struct report_args *r, struct report_query *q,
		  char from[11], char to[11], char **err)
{
	time_t ignore;
	if (r->from) {
		if (date_local_day(r->from, &q->from, &ignore)) {
			err_set(err, _("--from %s: not a date; write it as YYYY-MM-DD"), r->from);
			return -1;
		}
		if (date_local_day(r->to, &ignore, &q->to)) {
			err_set(err, _("--to %s: not a date; write it as YYYY-MM-DD"), r->to);
			return -1;
		}
		if (q->to <= q->from) {
			err_set(err, _("--from %s is after --to %s"), r->from, r->to);
			return -1;
		}
		snprintf(from, 11, "%s", r->from);
		snprintf(to, 11, "%s", r->to);
		return 0;
	}
	if (r->date) {
		if (date_local_day(r->date, &q->from, &q->to)) {
			err_set(err, _("--date %s: not a date; write it as YYYY-MM-DD"), r->date);
			return -1;
		}
		snprintf(from, 11, "%s", r->date);
	} else {
		date_format(time(NULL), from);
		date_local_day(from, &q->from, &q->to);
	}
	memcpy(to, from, 11);
	return 0;
}

/* The period of the same length just before from..to: dates into pfrom
 * and pto, times into *pq. */
static void previous_period(const char *from, const char *to, char pfrom[11],
			    char pto[11], struct report_query *pq)
{
	int y, m, d, y2, m2, d2;
	time_t a, b, ignore;
	struct tm tm;
	long days;
	date_parse(from, &y, &m, &d);
	date_parse(to, &y2, &m2, &d2);
	/* Noon UTC, so that days are whole whatever the clocks do. */
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900, tm.tm_mon = m - 1, tm.tm_mday = d, tm.tm_hour = 12;
	a = timegm(&tm);
	tm.tm_year = y2 - 1900, tm.tm_mon = m2 - 1, tm.tm_mday = d2, tm.tm_hour = 12;
	b = timegm(&tm);
	days = (long)((b - a) / 86400) + 1;
	a -= 86400;
	gmtime_r(&a, &tm);
	strftime(pto, 11, "%Y-%m-%d", &tm);
	a -= (days - 1) * 86400;
	gmtime_r(&a, &tm);
	strftime(pfrom, 11, "%Y-%m-%d", &tm);
	date_local_day(pfrom, &pq->from, &ignore);
	date_local_day(pto, &ignore, &pq->to);
}

/* Each row to its sink, and a late one counted in its day. */
struct sink {
	report_row_fn fn;
	void *ud;
	struct report_days *days;
};

static int to_sink(const struct stats_row *r, void *ud)
{
	struct sink *k = ud;
	report_days_count(k->days, r);
	return k->fn(r, k->ud);
}

/* Where the rows come from: the files, or the database (args->db). */
struct source {
	const struct report_files *files;
	struct pg *db;
	struct pg_filter filter;
};

static int source_days(const struct source *src, struct report_days *days,
		       const char *from, const char *to,
		       struct report_skips *skips, char **err)
{
	if (src->db)
		return pg_report_days_load(days, src->db, &src->filter, from, to, err);
	return report_days_load(days, src->files, from, to, skips, err);
}

static int source_scan(const struct source *src, const struct report_query *q,
		       report_row_fn fn, void *ud, char **err)
{
	if (src->db)
		return pg_report_scan(src->db, q, &src->filter, fn, ud, err);
	return report_scan(src->files, q, fn, ud, err);
}

/* An unknown --desk: no file and no contact of that name. */
static void warn_desks(const struct app *app, const struct report_files *files,
		       const struct report_agg *seen)
{
	const char *const *desks = NULL;
	size_t n = seen ? report_agg_desks(seen, &desks) : 0, i, j, k;
	for (i = 0; i < app->n_desks; i++) {
		bool known = false;
		for (j = 0; j < n && !known; j++)
			known = !strcmp(desks[j], app->desks[i]);
		for (k = 0; k < files->n && !known; k++) {
			char *desk, *user;
			stats_file_parse(files->paths[k], &desk, &user);
			known = desk && !strcmp(desk, app->desks[i]);
			free(desk);
			free(user);
		}
		if (!known) {
			char *msg = xasprintf(_("--desk %s: no statistics file of that desk among the %zu files read; check the name"),
					      app->desks[i], files->n);
			cmd_warn(msg);
			free(msg);
		}
	}
}

/* What --contacts streams: rows to the writer as they come, their desks
 * noted. */
struct streaming {
	struct report_stream *stream;
	struct report_agg *desks;
};

static int to_stream(const struct stats_row *r, void *ud)
{
	struct streaming *s = ud;
	report_agg_add(s->desks, r);
	return report_stream_row(s->stream, r);
}

int cmd_report(struct app *app, int argc, char **argv)
{
	struct report_args args;
	struct report_files files = { 0 };
	struct report_skips skips = { 0 };
	struct report_query q, pq;
	struct report_out out;
	struct report_agg *agg = NULL, *prev = NULL, *desks_seen = NULL;
	struct report_contacts *contacts = NULL;
	struct report_stream *stream = NULL;
	struct catalogue *cat = NULL;
	struct report_days days = { NULL, 0 };
	struct sink sink;
	struct source src;
	char *err = NULL, *dir = NULL, from[11], to[11], pfrom[11], pto[11];
	int status = EXIT_OK;
	bool named;
	size_t i;

	/* The tickets' figures are another store's: their own module. */
	if (cmd_report_wants_tickets(argc, argv))
		return cmd_report_tickets(app, argc, argv);
	memset(&q, 0, sizeof q);
	memset(&src, 0, sizeof src);
	if (parse(&args, argc, argv, &err) || period(&args, &q, from, to, &err)) {
		free(args.paths);
		free(args.organisations);
		return usage_error(&err, EXIT_USAGE);
	}
	q.desks = app->desks;
	q.n_desks = app->n_desks;
	q.skips = &skips;
	src.files = &files;
	src.filter.organisations = args.organisations;
	src.filter.n_organisations = args.n_organisations;

	if (args.db) {
		if (pg_connect(&src.db, args.db, &err) || pg_schema_check(src.db, &err))
			status = EXIT_RUNTIME;
	} else {
		dir = cmd_stats_folder(app, &named);
		if (access(dir, F_OK) != 0 && (named || !args.n_paths)) {
			err = xasprintf(_("%s: the statistics folder does not exist; check --stats-dir or stats-dir in the configuration"), dir);
			status = EXIT_RUNTIME;
		} else if (report_files_add(&files, dir, true, &err))
			status = EXIT_RUNTIME;
	}
	for (i = 0; i < args.n_paths && status == EXIT_OK; i++)
		if (report_files_add(&files, args.paths[i], false, &err))
			status = EXIT_RUNTIME;
	if (status != EXIT_OK) {
		free(dir);
		goto out;
	}
	for (i = 0; i < files.n_warnings; i++)
		cmd_warn(files.warnings[i]);
	if (!args.db && !files.n) {
		char *msg = xasprintf(_("%s: no statistics files (no desk has saved a contact there); the report is empty"), dir);
		cmd_warn(msg);
		free(msg);
	}
	free(dir);
	dir = NULL;
	if (source_days(&src, &days, from, to, &skips, &err)) {
		status = EXIT_RUNTIME;
		goto out;
	}
	sink.days = &days;

	memset(&out, 0, sizeof out);
	out.format = args.format;
	out.suppress = args.suppress;
	out.count = args.count;
	out.utf8 = text_locale_utf8();
	out.from_date = from;
	out.to_date = to;
	out.desks = app->desks;
	out.n_desks = app->n_desks;
	out.days = &days;
	out.skips = &skips;

	desks_seen = report_agg_new(REPORT_DESK, -1);
	if (args.contacts && args.format != REPORT_FORMAT_TEXT) {
		/* csv and json stream: rows in time order, as they are read. */
		struct streaming st;
		q.ordered = true;
		stream = report_stream_new(stdout, &out);
		st.stream = stream;
		st.desks = desks_seen;
		sink.fn = to_stream;
		sink.ud = &st;
		if (source_scan(&src, &q, to_sink, &sink, &err) != 0) {
			if (!err)
				err = xasprintf(_("cannot write the report: %s"), strerror(EPIPE));
			status = EXIT_RUNTIME;
			goto out;
		}
		if (report_stream_end(stream, desks_seen, &err))
			status = EXIT_RUNTIME;
		goto done;
	}
	if (args.contacts) {
		contacts = report_contacts_new();
		sink.fn = report_contacts_add;
		sink.ud = contacts;
		if (source_scan(&src, &q, to_sink, &sink, &err)) {
			status = EXIT_RUNTIME;
			goto out;
		}
		for (i = 0; i < report_contacts_n(contacts); i++)
			report_agg_add(desks_seen, report_contacts_get(contacts, i));
	} else {
		agg = report_agg_new(args.n_by ? args.by[0] : REPORT_DESK,
				     args.n_by > 1 ? args.by[1] : -1);
		q.fields = report_dims_fields(args.by, (size_t)args.n_by, args.count);
		report_agg_set_count(agg, args.count);
		report_agg_set_period(agg, q.from, q.to);
		for (i = 0; i < (size_t)args.n_by; i++)
			if ((args.by[i] == REPORT_LANGUAGE || args.by[i] == REPORT_REDIRECT)
			    && app->cfg && app->cfg->catalogue && !cat) {
				char *ignore = NULL;
				/* Names are a nicety: without a readable
				 * catalogue the codes are shown. */
				if (catalogue_open(app->cfg->catalogue, &cat, &ignore))
					cat = NULL;
				err_free(&ignore);
			}
		if (cat)
			report_agg_set_labels(agg, cmd_catalogue_label, cat);
		sink.fn = report_agg_add_cb;
		sink.ud = agg;
		if (source_scan(&src, &q, to_sink, &sink, &err)) {
			status = EXIT_RUNTIME;
			goto out;
		}
		if (args.compare) {
			pq = q;
			previous_period(from, to, pfrom, pto, &pq);
			prev = report_agg_new(report_agg_dim(agg, 0), -1);
			report_agg_set_count(prev, args.count);
			report_agg_set_period(prev, pq.from, pq.to);
			if (cat)
				report_agg_set_labels(prev, cmd_catalogue_label, cat);
			if (source_scan(&src, &pq, report_agg_add_cb, prev, &err)) {
				status = EXIT_RUNTIME;
				goto out;
			}
			out.prev = prev;
			out.prev_from = pfrom;
			out.prev_to = pto;
		}
		{
			const char *const *d;
			size_t n = report_agg_desks(agg, &d), k;
			struct stats_row r;
			memset(&r, 0, sizeof r);
			for (k = 0; k < n; k++) {
				r.desk = d[k];
				report_agg_add(desks_seen, &r);
			}
		}
	}
	if ((contacts ? report_contacts_write(stdout, contacts, &out, &err)
		      : report_write(stdout, agg, &out, &err)) != 0)
		status = EXIT_RUNTIME;
done:
	if (status == EXIT_OK) {
		warn_desks(app, &files, desks_seen);
		for (i = 0; i < skips.n; i++)
			cmd_warn(skips.why[i]);
		if (skips.n) {
			char *msg = xasprintf(ngettext("%zu file left out of the report (named above); the figures are without it",
						       "%zu files left out of the report (named above); the figures are without them",
						       skips.n), skips.n);
			cmd_warn(msg);
			free(msg);
			status = EXIT_RUNTIME;
		}
	}
out:
	if (status != EXIT_OK && err)
		cmd_fail(status, err);
	err_free(&err);
	report_stream_free(&stream);
	report_agg_free(&agg);
	report_agg_free(&prev);
	report_agg_free(&desks_seen);
	report_contacts_free(&contacts);
	catalogue_free(&cat);
	report_files_clear(&files);
	report_skips_clear(&skips);
	report_days_clear(&days);
	pg_free(&src.db);
	free(args.paths);
	free(args.organisations);
	return status;
}
