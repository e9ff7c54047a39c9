/* cmd_catalogue: `neuvoo catalogue init [--force] | check | info |
 * search [--lang LL] QUERY | import [OPTIONS] SOURCE PATH... | export
 * hsds DIR`. Import reads through the source's importer and decides in
 * core/catalogue_import, so every source follows the same rules.
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
#include <time.h>

#include "cmd/cmd.h"
#include "core/catalogue.h"
#include "core/catalogue_check.h"
#include "core/catalogue_publish.h"
#include "core/err.h"
#include "core/hours.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "core/ptv.h"
#include "core/search.h"
#include "core/search_index.h"
#include "core/service_details.h"
#include "core/tpr.h"
#include "core/text.h"

#include "core/catalogue_import.h"
#include "core/hsds.h"

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
	const char *p = s ? s : "";
	char *clean;
	/* Printable ASCII needs no sanitizing (most ids and many names:
	 * `catalogue search` prints thousands of lines). */
	while (*p >= 0x20 && *p < 0x7f)
		p++;
	if (!*p) {
		fputs(s ? s : "", f);
		return;
	}
	clean = text_sanitize(s);
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

/* Today, local time (the desks run in Europe/Helsinki). */
static struct tm today(void)
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	return tm;
}

/* check --stale MONTHS: one line a service whose verified date is MONTHS
 * or more months old, or missing: id, tab, name, tab, its age. */
static int list_stale(struct app *app, struct catalogue *cat, int months)
{
	struct tm now = today();
	const char *ui = app->cli.lang ? app->cli.lang : i18n_lang();
	size_t i, n = 0;
	char *err = NULL;

	for (i = 0; i < cat->n_services; i++) {
		const struct cat_service_info *in = catalogue_service_info(cat, i, &err);
		const char *v = in ? in->verified : NULL;
		int age = service_details_age_months(v, &now);
		char *text;
		if (!in)
			return fail_err(EXIT_RUNTIME, &err);
		if (age >= 0 && age < months)
			continue;
		text = service_details_age_text(v, &now);
		put_clean(stdout, cat->services[i].id);
		fputc('\t', stdout);
		put_clean(stdout, catalogue_text(&cat->services[i].name, ui));
		fputc('\t', stdout);
		put_clean(stdout, text);
		fputc('\n', stdout);
		free(text);
		n++;
	}
	printf(ngettext("%s: %zu of %zu services not checked in %d months\n",
			"%s: %zu of %zu services not checked in %d months\n", n),
	       app->cfg->catalogue, n, cat->n_services, months);
	return EXIT_OK;
}

static int do_check(struct app *app, int argc, char **argv)
{
	struct catalogue *cat = NULL;
	struct print_ctx pc;
	char *err = NULL, *end;
	int stale = -1, k, rc;
	size_t n;

	for (k = 1; k < argc; k++) {
		if (!strcmp(argv[k], "--stale") && k + 1 < argc) {
			long v = strtol(argv[++k], &end, 10);
			if (*end || end == argv[k] || v < 0 || v > 1200)
				return usage_fail(_("catalogue check: --stale needs a number of months, not '%s'"),
						  argv[k]);
			stale = (int)v;
		} else {
			return usage_fail(_("catalogue check: unknown argument '%s' (usage: neuvoo catalogue check [--stale MONTHS])"),
					  argv[k]);
		}
	}
	if (open_catalogue(app, &cat, &err) != 0)
		return fail_err(EXIT_RUNTIME, &err);
	if (stale >= 0) {
		rc = list_stale(app, cat, stale);
		catalogue_free(&cat);
		return rc;
	}
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

static void show_row(void *ctx, const char *label, const char *value)
{
	(void)ctx;
	put_clean(stdout, label);
	fputs(": ", stdout);
	put_clean(stdout, value);
	fputc('\n', stdout);
}

/* show ID [--lang LL]: every field of one service, as the desk's details
 * window shows them (core/service_details). */
static int do_show(struct app *app, int argc, char **argv)
{
	struct catalogue *cat = NULL;
	const char *lang = NULL, *id = NULL;
	char *err = NULL;
	struct tm now = today();
	long si;
	int k;

	for (k = 1; k < argc; k++) {
		if (!strcmp(argv[k], "--lang") && k + 1 < argc)
			lang = argv[++k];
		else if (!strncmp(argv[k], "--lang=", 7))
			lang = argv[k] + 7;
		else if (argv[k][0] == '-' || id)
			return usage_fail(_("catalogue show: unknown argument '%s' (usage: neuvoo catalogue show ID [--lang LL])"),
					  argv[k]);
		else
			id = argv[k];
	}
	if (!id)
		return usage_fail("%s", _("catalogue show: a service id is needed (usage: neuvoo catalogue show ID [--lang LL]; catalogue search finds ids)"));
	if (!lang)
		lang = app->cli.lang ? app->cli.lang : i18n_lang();
	if (open_catalogue(app, &cat, &err) != 0)
		return fail_err(EXIT_RUNTIME, &err);
	si = catalogue_service_index(cat, id);
	if (si < 0) {
		err_set(&err, _("%s: no service with the id '%s' (catalogue search finds ids)"),
			app->cfg->catalogue, id);
		catalogue_free(&cat);
		return fail_err(EXIT_RUNTIME, &err);
	}
	show_row(NULL, _("Id"), cat->services[si].id);
	show_row(NULL, _("Name"), catalogue_text(&cat->services[si].name, lang));
	service_details(cat, (size_t)si, lang, &now, show_row, NULL);
	catalogue_free(&cat);
	return EXIT_OK;
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
		/* Hits come in rank order, records in catalogue order: ask for
		 * the records (and, nearer, their strings) a few hits ahead, as
		 * each is a miss in a large catalogue. */
		if (i + 16 < n)
			__builtin_prefetch(&cat->services[hits[i + 16].index]);
		if (i + 8 < n) {
			const struct cat_service *ahead = &cat->services[hits[i + 8].index];
			__builtin_prefetch(ahead->id);
			__builtin_prefetch(catalogue_text(&ahead->name, lang));
		}
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

/* ---- import --------------------------------------------------------- */

/* One source of `catalogue import`: its name on the command line, and
 * what reads its arguments (the PATHs, and any option of its own) into a
 * catalogue, adding what it could not read to the log. read returns 0,
 * EXIT_RUNTIME or EXIT_USAGE with *err. */
struct import_source {
	const char *name;
	const char *usage;
	int (*read)(struct app *app, const struct import_opts *opts, int argc,
		    char **argv, struct catalogue **out, struct import_log *log,
		    char **err);
};

/* import ptv [--municipality CODE]... PATH... / import tpr PATH...: the
 * registers' JSON pages. A record or page left out is a problem (nothing
 * is published without --keep-going); a value left out or cut is said. */
static int read_register(struct app *app, const struct import_opts *opts,
			 int argc, char **argv, struct catalogue **out,
			 struct import_log *log, char **err, bool ptv)
{
	const char *name = ptv ? "ptv" : "tpr";
	char **paths = xcalloc((size_t)argc + 1, sizeof *paths);
	char **munis = xcalloc((size_t)argc + 1, sizeof *munis);
	size_t np = 0, nm = 0, i;
	struct regjson_problems probs = { 0 };
	int k, rc;

	(void)app;
	for (k = 0; k < argc; k++) {
		const char *v = NULL;
		if (ptv && !strcmp(argv[k], "--municipality")) {
			if (k + 1 >= argc || !argv[k + 1][0]) {
				err_set(err, _("catalogue import: option %s needs a value"), "--municipality");
				rc = EXIT_USAGE;
				goto out;
			}
			v = argv[++k];
		} else if (ptv && !strncmp(argv[k], "--municipality=", 15)) {
			v = argv[k] + 15;
		} else if (argv[k][0] == '-' && argv[k][1] != '\0') {
			err_set(err, _("catalogue import %s: unknown option '%s' (usage: neuvoo catalogue import ptv [--municipality CODE]... PATH... | tpr PATH...)"),
				name, argv[k]);
			rc = EXIT_USAGE;
			goto out;
		} else {
			paths[np++] = argv[k];
			continue;
		}
		/* "091,092" is two codes. */
		for (;;) {
			const char *c = strchr(v, ',');
			munis = xrealloc(munis, (nm + 2) * sizeof *munis);
			munis[nm++] = c ? xstrndup(v, (size_t)(c - v)) : xstrdup(v);
			if (!c)
				break;
			v = c + 1;
		}
	}
	if (!np) {
		err_set(err, _("catalogue import %s: page files or folders are needed (usage: neuvoo catalogue import %s PATH...)"),
			name, name);
		rc = EXIT_USAGE;
		goto out;
	}
	if (ptv) {
		struct ptv_opts o = { 0 };
		time_t now = time(NULL);
		struct tm tm;
		char ymd[11];
		localtime_r(&now, &tm);
		strftime(ymd, sizeof ymd, "%Y-%m-%d", &tm);
		o.municipalities = munis;
		o.n_municipalities = nm;
		o.today = hours_date_days(ymd);
		rc = ptv_import(paths, np, &o, out, &probs, err);
	} else {
		struct tpr_unmapped un = { 0 };
		struct tpr_opts o = { NULL, &un };
		rc = tpr_import(paths, np, &o, out, &probs, err);
		/* Ontology ids without a topic: counted always, listed with
		 * --verbose, so a site sees what its table still misses. */
		if (rc == 0 && un.n && !opts->verbose)
			import_log_note(log, ngettext("tpr: %zu ontology id of the records gave no topic (--verbose lists it; see tpr-ontologywords.conf)",
						      "tpr: %zu ontology ids of the records gave no topic (--verbose lists them; see tpr-ontologywords.conf)",
						      un.n), un.n);
		for (i = 0; rc == 0 && opts->verbose && i < un.n; i++)
			import_log_note(log, "tpr: %s", un.lines[i]);
		tpr_unmapped_free(&un);
	}
	rc = rc == 0 ? EXIT_OK : EXIT_RUNTIME;
	for (i = 0; i < probs.n; i++) {
		if (probs.v[i].dropped) {
			import_log_problem(log, "%s", probs.v[i].text);
		} else {
			/* A warning: the record stays. */
			fputs("neuvoo: ", stderr);
			put_clean(stderr, probs.v[i].text);
			fputc('\n', stderr);
		}
	}
	regjson_problems_free(&probs);
out:
	for (i = 0; i < nm; i++)
		free(munis[i]);
	free(munis);
	free(paths);
	return rc;
}

static int read_ptv(struct app *app, const struct import_opts *opts, int argc,
		    char **argv, struct catalogue **out, struct import_log *log,
		    char **err)
{
	return read_register(app, opts, argc, argv, out, log, err, true);
}

static int read_tpr(struct app *app, const struct import_opts *opts, int argc,
		    char **argv, struct catalogue **out, struct import_log *log,
		    char **err)
{
	return read_register(app, opts, argc, argv, out, log, err, false);
}

static int read_hsds(struct app *app, const struct import_opts *opts, int argc,
		     char **argv, struct catalogue **out, struct import_log *log,
		     char **err)
{
	(void)app;
	(void)opts;
	if (argc != 1) {
		err_set(err, "%s", _("catalogue import hsds: one folder is needed (usage: neuvoo catalogue import [OPTIONS] hsds DIR)"));
		return EXIT_USAGE;
	}
	return hsds_import_log(argv[0], out, log, err) == 0 ? EXIT_OK : EXIT_RUNTIME;
}

static const struct import_source import_sources[] = {
	{ "hsds", "hsds DIR", read_hsds },
	{ "ptv", "ptv [--municipality CODE]... PATH...", read_ptv },
	{ "tpr", "tpr PATH...", read_tpr },
};

static const struct import_source *find_source(const char *name)
{
	size_t i;
	for (i = 0; i < sizeof import_sources / sizeof import_sources[0]; i++)
		if (!strcmp(import_sources[i].name, name))
			return &import_sources[i];
	return NULL;
}

/* "3 organisations, 12 services, 5 languages, 2 resources" (owned). */
static char *counts_text(const struct import_counts *c)
{
	char *o = xasprintf(ngettext("%zu organisation", "%zu organisations", c->orgs), c->orgs);
	char *s = xasprintf(ngettext("%zu service", "%zu services", c->services), c->services);
	char *l = xasprintf(ngettext("%zu language", "%zu languages", c->languages), c->languages);
	char *r = xasprintf(ngettext("%zu resource", "%zu resources", c->resources), c->resources);
	char *all = xasprintf("%s, %s, %s, %s", o, s, l, r);
	free(o);
	free(s);
	free(l);
	free(r);
	return all;
}

static void say_line(void *ctx, const char *msg)
{
	FILE *f = ctx;
	fputs("neuvoo: ", f);
	put_clean(f, msg);
	fputc('\n', f);
}

/* The options every source shares; the rest is the source's. */
static bool import_option(struct import_opts *o, const char *a)
{
	if (!strcmp(a, "--add"))
		o->add = true;
	else if (!strcmp(a, "--dry-run"))
		o->dry_run = true;
	else if (!strcmp(a, "--keep-going"))
		o->keep_going = true;
	else if (!strcmp(a, "--force"))
		o->force = true;
	else if (!strcmp(a, "--verbose"))
		o->verbose = true;
	else
		return false;
	return true;
}

static int do_import(struct app *app, int argc, char **argv)
{
	const struct import_source *src = NULL;
	const char *path = app->cfg->catalogue;
	struct import_opts opts = { 0 };
	struct import_log log;
	struct import_result res;
	struct catalogue *cat = NULL;
	char **rest, *err = NULL, *counts;
	int n_rest = 0, i, rc;
	size_t k;

	rest = xcalloc((size_t)argc + 1, sizeof *rest);
	for (i = 1; i < argc; i++) {
		if (import_option(&opts, argv[i]))
			continue;
		if (!src && argv[i][0] != '-') {
			src = find_source(argv[i]);
			if (!src) {
				free(rest);
				return usage_fail(_("catalogue import: unknown source '%s' (hsds, ptv or tpr)"),
						  argv[i]);
			}
			continue;
		}
		if (!src) {
			free(rest);
			return usage_fail(_("catalogue import: unknown option '%s' (usage: neuvoo catalogue import [--add] [--dry-run] [--keep-going] [--force] [--verbose] SOURCE PATH...)"),
					  argv[i]);
		}
		rest[n_rest++] = argv[i];
	}
	if (!src) {
		free(rest);
		return usage_fail("%s", _("catalogue import: a source is needed (usage: neuvoo catalogue import [--add] [--dry-run] [--keep-going] [--force] [--verbose] SOURCE PATH...)"));
	}
	/* --add merges into the current catalogue: on first use, as for
	 * every reader, the default one is the bundled catalogue. */
	if (opts.add && catalogue_ensure(app->cfg, &err) != 0) {
		free(rest);
		return fail_err(EXIT_RUNTIME, &err);
	}
	import_log_init(&log);
	rc = src->read(app, &opts, n_rest, rest, &cat, &log, &err);
	free(rest);
	for (k = 0; k < log.n_problems; k++)
		say_line(stderr, log.problems[k]);
	if (rc != EXIT_OK) {
		import_log_clear(&log);
		catalogue_free(&cat);
		if (rc == EXIT_USAGE) {
			cmd_fail(EXIT_USAGE, err);
			err_free(&err);
			return EXIT_USAGE;
		}
		return fail_err(rc, &err);
	}
	rc = catalogue_import_finish(&cat, &log, &opts, path, say_line, stdout,
				     &res, &err);
	counts = counts_text(&res.result);
	if (rc == 0 && opts.dry_run)
		printf(_("%s: would publish %s (dry run: nothing written)\n"),
		       path, counts);
	else if (rc == 0)
		printf(_("%s: published %s\n"), path, counts);
	else if (opts.dry_run && rc > 0)
		printf(_("%s: would refuse %s (dry run: nothing written)\n"),
		       path, counts);
	if (rc == 0 && log.n_problems)
		printf(ngettext("%s: %zu record left out (see above)\n",
				"%s: %zu records left out (see above)\n",
				log.n_problems), path, log.n_problems);
	if (opts.add && rc >= 0 && res.had_old)
		printf(ngettext("%s: %zu record of the same id replaced\n",
				"%s: %zu records of the same id replaced\n",
				res.replaced), path, res.replaced);
	for (k = 0; k < log.n_notes; k++) {
		put_clean(stdout, log.notes[k]);
		putchar('\n');
	}
	free(counts);
	import_log_clear(&log);
	if (rc != 0)
		return fail_err(EXIT_RUNTIME, &err);
	return EXIT_OK;
}

/* export hsds DIR */
static int do_export(struct app *app, int argc, char **argv)
{
	struct catalogue *cat = NULL;
	char *err = NULL;

	if (argc < 2)
		return usage_fail("%s", _("catalogue export: a format and a folder are needed (usage: neuvoo catalogue export hsds DIR)"));
	if (strcmp(argv[1], "hsds") != 0)
		return usage_fail(_("catalogue: unknown format '%s' (only hsds is known)"), argv[1]);
	if (argc != 3)
		return usage_fail("%s", _("catalogue export hsds: one folder is needed (usage: neuvoo catalogue export hsds DIR)"));
	if (open_catalogue(app, &cat, &err) != 0)
		return fail_err(EXIT_RUNTIME, &err);
	if (hsds_export(cat, argv[2], &err) != 0) {
		catalogue_free(&cat);
		return fail_err(EXIT_RUNTIME, &err);
	}
	printf(ngettext("%s: exported %zu service\n",
			"%s: exported %zu services\n", cat->n_services),
	       argv[2], cat->n_services);
	catalogue_free(&cat);
	return EXIT_OK;
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
	if (!strcmp(sub, "show"))
		return do_show(app, argc - 1, argv + 1);
	if (!strcmp(sub, "info"))
		return do_info(app, argc - 1, argv + 1);
	if (!strcmp(sub, "search"))
		return do_search(app, argc - 1, argv + 1);
	if (!strcmp(sub, "import"))
		return do_import(app, argc - 1, argv + 1);
	if (!strcmp(sub, "export"))
		return do_export(app, argc - 1, argv + 1);
	return usage_fail(_("catalogue: unknown subcommand '%s' (see neuvoo --help)"), sub);
}
