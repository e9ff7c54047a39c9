/* cmd_train: `neuvoo train`, training mode.
 *
 *   neuvoo train [--list | SCENARIO] [--trainee NAME]
 *   neuvoo train --check FILE...
 *   neuvoo train --results [--trainee T] [--format text|csv|json] [PATH...]
 *   neuvoo train --reset --trainee T [--yes]
 *
 * --list, --check, --results and --reset are headless and done here; a
 * run checks its arguments and the scenario, then hands over to
 * train_run() (the screen). Scenarios come from the site's folder and the
 * bundled one (scenario_load_all); a malformed file there is reported as
 * file:line on stderr and left out, the others stay usable. --list and
 * --check check the scenarios against the catalogue in use too, and exit
 * 2 when any is broken. SCENARIO is an id, or a path to a file (it holds
 * a '/'), so that a trainer can try a new scenario before installing it. */
#include <config.h>

#include <pwd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "cmd/train_run.h"
#include "core/catalogue_publish.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "core/results.h"
#include "core/results_report.h"
#include "core/scenario.h"
#include "core/text.h"

#define MAX_TRAINEE 64

struct train_args {
	bool list, results, check, reset, yes;
	const char *format;	/* NULL = text */
	const char *trainee;
	const char *scenario;
	char **args;		/* FILEs of --check, PATHs of --results */
	size_t n_args;
};

/* The mode's name for messages, or NULL for a run. */
static const char *mode(const struct train_args *t)
{
	return t->list ? "--list" : t->results ? "--results" : t->check ? "--check"
	       : t->reset ? "--reset" : NULL;
}

static int parse(struct train_args *t, int argc, char **argv, char **err)
{
	int i, m, modes;
	bool only_args = false;

	memset(t, 0, sizeof *t);
	t->args = xcalloc((size_t)argc + 1, sizeof *t->args);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (only_args || a[0] != '-' || !a[1]) {
			t->args[t->n_args++] = argv[i];
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
		if (!strcmp(a, "--check")) {
			t->check = true;
			continue;
		}
		if (!strcmp(a, "--reset")) {
			t->reset = true;
			continue;
		}
		if (!strcmp(a, "--yes")) {
			t->yes = true;
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
	modes = t->list + t->results + t->check + t->reset;
	if (modes > 1) {
		err_set(err, _("train: give one of --list, --check, --results and --reset"));
		return -1;
	}
	if (!modes || t->list) {
		if (t->n_args > 1) {
			err_set(err, _("train takes one scenario, not '%s' and '%s' (see neuvoo train --list)"),
				t->args[0], t->args[1]);
			return -1;
		}
		if (t->list && t->n_args) {
			err_set(err, _("train: %s takes no scenario, not '%s'"), "--list",
				t->args[0]);
			return -1;
		}
		t->scenario = t->n_args ? t->args[0] : NULL;
	}
	if (t->reset && t->n_args) {
		err_set(err, _("train: %s takes no scenario, not '%s'"), "--reset", t->args[0]);
		return -1;
	}
	if (t->check && !t->n_args) {
		err_set(err, _("train: --check needs one or more scenario files"));
		return -1;
	}
	if ((t->list || t->check) && t->trainee) {
		err_set(err, _("train: --trainee is for a training run, --results or --reset, not with %s"),
			mode(t));
		return -1;
	}
	if (t->reset && !t->trainee) {
		err_set(err, _("train: --reset needs --trainee NAME, whose results to remove"));
		return -1;
	}
	if (t->yes && !t->reset) {
		err_set(err, _("train: --yes goes with --reset"));
		return -1;
	}
	if (t->format && !t->results) {
		err_set(err, _("train: --format goes with --results"));
		return -1;
	}
	if (t->format && strcmp(t->format, "text") && strcmp(t->format, "csv")
	    && strcmp(t->format, "json")) {
		err_set(err, _("train: unknown format '%s'; use text, csv or json"), t->format);
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
		    void *ctx, char **err)
{
	char *dir;
	int rc = scenario_load_all(warn, ctx, set, &dir, err);
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

/* The catalogue the scenarios are checked against; NULL (said on
 * stderr) when it cannot be opened: the grammar is still checked. */
static struct catalogue *check_catalogue(struct app *app)
{
	struct catalogue *cat = NULL;
	char *err = NULL;
	if (catalogue_ensure(app->cfg, &err) != 0
	    || catalogue_open_lean(app->cfg->catalogue, &cat, &err) != 0) {
		char *m = xasprintf(_("%s; scenarios are checked without the catalogue"), err);
		warn_stderr(NULL, m);
		free(m);
		err_free(&err);
		return NULL;
	}
	return cat;
}

/* Counts what it is told, and tells stderr. */
static void count_stderr(void *ctx, const char *msg)
{
	(*(int *)ctx)++;
	warn_stderr(NULL, msg);
}

static int do_list(struct app *app)
{
	struct scenario_set *set = NULL;
	struct catalogue *cat;
	char *err = NULL;
	const char *lang = i18n_lang();
	int broken = 0;
	size_t i;

	if (load_set(&set, count_stderr, &broken, &err) != 0)
		return fail(EXIT_RUNTIME, &err);
	cat = check_catalogue(app);
	for (i = 0; i < set->n; i++) {
		const struct scenario *sc = set->v[i];
		char *title = text_sanitize(scenario_text(&sc->title, lang));
		int problems = 0;
		if (cat)
			scenario_check_catalogue(sc, cat, count_stderr, &problems);
		/* A broken one is listed, marked: it runs, but some answers
		 * can never be right. */
		printf("%s\t%s\t%s\t%s%s\n", sc->id, title,
		       scenario_difficulty_code(sc->difficulty), sc->language,
		       problems ? "\tbroken" : "");
		if (problems)
			broken++;
		free(title);
	}
	scenario_set_free(&set);
	catalogue_free(&cat);
	if (write_done(&err) != 0)
		return fail(EXIT_RUNTIME, &err);
	return broken ? EXIT_USAGE : EXIT_OK;
}

static int do_check(struct app *app, const struct train_args *t)
{
	struct catalogue *cat = check_catalogue(app);
	int broken = 0, unreadable = 0;
	size_t i;

	for (i = 0; i < t->n_args; i++) {
		struct scenario *sc = NULL;
		char *err = NULL;
		int rc = scenario_load_file(t->args[i], &sc, &err), problems = 0;
		if (rc != 0) {
			warn_stderr(NULL, err);
			err_free(&err);
			if (rc == -2)
				unreadable++;
			else
				broken++;
			continue;
		}
		if (cat)
			scenario_check_catalogue(sc, cat, count_stderr, &problems);
		if (problems)
			broken++;
		scenario_free(&sc);
	}
	catalogue_free(&cat);
	return broken ? EXIT_USAGE : unreadable ? EXIT_RUNTIME : EXIT_OK;
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
	rc = results_gather(r, t->args, t->n_args, t->trainee, &a, &n, &err);
	results_close(&r);
	if (rc != 0)
		return fail(EXIT_RUNTIME, &err);
	if (t->format && !strcmp(t->format, "csv")) {
		rc = results_write_csv(stdout, a, n, &err);
	} else if (t->format && !strcmp(t->format, "json")) {
		rc = results_write_json(stdout, a, n, &err);
	} else {
		/* The totals of progress are the scenarios on offer; a broken
		 * scenario folder only makes them less exact. */
		if (load_set(&set, NULL, NULL, &err) != 0)
			err_free(&err);
		rc = results_write_text(stdout, a, n, set, &err);
	}
	if (rc != 0)
		status = fail(EXIT_RUNTIME, &err);
	scenario_set_free(&set);
	results_list_free(&a, n);
	return status;
}

/* Asks on the terminal; false when the answer is not yes. */
static bool confirm(const char *question)
{
	char *line = NULL;
	size_t cap = 0;
	bool yes;
	fprintf(stderr, "%s ", question);
	fflush(stderr);
	if (getline(&line, &cap, stdin) < 0) {
		free(line);
		return false;
	}
	yes = rpmatch(line) == 1;
	free(line);
	return yes;
}

static int do_reset(struct app *app, const struct train_args *t)
{
	struct results *r = NULL;
	struct results_attempt *a = NULL;
	size_t n = 0;
	char *err = NULL, *name = text_sanitize(t->trainee), *q;
	int rc, removed = 0;

	rc = results_open_existing(&r, app->cfg->training_dir, &err);
	if (rc < 0) {
		free(name);
		return fail(EXIT_RUNTIME, &err);
	}
	if (r && results_gather(r, NULL, 0, t->trainee, &a, &n, &err) != 0) {
		results_close(&r);
		free(name);
		return fail(EXIT_RUNTIME, &err);
	}
	results_list_free(&a, n);
	if (!r || n == 0) {
		printf(_("No training results of %s to remove.\n"), name);
		results_close(&r);
		free(name);
		return EXIT_OK;
	}
	if (!t->yes) {
		if (!isatty(STDIN_FILENO)) {
			err_set(&err, _("train: --reset asks before it removes anything; give --yes to remove without asking (in scripts)"));
			results_close(&r);
			free(name);
			return fail(EXIT_USAGE, &err);
		}
		q = xasprintf(ngettext("Remove %zu training attempt of %s from %s? [y/N]",
				       "Remove all %zu training attempts of %s from %s? [y/N]",
				       (unsigned long)n), n, name, results_path(r));
		if (!confirm(q)) {
			free(q);
			printf(_("Nothing removed.\n"));
			results_close(&r);
			free(name);
			return EXIT_OK;
		}
		free(q);
	}
	if (results_reset(r, t->trainee, &removed, &err) != 0) {
		results_close(&r);
		free(name);
		return fail(EXIT_RUNTIME, &err);
	}
	printf(ngettext("Removed %d training attempt of %s.\n",
			"Removed %d training attempts of %s.\n", (unsigned long)removed),
	       removed, name);
	results_close(&r);
	free(name);
	if (write_done(&err) != 0)
		return fail(EXIT_RUNTIME, &err);
	return EXIT_OK;
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
		int rc = scenario_load_file(t->scenario, &own, &err);
		if (rc != 0) {
			free(trainee);
			/* A file that is not there is a runtime failure. */
			return fail(rc == -2 ? EXIT_RUNTIME : EXIT_USAGE, &err);
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
	int status;

	if (parse(&t, argc, argv, &err) != 0) {
		free(t.args);
		return fail(EXIT_USAGE, &err);
	}
	if (t.list)
		status = do_list(app);
	else if (t.check)
		status = do_check(app, &t);
	else if (t.results)
		status = do_results(app, &t);
	else if (t.reset)
		status = do_reset(app, &t);
	else
		status = do_run(app, &t);
	free(t.args);
	return status;
}
