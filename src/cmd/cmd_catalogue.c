/* cmd_catalogue: `neuvoo catalogue init [--force] | check | info |
 * search [--lang LL] QUERY | import hsds DIR | export hsds DIR`.
 *
 * The admin's tools around the shared catalogue file (app->cfg->catalogue).
 * Everything printed from the catalogue goes through text_sanitize(): the
 * data may come from anyone's spreadsheet. Usage errors exit 2, failures 1,
 * each with one line on stderr. */
#include <config.h>

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/catalogue.h"
#include "core/catalogue_check.h"
#include "core/catalogue_publish.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "core/search.h"
#include "core/search_index.h"
#include "core/text.h"

/* HSDS import and export live in their own module; until it is part of
 * the build, those two subcommands say so. */
#if defined(__has_include)
#if __has_include("core/hsds.h")
#include "core/hsds.h"
#define NEUVOO_HAVE_HSDS 1
#endif
#endif

static int usage_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int usage_fail(const char *fmt, ...)
{
	va_list ap;
	char *msg = NULL;
	va_start(ap, fmt);
	err_vset(&msg, fmt, ap);
	va_end(ap);
	cmd_fail(EXIT_USAGE, msg);
	err_free(&msg);
	return EXIT_USAGE;
}

static int fail_err(int status, char **err)
{
	char *clean = text_sanitize(*err);
	cmd_fail(status, clean);
	free(clean);
	err_free(err);
	return status;
}

/* Print a line of catalogue-derived text safely. */
static void put_clean(FILE *f, const char *s)
{
	char *clean = text_sanitize(s);
	fputs(clean, f);
	free(clean);
}

/* Create the default catalogue if needed, then open it. */
static int open_catalogue(struct app *app, struct catalogue **cat, char **err)
{
	if (catalogue_ensure(app->cfg, err) != 0)
		return -1;
	return catalogue_open(app->cfg->catalogue, cat, err);
}

static int do_init(struct app *app, int argc, char **argv)
{
	bool force = false;
	char *err = NULL, *dir, *sql;
	struct catalogue *cat = NULL;
	int i, rc;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--force"))
			force = true;
		else
			return usage_fail(_("catalogue init: unknown argument '%s' (usage: neuvoo catalogue init [--force])"),
					  argv[i]);
	}
	dir = paths_data("catalogue");
	sql = paths_join(dir, "helsinki.sql");
	rc = catalogue_init(app->cfg->catalogue, sql, force, &err);
	free(dir);
	free(sql);
	if (rc != 0)
		return fail_err(EXIT_RUNTIME, &err);
	if (catalogue_open(app->cfg->catalogue, &cat, &err) != 0)
		return fail_err(EXIT_RUNTIME, &err);
	printf(ngettext("%s: catalogue created with %zu service\n",
			"%s: catalogue created with %zu services\n", cat->n_services),
	       app->cfg->catalogue, cat->n_services);
	catalogue_free(&cat);
	return EXIT_OK;
}

struct print_ctx {
	const char *prefix;
	FILE *f;
};

static void print_problem(void *ctx, const char *msg)
{
	struct print_ctx *p = ctx;
	fprintf(p->f, "%s: ", p->prefix);
	put_clean(p->f, msg);
	fputc('\n', p->f);
}

static int do_check(struct app *app, int argc, char **argv)
{
	struct catalogue *cat = NULL;
	struct print_ctx pc;
	char *err = NULL;
	size_t n;

	if (argc > 1)
		return usage_fail(_("catalogue check: unknown argument '%s' (usage: neuvoo catalogue check)"),
				  argv[1]);
	if (open_catalogue(app, &cat, &err) != 0)
		return fail_err(EXIT_RUNTIME, &err);
	if (catalogue_verify_file(app->cfg->catalogue, &err) != 0) {
		catalogue_free(&cat);
		return fail_err(EXIT_RUNTIME, &err);
	}
	pc.prefix = app->cfg->catalogue;
	pc.f = stdout;
	n = catalogue_check(cat, print_problem, &pc);
	if (n == 0)
		printf(ngettext("%s: %zu service, no problems\n",
				"%s: %zu services, no problems\n", cat->n_services),
		       app->cfg->catalogue, cat->n_services);
	else
		printf(ngettext("%s: %zu problem\n", "%s: %zu problems\n", n),
		       app->cfg->catalogue, n);
	catalogue_free(&cat);
	return n == 0 ? EXIT_OK : EXIT_RUNTIME;
}

static int do_info(struct app *app, int argc, char **argv)
{
	struct catalogue *cat = NULL;
	char *err = NULL, *info;

	if (argc > 1)
		return usage_fail(_("catalogue info: unknown argument '%s' (usage: neuvoo catalogue info)"),
				  argv[1]);
	if (open_catalogue(app, &cat, &err) != 0)
		return fail_err(EXIT_RUNTIME, &err);
	info = catalogue_info(cat);
	/* Sanitize line by line: the info is several lines. */
	{
		char *line = info, *nl;
		while ((nl = strchr(line, '\n'))) {
			*nl = '\0';
			put_clean(stdout, line);
			fputc('\n', stdout);
			line = nl + 1;
		}
	}
	free(info);
	catalogue_free(&cat);
	return EXIT_OK;
}

static int do_search(struct app *app, int argc, char **argv)
{
	struct catalogue *cat = NULL;
	struct search *s;
	const struct search_hit *hits;
	const char *lang = NULL;
	char *err = NULL, *query = xstrdup("");
	size_t n, i;
	int k;

	/* main takes a common --lang out of argv (it also sets the UI
	 * language); one after `--` or given here reaches us directly. */
	for (k = 1; k < argc; k++) {
		if (!strcmp(argv[k], "--lang")) {
			if (k + 1 >= argc) {
				free(query);
				return usage_fail(_("catalogue search: option %s needs a value"), "--lang");
			}
			lang = argv[++k];
		} else if (!strncmp(argv[k], "--lang=", 7)) {
			lang = argv[k] + 7;
		} else if (argv[k][0] == '-' && argv[k][1] && strcmp(argv[k], "--")) {
			free(query);
			return usage_fail(_("catalogue search: unknown option '%s' (usage: neuvoo catalogue search [--lang LL] QUERY)"),
					  argv[k]);
		} else if (strcmp(argv[k], "--")) {
			char *q = xasprintf("%s%s%s", query, *query ? " " : "", argv[k]);
			free(query);
			query = q;
		}
	}
	if (!*query) {
		free(query);
		return usage_fail("%s", _("catalogue search: a query is needed (usage: neuvoo catalogue search [--lang LL] QUERY)"));
	}
	if (!lang)
		lang = app->cli.lang ? app->cli.lang : i18n_lang();
	/* Lean, as a desk loads it: ids and names are all we print, and a
	 * mapped index needs nothing more (else the descriptions' words). */
	if (catalogue_ensure(app->cfg, &err) != 0 ||
	    catalogue_open_lean(app->cfg->catalogue, &cat, &err) != 0) {
		free(query);
		return fail_err(EXIT_RUNTIME, &err);
	}
	s = search_open(cat, lang, &err);
	if (err) {	/* a damaged index: the search is built instead */
		fputs("neuvoo: ", stderr);
		put_clean(stderr, err);
		fputc('\n', stderr);
		err_free(&err);
	}
	if (!search_is_mapped(s) && catalogue_load_words(cat, &err) != 0) {
		search_free(&s);
		catalogue_free(&cat);
		free(query);
		return fail_err(EXIT_RUNTIME, &err);
	}
	n = search_query(s, query, &hits);
	if (search_warning(s)) {	/* an analyser is missing: say so once */
		fputs("neuvoo: ", stderr);
		put_clean(stderr, search_warning(s));
		fputc('\n', stderr);
	}
	for (i = 0; i < n; i++) {
		const struct cat_service *sv = &cat->services[hits[i].index];
		put_clean(stdout, sv->id);
		fputc('\t', stdout);
		put_clean(stdout, catalogue_text(&sv->name, lang));
		fputc('\n', stdout);
	}
	search_free(&s);
	catalogue_free(&cat);
	free(query);
	return EXIT_OK;
}

#ifdef NEUVOO_HAVE_HSDS
static void print_warning(void *ctx, const char *msg)
{
	(void)ctx;
	fputs("neuvoo: ", stderr);
	put_clean(stderr, msg);
	fputc('\n', stderr);
}
#endif

/* import hsds DIR / export hsds DIR */
static int do_hsds(struct app *app, int argc, char **argv, bool import)
{
	const char *sub = import ? "import" : "export";
	char *err = NULL;

	if (argc < 2)
		return usage_fail(_("catalogue %s: a format and a folder are needed (usage: neuvoo catalogue %s hsds DIR)"),
				  sub, sub);
	if (strcmp(argv[1], "hsds") != 0)
		return usage_fail(_("catalogue: unknown format '%s' (only hsds is known)"), argv[1]);
	if (argc != 3)
		return usage_fail(_("catalogue %s hsds: one folder is needed (usage: neuvoo catalogue %s hsds DIR)"),
				  sub, sub);
#ifdef NEUVOO_HAVE_HSDS
	{
		const char *dir = argv[2];
		struct catalogue *cat = NULL;
		struct print_ctx pc;
		size_t n;
		if (import) {
			if (hsds_import(dir, &cat, print_warning, NULL, &err) != 0)
				return fail_err(EXIT_RUNTIME, &err);
			pc.prefix = dir;
			pc.f = stderr;
			/* Problems are warnings here: the admin sees them all,
			 * and desks cope with what the loader must skip. */
			n = catalogue_check(cat, print_problem, &pc);
			if (catalogue_publish(cat, app->cfg->catalogue, &err) != 0) {
				catalogue_free(&cat);
				return fail_err(EXIT_RUNTIME, &err);
			}
			printf(ngettext("%s: published %zu service from %s",
					"%s: published %zu services from %s", cat->n_services),
			       app->cfg->catalogue, cat->n_services, dir);
			if (n)
				printf(ngettext(" (%zu problem, see above)",
						" (%zu problems, see above)", n), n);
			putchar('\n');
		} else {
			if (open_catalogue(app, &cat, &err) != 0)
				return fail_err(EXIT_RUNTIME, &err);
			if (hsds_export(cat, dir, &err) != 0) {
				catalogue_free(&cat);
				return fail_err(EXIT_RUNTIME, &err);
			}
			printf(ngettext("%s: exported %zu service\n",
					"%s: exported %zu services\n", cat->n_services),
			       dir, cat->n_services);
		}
		catalogue_free(&cat);
		return EXIT_OK;
	}
#else
	(void)app;
	err_set(&err, _("catalogue %s hsds: not available in this build of neuvoo"), sub);
	return fail_err(EXIT_RUNTIME, &err);
#endif
}

int cmd_catalogue(struct app *app, int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : NULL;

	if (!sub)
		return usage_fail("%s", _("catalogue: a subcommand is needed: init, check, info, search, import or export (see neuvoo --help)"));
	if (!strcmp(sub, "init"))
		return do_init(app, argc - 1, argv + 1);
	if (!strcmp(sub, "check"))
		return do_check(app, argc - 1, argv + 1);
	if (!strcmp(sub, "info"))
		return do_info(app, argc - 1, argv + 1);
	if (!strcmp(sub, "search"))
		return do_search(app, argc - 1, argv + 1);
	if (!strcmp(sub, "import"))
		return do_hsds(app, argc - 1, argv + 1, true);
	if (!strcmp(sub, "export"))
		return do_hsds(app, argc - 1, argv + 1, false);
	return usage_fail(_("catalogue: unknown subcommand '%s' (see neuvoo --help)"), sub);
}
