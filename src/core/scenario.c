/* scenario: reading one scenario file; see scenario.h, and
 * neuvoo-scenario(5) for the format.
 *
 * Design: libconfuse parses a file and every check that can name a line
 * runs in a validation callback while the parser still knows where it is
 * (as layout.c does), so each error is "file:line: what is wrong". The
 * callbacks also keep the lines where steps, choices, rules and endings
 * open, so that the step graph (scenario_graph.c), checked after the
 * parse, names lines too; scenario_build.c makes the scenario from the
 * parsed file. Only what is missing from the whole file (no
 * id, no step, no key) is reported at line 1. Items of a key are sections
 * that may be given once; they are declared multi so that "absent" and
 * "given twice" can both be told apart from a default. The key's sections
 * come from the field table (scenario_fields.c): one for every field of
 * CONTACT_FIELDS. */
#include <config.h>

#include <confuse.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/cfgparse.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/scenario.h"
#include "core/scenario_priv.h"

#define MAX_ID 64
#define MAX_WEIGHT 100
#define MAX_CHOICES 9

/* ---- small helpers ------------------------------------------------------ */


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

/* ---- where sections open, kept by the callbacks -------------------------- */

static void lines_add(struct lines *l, int line)
{
	l->v = xrealloc(l->v, (l->n + 1) * sizeof *l->v);
	l->v[l->n++] = line;
}

static struct scenario_lines *ctx(void)
{
	return cfgparse_user();
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
	if (scenario_difficulty_parse(v) < 0)
		return cfgparse_error(cfg, v,
				      _("difficulty '%s' is not known: write easy, medium or hard (or 1, 2, 3)"),
				      v ? v : "");
	return 0;
}

static int language_cb(cfg_t *cfg, cfg_opt_t *opt)
{
	const char *v = cfg_opt_getnstr(opt, 0);
	char *why = scenario_field_value_error(SC_F_language, v);
	if (why) {
		free(why);
		return cfgparse_error(cfg, v,
				      _("language '%s' is not a language code: write an ISO 639-1 code such as \"so\" (or 639-3 where there is none), in lower case"),
				      v ? v : "");
	}
	return 0;
}

static bool has_text(cfg_t *sec)
{
	int l;
	for (l = 0; sec && l < CAT__NLANG; l++) {
		const char *v = cfg_getstr(sec, scenario_lang_suffix[l]);
		if (v && *v)
			return true;
	}
	return false;
}

static int text_section_cb(cfg_t *cfg, cfg_opt_t *opt)
{
	if (has_text(last_sec(opt)))
		return 0;
	return cfgparse_section_error(cfg, opt->name, NULL,
				      _("this %s has no text: give it fi, sv or en = \"...\""),
				      opt->name);
}

/* A name a step, a choice or a rule goes on to. */
static int next_ok(cfg_t *cfg, cfg_t *sec, const char *what)
{
	const char *n = sec ? cfg_getstr(sec, "next") : NULL;
	if (n && !id_ok(n))
		return cfgparse_error(cfg, n,
				      _("%s: next '%s' is not a step or ending name: write lower-case letters a-z, digits or '-'"),
				      what, n);
	return 0;
}

static int step_cb(cfg_t *cfg, cfg_opt_t *opt)
{
	cfg_t *sec = last_sec(opt);
	const char *id = sec ? cfg_getstr(sec, "id") : NULL;
	if (text_section_cb(cfg, opt) != 0)
		return -1;
	if (id && !id_ok(id))
		return cfgparse_error(cfg, id,
				      _("step: id '%s' is not usable: write lower-case letters a-z, digits or '-'"),
				      id);
	if (next_ok(cfg, sec, "step") != 0)
		return -1;
	/* The trainee answers with one key, 1 to 9. */
	if (sec && cfg_size(sec, "choice") > MAX_CHOICES)
		return cfgparse_section_error(cfg, "step", NULL,
					      _("this step has %u choices; give it at most %d"),
					      cfg_size(sec, "choice"), MAX_CHOICES);
	lines_add(&ctx()->steps, cfgparse_section_open_line(cfg, "step", NULL));
	return 0;
}

static int choice_cb(cfg_t *cfg, cfg_opt_t *opt)
{
	cfg_t *sec = last_sec(opt);
	int line = cfgparse_section_open_line(cfg, "choice", NULL);
	if (!has_text(sec))
		return cfgparse_section_error(cfg, "choice", NULL,
					      _("this choice has no text: give it fi, sv or en = \"...\", what the trainee says or does"));
	if (!cfg_getstr(sec, "next"))
		return cfgparse_section_error(cfg, "choice", NULL,
					      _("this choice leads nowhere: add next = \"step-or-ending\""));
	if (next_ok(cfg, sec, "choice") != 0)
		return -1;
	lines_add(&ctx()->choices, line);
	return 0;
}

static int when_cb(cfg_t *cfg, cfg_opt_t *opt)
{
	cfg_t *sec = last_sec(opt);
	int line = cfgparse_section_open_line(cfg, "when", NULL), f, any = 0;
	unsigned i;

	for (f = 0; f < SC__NFIELD; f++) {
		const char *name = scenario_field_section((enum sc_kind)f);
		if (!name || !cfg_size(sec, name))
			continue;
		any++;
		for (i = 0; i < cfg_size(sec, name); i++) {
			const char *v = cfg_getnstr(sec, name, i);
			char *why = v && *v ? scenario_field_value_error((enum sc_kind)f, v) : NULL;
			if (why) {
				cfgparse_error(cfg, v, "when: %s", why);
				free(why);
				return -1;
			}
		}
	}
	if (!any)
		return cfgparse_section_error(cfg, "when", NULL,
					      _("this when names no field: add e.g. interpreter = {\"phone\"}, what the trainee recorded"));
	if (!cfg_getstr(sec, "next"))
		return cfgparse_section_error(cfg, "when", NULL,
					      _("this when leads nowhere: add next = \"step-or-ending\""));
	if (next_ok(cfg, sec, "when") != 0)
		return -1;
	lines_add(&ctx()->whens, line);
	return 0;
}

static int ending_cb(cfg_t *cfg, cfg_opt_t *opt)
{
	cfg_t *sec = last_sec(opt);
	const char *t = sec ? cfg_title(sec) : NULL;
	long m = sec ? cfg_getint(sec, "max_score") : 100;
	if (!id_ok(t))
		return cfgparse_section_error(cfg, "ending", t,
					      _("ending '%s': the name is not usable: write lower-case letters a-z, digits or '-'"),
					      t ? t : "");
	if (m < 1 || m > 100)
		return cfgparse_error(cfg, "max_score",
				      _("max_score must be a whole number from 1 to 100, not %ld"), m);
	if (cfg_size(sec, "key") > 1)
		return cfgparse_section_error(cfg, "ending", t,
					      _("ending '%s' has two key sections; merge them into one"), t);
	if (next_ok(cfg, sec, "ending") != 0)
		return -1;
	lines_add(&ctx()->endings, cfgparse_section_open_line(cfg, "ending", t));
	return 0;
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

/* The values of an item's accept list. cfg is the item's own section. */
static int accept_cb(cfg_t *cfg, cfg_opt_t *opt)
{
	int f = scenario_field_find(cfg->name);
	unsigned i, n = cfg_opt_size(opt);

	if (n == 0)
		return cfgparse_error(cfg, "accept",
				      _("%s: accept is empty: list at least one acceptable value"),
				      cfg->name);
	for (i = 0; f >= 0 && i < n; i++) {
		const char *v = cfg_opt_getnstr(opt, i);
		char *why = scenario_field_value_error((enum sc_kind)f, v ? v : "");
		if (why) {
			cfgparse_error(cfg, v, "%s", why);
			free(why);
			return -1;
		}
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

static int service_cb(cfg_t *cfg, cfg_opt_t *opt)
{
	cfg_t *sec = last_sec(opt);
	const char *t = sec ? cfg_title(sec) : NULL;
	if (!ref_ok(t))
		return cfgparse_error(cfg, t,
				      _("redirect: '%s' is not a catalogue service id (letters, digits, '-', '_' or '.')"),
				      t ? t : "");
	return 0;
}

static int topic_codes_cb(cfg_t *cfg, cfg_opt_t *opt)
{
	unsigned i;
	for (i = 0; i < cfg_opt_size(opt); i++) {
		const char *v = cfg_opt_getnstr(opt, i);
		char *why = scenario_field_value_error(SC_F_topics, v);
		if (why) {
			cfgparse_error(cfg, v, "%s", why);
			free(why);
			return -1;
		}
	}
	return 0;
}

/* A key item section: given once, with an accept list (the note has
 * none: it is graded by what it must not hold). */
static int item_cb(cfg_t *cfg, cfg_opt_t *opt)
{
	cfg_t *sec = last_sec(opt);
	int f = scenario_field_find(opt->name);
	if (cfg_opt_size(opt) > 1)
		return cfgparse_section_error(cfg, opt->name, NULL,
					      _("%s is given twice in the key; merge them into one"),
					      opt->name);
	if (sec && f >= 0 && !scenario_field_private((enum sc_kind)f)
	    && cfg_size(sec, "accept") == 0)
		return cfgparse_section_error(cfg, opt->name, NULL,
					      _("%s has no accept list: add accept = {...}"),
					      opt->name);
	return 0;
}

static int topic_cb(cfg_t *cfg, cfg_opt_t *opt)
{
	cfg_t *sec = last_sec(opt);
	const char *t = sec ? cfg_title(sec) : NULL;
	char *why = scenario_field_value_error(SC_F_topics, t ? t : "");
	if (why) {
		cfgparse_error(cfg, t, _("topic %s"), why);
		free(why);
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

/* A whole key: what must be there and what must agree. */
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
	/* The scenario's own key (an ending's opens with its ending). */
	if (ctx() && cfg->name && strcmp(cfg->name, "ending"))
		lines_add(&ctx()->keys, cfgparse_section_open_line(cfg, "key", NULL));
	return 0;
}

/* ---- the parser's options ------------------------------------------------ */

#define FEEDBACK_OPTS(p) \
	CFG_STR(p "_fi", NULL, CFGF_NONE), \
	CFG_STR(p "_sv", NULL, CFGF_NONE), \
	CFG_STR(p "_en", NULL, CFGF_NONE)
#define TEXT_OPTS \
	CFG_STR("fi", NULL, CFGF_NONE), \
	CFG_STR("sv", NULL, CFGF_NONE), \
	CFG_STR("en", NULL, CFGF_NONE)

static cfg_opt_t text_opts[] = { TEXT_OPTS, CFG_END() };
static cfg_opt_t item_opts[] = {
	CFG_STR_LIST("accept", NULL, CFGF_NONE),
	CFG_INT("weight", 1, CFGF_NONE),
	FEEDBACK_OPTS("feedback"),
	CFG_END()
};
static cfg_opt_t note_opts[] = {
	CFG_INT("weight", 1, CFGF_NONE),
	FEEDBACK_OPTS("feedback"),
	CFG_END()
};
static cfg_opt_t interp_opts[] = {
	CFG_STR_LIST("accept", NULL, CFGF_NONE),
	CFG_STR_LIST("resources", NULL, CFGF_NONE),
	CFG_INT("weight", 1, CFGF_NONE),
	FEEDBACK_OPTS("feedback"),
	CFG_END()
};
static cfg_opt_t service_opts[] = { FEEDBACK_OPTS("feedback"), CFG_END() };
static cfg_opt_t redirect_opts[] = {
	CFG_STR_LIST("accept", NULL, CFGF_NONE),
	CFG_BOOL("optional", cfg_false, CFGF_NONE),
	CFG_INT("weight", 1, CFGF_NONE),
	FEEDBACK_OPTS("feedback"),
	FEEDBACK_OPTS("wrong_feedback"),
	CFG_SEC("service", service_opts, CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES),
	CFG_END()
};
static cfg_opt_t topic_opts[] = {
	CFG_INT("weight", 1, CFGF_NONE),
	FEEDBACK_OPTS("feedback"),
	CFG_END()
};
static cfg_opt_t choice_opts[] = {
	TEXT_OPTS,
	CFG_STR("next", NULL, CFGF_NONE),
	CFG_END()
};

/* The tables that depend on the fields: a key's sections, a rule's
 * conditions. */
struct opts {
	cfg_opt_t key[SC__NFIELD + 8];
	cfg_opt_t when[SC__NFIELD + 2];
	cfg_opt_t step[8];
	cfg_opt_t ending[12];
	cfg_opt_t top[16];
};

static void opts_build(struct opts *o)
{
	size_t k = 0, w = 0;
	int f;
	for (f = 0; f < SC__NFIELD; f++) {
		const char *name = scenario_field_section((enum sc_kind)f);
		cfg_opt_t *sub = item_opts;
		if (!name)
			continue;
		o->when[w++] = (cfg_opt_t)CFG_STR_LIST(name, NULL, CFGF_NONE);
		if (f == SC_F_topics) {
			o->key[k++] = (cfg_opt_t)CFG_SEC("topic", topic_opts,
				CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES);
			continue;
		}
		if (f == SC_F_interpreter)
			sub = interp_opts;
		else if (f == SC_F_redirect_service)
			sub = redirect_opts;
		else if (scenario_field_private((enum sc_kind)f))
			sub = note_opts;
		o->key[k++] = (cfg_opt_t)CFG_SEC(name, sub, CFGF_MULTI);
	}
	o->key[k++] = (cfg_opt_t)CFG_STR_LIST("acceptable_topics", NULL, CFGF_NONE);
	o->key[k++] = (cfg_opt_t)CFG_INT("extra_topic_penalty", 5, CFGF_NONE);
	o->key[k++] = (cfg_opt_t)CFG_STR("extra_topic_feedback_fi", NULL, CFGF_NONE);
	o->key[k++] = (cfg_opt_t)CFG_STR("extra_topic_feedback_sv", NULL, CFGF_NONE);
	o->key[k++] = (cfg_opt_t)CFG_STR("extra_topic_feedback_en", NULL, CFGF_NONE);
	o->key[k++] = (cfg_opt_t)CFG_END();
	o->when[w++] = (cfg_opt_t)CFG_STR("next", NULL, CFGF_NONE);
	o->when[w++] = (cfg_opt_t)CFG_END();

	k = 0;
	o->step[k++] = (cfg_opt_t)CFG_STR("fi", NULL, CFGF_NONE);
	o->step[k++] = (cfg_opt_t)CFG_STR("sv", NULL, CFGF_NONE);
	o->step[k++] = (cfg_opt_t)CFG_STR("en", NULL, CFGF_NONE);
	o->step[k++] = (cfg_opt_t)CFG_STR("id", NULL, CFGF_NONE);
	o->step[k++] = (cfg_opt_t)CFG_STR("next", NULL, CFGF_NONE);
	o->step[k++] = (cfg_opt_t)CFG_SEC("choice", choice_opts, CFGF_MULTI);
	o->step[k++] = (cfg_opt_t)CFG_SEC("when", o->when, CFGF_MULTI);
	o->step[k++] = (cfg_opt_t)CFG_END();

	k = 0;
	o->ending[k++] = (cfg_opt_t)CFG_STR("title_fi", NULL, CFGF_NONE);
	o->ending[k++] = (cfg_opt_t)CFG_STR("title_sv", NULL, CFGF_NONE);
	o->ending[k++] = (cfg_opt_t)CFG_STR("title_en", NULL, CFGF_NONE);
	o->ending[k++] = (cfg_opt_t)CFG_STR("feedback_fi", NULL, CFGF_NONE);
	o->ending[k++] = (cfg_opt_t)CFG_STR("feedback_sv", NULL, CFGF_NONE);
	o->ending[k++] = (cfg_opt_t)CFG_STR("feedback_en", NULL, CFGF_NONE);
	o->ending[k++] = (cfg_opt_t)CFG_INT("max_score", 100, CFGF_NONE);
	o->ending[k++] = (cfg_opt_t)CFG_STR("next", NULL, CFGF_NONE);
	o->ending[k++] = (cfg_opt_t)CFG_SEC("key", o->key, CFGF_MULTI);
	o->ending[k++] = (cfg_opt_t)CFG_END();

	k = 0;
	o->top[k++] = (cfg_opt_t)CFG_STR("id", NULL, CFGF_NONE);
	o->top[k++] = (cfg_opt_t)CFG_STR("title_fi", NULL, CFGF_NONE);
	o->top[k++] = (cfg_opt_t)CFG_STR("title_sv", NULL, CFGF_NONE);
	o->top[k++] = (cfg_opt_t)CFG_STR("title_en", NULL, CFGF_NONE);
	o->top[k++] = (cfg_opt_t)CFG_STR("persona_fi", NULL, CFGF_NONE);
	o->top[k++] = (cfg_opt_t)CFG_STR("persona_sv", NULL, CFGF_NONE);
	o->top[k++] = (cfg_opt_t)CFG_STR("persona_en", NULL, CFGF_NONE);
	o->top[k++] = (cfg_opt_t)CFG_STR("difficulty", "medium", CFGF_NONE);
	o->top[k++] = (cfg_opt_t)CFG_STR("language", NULL, CFGF_NONE);
	o->top[k++] = (cfg_opt_t)CFG_SEC("step", o->step, CFGF_MULTI);
	o->top[k++] = (cfg_opt_t)CFG_SEC("hint", text_opts, CFGF_MULTI);
	o->top[k++] = (cfg_opt_t)CFG_SEC("key", o->key, CFGF_MULTI);
	o->top[k++] = (cfg_opt_t)CFG_SEC("ending", o->ending,
		CFGF_MULTI | CFGF_TITLE | CFGF_NO_TITLE_DUPES);
	o->top[k++] = (cfg_opt_t)CFG_END();
}

static void set_cb(cfg_t *cfg, const char *prefix, const char *path,
		   cfg_validate_callback_t cb)
{
	char *p = xasprintf("%s%s", prefix, path);
	cfg_set_validate_func(cfg, p, cb);
	free(p);
}

/* The callbacks of a key, at "key|..." and "ending|key|...". */
static void key_callbacks(cfg_t *cfg, const char *prefix)
{
	int f;
	set_cb(cfg, prefix, "key", key_cb);
	set_cb(cfg, prefix, "key|topic", topic_cb);
	set_cb(cfg, prefix, "key|topic|weight", weight_cb);
	set_cb(cfg, prefix, "key|acceptable_topics", topic_codes_cb);
	set_cb(cfg, prefix, "key|extra_topic_penalty", penalty_cb);
	set_cb(cfg, prefix, "key|interpreter|resources", resources_cb);
	set_cb(cfg, prefix, "key|redirect|service", service_cb);
	for (f = 0; f < SC__NFIELD; f++) {
		const char *name = scenario_field_section((enum sc_kind)f);
		char *p;
		if (!name || f == SC_F_topics)
			continue;
		p = xasprintf("%skey|%s", prefix, name);
		cfg_set_validate_func(cfg, p, item_cb);
		set_cb(cfg, p, "|weight", weight_cb);
		if (!scenario_field_private((enum sc_kind)f))
			set_cb(cfg, p, "|accept", accept_cb);
		free(p);
	}
}

/* ---- the file ------------------------------------------------------------ */

static void lines_free(struct scenario_lines *pc)
{
	free(pc->steps.v);
	free(pc->choices.v);
	free(pc->whens.v);
	free(pc->endings.v);
	free(pc->keys.v);
}

int scenario_load_file(const char *path, struct scenario **out, char **err)
{
	struct opts o;
	struct scenario_lines pc;
	struct cfgparse_opts po;
	struct stat st;
	cfg_t *cfg;
	struct scenario *sc = NULL;
	int rc = -1;

	*out = NULL;
	/* Not there or not ours to read: a runtime failure, not a mistake in
	 * a file. */
	if (stat(path, &st) != 0 || (S_ISREG(st.st_mode) && access(path, R_OK) != 0)) {
		err_set(err, _("%s: cannot read: %s"), path, strerror(errno));
		return -2;
	}
	memset(&o, 0, sizeof o);
	memset(&pc, 0, sizeof pc);
	opts_build(&o);
	cfg = cfg_init(o.top, CFGF_NONE);
	if (!cfg) {
		err_set(err, _("%s: cannot set up the scenario parser"), path);
		return -1;
	}
	cfg_set_validate_func(cfg, "id", id_cb);
	cfg_set_validate_func(cfg, "difficulty", difficulty_cb);
	cfg_set_validate_func(cfg, "language", language_cb);
	cfg_set_validate_func(cfg, "step", step_cb);
	cfg_set_validate_func(cfg, "step|choice", choice_cb);
	cfg_set_validate_func(cfg, "step|when", when_cb);
	cfg_set_validate_func(cfg, "hint", text_section_cb);
	cfg_set_validate_func(cfg, "ending", ending_cb);
	key_callbacks(cfg, "");
	key_callbacks(cfg, "ending|");
	memset(&po, 0, sizeof po);
	po.user = &pc;
	po.one_line_strings = true;
	if (cfgparse_file_opts(cfg, path, &po, err) != 0)
		goto out;
	/* What is missing from the whole file: no line to point at. */
	if (!cfg_getstr(cfg, "id")) {
		err_set(err, _("%s:1: the scenario has no id: add id = \"short-name\""), path);
		goto out;
	}
	if (!cfg_getstr(cfg, "language")) {
		err_set(err, _("%s:1: the scenario has no language: add language = \"xx\", the customer's language code"), path);
		goto out;
	}
	if (!cfg_getstr(cfg, "title_fi") && !cfg_getstr(cfg, "title_sv")
	    && !cfg_getstr(cfg, "title_en")) {
		err_set(err, _("%s:1: the scenario has no title: add title_fi, title_sv or title_en"), path);
		goto out;
	}
	if (cfg_size(cfg, "step") == 0) {
		err_set(err, _("%s:1: the scenario has no step: add step { fi = \"...\" } for what the customer says"), path);
		goto out;
	}
	if (cfg_size(cfg, "key") == 0 && cfg_size(cfg, "ending") == 0) {
		err_set(err, _("%s:1: the scenario has no answer key: add key { ... }"), path);
		goto out;
	}
	sc = scenario_build(cfg, path, &pc);
	if (scenario_graph_resolve(sc, err) != 0) {
		scenario_free(&sc);
		goto out;
	}
	*out = sc;
	rc = 0;
out:
	cfg_free(cfg);
	lines_free(&pc);
	return rc;
}
