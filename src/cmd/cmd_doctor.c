/* cmd_doctor: `neuvoo doctor [--fix]`, check (and, as root, repair) a
 * set-up.
 *
 * The checks are core/doctor's; this prints each problem in one line on
 * standard output (they are what was asked for, not a failure of the
 * command) and decides the exit status: 0 all is well, 1 problems, 2 a
 * usage error or a configuration that does not load (main hands that over
 * instead of stopping, so that the other checks still run). With --fix it
 * repairs what it can, then checks again and prints the final state. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/doctor.h"
#include "core/doctor_fix.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/tickets.h"
#include "ui/terminfo.h"

static void put_line(const char *line)
{
	/* Paths and names come from the file system: never raw to a
	 * terminal. */
	char *clean = text_sanitize(line);
	puts(clean);
	free(clean);
}

static void print_report(const struct doctor_report *r)
{
	size_t i;
	for (i = 0; i < r->n; i++)
		put_line(r->items[i].msg);
	if (r->n == 0)
		put_line(_("neuvoo doctor: all is well"));
}

static void print_done(const char *line, void *ud)
{
	(void)ud;
	put_line(line);
}

/* The unit's ticket store, made by root so that the folder (3770) and
 * the file (0660) are root's and the group's: the first advisor cannot
 * make them so, nor own them. An existing store is left as it is. */
static int fix_tickets(const struct app *app, char **err)
{
	struct tickets_opts o;
	struct tickets *t = NULL;
	struct stat sb;
	char *path;
	bool existed;

	tickets_opts_config(&o, app->cfg);
	/* A database store (tickets-db) is made by stats push --init. */
	if (o.db)
		return 0;
	path = xasprintf("%s/%s", o.dir, TICKETS_FILE_NAME);
	existed = lstat(path, &sb) == 0;
	if (!existed && tickets_open(&t, &o, err) != 0) {
		free(path);
		return -1;
	}
	tickets_close(&t);
	if (!existed) {
		char *line = xasprintf(_("created the ticket store %s (group %s, mode 0660)"),
				       path, app->cfg->group);
		put_line(line);
		free(line);
	}
	free(path);
	return 0;
}

int cmd_doctor(struct app *app, int argc, char **argv)
{
	struct doctor_env *env = NULL;
	struct doctor_report r = { NULL, 0 };
	char *err = NULL;
	bool fix = false;
	int i, status;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--fix"))
			fix = true;
		else {
			err_set(&err, _("doctor: unknown argument '%s' (usage: neuvoo doctor [--fix])"),
				argv[i]);
			status = cmd_fail(EXIT_USAGE, err);
			goto out;
		}
	}
	env = doctor_env_new(app->cfg, app->config_err, terminfo_known);
	doctor_check(env, &r);
	if (fix && doctor_fixable(&r)) {
		if (doctor_shared(env) && geteuid() != 0) {
			print_report(&r);
			fflush(stdout);
			err_set(&err, _("doctor --fix: a shared set-up (group '%s') is repaired by root; run it as root"),
				app->cfg->group);
			cmd_fail(EXIT_RUNTIME, err);
			status = EXIT_RUNTIME;
			goto out;
		}
		if (doctor_fix(env, &r, print_done, NULL, &err) != 0)
			cmd_fail(EXIT_RUNTIME, err);
		doctor_report_clear(&r);
		doctor_check(env, &r);
	}
	if (fix && app->cfg && app->cfg->group && geteuid() == 0
	    && fix_tickets(app, &err) != 0) {
		cmd_fail(EXIT_RUNTIME, err);
		err_free(&err);
	}
	print_report(&r);
	status = app->config_err ? EXIT_USAGE : r.n ? EXIT_RUNTIME : EXIT_OK;
out:
	doctor_report_clear(&r);
	doctor_env_free(&env);
	err_free(&err);
	return status;
}
