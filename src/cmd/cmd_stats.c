/* cmd_stats: `neuvoo stats push`, desk statistics into the national
 * database.
 *
 *   neuvoo stats push [--init] --db URL [PATH...]
 *
 * PATHs are desk and sign-off files or folders of them (default: the
 * statistics folder). Each file is pushed in its own transaction
 * (pg_push); a file that cannot be read is named and the others still
 * go; a database failure stops. Exit 0 when every file went, 1 when one
 * did not, 2 for usage. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/pg_push.h"
#include "core/pg_schema.h"
#include "core/report_files.h"

struct push_args {
	const char *db;
	bool init;
	const char **paths;
	size_t n_paths;
};

static int parse(struct push_args *a, int argc, char **argv, char **err)
{
	int i, m;
	bool only_paths = false;

	memset(a, 0, sizeof *a);
	a->paths = xcalloc((size_t)argc + 1, sizeof *a->paths);
	for (i = 2; i < argc; i++) {
		const char *s = argv[i];
		if (only_paths || s[0] != '-' || !s[1]) {
			a->paths[a->n_paths++] = s;
			continue;
		}
		if (!strcmp(s, "--")) {
			only_paths = true;
			continue;
		}
		if (!strcmp(s, "--init")) {
			a->init = true;
			continue;
		}
		if ((m = cmd_opt_value(argc, argv, &i, "--db", &a->db, err))) {
			if (m < 0)
				return -1;
			continue;
		}
		err_set(err, _("unknown option '%s' for stats push (see neuvoo --help)"), s);
		return -1;
	}
	if (!a->db) {
		err_set(err, "%s", _("stats push needs --db URL: the database to push to"));
		return -1;
	}
	return pg_check_url(a->db, err);
}

static char *host_name(void)
{
	char name[256];
	if (gethostname(name, sizeof name) != 0)
		return xstrdup("localhost");
	name[sizeof name - 1] = '\0';
	return xstrdup(name);
}

static int push(struct app *app, const struct push_args *a, char **err)
{
	struct report_files files = { 0 };
	struct pg *db = NULL;
	struct pg_push *p = NULL;
	char *host = NULL;
	int status = EXIT_OK;
	size_t i;

	if (!a->n_paths) {
		bool named;
		char *dir = cmd_stats_folder(app, &named);
		int rc = report_files_add(&files, dir, true, err);
		free(dir);
		if (rc)
			return EXIT_RUNTIME;
	}
	for (i = 0; i < a->n_paths; i++)
		if (report_files_add(&files, a->paths[i], false, err)) {
			report_files_clear(&files);
			return EXIT_RUNTIME;
		}
	for (i = 0; i < files.n_warnings; i++)
		cmd_warn(files.warnings[i]);
	if (pg_connect(&db, a->db, err)
	    || (a->init && pg_schema_init(db, err))
	    || pg_schema_check(db, err)) {
		status = EXIT_RUNTIME;
		goto out;
	}
	host = host_name();
	if (pg_push_new(&p, db, host, app->cfg ? app->cfg->organisation : NULL, err)) {
		status = EXIT_RUNTIME;
		goto out;
	}
	for (i = 0; i < files.n; i++) {
		int kind;
		if (!pg_push_file(p, files.paths[i], &kind, err))
			continue;
		status = EXIT_RUNTIME;
		if (kind == 2)
			goto out;
		/* One file that cannot be read: named, the others go on. */
		cmd_fail(EXIT_RUNTIME, *err);
		err_free(err);
	}
	if (pg_push_finish(p, err)) {
		status = EXIT_RUNTIME;
		goto out;
	}
	{
		const struct pg_push_counts *c = pg_push_counts(p);
		printf(_("pushed %zu files (%zu contacts, %zu events, %zu sign-offs), %zu unchanged, to %s\n"),
		       c->files, c->contacts, c->events, c->sign_offs, c->unchanged,
		       pg_where(db));
	}
out:
	pg_push_free(&p);
	pg_free(&db);
	free(host);
	report_files_clear(&files);
	return status;
}

int cmd_stats(struct app *app, int argc, char **argv)
{
	struct push_args a;
	char *err = NULL;
	int status;

	if (argc >= 2 && !strcmp(argv[1], "snapshot"))
		return cmd_stats_snapshot(app, argc, argv);
	if (argc < 2 || strcmp(argv[1], "push")) {
		err_set(&err, "%s", _("usage: neuvoo stats push [--init] --db URL [PATH...] | neuvoo stats snapshot [--keep-notes] DIR"));
		status = cmd_fail(EXIT_USAGE, err);
		err_free(&err);
		return status;
	}
	if (parse(&a, argc, argv, &err)) {
		status = cmd_fail(EXIT_USAGE, err);
	} else {
		status = push(app, &a, &err);
		if (err)
			cmd_fail(status, err);
	}
	err_free(&err);
	free(a.paths);
	return status;
}
