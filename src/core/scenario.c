/* scenario: see scenario.h; the file format is neuvoo-scenario(5).
 *
 * Design: libconfuse parses a file and every check that can name a line
 * runs in a validation callback while the parser still knows where it is
 * (as layout.c does), so each error is "file:line: what is wrong". Only
 * what is missing from the whole file (no id, no step, no key) is found
 * afterwards and reported at line 1. Items of the key are sections that
 * may be given once; they are declared multi so that "absent" and "given
 * twice" can both be told apart from a default.
 *
 * Grading is a pure function of the key and a contact: one graded item per
 * key item (each required topic its own), plus one per topic recorded
 * outside the required and acceptable ones, which costs score points. */
#include <config.h>

#include <confuse.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "core/cfgparse.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "core/scenario.h"

#define MAX_ID 64
#define MAX_WEIGHT 100

/* ---- small helpers ------------------------------------------------------ */

static const char *const lang_suffix[CAT__NLANG] = { "fi", "sv", "en" };

static bool id_ok(const char *s)
{
	size_t n = 0;
	if (!s || !*s || *s == '-')
		return false;
	for (; s[n]; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= '0' && s[n] <= '9')
		      || s[n] == '-'))
			return false;
	return n <= MAX_ID;
}

/* Catalogue ids come from HSDS imports too (UUIDs, dotted names). */
static bool ref_ok(const char *s)
{
	size_t n = 0;
	if (!s || !*s)
		return false;
	for (; s[n]; n++)
		if (!((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z')
		      || (s[n] >= '0' && s[n] <= '9') || s[n] == '-' || s[n] == '_'
		      || s[n] == '.'))
			return false;
	return n <= 128;
}

/* ISO 639-1 or 639-3: two or three lower-case letters. */
static bool lang_ok(const char *s)
{
	size_t n = 0;
	if (!s)
		return false;
	for (; s[n]; n++)
		if (s[n] < 'a' || s[n] > 'z')
			return false;
	return n == 2 || n == 3;
}

static int difficulty_parse(const char *s)
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

static bool text_empty(const struct cat_text *t)
{
	int l;
	for (l = 0; l < CAT__NLANG; l++)
		if (t->v[l] && *t->v[l])
			return false;
	return true;
}

/* The key item a section name stands for. */
static enum sc_kind kind_of(const char *name)
{
	if (!name)
		return SC__NKIND;
	if (!strcmp(name, "channel"))
		return SC_CHANNEL;
	if (!strcmp(name, "language"))
		return SC_LANGUAGE;
	if (!strcmp(name, "interpreter"))
		return SC_INTERPRETER;
	if (!strcmp(name, "outcome"))
		return SC_OUTCOME;
	if (!strcmp(name, "redirect"))
		return SC_REDIRECT;
	if (!strcmp(name, "reason"))
		return SC_REASON;
	return SC__NKIND;
}

static int list_of(enum sc_kind k)
{
	switch (k) {
	case SC_CHANNEL: return CODES_CHANNEL;
	case SC_INTERPRETER: return CODES_INTERPRETER;
	case SC_OUTCOME: return CODES_OUTCOME;
	case SC_REASON: return CODES_REASON;
	default: return -1;
	}
}

/* "walk-in, phone, chat..." for messages. */
static char *codes_joined(enum code_list list)
{
	size_t n, i, len = 1;
	const struct code *c = codes_list(list, &n);
	char *s;
	for (i = 0; i < n; i++)
		len += strlen(c[i].code) + 2;
	s = xcalloc(1, len);
	for (i = 0; i < n; i++) {
		if (i)
			strcat(s, ", ");
		strcat(s, c[i].code);
	}
	return s;
}

static char *strv_join(char *const *v, size_t n)
{
	size_t i, len = 1;
	char *s;
	for (i = 0; i < n; i++)
		len += strlen(v[i]) + 2;
	s = xcalloc(1, len);
	for (i = 0; i < n; i++) {
		if (i)
			strcat(s, ", ");
		strcat(s, v[i]);
	}
	return s;
}

static bool strv_has(char *const *v, size_t n, const char *s)
{
	size_t i;
	if (!s)
		return false;
	for (i = 0; i < n; i++)
		if (!strcmp(v[i], s))
			return true;
	return false;
}

/* ---- validation callbacks (run while parsing, so lines are right) ------- */

static cfg_t *last_sec(cfg_opt_t *opt)
{
	return cfg_opt_getnsec(opt, cfg_opt_size(opt) - 1);
}

static int id_cb(cfg_t *cfg, cfg_opt_t *opt)
{
	const char *v = cfg_opt_getnstr(opt, 0);
	if (!id_ok(v))
		return cfgparse_error(cfg, v,
				      _("id '%s' is not usable: write 1 to %d lower-case letters a-z, digits or '-', not starting with '-'"),
				      v ? v : "", MAX_ID);
	return 0;
}

static int difficulty_cb(cfg_t *cfg, cfg_opt_t *opt)
{
	const char *v = cfg_opt_getnstr(opt, 0);
	if (difficulty_parse(v) < 0)
		return cfgparse_error(cfg, v,
				      _("difficulty '%s' is not known: write easy, medium or hard (or 1, 2, 3)"),
				      v ? v : "");
	return 0;
}

static int language_cb(cfg_t *cfg, cfg_opt_t *opt)
{
	const char *v = cfg_opt_getnstr(opt, 0);
	if (!lang_ok(v))
		return cfgparse_error(cfg, v,
				      _("language '%s' is not a language code: write an ISO 639-1 code such as \"so\" (or 639-3 where there is none), in lower case"),
				      v ? v : "");
	return 0;
}

static int text_section_cb(cfg_t *cfg, cfg_opt_t *opt)
{
	cfg_t *sec = last_sec(opt);
	int l;
	for (l = 0; sec && l < CAT__NLANG; l++) {
		const char *v = cfg_getstr(sec, lang_suffix[l]);
		if (v && *v)
			return 0;
	}
	return cfgparse_section_error(cfg, opt->name, NULL,
				      _("this %s has no text: give it fi, sv or en = \"...\""),
				      opt->name);
}

static int weight_cb(cfg_t *cfg, cfg_opt_t *opt)
{
	long v = cfg_opt_getnint(opt, 0);
	if (v < 1 || v > MAX_WEIGHT)
		return cfgparse_error(cfg, "weight",
				      _("weight must be a whole number from 1 to %d, not %ld"),
				      MAX_WEIGHT, v);
	return 0;
}

static int penalty_cb(cfg_t *cfg, cfg_opt_t *opt)
{
	long v = cfg_opt_getnint(opt, 0);
	if (v < 0 || v > 100)
		return cfgparse_error(cfg, opt->name,
				      _("%s must be a whole number from 0 to 100, not %ld"),
				      opt->name, v);
	return 0;
}

/* The values of an item's accept list: codes of its list, language codes
 * or catalogue ids. cfg is the item's own section. */
static int accept_cb(cfg_t *cfg, cfg_opt_t *opt)
{
	enum sc_kind k = kind_of(cfg->name);
	unsigned i, n = cfg_opt_size(opt);
	int list = list_of(k);

	if (n == 0)
		return cfgparse_error(cfg, "accept",
				      _("%s: accept is empty: list at least one acceptable value"),
				      cfg->name);
	for (i = 0; i < n; i++) {
		const char *v = cfg_opt_getnstr(opt, i);
		if (list >= 0 && codes_find((enum code_list)list, v) < 0) {
			char *all = codes_joined((enum code_list)list);
			cfgparse_error(cfg, v, _("%s: '%s' is not a %s code (%s)"),
				       cfg->name, v ? v : "",
				       codes_list_name((enum code_list)list), all);
			free(all);
			return -1;
		}
		if (k == SC_LANGUAGE && !lang_ok(v))
			return cfgparse_error(cfg, v,
					      _("language: '%s' is not a language code: write ISO 639-1 codes such as \"so\", in lower case"),
					      v ? v : "");
		if (k == SC_REDIRECT && !ref_ok(v))
			return cfgparse_error(cfg, v,
					      _("redirect: '%s' is not a catalogue service id (letters, digits, '-', '_' or '.')"),
					      v ? v : "");
	}
	return 0;
}

static int resources_cb(cfg_t *cfg, cfg_opt_t *opt)
{
	unsigned i;
	for (i = 0; i < cfg_opt_size(opt); i++) {
		const char *v = cfg_opt_getnstr(opt, i);
		if (!ref_ok(v))
			return cfgparse_error(cfg, v,
					      _("interpreter: '%s' is not a catalogue resource id (letters, digits, '-', '_' or '.')"),
					      v ? v : "");
	}
	return 0;
}

static int topic_codes_cb(cfg_t *cfg, cfg_opt_t *opt)
{
	unsigned i;
	for (i = 0; i < cfg_opt_size(opt); i++) {
		const char *v = cfg_opt_getnstr(opt, i);
		if (codes_find(CODES_TOPIC, v) < 0) {
			char *all = codes_joined(CODES_TOPIC);
			cfgparse_error(cfg, v, _("'%s' is not a topic code (%s)"),
				       v ? v : "", all);
			free(all);
			return -1;
		}
	}
	return 0;
}

/* A key item section: given once, with an accept list. */
static int item_cb(cfg_t *cfg, cfg_opt_t *opt)
{
	cfg_t *sec = last_sec(opt);
	if (cfg_opt_size(opt) > 1)
		return cfgparse_section_error(cfg, opt->name, NULL,
					      _("%s is given twice in the key; merge them into one"),
					      opt->name);
	if (sec && cfg_size(sec, "accept") == 0)
		return cfgparse_section_error(cfg, opt->name, NULL,
					      _("%s has no accept list: add accept = {...}"),
					      opt->name);
	return 0;
}

static int topic_cb(cfg_t *cfg, cfg_opt_t *opt)
{
	cfg_t *sec = last_sec(opt);
	const char *t = sec ? cfg_title(sec) : NULL;
	if (codes_find(CODES_TOPIC, t) < 0) {
		char *all = codes_joined(CODES_TOPIC);
		cfgparse_error(cfg, t, _("topic '%s' is not a topic code (%s)"),
			       t ? t : "", all);
		free(all);
		return -1;
	}
	return 0;
}

static bool list_has(cfg_t *sec, const char *opt, const char *v)
{
	unsigned i;
	for (i = 0; sec && i < cfg_size(sec, opt); i++)
		if (!strcmp(cfg_getnstr(sec, opt, i), v))
			return true;
	return false;
}

/* The whole key: what must be there and what must agree. */
static int key_cb(cfg_t *cfg, cfg_opt_t *opt)
{
	static const char *const needed[] = { "channel", "language",
		"interpreter", "outcome" };
	cfg_t *key = last_sec(opt);
	cfg_t *out;
	size_t i;
	unsigned t;
	bool only_service = true;

	if (cfg_opt_size(opt) > 1)
		return cfgparse_section_error(cfg, "key", NULL,
					      _("the file has two key sections; merge them into one"));
	for (i = 0; i < sizeof needed / sizeof needed[0]; i++)
		if (cfg_size(key, needed[i]) == 0)
			return cfgparse_section_error(cfg, "key", NULL,
						      _("the key has no %s item: add %s { accept = {...} }"),
						      needed[i], needed[i]);
	if (cfg_size(key, "topic") == 0)
		return cfgparse_section_error(cfg, "key", NULL,
					      _("the key has no required topic: add topic CODE { weight = 1 }"));
	for (t = 0; t < cfg_size(key, "topic"); t++) {
		const char *code = cfg_title(cfg_getnsec(key, "topic", t));
		if (list_has(key, "acceptable_topics", code))
			return cfgparse_error(cfg, code,
					      _("topic '%s' is both required and in acceptable_topics; keep it in one"),
					      code);
	}
	if (cfg_size(key, "reason") > 0 && cfg_size(key, "redirect") == 0)
		return cfgparse_section_error(cfg, "reason", NULL,
					      _("the key has a reason item but no redirect item: add redirect { accept = {...} }"));
	/* A key that accepts only redirecting or consulting must say where to. */
	out = cfg_getnsec(key, "outcome", 0);
	for (t = 0; out && t < cfg_size(out, "accept"); t++) {
		const char *o = cfg_getnstr(out, "accept", t);
		if (strcmp(o, "redirected") && strcmp(o, "consulted"))
			only_service = false;
	}
	if (only_service && cfg_size(key, "redirect") == 0)
		return cfgparse_section_error(cfg, "outcome", NULL,
					      _("the key's outcome is a redirect or consultation but there is no redirect item: add redirect { accept = {...} }"));
	return 0;
}

/* ---- building the scenario from a parsed file --------------------------- */

static void text_from(struct cat_text *t, cfg_t *sec, const char *prefix)
{
	int l;
	for (l = 0; l < CAT__NLANG; l++) {
		const char *v;
		if (prefix) {
			char *name = xasprintf("%s_%s", prefix, lang_suffix[l]);
			v = cfg_getstr(sec, name);
			free(name);
		} else
			v = cfg_getstr(sec, lang_suffix[l]);
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

static void item_from(struct sc_item *it, enum sc_kind kind, cfg_t *key,
		      const char *name)
{
	cfg_t *sec = cfg_size(key, name) ? cfg_getnsec(key, name, 0) : NULL;
	it->kind = kind;
	it->topic = -1;
	if (!sec)
		return;
	it->present = true;
	it->weight = (int)cfg_getint(sec, "weight");
	strv_from(sec, "accept", &it->accept, &it->n_accept);
	if (kind == SC_INTERPRETER)
		strv_from(sec, "resources", &it->resources, &it->n_resources);
	if (kind == SC_REDIRECT)
		it->optional = cfg_getbool(sec, "optional");
	text_from(&it->feedback, sec, "feedback");
}

static void item_free(struct sc_item *it)
{
	size_t i;
	for (i = 0; i < it->n_accept; i++)
		free(it->accept[i]);
	free(it->accept);
	for (i = 0; i < it->n_resources; i++)
		free(it->resources[i]);
	free(it->resources);
	cat_text_free(&it->feedback);
	memset(it, 0, sizeof *it);
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
		cat_text_free(&sc->steps[i]);
	free(sc->steps);
	for (i = 0; i < sc->n_hints; i++)
		cat_text_free(&sc->hints[i]);
	free(sc->hints);
	item_free(&sc->key.channel);
	item_free(&sc->key.language);
	item_free(&sc->key.interpreter);
	item_free(&sc->key.outcome);
	item_free(&sc->key.redirect);
	item_free(&sc->key.reason);
	for (i = 0; i < sc->key.n_topics; i++)
		item_free(&sc->key.topics[i]);
	free(sc->key.topics);
	cat_text_free(&sc->key.extra_topic_feedback);
	free(sc);
	*scp = NULL;
}

#define FEEDBACK_OPTS \
	CFG_STR("feedback_fi", NULL, CFGF_NONE), \
	CFG_STR("feedback_sv", NULL, CFGF_NONE), \
	CFG_STR("feedback_en", NULL, CFGF_NONE)

int scenario_load_file(const char *path, struct scenario **out, char **err)
{
	cfg_opt_t text_opts[] = {
		CFG_STR("fi", NULL, CFGF_NONE),
		CFG_STR("sv", NULL, CFGF_NONE),
		CFG_STR("en", NULL, CFGF_NONE),
		CFG_END()
	};
	cfg_opt_t item_opts[] = {
		CFG_STR_LIST("accept", NULL, CFGF_NONE),
		CFG_INT("weight", 1, CFGF_NONE),
		FEEDBACK_OPTS,
		CFG_END()
	};
	cfg_opt_t interp_opts[] = {
		CFG_STR_LIST("accept", NULL, CFGF_NONE),
		CFG_STR_LIST("resources", NULL, CFGF_NONE),
		CFG_INT("weight", 1, CFGF_NONE),
		FEEDBACK_OPTS,
		CFG_END()
	};
	cfg_opt_t redirect_opts[] = {
		CFG_STR_LIST("accept", NULL, CFGF_NONE),
		CFG_BOOL("optional", cfg_false, CFGF_NONE),
		CFG_INT("weight", 1, CFGF_NONE),
		FEEDBACK_OPTS,
		CFG_END()
	};
	cfg_opt_t topic_opts[] = {
		CFG_INT("weight", 1, CFGF_NONE),
		FEEDBACK_OPTS,
		CFG_END()
	};
	cfg_opt_t key_opts[] = {
		CFG_SEC("channel", item_opts, CFGF_MULTI),
		CFG_SEC("language", item_opts, CFGF_MULTI),
		CFG_SEC("interpreter", interp_opts, CFGF_MULTI),
		CFG_SEC("topic", topic_opts, CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES),
		CFG_STR_LIST("acceptable_topics", NULL, CFGF_NONE),
		CFG_INT("extra_topic_penalty", 5, CFGF_NONE),
		CFG_STR("extra_topic_feedback_fi", NULL, CFGF_NONE),
		CFG_STR("extra_topic_feedback_sv", NULL, CFGF_NONE),
		CFG_STR("extra_topic_feedback_en", NULL, CFGF_NONE),
		CFG_SEC("outcome", item_opts, CFGF_MULTI),
		CFG_SEC("redirect", redirect_opts, CFGF_MULTI),
		CFG_SEC("reason", item_opts, CFGF_MULTI),
		CFG_END()
	};
	cfg_opt_t top[] = {
		CFG_STR("id", NULL, CFGF_NONE),
		CFG_STR("title_fi", NULL, CFGF_NONE),
		CFG_STR("title_sv", NULL, CFGF_NONE),
		CFG_STR("title_en", NULL, CFGF_NONE),
		CFG_STR("persona_fi", NULL, CFGF_NONE),
		CFG_STR("persona_sv", NULL, CFGF_NONE),
		CFG_STR("persona_en", NULL, CFGF_NONE),
		CFG_STR("difficulty", "medium", CFGF_NONE),
		CFG_STR("language", NULL, CFGF_NONE),
		CFG_SEC("step", text_opts, CFGF_MULTI),
		CFG_SEC("hint", text_opts, CFGF_MULTI),
		CFG_SEC("key", key_opts, CFGF_MULTI),
		CFG_END()
	};
	static const char *const items[] = { "channel", "language",
		"interpreter", "outcome", "redirect", "reason" };
	cfg_t *cfg, *key;
	struct scenario *sc;
	size_t i;

	*out = NULL;
	cfg = cfg_init(top, CFGF_NONE);
	if (!cfg) {
		err_set(err, _("%s: cannot set up the scenario parser"), path);
		return -1;
	}
	cfg_set_validate_func(cfg, "id", id_cb);
	cfg_set_validate_func(cfg, "difficulty", difficulty_cb);
	cfg_set_validate_func(cfg, "language", language_cb);
	cfg_set_validate_func(cfg, "step", text_section_cb);
	cfg_set_validate_func(cfg, "hint", text_section_cb);
	cfg_set_validate_func(cfg, "key", key_cb);
	cfg_set_validate_func(cfg, "key|topic", topic_cb);
	cfg_set_validate_func(cfg, "key|topic|weight", weight_cb);
	cfg_set_validate_func(cfg, "key|acceptable_topics", topic_codes_cb);
	cfg_set_validate_func(cfg, "key|extra_topic_penalty", penalty_cb);
	cfg_set_validate_func(cfg, "key|interpreter|resources", resources_cb);
	for (i = 0; i < sizeof items / sizeof items[0]; i++) {
		char *p = xasprintf("key|%s", items[i]);
		char *a = xasprintf("key|%s|accept", items[i]);
		char *w = xasprintf("key|%s|weight", items[i]);
		cfg_set_validate_func(cfg, p, item_cb);
		cfg_set_validate_func(cfg, a, accept_cb);
		cfg_set_validate_func(cfg, w, weight_cb);
		free(p);
		free(a);
		free(w);
	}
	if (cfgparse_file(cfg, path, err) != 0) {
		cfg_free(cfg);
		return -1;
	}
	/* What is missing from the whole file: no line to point at. */
	if (!cfg_getstr(cfg, "id")) {
		err_set(err, _("%s:1: the scenario has no id: add id = \"short-name\""), path);
		goto fail;
	}
	if (!cfg_getstr(cfg, "language")) {
		err_set(err, _("%s:1: the scenario has no language: add language = \"xx\", the customer's language code"), path);
		goto fail;
	}
	if (!cfg_getstr(cfg, "title_fi") && !cfg_getstr(cfg, "title_sv")
	    && !cfg_getstr(cfg, "title_en")) {
		err_set(err, _("%s:1: the scenario has no title: add title_fi, title_sv or title_en"), path);
		goto fail;
	}
	if (cfg_size(cfg, "step") == 0) {
		err_set(err, _("%s:1: the scenario has no step: add step { fi = \"...\" } for what the customer says"), path);
		goto fail;
	}
	if (cfg_size(cfg, "key") == 0) {
		err_set(err, _("%s:1: the scenario has no answer key: add key { ... }"), path);
		goto fail;
	}

	sc = xcalloc(1, sizeof *sc);
	sc->path = xstrdup(path);
	sc->id = xstrdup(cfg_getstr(cfg, "id"));
	text_from(&sc->title, cfg, "title");
	text_from(&sc->persona, cfg, "persona");
	sc->difficulty = difficulty_parse(cfg_getstr(cfg, "difficulty"));
	sc->language = xstrdup(cfg_getstr(cfg, "language"));
	sc->n_steps = cfg_size(cfg, "step");
	sc->steps = xcalloc(sc->n_steps, sizeof *sc->steps);
	for (i = 0; i < sc->n_steps; i++)
		text_from(&sc->steps[i], cfg_getnsec(cfg, "step", (unsigned)i), NULL);
	sc->n_hints = cfg_size(cfg, "hint");
	sc->hints = sc->n_hints ? xcalloc(sc->n_hints, sizeof *sc->hints) : NULL;
	for (i = 0; i < sc->n_hints; i++)
		text_from(&sc->hints[i], cfg_getnsec(cfg, "hint", (unsigned)i), NULL);

	key = cfg_getnsec(cfg, "key", 0);
	item_from(&sc->key.channel, SC_CHANNEL, key, "channel");
	item_from(&sc->key.language, SC_LANGUAGE, key, "language");
	item_from(&sc->key.interpreter, SC_INTERPRETER, key, "interpreter");
	item_from(&sc->key.outcome, SC_OUTCOME, key, "outcome");
	item_from(&sc->key.redirect, SC_REDIRECT, key, "redirect");
	item_from(&sc->key.reason, SC_REASON, key, "reason");
	sc->key.n_topics = cfg_size(key, "topic");
	sc->key.topics = xcalloc(sc->key.n_topics, sizeof *sc->key.topics);
	for (i = 0; i < sc->key.n_topics; i++) {
		cfg_t *ts = cfg_getnsec(key, "topic", (unsigned)i);
		struct sc_item *it = &sc->key.topics[i];
		it->kind = SC_TOPIC;
		it->present = true;
		it->topic = codes_find(CODES_TOPIC, cfg_title(ts));
		it->weight = (int)cfg_getint(ts, "weight");
		text_from(&it->feedback, ts, "feedback");
	}
	for (i = 0; i < cfg_size(key, "acceptable_topics"); i++) {
		int t = codes_find(CODES_TOPIC, cfg_getnstr(key, "acceptable_topics", (unsigned)i));
		if (t >= 0)
			sc->key.acceptable_topics |= (topic_set)1 << t;
	}
	sc->key.extra_topic_penalty = (int)cfg_getint(key, "extra_topic_penalty");
	text_from(&sc->key.extra_topic_feedback, key, "extra_topic_feedback");
	cfg_free(cfg);
	*out = sc;
	return 0;
fail:
	cfg_free(cfg);
	return -1;
}

/* ---- folders of scenarios ----------------------------------------------- */

static int by_difficulty_id(const void *a, const void *b)
{
	const struct scenario *x = *(const struct scenario *const *)a;
	const struct scenario *y = *(const struct scenario *const *)b;
	if (x->difficulty != y->difficulty)
		return x->difficulty - y->difficulty;
	return strcmp(x->id, y->id);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void warn_msg(scenario_warn_fn warn, void *ctx, char **msg)
{
	if (warn)
		warn(ctx, *msg);
	err_free(msg);
}

/* The line of the file's id setting, for a duplicate id. */
static int id_line(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t cap = 0;
	int n = 0, found = 1;
	if (!f)
		return 1;
	while (getline(&buf, &cap, f) >= 0) {
		const char *p = buf;
		n++;
		while (*p == ' ' || *p == '\t')
			p++;
		if (!strncmp(p, "id", 2) && (p[2] == ' ' || p[2] == '\t' || p[2] == '=')) {
			found = n;
			break;
		}
	}
	free(buf);
	fclose(f);
	return found;
}

/* Add dir's scenarios to set. An id that an earlier folder (before index
 * first) gave is that folder's override and skipped quietly; two files of
 * one folder with one id are a mistake worth a warning. */
static int load_into(struct scenario_set *set, const char *dir,
		     scenario_warn_fn warn, void *ctx, char **err)
{
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t n_names = 0, i, j, first = set->n;

	d = opendir(dir);
	if (!d) {
		err_set(err, _("%s: cannot read the scenario folder: %s"), dir,
			strerror(errno));
		return -1;
	}
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (e->d_name[0] == '.' || len < 6
		    || strcmp(e->d_name + len - 5, ".conf"))
			continue;
		names = xrealloc(names, (n_names + 1) * sizeof *names);
		names[n_names++] = xstrdup(e->d_name);
	}
	closedir(d);
	/* File order decides which of two files with one id is kept. */
	if (n_names)
		qsort(names, n_names, sizeof *names, by_name);

	for (i = 0; i < n_names; i++) {
		char *path = xasprintf("%s%s%s", dir,
				       dir[0] && dir[strlen(dir) - 1] == '/' ? "" : "/",
				       names[i]);
		struct scenario *sc = NULL;
		char *msg = NULL;
		if (scenario_load_file(path, &sc, &msg) != 0) {
			warn_msg(warn, ctx, &msg);
		} else {
			for (j = 0; j < set->n; j++)
				if (!strcmp(set->v[j]->id, sc->id))
					break;
			if (j < first) {
				scenario_free(&sc);
			} else if (j < set->n) {
				err_set(&msg, _("%s:%d: id '%s' is already used by %s; give each scenario its own id"),
					path, id_line(path), sc->id, set->v[j]->path);
				warn_msg(warn, ctx, &msg);
				scenario_free(&sc);
			} else {
				set->v = xrealloc(set->v, (set->n + 1) * sizeof *set->v);
				set->v[set->n++] = sc;
			}
		}
		free(path);
		free(names[i]);
	}
	free(names);
	return 0;
}

int scenario_load_dirs(char *const *dirs, scenario_warn_fn warn, void *ctx,
		       struct scenario_set **out, char **err)
{
	struct scenario_set *set = xcalloc(1, sizeof *set);
	struct stat st;
	size_t i;

	*out = NULL;
	for (i = 0; dirs[i]; i++) {
		/* A site without scenarios of its own may have no folder;
		 * the last one (the bundled scenarios) must be there. */
		if (dirs[i + 1] && stat(dirs[i], &st) != 0 && errno == ENOENT)
			continue;
		if (load_into(set, dirs[i], warn, ctx, err) != 0) {
			scenario_set_free(&set);
			return -1;
		}
	}
	if (set->n)
		qsort(set->v, set->n, sizeof *set->v, by_difficulty_id);
	*out = set;
	return 0;
}

int scenario_load_dir(const char *dir, scenario_warn_fn warn, void *ctx,
		      struct scenario_set **out, char **err)
{
	char *dirs[] = { (char *)dir, NULL };
	return scenario_load_dirs(dirs, warn, ctx, out, err);
}

int scenario_load_all(scenario_warn_fn warn, void *ctx,
		      struct scenario_set **out, char **where, char **err)
{
	char **dirs = paths_search("scenarios", false);
	int rc = scenario_load_dirs(dirs, warn, ctx, out, err);
	*where = paths_list_join(dirs, ", ");
	paths_list_free(&dirs);
	return rc;
}

void scenario_set_free(struct scenario_set **setp)
{
	size_t i;
	if (!setp || !*setp)
		return;
	for (i = 0; i < (*setp)->n; i++)
		scenario_free(&(*setp)->v[i]);
	free((*setp)->v);
	free(*setp);
	*setp = NULL;
}

const struct scenario *scenario_find(const struct scenario_set *set,
				     const char *id)
{
	size_t i;
	if (!set || !id)
		return NULL;
	for (i = 0; i < set->n; i++)
		if (!strcmp(set->v[i]->id, id))
			return set->v[i];
	return NULL;
}

int scenario_check_catalogue(const struct scenario *sc,
			     const struct catalogue *cat,
			     scenario_warn_fn warn, void *ctx)
{
	const struct sc_item *r = &sc->key.redirect, *in = &sc->key.interpreter;
	size_t i, k;
	int n = 0;
	char *msg = NULL;

	for (i = 0; r->present && i < r->n_accept; i++)
		if (catalogue_service_index(cat, r->accept[i]) < 0) {
			err_set(&msg, _("%s: redirect: the catalogue has no service '%s'"),
				sc->path, r->accept[i]);
			warn_msg(warn, ctx, &msg);
			n++;
		}
	for (i = 0; i < in->n_resources; i++) {
		for (k = 0; k < cat->n_resources; k++)
			if (!strcmp(cat->resources[k].id, in->resources[i]))
				break;
		if (k == cat->n_resources) {
			err_set(&msg, _("%s: interpreter: the catalogue has no resource '%s'"),
				sc->path, in->resources[i]);
			warn_msg(warn, ctx, &msg);
			n++;
		}
	}
	return n;
}

/* ---- grading ------------------------------------------------------------ */

static struct grade_item *grade_add(struct grade *g, enum sc_kind kind)
{
	struct grade_item *it;
	g->items = xrealloc(g->items, (g->n_items + 1) * sizeof *g->items);
	it = &g->items[g->n_items++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->topic = -1;
	return it;
}

static void grade_key_item(struct grade *g, const struct sc_item *key,
			   bool matched, const char *got, const char *expected)
{
	struct grade_item *it = grade_add(g, key->kind);
	it->topic = key->topic;
	it->matched = matched;
	it->weight = key->weight;
	it->points = matched ? key->weight : 0;
	it->expected = expected ? xstrdup(expected) : strv_join(key->accept, key->n_accept);
	it->got = xstrdup(got ? got : "");
	it->feedback = &key->feedback;
	g->possible += key->weight;
	g->earned += it->points;
}

static bool no_interpreter(int code)
{
	const char *c = codes_code(CODES_INTERPRETER, code);
	return !c || !strcmp(c, "none") || !strcmp(c, "companion");
}

void scenario_grade(const struct scenario *sc, const struct contact *c,
		    struct grade *g)
{
	const struct sc_key *k = &sc->key;
	const char *code, *service;
	topic_set keyed = k->acceptable_topics;
	bool ok, has_service;
	char *s, *s2;
	size_t i;
	int t, extra = 0;
	long score;

	memset(g, 0, sizeof *g);

	code = codes_code(CODES_CHANNEL, c->channel);
	grade_key_item(g, &k->channel, strv_has(k->channel.accept, k->channel.n_accept, code),
		       code, NULL);

	grade_key_item(g, &k->language,
		       strv_has(k->language.accept, k->language.n_accept, c->language),
		       c->language, NULL);

	/* The interpreter: the code, and the resource when the key names the
	 * acceptable ones and one was used. */
	code = codes_code(CODES_INTERPRETER, c->interpreter);
	ok = strv_has(k->interpreter.accept, k->interpreter.n_accept, code);
	if (ok && k->interpreter.n_resources && !no_interpreter(c->interpreter))
		ok = strv_has(k->interpreter.resources, k->interpreter.n_resources,
			      c->interpreter_resource);
	s = c->interpreter_resource && *c->interpreter_resource
		? xasprintf("%s (%s)", code ? code : "", c->interpreter_resource)
		: xstrdup(code ? code : "");
	s2 = strv_join(k->interpreter.accept, k->interpreter.n_accept);
	if (k->interpreter.n_resources) {
		char *r = strv_join(k->interpreter.resources, k->interpreter.n_resources);
		char *both = xasprintf("%s (%s)", s2, r);
		free(r);
		free(s2);
		s2 = both;
	}
	grade_key_item(g, &k->interpreter, ok, s, s2);
	free(s);
	free(s2);

	for (i = 0; i < k->n_topics; i++) {
		const struct sc_item *ti = &k->topics[i];
		const char *tc = codes_code(CODES_TOPIC, ti->topic);
		bool set = ti->topic >= 0 && (c->topics & ((topic_set)1 << ti->topic));
		keyed |= (topic_set)1 << ti->topic;
		grade_key_item(g, ti, set, set ? tc : "", tc);
	}
	for (t = 0; t < TOPIC__N; t++) {
		struct grade_item *it;
		if (!(c->topics & ((topic_set)1 << t)) || (keyed & ((topic_set)1 << t)))
			continue;
		it = grade_add(g, SC_EXTRA_TOPIC);
		it->topic = t;
		it->matched = false;
		it->points = -k->extra_topic_penalty;
		it->expected = xstrdup("");
		it->got = xstrdup(codes_code(CODES_TOPIC, t));
		it->feedback = text_empty(&k->extra_topic_feedback) ? NULL : &k->extra_topic_feedback;
		extra += k->extra_topic_penalty;
	}

	code = codes_code(CODES_OUTCOME, c->outcome);
	grade_key_item(g, &k->outcome, strv_has(k->outcome.accept, k->outcome.n_accept, code),
		       code, NULL);

	service = c->redirect_service && *c->redirect_service ? c->redirect_service : NULL;
	has_service = service != NULL;
	if (k->redirect.present) {
		ok = has_service ? strv_has(k->redirect.accept, k->redirect.n_accept, service)
				 : k->redirect.optional;
		grade_key_item(g, &k->redirect, ok, service, NULL);
	}
	if (k->reason.present) {
		code = codes_code(CODES_REASON, c->redirect_reason);
		/* No service and none needed: there is no reason to give. */
		ok = has_service ? strv_has(k->reason.accept, k->reason.n_accept, code)
				 : k->redirect.optional;
		grade_key_item(g, &k->reason, ok, code, NULL);
	}

	g->penalty = extra;
	score = g->possible > 0 ? (100L * g->earned + g->possible / 2) / g->possible : 0;
	score -= extra;
	g->score = score < 0 ? 0 : score > 100 ? 100 : (int)score;
}

void grade_free(struct grade *g)
{
	size_t i;
	if (!g)
		return;
	for (i = 0; i < g->n_items; i++) {
		free(g->items[i].expected);
		free(g->items[i].got);
	}
	free(g->items);
	memset(g, 0, sizeof *g);
}

static const char *const kind_key[SC__NKIND] = {
	"channel", "language", "interpreter", "topic", "extra-topic",
	"outcome", "redirect", "reason"
};

char *grade_item_key(const struct grade_item *it)
{
	const char *k = it->kind < SC__NKIND ? kind_key[it->kind] : "item";
	if (it->kind == SC_TOPIC || it->kind == SC_EXTRA_TOPIC)
		return xasprintf("%s:%s", k, codes_code(CODES_TOPIC, it->topic)
					     ? codes_code(CODES_TOPIC, it->topic) : "");
	return xstrdup(k);
}

char *grade_item_label(const struct grade_item *it)
{
	const char *topic = codes_label(CODES_TOPIC, it->topic);
	switch (it->kind) {
	/* TRANSLATORS: names of graded items in the training pane. */
	case SC_CHANNEL: return xstrdup(_("Channel"));
	case SC_LANGUAGE: return xstrdup(_("Language"));
	case SC_INTERPRETER: return xstrdup(_("Interpreter"));
	/* TRANSLATORS: %s is a topic label, e.g. "Daycare". */
	case SC_TOPIC: return xasprintf(_("Topic: %s"), topic ? topic : "");
	/* TRANSLATORS: a topic recorded that the scenario did not call for. */
	case SC_EXTRA_TOPIC: return xasprintf(_("Extra topic: %s"), topic ? topic : "");
	case SC_OUTCOME: return xstrdup(_("Outcome"));
	case SC_REDIRECT: return xstrdup(_("Service redirected to or consulted"));
	case SC_REASON: return xstrdup(_("Redirect reason"));
	default: return xstrdup("");
	}
}

const char *grade_item_feedback(const struct grade_item *it, const char *lang)
{
	if (it->feedback && !text_empty(it->feedback))
		return catalogue_text(it->feedback, lang);
	if (it->kind == SC_EXTRA_TOPIC)
		return _("Record only the topics the customer's matter was about: extra topics blur the statistics that decide where resources go.");
	return "";
}
