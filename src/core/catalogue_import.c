/* catalogue_import: see catalogue_import.h.
 *
 * The rules live here once so that every source (HSDS, PTV, TPR) behaves
 * the same: a nightly job that reads a broken feed must never replace a
 * good catalogue, whichever importer read it. The current catalogue is
 * read only when a rule needs it (--add, or the count of services it
 * holds); one that cannot be read is no reason to refuse a replacement,
 * since publishing over it is how an admin repairs it. */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/catalogue_import.h"
#include "core/catalogue_publish.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/text.h"

void import_log_init(struct import_log *log)
{
	memset(log, 0, sizeof *log);
}

static void free_lines(char ***v, size_t *n)
{
	size_t i;
	for (i = 0; i < *n; i++)
		free((*v)[i]);
	free(*v);
	*v = NULL;
	*n = 0;
}

void import_log_clear(struct import_log *log)
{
	if (!log)
		return;
	free_lines(&log->problems, &log->n_problems);
	free_lines(&log->notes, &log->n_notes);
}

static void push(char ***v, size_t *n, char *msg)
{
	*v = xrealloc(*v, (*n + 1) * sizeof **v);
	(*v)[(*n)++] = text_sanitize(msg);
	free(msg);
}

static char *vformat(const char *fmt, va_list ap)
{
	char *s = NULL;
	err_vset(&s, fmt, ap);
	return s;
}

void import_log_problem(struct import_log *log, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	push(&log->problems, &log->n_problems, vformat(fmt, ap));
	va_end(ap);
}

void import_log_note(struct import_log *log, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	push(&log->notes, &log->n_notes, vformat(fmt, ap));
	va_end(ap);
}

void import_log_at_line(struct import_log *log, const char *file,
			unsigned long line, const char *fmt, ...)
{
	va_list ap;
	char *what;
	va_start(ap, fmt);
	what = vformat(fmt, ap);
	va_end(ap);
	push(&log->problems, &log->n_problems,
	     xasprintf("%s:%lu: %s", file, line, what));
	free(what);
}

void import_log_at_item(struct import_log *log, const char *file,
			unsigned long n, const char *id, const char *fmt, ...)
{
	va_list ap;
	char *what;
	va_start(ap, fmt);
	what = vformat(fmt, ap);
	va_end(ap);
	if (id)
		/* TRANSLATORS: a record of a JSON file: "FILE: item 12 (ID): what". */
		push(&log->problems, &log->n_problems,
		     xasprintf(_("%s: item %lu (%s): %s"), file, n, id, what));
	else
		push(&log->problems, &log->n_problems,
		     xasprintf(_("%s: item %lu: %s"), file, n, what));
	free(what);
}

void import_log_warn(void *log, const char *msg)
{
	push(&((struct import_log *)log)->problems,
	     &((struct import_log *)log)->n_problems, xstrdup(msg));
}

void import_count(const struct catalogue *cat, struct import_counts *c)
{
	memset(c, 0, sizeof *c);
	if (!cat)
		return;
	c->orgs = cat->n_orgs;
	c->services = cat->n_services;
	c->languages = cat->n_languages;
	c->resources = cat->n_resources;
}

struct say_ctx {
	void (*say)(void *ctx, const char *msg);
	void *ctx;
};

static void say_replaced(void *ctx, enum cat_table_id t, const char *id)
{
	struct say_ctx *sc = ctx;
	char *msg;
	if (!id)
		id = "";
	switch (t) {
	case CAT_TABLE_organisation:
		msg = xasprintf(_("organisation %s: replaced by the imported one"), id);
		break;
	case CAT_TABLE_language:
		msg = xasprintf(_("language %s: replaced by the imported one"), id);
		break;
	case CAT_TABLE_resource:
		msg = xasprintf(_("resource %s: replaced by the imported one"), id);
		break;
	default:
		msg = xasprintf(_("service %s: replaced by the imported one"), id);
		break;
	}
	sc->say(sc->ctx, msg);
	free(msg);
}

/* The current catalogue, when there is a file: 1 read, 0 none, -1 not
 * readable (with *err). */
static int read_current(const char *path, struct catalogue **cur, char **err)
{
	struct stat st;
	*cur = NULL;
	if (stat(path, &st) != 0)
		return 0;
	return catalogue_open(path, cur, err) == 0 ? 1 : -1;
}

int catalogue_import_finish(struct catalogue **fresh,
			    const struct import_log *log,
			    const struct import_opts *opts, const char *path,
			    void (*say)(void *ctx, const char *msg), void *ctx,
			    struct import_result *res, char **err)
{
	struct catalogue *cur = NULL, *out;
	struct say_ctx sc = { say, ctx };
	char *cur_err = NULL;
	int st;

	memset(res, 0, sizeof *res);
	import_count(*fresh, &res->fresh);
	st = read_current(path, &cur, &cur_err);
	if (st < 0 && opts->add) {
		/* Merging needs what it merges into. */
		*err = cur_err;
		err_prefix(err, "%s", _("cannot add to the current catalogue"));
		catalogue_free(fresh);
		return -1;
	}
	err_free(&cur_err);
	if (cur) {
		res->had_old = true;
		res->old_services = cur->n_services;
	}
	if (opts->add && cur) {
		res->replaced = catalogue_merge(cur, fresh,
						opts->verbose && say ? say_replaced : NULL,
						&sc);
		out = cur;
		cur = NULL;
	} else {
		out = *fresh;
		*fresh = NULL;
		catalogue_free(&cur);
	}
	import_count(out, &res->result);

	if (log->n_problems && !opts->keep_going) {
		res->verdict = IMPORT_REFUSED_PROBLEMS;
		err_set(err, ngettext("%s: %zu record could not be read; nothing published (fix it, or use --keep-going to publish the rest)",
				      "%s: %zu records could not be read; nothing published (fix them, or use --keep-going to publish the rest)",
				      log->n_problems),
			path, log->n_problems);
	} else if (res->result.services == 0) {
		res->verdict = IMPORT_REFUSED_EMPTY;
		err_set(err, _("%s: the import has no services; nothing published (check that the source holds services)"),
			path);
	} else if (res->had_old && !opts->force &&
		   res->result.services * 2 < res->old_services) {
		res->verdict = IMPORT_REFUSED_SHRINK;
		err_set(err, _("%s: the import has %zu services, the catalogue it replaces %zu; nothing published (over half would be lost: check the source, or use --force)"),
			path, res->result.services, res->old_services);
	} else {
		res->verdict = IMPORT_PUBLISHED;
	}
	if (res->verdict != IMPORT_PUBLISHED) {
		catalogue_free(&out);
		return 1;
	}
	if (!opts->dry_run) {
		if (catalogue_publish_take(&out, path, err) != 0)
			return -1;
		res->written = true;
	}
	catalogue_free(&out);
	return 0;
}
