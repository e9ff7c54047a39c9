/* cmd_snapshot: `neuvoo stats snapshot DIR [--keep-notes]`, consistent
 * copies of this host's desk files (and sign-off files) into DIR, for
 * carrying to the host where the report is made.
 *
 * Every file of the statistics folder is copied through stats_snapshot
 * (the -wal included, notes dropped unless --keep-notes); a file that
 * cannot be copied is named and the others are copied all the same, and
 * the exit status is then 1. DIR must not be the statistics folder. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd/cmd.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/report.h"
#include "core/stats_snapshot.h"

static int snapshot(struct app *app, const char *out, bool keep_notes)
{
	struct report_files files = { 0 };
	struct stats_snapshot_opts o;
	struct stat a, b;
	char *err = NULL, *dir;
	bool named;
	size_t i, done = 0, failed = 0;
	int status = EXIT_OK;

	dir = cmd_stats_folder(app, &named);
	if (stat(dir, &a) != 0) {
		err = xasprintf(_("%s: the statistics folder does not exist; check --stats-dir or stats-dir in the configuration"), dir);
		status = cmd_fail(EXIT_RUNTIME, err);
		goto out;
	}
	if (stat(out, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
		err = xasprintf(_("%s: that is the statistics folder itself; give another folder for the copies"), out);
		status = cmd_fail(EXIT_USAGE, err);
		goto out;
	}
	if (report_files_add(&files, dir, false, &err)) {
		status = cmd_fail(EXIT_RUNTIME, err);
		goto out;
	}
	for (i = 0; i < files.n_warnings; i++)
		cmd_warn(files.warnings[i]);
	memset(&o, 0, sizeof o);
	o.group = app->cfg ? app->cfg->group : NULL;
	o.keep_notes = keep_notes;
	o.note_retention_days = app->cfg ? app->cfg->note_retention_days : 0;
	if (mkdir(out, o.group ? 02750 : 0700) != 0 && stat(out, &b) != 0) {
		err = xasprintf(_("%s: cannot make the folder: %s"), out, strerror(errno));
		status = cmd_fail(EXIT_RUNTIME, err);
		goto out;
	}
	for (i = 0; i < files.n; i++) {
		const char *base = strrchr(files.paths[i], '/');
		char *to = xasprintf("%s/%s", out, base ? base + 1 : files.paths[i]);
		if (stats_snapshot(files.paths[i], to, &o, &err) == 0)
			done++;
		else {
			cmd_warn(err);
			err_free(&err);
			failed++;
		}
		free(to);
	}
	printf(ngettext("Copied %zu file into %s.\n", "Copied %zu files into %s.\n", done),
	       done, out);
	if (failed) {
		err = xasprintf(ngettext("%zu file could not be copied (named above)",
					 "%zu files could not be copied (named above)", failed), failed);
		status = cmd_fail(EXIT_RUNTIME, err);
	}
out:
	err_free(&err);
	free(dir);
	report_files_clear(&files);
	return status;
}

int cmd_stats_snapshot(struct app *app, int argc, char **argv)
{
	const char *out = NULL;
	bool keep_notes = false;
	char *err = NULL;
	int i, status;

	for (i = 2; i < argc; i++) {
		if (!strcmp(argv[i], "--keep-notes"))
			keep_notes = true;
		else if (argv[i][0] == '-' && argv[i][1]) {
			err = xasprintf(_("unknown option '%s' for stats snapshot (see neuvoo --help)"), argv[i]);
			goto usage;
		} else if (out) {
			err = xasprintf("%s", _("stats snapshot takes one folder"));
			goto usage;
		} else
			out = argv[i];
	}
	if (!out) {
		err = xasprintf("%s", _("stats snapshot: give the folder to copy into"));
		goto usage;
	}
	return snapshot(app, out, keep_notes);
usage:
	status = cmd_fail(EXIT_USAGE, err);
	err_free(&err);
	return status;
}
