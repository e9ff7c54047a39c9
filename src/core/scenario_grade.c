/* scenario_grade: grading a contact against an answer key; see
 * scenario.h.
 *
 * Design: a pure function of the key and a contact, one graded item per
 * key item in CONTACT_FIELDS order (each required topic its own, and one
 * per topic recorded outside the required and acceptable ones, which
 * costs score points). How a field is compared follows from its kind
 * (scenario_fields.c); only the fields with a rule of their own are
 * written out here: the interpreter (with the resource used), the topics,
 * the redirect (optional, with feedback per service), its reason (graded
 * only with a service) and the private note (it must hold no personal
 * data). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/privacy.h"
#include "core/scenario.h"

static bool text_empty(const struct cat_text *t)
{
	int l;
	for (l = 0; l < CAT__NLANG; l++)
		if (t->v[l] && *t->v[l])
			return false;
	return true;
}

static char *strv_join(char *const *v, size_t n)
{
	size_t i;
	char *s = xstrdup("");
	for (i = 0; i < n; i++) {
		char *t = xasprintf("%s%s%s", s, i ? ", " : "", v[i]);
		free(s);
		s = t;
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

static struct grade_item *grade_add(struct grade *g, enum sc_kind kind)
{
	struct grade_item *it;
	g->items = xrealloc(g->items, (g->n_items + 1) * sizeof *g->items);
	it = &g->items[g->n_items++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->topic = -1;
	it->contact = 1;
	return it;
}

static struct grade_item *grade_key_item(struct grade *g,
					 const struct sc_item *key,
					 bool matched, const char *got,
					 const char *expected)
{
	struct grade_item *it = grade_add(g, key->kind);
	it->topic = key->topic;
	it->matched = matched;
	it->weight = key->weight;
	it->points = matched ? key->weight : 0;
	it->expected = expected ? xstrdup(expected) : strv_join(key->accept, key->n_accept);
	it->got = xstrdup(got ? got : "");
	it->feedback = &key->feedback;
	it->key = key;
	g->possible += key->weight;
	g->earned += it->points;
	return it;
}

static bool no_interpreter(int code)
{
	const char *c = codes_code(CODES_INTERPRETER, code);
	return !c || !strcmp(c, "none") || !strcmp(c, "companion");
}

static void grade_interpreter(struct grade *g, const struct sc_item *k,
			      const struct contact *c)
{
	const char *code = codes_code(CODES_INTERPRETER, c->interpreter);
	bool ok = strv_has(k->accept, k->n_accept, code);
	char *got, *exp;
	if (ok && k->n_resources && !no_interpreter(c->interpreter))
		ok = strv_has(k->resources, k->n_resources, c->interpreter_resource);
	got = c->interpreter_resource && *c->interpreter_resource
		? xasprintf("%s (%s)", code ? code : "", c->interpreter_resource)
		: xstrdup(code ? code : "");
	exp = strv_join(k->accept, k->n_accept);
	if (k->n_resources) {
		char *r = strv_join(k->resources, k->n_resources);
		char *both = xasprintf("%s (%s)", exp, r);
		free(r);
		free(exp);
		exp = both;
	}
	grade_key_item(g, k, ok, got, exp);
	free(got);
	free(exp);
}

static void grade_topics(struct grade *g, const struct sc_key *k,
			 const struct contact *c)
{
	topic_set keyed = k->acceptable_topics;
	size_t i;
	int t;

	for (i = 0; i < k->n_topics; i++) {
		const struct sc_item *ti = &k->topics[i];
		const char *tc = codes_code(CODES_TOPIC, ti->topic);
		bool set = ti->topic >= 0 && (c->topics & ((topic_set)1 << ti->topic));
		if (ti->topic >= 0)
			keyed |= (topic_set)1 << ti->topic;
		grade_key_item(g, ti, set, set ? tc : "", tc);
	}
	for (t = 0; t < TOPIC__N; t++) {
		struct grade_item *it;
		if (!(c->topics & ((topic_set)1 << t)) || (keyed & ((topic_set)1 << t)))
			continue;
		it = grade_add(g, SC_EXTRA_TOPIC);
		it->topic = t;
		it->points = -k->extra_topic_penalty;
		it->expected = xstrdup("");
		it->got = xstrdup(codes_code(CODES_TOPIC, t));
		it->feedback = text_empty(&k->extra_topic_feedback) ? NULL
			       : &k->extra_topic_feedback;
		g->penalty += k->extra_topic_penalty;
	}
}

static const struct sc_service_note *service_note(const struct sc_item *k,
						  const char *service)
{
	size_t i;
	for (i = 0; service && i < k->n_services; i++)
		if (!strcmp(k->services[i].service, service))
			return &k->services[i];
	return NULL;
}

/* The service: one of the list, or none when that is fine. A service
 * with a note of its own gets that feedback; another wrong one the
 * item's text for a wrong service, when there is one. */
static void grade_redirect(struct grade *g, const struct sc_item *k,
			   const struct contact *c)
{
	const char *service = c->redirect_service && *c->redirect_service
			      ? c->redirect_service : NULL;
	bool ok = service ? strv_has(k->accept, k->n_accept, service) : k->optional;
	const struct sc_service_note *n = service_note(k, service);
	struct grade_item *it = grade_key_item(g, k, ok, service, NULL);
	if (n && !text_empty(&n->feedback)) {
		it->feedback = &n->feedback;
		it->specific = true;
	} else if (service && !ok && !text_empty(&k->wrong_feedback)) {
		it->feedback = &k->wrong_feedback;
		it->specific = true;
	}
}

static void grade_field(struct grade *g, const struct sc_key *k,
			enum sc_kind f, const struct contact *c)
{
	const struct sc_item *it = &k->field[f];
	const char *service;
	char *v;
	bool ok = false;
	size_t i;

	if (!it->present)
		return;
	switch (f) {
	case SC_F_interpreter:
		grade_interpreter(g, it, c);
		return;
	case SC_F_redirect_service:
		grade_redirect(g, it, c);
		return;
	default:
		break;
	}
	v = scenario_field_value(f, c);
	if (scenario_field_private(f)) {
		char *why = NULL;
		ok = privacy_check_note(v, &why) == 0;
		err_free(&why);
		/* What was found is personal data: it is not repeated. */
		grade_key_item(g, it, ok, ok ? v : _("(personal data)"),
			       _("no personal data"));
		free(v);
		return;
	}
	if (f == SC_F_redirect_reason) {
		service = c->redirect_service && *c->redirect_service
			  ? c->redirect_service : NULL;
		/* No service and none needed: there is no reason to give. */
		if (!service) {
			const struct sc_item *r = &k->field[SC_F_redirect_service];
			grade_key_item(g, it, r->present && r->optional, v, NULL);
			free(v);
			return;
		}
	}
	for (i = 0; i < it->n_accept && !ok && *v; i++)
		ok = scenario_field_count(f)
		     ? scenario_count_matches(it->accept[i], atol(v))
		     : !strcmp(it->accept[i], v);
	grade_key_item(g, it, ok, v, NULL);
	free(v);
}

static void finish(struct grade *g)
{
	long score = g->possible > 0
		     ? (100L * g->earned + g->possible / 2) / g->possible : 0;
	score -= g->penalty;
	if (score > g->max_score)
		score = g->max_score;
	g->score = score < 0 ? 0 : score > 100 ? 100 : (int)score;
}

void scenario_grade_key(const struct sc_key *k, const struct contact *c,
			struct grade *g)
{
	int f;
	memset(g, 0, sizeof *g);
	g->ending = -1;
	g->max_score = 100;
	g->contacts = 1;
	for (f = 0; f < SC__NFIELD; f++) {
		if (f == SC_F_topics)
			grade_topics(g, k, c);
		else
			grade_field(g, k, (enum sc_kind)f, c);
	}
	finish(g);
}

void scenario_grade_ending(const struct scenario *sc, size_t e,
			   const struct contact *c, struct grade *g)
{
	const struct sc_ending *en = &sc->endings[e];
	scenario_grade_key(en->key, c, g);
	g->ending = (int)e;
	g->max_score = en->max_score;
	finish(g);
}

void scenario_grade(const struct scenario *sc, const struct contact *c,
		    struct grade *g)
{
	int e = sc->n_steps ? scenario_ending_from(sc, 0, c) : -1;
	scenario_grade_ending(sc, e >= 0 ? (size_t)e : 0, c, g);
}

void grade_append(struct grade *all, const struct grade *g, int contact)
{
	size_t i;
	long sum;
	if (all->contacts == 0) {
		memset(all, 0, sizeof *all);
		all->ending = -1;
		all->max_score = 100;
	}
	for (i = 0; i < g->n_items; i++) {
		struct grade_item *it = grade_add(all, g->items[i].kind);
		*it = g->items[i];
		it->expected = xstrdup(g->items[i].expected);
		it->got = xstrdup(g->items[i].got);
		it->contact = contact;
	}
	/* The mean of the contacts' scores: each contact counts the same,
	 * however many items its key has. */
	sum = (long)all->score * all->contacts + g->score;
	all->contacts++;
	all->score = (int)((sum + all->contacts / 2) / all->contacts);
	all->earned += g->earned;
	all->possible += g->possible;
	all->penalty += g->penalty;
	all->ending = g->ending;
	if (g->max_score < all->max_score)
		all->max_score = g->max_score;
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

char *grade_item_key(const struct grade_item *it)
{
	const char *topic = codes_code(CODES_TOPIC, it->topic);
	const char *sec = scenario_field_section(it->kind);
	char *k, *out;
	if (it->kind == SC_F_topics || it->kind == SC_EXTRA_TOPIC)
		k = xasprintf("%s:%s", it->kind == SC_F_topics ? "topic" : "extra-topic",
			      topic ? topic : "");
	else
		k = xstrdup(sec ? sec : "item");
	if (it->contact <= 1)
		return k;
	out = xasprintf("%d:%s", it->contact, k);
	free(k);
	return out;
}

/* The labels the desk's intake shows for its fields (the same msgids). */
static const char *field_label(enum sc_kind f)
{
	switch (f) {
	/* TRANSLATORS: names of graded items in the training pane. */
	case SC_F_channel: return _("Channel");
	case SC_F_language: return _("Language");
	case SC_F_interpreter: return _("Interpreter");
	case SC_F_outcome: return _("Outcome");
	case SC_F_redirect_service: return _("Service redirected to or consulted");
	case SC_F_redirect_reason: return _("Redirect reason");
	case SC_F_discovery: return _("Found us via");
	case SC_F_age_band: return _("Age");
	case SC_F_gender: return _("Gender");
	case SC_F_life_situation: return _("Life situation");
	case SC_F_note: return _("Note");
	case SC_F_people: return _("People served");
	case SC_F_backdated: return _("Recorded afterwards");
	default: return NULL;
	}
}

char *grade_item_label(const struct grade_item *it)
{
	const char *topic = codes_label(CODES_TOPIC, it->topic);
	const char *l;
	switch (it->kind) {
	/* TRANSLATORS: %s is a topic label, e.g. "Daycare". */
	case SC_F_topics: return xasprintf(_("Topic: %s"), topic ? topic : "");
	/* TRANSLATORS: a topic recorded that the scenario did not call for. */
	case SC_EXTRA_TOPIC: return xasprintf(_("Extra topic: %s"), topic ? topic : "");
	default:
		l = field_label(it->kind);
		/* A field this table does not know yet shows its column. */
		return xstrdup(l ? l : scenario_field_section(it->kind)
			       ? scenario_field_section(it->kind) : "");
	}
}

const char *grade_item_feedback(const struct grade_item *it, const char *lang)
{
	if (it->feedback && !text_empty(it->feedback))
		return catalogue_text(it->feedback, lang);
	if (it->kind == SC_EXTRA_TOPIC)
		return _("Record only the topics the customer's matter was about: extra topics blur the statistics that decide where resources go.");
	if (scenario_field_private(it->kind) && !it->matched)
		return _("A note is kept in the statistics: a name, identity code, phone number or e-mail address never belongs in it.");
	return "";
}
