/* scenario_build: a scenario made from a parsed file, and freed; see
 * scenario.h.
 *
 * Design: scenario.c has checked everything a line can be named for, so
 * this only copies: texts in three languages, the keys' items by field
 * (the field table of scenario_fields.c), steps with their choices and
 * rules, endings with their own keys. The step graph is resolved after
 * (scenario_graph.c). The names of difficulties live here too: they are
 * what a scenario is, not how a file is read. */
#include <config.h>

#include <confuse.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/scenario.h"
#include "core/scenario_priv.h"

const char *const scenario_lang_suffix[CAT__NLANG] = { "fi", "sv", "en" };

static int lines_at(const struct lines *l, size_t i)
{
	return i < l->n ? l->v[i] : 1;
}

int scenario_difficulty_parse(const char *s)
{
	if (!s)
		return -1;
	if (!strcmp(s, "1") || !strcasecmp(s, "easy"))
		return SC_EASY;
	if (!strcmp(s, "2") || !strcasecmp(s, "medium"))
		return SC_MEDIUM;
	if (!strcmp(s, "3") || !strcasecmp(s, "hard"))
		return SC_HARD;
	return -1;
}

const char *scenario_difficulty_code(int d)
{
	switch (d) {
	case SC_EASY: return "easy";
	case SC_MEDIUM: return "medium";
	case SC_HARD: return "hard";
	default: return "";
	}
}

const char *scenario_difficulty_label(int d)
{
	switch (d) {
	/* TRANSLATORS: how hard a training scenario is. */
	case SC_EASY: return _("easy");
	case SC_MEDIUM: return _("medium");
	case SC_HARD: return _("hard");
	default: return "";
	}
}

const char *scenario_text(const struct cat_text *t, const char *lang)
{
	return catalogue_text(t, lang);
}

/* ---- building the scenario from a parsed file --------------------------- */

static void text_from(struct cat_text *t, cfg_t *sec, const char *prefix)
{
	int l;
	for (l = 0; l < CAT__NLANG; l++) {
		const char *v;
		if (prefix) {
			char *name = xasprintf("%s_%s", prefix, scenario_lang_suffix[l]);
			v = cfg_getstr(sec, name);
			free(name);
		} else
			v = cfg_getstr(sec, scenario_lang_suffix[l]);
		t->v[l] = v && *v ? xstrdup(v) : NULL;
	}
}

static void strv_from(cfg_t *sec, const char *opt, char ***v, size_t *n)
{
	unsigned i;
	*n = cfg_size(sec, opt);
	*v = *n ? xcalloc(*n, sizeof **v) : NULL;
	for (i = 0; i < *n; i++)
		(*v)[i] = xstrdup(cfg_getnstr(sec, opt, i));
}

static void strv_free(char **v, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static char *str_or_null(cfg_t *sec, const char *opt)
{
	const char *v = cfg_getstr(sec, opt);
	return v && *v ? xstrdup(v) : NULL;
}

static void item_from(struct sc_item *it, enum sc_kind kind, cfg_t *key)
{
	const char *name = scenario_field_section(kind);
	cfg_t *sec = name && cfg_size(key, name) ? cfg_getnsec(key, name, 0) : NULL;
	unsigned i;
	it->kind = kind;
	it->topic = -1;
	if (!sec)
		return;
	it->present = true;
	it->weight = (int)cfg_getint(sec, "weight");
	if (!scenario_field_private(kind))
		strv_from(sec, "accept", &it->accept, &it->n_accept);
	if (kind == SC_F_interpreter)
		strv_from(sec, "resources", &it->resources, &it->n_resources);
	if (kind == SC_F_redirect_service) {
		it->optional = cfg_getbool(sec, "optional");
		text_from(&it->wrong_feedback, sec, "wrong_feedback");
		it->n_services = cfg_size(sec, "service");
		it->services = it->n_services ? xcalloc(it->n_services, sizeof *it->services) : NULL;
		for (i = 0; i < it->n_services; i++) {
			cfg_t *s = cfg_getnsec(sec, "service", i);
			struct sc_service_note *n = &it->services[i];
			size_t k;
			n->service = xstrdup(cfg_title(s));
			for (k = 0; k < it->n_accept; k++)
				if (!strcmp(it->accept[k], n->service))
					n->accepted = true;
			text_from(&n->feedback, s, "feedback");
		}
	}
	text_from(&it->feedback, sec, "feedback");
}

static void item_free(struct sc_item *it)
{
	size_t i;
	strv_free(it->accept, it->n_accept);
	strv_free(it->resources, it->n_resources);
	for (i = 0; i < it->n_services; i++) {
		free(it->services[i].service);
		cat_text_free(&it->services[i].feedback);
	}
	free(it->services);
	cat_text_free(&it->wrong_feedback);
	cat_text_free(&it->feedback);
	memset(it, 0, sizeof *it);
}

static void key_from(struct sc_key *k, cfg_t *key, int line)
{
	size_t i;
	int f;
	k->present = true;
	k->line = line;
	for (f = 0; f < SC__NFIELD; f++)
		if (f != SC_F_topics)
			item_from(&k->field[f], (enum sc_kind)f, key);
	k->n_topics = cfg_size(key, "topic");
	k->topics = k->n_topics ? xcalloc(k->n_topics, sizeof *k->topics) : NULL;
	for (i = 0; i < k->n_topics; i++) {
		cfg_t *ts = cfg_getnsec(key, "topic", (unsigned)i);
		struct sc_item *it = &k->topics[i];
		it->kind = SC_F_topics;
		it->present = true;
		it->topic = codes_find(CODES_TOPIC, cfg_title(ts));
		it->weight = (int)cfg_getint(ts, "weight");
		text_from(&it->feedback, ts, "feedback");
	}
	for (i = 0; i < cfg_size(key, "acceptable_topics"); i++) {
		int t = codes_find(CODES_TOPIC, cfg_getnstr(key, "acceptable_topics", (unsigned)i));
		if (t >= 0)
			k->acceptable_topics |= (topic_set)1 << t;
	}
	k->extra_topic_penalty = (int)cfg_getint(key, "extra_topic_penalty");
	text_from(&k->extra_topic_feedback, key, "extra_topic_feedback");
}

static void key_free(struct sc_key *k)
{
	size_t i;
	int f;
	for (f = 0; f < SC__NFIELD; f++)
		item_free(&k->field[f]);
	for (i = 0; i < k->n_topics; i++)
		item_free(&k->topics[i]);
	free(k->topics);
	cat_text_free(&k->extra_topic_feedback);
	memset(k, 0, sizeof *k);
}

static void when_from(struct sc_when *w, cfg_t *sec, int line)
{
	int f;
	w->next = str_or_null(sec, "next");
	w->target = -1;
	w->line = line;
	for (f = 0; f < SC__NFIELD; f++) {
		const char *name = scenario_field_section((enum sc_kind)f);
		struct sc_cond *c;
		if (!name || !cfg_size(sec, name))
			continue;
		w->conds = xrealloc(w->conds, (w->n_conds + 1) * sizeof *w->conds);
		c = &w->conds[w->n_conds++];
		c->field = (enum sc_kind)f;
		strv_from(sec, name, &c->values, &c->n_values);
	}
}

static void step_from(struct sc_step *s, cfg_t *sec,
		      const struct scenario_lines *pc,
		      size_t index, size_t *choice_i, size_t *when_i)
{
	size_t i;
	text_from(&s->text, sec, NULL);
	s->id = str_or_null(sec, "id");
	s->next = str_or_null(sec, "next");
	s->target = -1;
	s->line = lines_at(&pc->steps, index);
	s->n_choices = cfg_size(sec, "choice");
	s->choices = s->n_choices ? xcalloc(s->n_choices, sizeof *s->choices) : NULL;
	for (i = 0; i < s->n_choices; i++) {
		cfg_t *c = cfg_getnsec(sec, "choice", (unsigned)i);
		text_from(&s->choices[i].text, c, NULL);
		s->choices[i].next = str_or_null(c, "next");
		s->choices[i].target = -1;
		s->choices[i].line = lines_at(&pc->choices, (*choice_i)++);
	}
	s->n_whens = cfg_size(sec, "when");
	s->whens = s->n_whens ? xcalloc(s->n_whens, sizeof *s->whens) : NULL;
	for (i = 0; i < s->n_whens; i++)
		when_from(&s->whens[i], cfg_getnsec(sec, "when", (unsigned)i),
			  lines_at(&pc->whens, (*when_i)++));
}

static void step_free(struct sc_step *s)
{
	size_t i, k;
	free(s->id);
	free(s->next);
	cat_text_free(&s->text);
	for (i = 0; i < s->n_choices; i++) {
		cat_text_free(&s->choices[i].text);
		free(s->choices[i].next);
	}
	free(s->choices);
	for (i = 0; i < s->n_whens; i++) {
		for (k = 0; k < s->whens[i].n_conds; k++)
			strv_free(s->whens[i].conds[k].values, s->whens[i].conds[k].n_values);
		free(s->whens[i].conds);
		free(s->whens[i].next);
	}
	free(s->whens);
}

void scenario_free(struct scenario **scp)
{
	struct scenario *sc;
	size_t i;
	if (!scp || !*scp)
		return;
	sc = *scp;
	free(sc->path);
	free(sc->id);
	cat_text_free(&sc->title);
	cat_text_free(&sc->persona);
	free(sc->language);
	for (i = 0; i < sc->n_steps; i++)
		step_free(&sc->steps[i]);
	free(sc->steps);
	for (i = 0; i < sc->n_hints; i++)
		cat_text_free(&sc->hints[i]);
	free(sc->hints);
	key_free(&sc->key);
	for (i = 0; i < sc->n_endings; i++) {
		struct sc_ending *e = &sc->endings[i];
		free(e->id);
		free(e->next);
		cat_text_free(&e->title);
		cat_text_free(&e->feedback);
		key_free(&e->own);
	}
	free(sc->endings);
	free(sc);
	*scp = NULL;
}

struct scenario *scenario_build(cfg_t *cfg, const char *path,
				const struct scenario_lines *pc)
{
	struct scenario *sc = xcalloc(1, sizeof *sc);
	size_t i, ci = 0, wi = 0;

	sc->path = xstrdup(path);
	sc->id = xstrdup(cfg_getstr(cfg, "id"));
	text_from(&sc->title, cfg, "title");
	text_from(&sc->persona, cfg, "persona");
	sc->difficulty = scenario_difficulty_parse(cfg_getstr(cfg, "difficulty"));
	sc->language = xstrdup(cfg_getstr(cfg, "language"));
	sc->n_steps = cfg_size(cfg, "step");
	sc->steps = xcalloc(sc->n_steps, sizeof *sc->steps);
	for (i = 0; i < sc->n_steps; i++)
		step_from(&sc->steps[i], cfg_getnsec(cfg, "step", (unsigned)i), pc,
			  i, &ci, &wi);
	sc->n_hints = cfg_size(cfg, "hint");
	sc->hints = sc->n_hints ? xcalloc(sc->n_hints, sizeof *sc->hints) : NULL;
	for (i = 0; i < sc->n_hints; i++)
		text_from(&sc->hints[i], cfg_getnsec(cfg, "hint", (unsigned)i), NULL);
	if (cfg_size(cfg, "key"))
		key_from(&sc->key, cfg_getnsec(cfg, "key", 0),
			 pc->keys.n ? pc->keys.v[pc->keys.n - 1] : 1);

	/* The endings; the scenario's own key is one more, without a name,
	 * reached from the last step in file order (the graph adds it when a
	 * step can get there). */
	sc->n_endings = cfg_size(cfg, "ending");
	sc->endings = xcalloc(sc->n_endings + 1, sizeof *sc->endings);
	for (i = 0; i < sc->n_endings; i++) {
		cfg_t *es = cfg_getnsec(cfg, "ending", (unsigned)i);
		struct sc_ending *e = &sc->endings[i];
		e->id = xstrdup(cfg_title(es));
		text_from(&e->title, es, "title");
		text_from(&e->feedback, es, "feedback");
		e->max_score = (int)cfg_getint(es, "max_score");
		e->next = str_or_null(es, "next");
		e->target = -1;
		e->line = lines_at(&pc->endings, i);
		if (cfg_size(es, "key")) {
			key_from(&e->own, cfg_getnsec(es, "key", 0), e->line);
			e->key = &e->own;
		} else
			e->key = sc->key.present ? &sc->key : NULL;
	}
	sc->branching = sc->n_endings > 0;
	for (i = 0; i < sc->n_steps; i++)
		if (sc->steps[i].id || sc->steps[i].next || sc->steps[i].n_choices
		    || sc->steps[i].n_whens)
			sc->branching = true;
	return sc;
}
