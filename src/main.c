/* neuvoo: parse the command line, load the configuration, dispatch.
 *
 * Copyright (C) 2026 the neuvoo authors (see AUTHORS).
 * This program is free software: you can redistribute it and/or modify it
 * under the terms of the GNU General Public License as published by the Free
 * Software Foundation, either version 3 of the License, or (at your option)
 * any later version. It is distributed in the hope that it will be useful,
 * but WITHOUT ANY WARRANTY; see the GNU General Public License (COPYING)
 * for more details.
 *
 * Common options may stand before or after the subcommand, so they are
 * taken out of argv wherever they are; what is left (the subcommand and its
 * own options) goes to the subcommand. Every --desk is kept: report and
 * review select desks with them, elsewhere the last one names this desk. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "cmd/cmd.h"
#include "core/config.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "tree.h"

struct common_opt {
	const char *name;
	size_t offset;		/* into struct cli_opts */
};

#define OPT(n, field) { n, offsetof(struct cli_opts, field) }
static const struct common_opt common_opts[] = {
	OPT("--config", config_file),
	OPT("--catalogue", catalogue),
	OPT("--stats-dir", stats_dir),
	OPT("--desk", desk),
	OPT("--lang", lang),
	OPT("--keymap", keymap),
	OPT("--screen", screen),
};
#undef OPT

/* One text a command (translated one by one, so that a new command leaves
 * the others' translations alone), in the order --help prints them. */
static const char *const usage_text[] = {
	N_("Usage: neuvoo [desk]                 the advisor's desk screen\n"),
	N_("       neuvoo review [--date D] [--close | --reopen]  the supervisor's day end\n"),
	N_("       neuvoo report [--date D | --from D --to D] [--desk NAME]... [--by DIM]\n"
		"                     [--by DIM2] [--count contacts|people]\n"
		"                     [--compare-with previous] [--contacts]\n"
		"                     [--format text|csv|json|html] [--suppress N] [PATH...]\n"
		"       neuvoo report --db URL [--organisation NAME]... [report options]\n"
		"       neuvoo report --tickets [--date D | --from D --to D]\n"
		"                     [--format text|csv|json] [--suppress N]\n"),
	N_("       neuvoo stats push [--init] --db URL [PATH...]\n"
		"       neuvoo stats snapshot [--keep-notes] DIR\n"),
	N_("       neuvoo train [--list | SCENARIO] [--trainee NAME]\n"
		"       neuvoo train --check FILE...\n"
		"       neuvoo train --results [--trainee NAME] [--format text|csv|json]\n"
		"                    [PATH...]\n"
		"       neuvoo train --reset --trainee NAME [--yes]\n"),
	N_("       neuvoo tickets                  the queue of callback tickets\n"
		"       neuvoo tickets --list [--format text|csv|json] [--assignee A]\n"
		"                     [--language L] [--overdue] [--all]\n"
		"       neuvoo tickets take ID | done ID | unreachable ID | pass ID --to WHO\n"),
	N_("       neuvoo catalogue init [--force] | check [--stale MONTHS] | info\n"
		"                        | show ID | search [--lang LL] QUERY\n"
		"                        | export hsds DIR\n"
		"       neuvoo catalogue import [--add] [--dry-run] [--keep-going] [--force]\n"
		"                        [--verbose] SOURCE PATH...\n"),
	N_("       neuvoo doctor [--fix]          check (as root: repair) the set-up\n"),
	N_("Common options: --config FILE  --catalogue FILE  --stats-dir DIR  --desk NAME\n"
		"                --lang LL  --keymap NAME  --screen NAME  --help  --version\n"),
};

static void usage(FILE *f)
{
	size_t i;
	for (i = 0; i < sizeof usage_text / sizeof *usage_text; i++)
		fputs(_(usage_text[i]), f);
}

/* As GNU programs do: the version, the copyright line and the licence. */
static void print_version(void)
{
	printf("neuvoo %s\n", PACKAGE_VERSION);
	/* TRANSLATORS: "(C)" may be the copyright sign; keep the holder. */
	puts(_("Copyright (C) 2026 the neuvoo authors"));
	puts(_("License GPLv3+: GNU GPL version 3 or later "
	       "<https://gnu.org/licenses/gpl.html>.\n"
	       "This is free software: you are free to change and redistribute it.\n"
	       "There is NO WARRANTY, to the extent permitted by law."));
	puts(_("The bundled catalogue data: CC BY 4.0, from public information "
	       "of the City of Helsinki."));
}

/* Take common options out of argv; returns the new argc, or -1 with *err. */
static int take_common(struct app *app, int argc, char **argv, char **err,
		       int *help, int *version)
{
	int out = 1, i;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		size_t k;
		int found = 0;
		if (!strcmp(a, "--")) {
			while (i < argc)
				argv[out++] = argv[i++];
			break;
		}
		for (k = 0; k < sizeof common_opts / sizeof common_opts[0]; k++) {
			const char *name = common_opts[k].name;
			size_t len = strlen(name);
			const char *val = NULL;
			if (!strncmp(a, name, len) && a[len] == '=')
				val = a + len + 1;
			else if (!strcmp(a, name)) {
				if (i + 1 >= argc) {
					err_set(err, _("option %s needs a value (see neuvoo --help)"), name);
					return -1;
				}
				val = argv[++i];
			} else
				continue;
			*(const char **)((char *)&app->cli + common_opts[k].offset) = val;
			if (!strcmp(name, "--desk")) {
				app->desks = xrealloc(app->desks, (app->n_desks + 1) * sizeof *app->desks);
				app->desks[app->n_desks++] = val;
			}
			found = 1;
			break;
		}
		if (found)
			continue;
		if (!strcmp(a, "--help") || !strcmp(a, "-h"))
			*help = 1;
		else if (!strcmp(a, "--version") || !strcmp(a, "-V"))
			*version = 1;
		else
			argv[out++] = argv[i];
	}
	argv[out] = NULL;
	return out;
}

int main(int argc, char **argv)
{
	struct app app;
	char *err = NULL, *localedir;
	int help = 0, show_version = 0, status, n;
	const char *sub;
	char *desk_argv[] = { (char *)"desk", NULL };

	memset(&app, 0, sizeof app);
	app.argv0 = argv[0];
#ifdef __GLIBC__
	/* A keystroke over 100,000 services makes arrays of hundreds of kB
	 * (hits, ranks) and frees them: with a fixed threshold they come from
	 * the system and go back to it, instead of glibc raising its
	 * threshold and keeping their pages in the heap of every session. */
	mallopt(M_MMAP_THRESHOLD, 64 * 1024);
#endif
	tree_init();
	localedir = paths_localedir();
	i18n_init(localedir, NULL);

	n = take_common(&app, argc, argv, &err, &help, &show_version);
	/* --lang first, so that --help and early errors speak it too. */
	if (app.cli.lang && *app.cli.lang)
		i18n_set_lang(app.cli.lang);
	if (n < 0) {
		status = cmd_fail(EXIT_USAGE, err);
		goto out;
	}
	if (show_version) {
		print_version();
		status = EXIT_OK;
		goto out;
	}
	if (help) {
		usage(stdout);
		printf(_("Report bugs to: %s\n"), PACKAGE_BUGREPORT);
		status = EXIT_OK;
		goto out;
	}
	sub = n > 1 ? argv[1] : "desk";
	if (config_load(&app.cfg, &app.cli, NULL, &err) != 0) {
		/* doctor names it among the other problems it finds. */
		if (!strcmp(sub, "doctor")) {
			app.config_err = err;
			status = cmd_doctor(&app, n - 1, argv + 1);
			goto out;
		}
		status = cmd_fail(EXIT_USAGE, err);
		goto out;
	}
	if (app.cfg->lang)
		i18n_set_lang(app.cfg->lang);
	i18n_set_cycle((const char *const *)app.cfg->ui_languages);
	i18n_set_text_fallback((const char *const *)app.cfg->catalogue_fallback);

	if (!strcmp(sub, "desk"))
		status = n > 1 ? cmd_desk(&app, n - 1, argv + 1)
			       : cmd_desk(&app, 1, desk_argv);
	else if (!strcmp(sub, "catalogue"))
		status = cmd_catalogue(&app, n - 1, argv + 1);
	else if (!strcmp(sub, "report"))
		status = cmd_report(&app, n - 1, argv + 1);
	else if (!strcmp(sub, "review"))
		status = cmd_review(&app, n - 1, argv + 1);
	else if (!strcmp(sub, "stats"))
		status = cmd_stats(&app, n - 1, argv + 1);
	else if (!strcmp(sub, "train"))
		status = cmd_train(&app, n - 1, argv + 1);
	else if (!strcmp(sub, "doctor"))
		status = cmd_doctor(&app, n - 1, argv + 1);
	else if (!strcmp(sub, "tickets"))
		status = cmd_tickets(&app, n - 1, argv + 1);
	else {
		err_set(&err, _("unknown command '%s' (see neuvoo --help)"), sub);
		status = cmd_fail(EXIT_USAGE, err);
	}
out:
	config_free(&app.cfg);
	free(app.desks);
	free(localedir);
	err_free(&err);
	return status;
}
