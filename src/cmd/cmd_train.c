/* cmd_train: `neuvoo train`, training mode.
 *
 *   neuvoo train [--list | SCENARIO] [--trainee NAME]
 *   neuvoo train --results [--format text|csv]
 *
 * --list and --results are headless and done here; a run checks its
 * arguments and the scenario, then hands over to train_run() (the screen).
 * Scenarios come from the site's folder and the bundled one
 * (scenario_load_all); a malformed file there is reported as file:line on
 * stderr and left out, the others stay usable.
 * SCENARIO is an id, or a path to a file (it holds a '/'), so that a
 * trainer can try a new scenario before installing it. */
#include <config.h>

#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "cmd/train_run.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "core/results.h"
#include "core/scenario.h"
#include "core/text.h"

#define MAX_TRAINEE 64

struct train_args {
	bool list, results;
	const char *format;	/* NULL = text */
	const char *trainee;
	const char *scenario;
};

static int parse(struct train_args *t, int argc, char **argv, char **err)
{
	int i, m;
	bool only_args = false;

	memset(t, 0, sizeof *t);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (only_args || a[0] != '-' || !a[1]) {
			if (t->scenario) {
				err_set(err, _("train takes one scenario, not '%s' and '%s' (see neuvoo train --list)"),
					t->scenario, a);
				return -1;
			}
			t->scenario = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_args = true;
			continue;
		}
		if (!strcmp(a, "--list")) {
			t->list = true;
			continue;
		}
		if (!strcmp(a, "--results")) {
			t->results = true;
			continue;
		}
		if ((m = cmd_opt_value(argc, argv, &i, "--format", &t->format, err)) < 0)
			return -1;
		if (m)
			continue;
		if ((m = cmd_opt_value(argc, argv, &i, "--trainee", &t->trainee, err)) < 0)
			return -1;
		if (m)
			continue;
		err_set(err, _("train: unknown option '%s' (see neuvoo --help)"), a);
		return -1;
	}
	if (t->list && t->results) {
		err_set(err, _("train: give --list or --results, not both"));
		return -1;
	}
	if ((t->list || t->results) && t->scenario) {
		err_set(err, _("train: %s takes no scenario, not '%s'"),
			t->list ? "--list" : "--results", t->scenario);
		return -1;
	}
	if ((t->list || t->results) && t->trainee) {
		err_set(err, _("train: --trainee is for a training run, not with %s"),
			t->list ? "--list" : "--results");
		return -1;
	}
	if (t->format && !t->results) {
		err_set(err, _("train: --format goes with --results"));
		return -1;
	}
	if (t->format && strcmp(t->format, "text") && strcmp(t->format, "csv")) {
		err_set(err, _("train: unknown format '%s'; use text or csv"), t->format);
		return -1;
	}
	return 0;
}

/* Malformed scenario files: one line each on stderr, as they are found. */
static void warn_stderr(void *ctx, const char *msg)
{
	(void)ctx;
	cmd_fail(EXIT_OK, msg);
}

static int fail(int status, char **err)
{
	cmd_fail(status, *err);
	err_free(err);
	return status;
}

static int load_set(struct scenario_set **set, scenario_warn_fn warn,
		    char **err)
{
	char *dir;
	int rc = scenario_load_all(warn, NULL, set, &dir, err);
	if (rc == 0 && (*set)->n == 0) {
		err_set(err, _("%s: no usable scenario; add NAME.conf files (see neuvoo-scenario(5))"),
			dir);
		scenario_set_free(set);
		rc = -1;
	}
	free(dir);
	return rc;
}

static int write_done(char **err)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		err_set(err, _("cannot write the output; is the disk full or the pipe closed?"));
		return -1;
	}
	return 0;
}

static int do_list(void)
{
	struct scenario_set *set = NULL;
	char *err = NULL;
	const char *lang = i18n_lang();
	size_t i;

	if (load_set(&set, warn_stderr, &err) != 0)
		return fail(EXIT_RUNTIME, &err);
	for (i = 0; i < set->n; i++) {
		const struct scenario *sc = set->v[i];
		char *title = text_sanitize(scenario_text(&sc->title, lang));
		printf("%s\t%s\t%s\t%s\n", sc->id, title,
		       scenario_difficulty_code(sc->difficulty), sc->language);
		free(title);
	}
	scenario_set_free(&set);
	if (write_done(&err) != 0)
		return fail(EXIT_RUNTIME, &err);
	return EXIT_OK;
}

static int do_results(struct app *app, const struct train_args *t)
{
	struct results *r = NULL;
	struct results_attempt *a = NULL;
	struct scenario_set *set = NULL;
	size_t n = 0;
	char *err = NULL;
	int rc, status = EXIT_OK;

	rc = results_open_existing(&r, app->cfg->training_dir, &err);
	if (rc < 0)
		return fail(EXIT_RUNTIME, &err);
	if (r && results_list(r, &a, &n, &err) != 0) {
		results_close(&r);
		return fail(EXIT_RUNTIME, &err);
	}
	results_close(&r);
	if (t->format && !strcmp(t->format, "csv")) {
		rc = results_write_csv(stdout, a, n, &err);
	} else {
		/* The totals of progress are the scenarios on offer; a broken
		 * scenario folder only makes them less exact. */
		if (load_set(&set, NULL, &err) != 0)
			err_free(&err);
		rc = results_write_text(stdout, a, n, set, &err);
	}
	if (rc != 0)
		status = fail(EXIT_RUNTIME, &err);
	scenario_set_free(&set);
	results_list_free(&a, n);
	return status;
}

/* The trainee: --trainee, else the login name. */
static char *trainee_name(const char *given, char **err)
{
	char *name, *clean;
	if (given)
		name = xstrdup(given);
	else {
		struct passwd *pw = getpwuid(getuid());
		const char *user = getenv("USER");
		name = xstrdup(pw && pw->pw_name && *pw->pw_name ? pw->pw_name
			       : user && *user ? user : "trainee");
	}
	clean = text_sanitize(name);
	if (!*name || strcmp(clean, name) || text_width(name) > MAX_TRAINEE
	    || strspn(name, " ") == strlen(name)) {
		err_set(err, _("train: --trainee needs a name of 1 to %d characters without control characters"),
			MAX_TRAINEE);
		free(name);
		name = NULL;
	}
	free(clean);
	return name;
}

/* Messages about malformed files, kept until we know they matter. */
struct notes {
	char **v;
	size_t n;
};

static void keep_note(void *ctx, const char *msg)
{
	struct notes *nt = ctx;
	nt->v = xrealloc(nt->v, (nt->n + 1) * sizeof *nt->v);
	nt->v[nt->n++] = xstrdup(msg);
}

static void notes_free(struct notes *nt, bool print)
{
	size_t i;
	for (i = 0; i < nt->n; i++) {
		if (print)
			warn_stderr(NULL, nt->v[i]);
		free(nt->v[i]);
	}
	free(nt->v);
	nt->v = NULL;
	nt->n = 0;
}

static int do_run(struct app *app, const struct train_args *t)
{
	struct scenario_set *set = NULL;
	struct scenario *own = NULL;
	const struct scenario *sc = NULL;
	struct notes notes = { NULL, 0 };
	char *err = NULL, *trainee, *dir;
	int status;

	trainee = trainee_name(t->trainee, &err);
	if (!trainee)
		return fail(EXIT_USAGE, &err);

	if (t->scenario && strchr(t->scenario, '/')) {
		/* A file of the trainer's own: its errors are configuration
		 * errors with file:line. */
		if (scenario_load_file(t->scenario, &own, &err) != 0) {
			free(trainee);
			return fail(EXIT_USAGE, &err);
		}
		sc = own;
	} else {
		if (scenario_load_all(keep_note, &notes, &set, &dir, &err) != 0) {
			free(dir);
			free(trainee);
			notes_free(&notes, true);
			return fail(EXIT_RUNTIME, &err);
		}
		if (t->scenario) {
			sc = scenario_find(set, t->scenario);
			if (!sc) {
				notes_free(&notes, true);
				err_set(&err, _("no scenario '%s' in %s; see neuvoo train --list"),
					t->scenario, dir);
				free(dir);
				free(trainee);
				scenario_set_free(&set);
				return fail(EXIT_USAGE, &err);
			}
		} else if (set->n == 0) {
			notes_free(&notes, true);
			err_set(&err, _("%s: no usable scenario; add NAME.conf files (see neuvoo-scenario(5))"),
				dir);
			free(dir);
			free(trainee);
			scenario_set_free(&set);
			return fail(EXIT_RUNTIME, &err);
		}
		free(dir);
		/* The picker shows what loaded; the trainer sees the rest with
		 * --list. */
		notes_free(&notes, false);
	}
	status = train_run(app, sc, trainee);
	scenario_free(&own);
	scenario_set_free(&set);
	free(trainee);
	return status;
}

int cmd_train(struct app *app, int argc, char **argv)
{
	struct train_args t;
	char *err = NULL;

	if (parse(&t, argc, argv, &err) != 0)
		return fail(EXIT_USAGE, &err);
	if (t.list)
		return do_list();
	if (t.results)
		return do_results(app, &t);
	return do_run(app, &t);
}
