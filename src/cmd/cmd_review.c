/* cmd_review: `neuvoo review [--date D] [--close | --reopen]`, the
 * supervisor's day-end screen; --close and --reopen do what its F2 and F3
 * do, without the screen (for scripts and cron).
 *
 * Order matters for the exit status, as for the desk: the date, the
 * keymap and the screen layout are usage and configuration (exit 2);
 * the statistics folder and the terminal are runtime (exit 1). The
 * catalogue only gives names to languages and services: without a
 * readable one the codes are shown. --desk (any number) selects desks. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/catalogue.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/keymap.h"
#include "core/layout.h"
#include "core/paths.h"
#include "core/stats.h"
#include "panes/review_ui.h"

enum review_mode { MODE_SCREEN, MODE_CLOSE, MODE_REOPEN };

static int parse(int argc, char **argv, const char **date,
		 enum review_mode *mode, char **err)
{
	int i;
	*date = NULL;
	*mode = MODE_SCREEN;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--close") || !strcmp(a, "--reopen")) {
			enum review_mode m = a[2] == 'c' ? MODE_CLOSE : MODE_REOPEN;
			if (*mode != MODE_SCREEN && *mode != m) {
				err_set(err, "%s", _("give either --close or --reopen, not both"));
				return -1;
			}
			*mode = m;
		} else if (!strncmp(a, "--date=", 7))
			*date = a + 7;
		else if (!strcmp(a, "--date")) {
			if (i + 1 >= argc) {
				err_set(err, _("option %s needs a value (see neuvoo --help)"), a);
				return -1;
			}
			*date = argv[++i];
		} else {
			err_set(err, _("unknown option '%s' for review (see neuvoo --help)"), a);
			return -1;
		}
	}
	return 0;
}

/* The folder's warnings and every file the review could not use, a line
 * each on stderr. */
static void warn_unreadable(const struct review_day *d)
{
	size_t i;
	for (i = 0; d && i < d->n_warnings; i++)
		cmd_warn(d->warnings[i]);
	for (i = 0; d && i < d->n_desks; i++)
		if (d->desks[i].error)
			cmd_warn(d->desks[i].error);
}

/* --close, --reopen: one sign-off and one line saying what happened. */
static int sign_off(struct app *app, const char *date, enum review_mode mode)
{
	struct review_day *d = NULL;
	struct stats_opts opts;
	char *err = NULL, *by = NULL;
	int rc;

	if (review_day_load(&d, app->cfg->stats_dir, date, NULL, 0, NULL, &err) != 0) {
		cmd_fail(EXIT_RUNTIME, err);
		err_free(&err);
		return EXIT_RUNTIME;
	}
	warn_unreadable(d);
	memset(&opts, 0, sizeof opts);
	opts.group = app->cfg->group;
	by = app->cfg->advisor && *app->cfg->advisor ? xstrdup(app->cfg->advisor)
						      : paths_user_name();
	rc = review_day_sign_off(d, mode == MODE_CLOSE ? STATS_CLOSE : STATS_REOPEN,
				 by, &opts, &err);
	if (rc == 0 && mode == MODE_CLOSE)
		printf(_("Closed %s, by %s.\n"), date, by);
	else if (rc == 0)
		printf(_("Reopened %s, by %s.\n"), date, by);
	else if (rc > 0)
		printf("%s\n", err);	/* nothing to do: not a failure */
	else
		cmd_fail(EXIT_RUNTIME, err);
	err_free(&err);
	free(by);
	review_day_free(&d);
	return rc < 0 ? EXIT_RUNTIME : EXIT_OK;
}

int cmd_review(struct app *app, int argc, char **argv)
{
	char *err = NULL, today[11];
	const char *date;
	struct keymap *km = NULL;
	struct layout *layout = NULL;
	struct catalogue *cat = NULL;
	struct review *r = NULL;
	struct review_labels labels = { 0 };
	struct stats_opts opts;
	time_t from, to;
	enum review_mode mode;
	int status;

	if (parse(argc, argv, &date, &mode, &err) != 0) {
		status = cmd_fail(EXIT_USAGE, err);
		goto out;
	}
	if (!date) {
		date_format(time(NULL), today);
		date = today;
	} else if (date_local_day(date, &from, &to) != 0) {
		err_set(&err, _("--date %s: not a date; write it as YYYY-MM-DD"), date);
		status = cmd_fail(EXIT_USAGE, err);
		goto out;
	}
	if (mode != MODE_SCREEN) {
		status = sign_off(app, date, mode);
		goto out;
	}
	/* The configuration's `screen` is the desk's; only --screen given
	 * here replaces the review's layout. */
	status = cmd_load_ui(app, SCREEN_REVIEW, app->cli.screen, &km, &layout);
	if (status != 0)
		goto out;
	if (app->cfg->catalogue && access(app->cfg->catalogue, R_OK) == 0) {
		char *ignore = NULL;
		if (catalogue_open(app->cfg->catalogue, &cat, &ignore) != 0)
			cat = NULL;
		err_free(&ignore);
	}
	if (cat) {
		labels.fn = cmd_catalogue_label;
		labels.ud = cat;
	}
	labels.expected = (const char *const *)app->cfg->expected_desks;
	labels.n_expected = app->cfg->n_expected_desks;
	labels.note_limit = true;
	labels.note_days = app->cfg->note_retention_days;
	memset(&opts, 0, sizeof opts);
	opts.group = app->cfg->group;
	if (review_new(&r, app->cfg->stats_dir, date, app->desks, app->n_desks,
		       &labels, &opts, app->cfg->advisor, &err) != 0) {
		status = cmd_fail(EXIT_RUNTIME, err);
		goto out;
	}
	status = review_run(r, km, layout, &err);
	if (status != EXIT_OK)
		cmd_fail(status, err);
	/* The screen is gone: the files it could not use, for the record. */
	warn_unreadable(r->day);
out:
	review_free(&r);
	catalogue_free(&cat);
	layout_free(&layout);
	keymap_free(&km);
	err_free(&err);
	return status;
}
