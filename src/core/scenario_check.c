/* scenario_check: what a scenario names that the catalogue lacks; see
 * scenario_check_catalogue() in scenario.h.
 *
 * Design: the grammar is checked when the file is read; whether a service,
 * resource or language exists depends on the catalogue in use, so it is
 * checked here, against the one given. The line of each problem is the
 * first line of the file that names the id in quotes (a service is named
 * where the trainer wrote it), else the line of the key item. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/scenario.h"

struct ctx {
	const struct scenario *sc;
	const struct catalogue *cat;
	scenario_warn_fn warn;
	void *wctx;
	char **lines;		/* the file, for the lines of ids */
	size_t n_lines;
	char **said;		/* ids reported already */
	size_t n_said;
	int n;
};

static void read_lines(struct ctx *c)
{
	FILE *f = fopen(c->sc->path, "r");
	char *buf = NULL;
	size_t cap = 0;
	if (!f)
		return;
	while (getline(&buf, &cap, f) >= 0) {
		c->lines = xrealloc(c->lines, (c->n_lines + 1) * sizeof *c->lines);
		c->lines[c->n_lines++] = xstrdup(buf);
	}
	free(buf);
	fclose(f);
}

/* The first line holding "id" in quotes, or `prefix id` (a titled
 * section such as service ID { }) when prefix is not NULL. */
static int line_of(const struct ctx *c, const char *prefix, const char *id,
		   int fallback)
{
	char *q = prefix ? xasprintf("%s %s", prefix, id) : xasprintf("\"%s\"", id);
	size_t i;
	int line = fallback > 0 ? fallback : 1;
	for (i = 0; i < c->n_lines; i++)
		if (strstr(c->lines[i], q)) {
			line = (int)i + 1;
			break;
		}
	free(q);
	return line;
}

/* Once per id and kind of thing: a service named in three places is one
 * mistake. */
static bool said_before(struct ctx *c, const char *kind, const char *id)
{
	char *k = xasprintf("%s\t%s", kind, id);
	size_t i;
	for (i = 0; i < c->n_said; i++)
		if (!strcmp(c->said[i], k)) {
			free(k);
			return true;
		}
	c->said = xrealloc(c->said, (c->n_said + 1) * sizeof *c->said);
	c->said[c->n_said++] = k;
	return false;
}

static void report(struct ctx *c, int line, const char *msg)
{
	char *m = xasprintf("%s:%d: %s", c->sc->path, line, msg);
	if (c->warn)
		c->warn(c->wctx, m);
	free(m);
	c->n++;
}

static void service(struct ctx *c, const char *what, const char *id,
		    bool titled, int line)
{
	char *m;
	if (catalogue_service_index(c->cat, id) >= 0 || said_before(c, "service", id))
		return;
	m = xasprintf(_("%s: the catalogue has no service '%s'"), what, id);
	report(c, line_of(c, titled ? "service" : NULL, id, line), m);
	free(m);
}

static void language(struct ctx *c, const char *what, const char *code, int line)
{
	char *m;
	/* A catalogue that lists no languages at all says nothing of them. */
	if (!*code || !c->cat->n_languages || catalogue_language(c->cat, code)
	    || said_before(c, "language", code))
		return;
	m = xasprintf(_("%s: the catalogue has no language '%s'"), what, code);
	report(c, line_of(c, NULL, code, line), m);
	free(m);
}

static void resource(struct ctx *c, const char *id, int line)
{
	size_t k;
	char *m;
	for (k = 0; k < c->cat->n_resources; k++)
		if (c->cat->resources[k].id && !strcmp(c->cat->resources[k].id, id))
			return;
	if (said_before(c, "resource", id))
		return;
	m = xasprintf(_("interpreter: the catalogue has no resource '%s'"), id);
	report(c, line_of(c, NULL, id, line), m);
	free(m);
}

static void check_key(struct ctx *c, const struct sc_key *k)
{
	const struct sc_item *r = &k->field[SC_F_redirect_service];
	const struct sc_item *in = &k->field[SC_F_interpreter];
	const struct sc_item *l = &k->field[SC_F_language];
	size_t i;
	if (!k->present)
		return;
	for (i = 0; r->present && i < r->n_accept; i++)
		service(c, "redirect", r->accept[i], false, r->line);
	for (i = 0; r->present && i < r->n_services; i++)
		service(c, "redirect", r->services[i].service, true, r->line);
	for (i = 0; i < in->n_resources; i++)
		resource(c, in->resources[i], in->line);
	for (i = 0; l->present && i < l->n_accept; i++)
		language(c, "language", l->accept[i], l->line);
}

int scenario_check_catalogue(const struct scenario *sc,
			     const struct catalogue *cat,
			     scenario_warn_fn warn, void *wctx)
{
	struct ctx c;
	size_t i, k, j, m;

	memset(&c, 0, sizeof c);
	c.sc = sc;
	c.cat = cat;
	c.warn = warn;
	c.wctx = wctx;
	read_lines(&c);
	language(&c, "language", sc->language, 1);
	check_key(&c, &sc->key);
	for (i = 0; i < sc->n_endings; i++)
		if (sc->endings[i].key == &sc->endings[i].own)
			check_key(&c, &sc->endings[i].own);
	/* Rules that wait for a service or a language the catalogue lacks
	 * can never hold. */
	for (i = 0; i < sc->n_steps; i++)
		for (k = 0; k < sc->steps[i].n_whens; k++) {
			const struct sc_when *w = &sc->steps[i].whens[k];
			for (j = 0; j < w->n_conds; j++)
				for (m = 0; m < w->conds[j].n_values; m++) {
					const char *v = w->conds[j].values[m];
					if (!*v)
						continue;
					if (w->conds[j].field == SC_F_redirect_service)
						service(&c, "when", v, false, w->line);
					else if (w->conds[j].field == SC_F_language)
						language(&c, "when", v, w->line);
				}
		}
	for (i = 0; i < c.n_lines; i++)
		free(c.lines[i]);
	free(c.lines);
	for (i = 0; i < c.n_said; i++)
		free(c.said[i]);
	free(c.said);
	return c.n;
}
