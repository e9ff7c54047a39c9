/* test_scenario: scenario files as a trainer writes them (good, malformed,
 * a folder with both), the bundled scenarios, and grading a contact. */
#include "util.h"

#include <config.h>

#include <sys/stat.h>

#include "core/catalogue.h"
#include "core/catalogue_publish.h"
#include "core/contact.h"
#include "core/err.h"
#include "core/scenario.h"

static char *tmp;

static int setup(void **state)
{
	(void)state;
	tmp = util_tmpdir();
	setenv("HOME", tmp, 1);
	setenv("XDG_DATA_HOME", tmp, 1);
	setenv("XDG_STATE_HOME", tmp, 1);
	setenv("XDG_CONFIG_HOME", tmp, 1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	util_rmtree(&tmp);
	return 0;
}

static const char *srcdir(void)
{
	const char *s = getenv("top_srcdir");
	return s && *s ? s : ".";
}

/* A complete scenario; weights add up to 17. */
static const char good_conf[] =
	"# a test scenario\n"
	"id = \"kela-test\"\n"
	"title_fi = \"Otsikko\"\n"
	"title_sv = \"Rubrik\"\n"
	"title_en = \"Title\"\n"
	"persona_en = \"A person\"\n"
	"difficulty = 2\n"
	"language = \"so\"\n"
	"step {\n"
	"\tfi = \"Ensin\"\n"
	"\ten = \"First\"\n"
	"}\n"
	"step {\n"
	"\ten = \"Second\"\n"
	"}\n"
	"hint {\n"
	"\tsv = \"Tips\"\n"
	"}\n"
	"key {\n"
	"\tchannel {\n"
	"\t\taccept = {\"walk-in\"}\n"
	"\t\tfeedback_en = \"came in person\"\n"
	"\t}\n"
	"\tlanguage { accept = {\"so\"} weight = 2 }\n"
	"\tinterpreter {\n"
	"\t\taccept = {\"colleague\", \"phone\"}\n"
	"\t\tresources = {\"desk3\", \"phone-int\"}\n"
	"\t\tweight = 3\n"
	"\t}\n"
	"\ttopic social-assistance {\n"
	"\t\tweight = 3\n"
	"\t\tfeedback_fi = \"toimeentulotuki\"\n"
	"\t\tfeedback_en = \"social assistance\"\n"
	"\t}\n"
	"\ttopic health { }\n"
	"\tacceptable_topics = {\"families\"}\n"
	"\textra_topic_penalty = 10\n"
	"\toutcome { accept = {\"redirected\", \"consulted\"} weight = 2 }\n"
	"\tredirect {\n"
	"\t\taccept = {\"svc-a\", \"svc-b\"}\n"
	"\t\tweight = 3\n"
	"\t\tfeedback_en = \"svc-a decides on it\"\n"
	"\t}\n"
	"\treason { accept = {\"wrong-place\"} weight = 2 }\n"
	"}\n";

static struct scenario *load_text(const char *name, const char *text)
{
	char *path = util_write(tmp, name, text), *err = NULL;
	struct scenario *sc = NULL;
	if (scenario_load_file(path, &sc, &err) != 0)
		fail_msg("%s", err);
	free(path);
	return sc;
}

static void test_good_file(void **state)
{
	struct scenario *sc = load_text("good.conf", good_conf);
	const struct sc_key *k = &sc->key;
	(void)state;

	assert_string_equal(sc->id, "kela-test");
	assert_string_equal(scenario_text(&sc->title, "sv"), "Rubrik");
	/* a missing text falls back: fi first */
	assert_string_equal(scenario_text(&sc->persona, "fi"), "A person");
	assert_int_equal(sc->difficulty, SC_MEDIUM);
	assert_string_equal(scenario_difficulty_code(sc->difficulty), "medium");
	assert_string_equal(sc->language, "so");
	assert_int_equal(sc->n_steps, 2);
	assert_string_equal(scenario_text(&sc->steps[0].text, "en"), "First");
	assert_string_equal(scenario_text(&sc->steps[1].text, "en"), "Second");
	assert_int_equal(sc->n_hints, 1);
	assert_string_equal(scenario_text(&sc->hints[0], "en"), "Tips");

	assert_int_equal(k->field[SC_F_channel].weight, 1);
	assert_int_equal(k->field[SC_F_channel].n_accept, 1);
	assert_string_equal(k->field[SC_F_channel].accept[0], "walk-in");
	assert_int_equal(k->field[SC_F_interpreter].n_resources, 2);
	assert_string_equal(k->field[SC_F_interpreter].resources[1], "phone-int");
	assert_int_equal(k->n_topics, 2);
	assert_int_equal(k->topics[0].topic, TOPIC_SOCIAL_ASSISTANCE);
	assert_int_equal(k->topics[0].weight, 3);
	assert_string_equal(scenario_text(&k->topics[0].feedback, "fi"), "toimeentulotuki");
	assert_int_equal(k->topics[1].topic, TOPIC_HEALTH);
	assert_int_equal(k->topics[1].weight, 1);
	assert_true(k->acceptable_topics == (topic_set)1 << TOPIC_FAMILIES);
	assert_int_equal(k->extra_topic_penalty, 10);
	assert_true(k->field[SC_F_redirect_service].present);
	assert_false(k->field[SC_F_redirect_service].optional);
	assert_true(k->field[SC_F_redirect_reason].present);
	assert_int_equal(k->field[SC_F_redirect_reason].weight, 2);
	scenario_free(&sc);
	assert_null(sc);
}

/* Each sample names its wrong line in its first comment. */
static void test_malformed_files(void **state)
{
	static const struct {
		const char *file;
		int line;
		const char *says;
	} cases[] = {
		{ "bad-channel.conf", 9, "'walkin' is not a channel code" },
		{ "bad-topic.conf", 12, "topic 'housng' is not a topic code" },
		{ "bad-weight.conf", 12, "weight must be a whole number from 1 to 100, not 500" },
		{ "bad-difficulty.conf", 4, "difficulty 'extreme' is not known" },
		{ "bad-language.conf", 4, "language 'English' is not a language code" },
		{ "unknown-option.conf", 7, "no such option 'de'" },
		{ "no-outcome.conf", 8, "the key has no outcome item" },
		{ "channel-twice.conf", 10, "channel is given twice" },
		{ "no-step.conf", 1, "the scenario has no step" },
		{ "reason-no-redirect.conf", 14, "reason item but no redirect item" },
		{ "empty-step.conf", 8, "this step has no text" },
		{ "topic-twice.conf", 13, "topic 'housing' is both required and in acceptable_topics" },
	};
	size_t i;
	(void)state;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *path = xasprintf("%s/tests/data/scenarios/%s", srcdir(), cases[i].file);
		char *prefix = xasprintf("%s:%d: ", path, cases[i].line);
		struct scenario *sc = NULL;
		char *err = NULL;
		if (scenario_load_file(path, &sc, &err) == 0)
			fail_msg("%s loaded but is malformed", cases[i].file);
		assert_null(sc);
		assert_non_null(err);
		if (strncmp(err, prefix, strlen(prefix)) || !strstr(err, cases[i].says))
			fail_msg("%s: expected \"%s...%s\", got \"%s\"", cases[i].file,
				 prefix, cases[i].says, err);
		/* one line */
		assert_null(strchr(err, '\n'));
		free(prefix);
		free(path);
		err_free(&err);
	}
}

static void test_missing_file(void **state)
{
	struct scenario *sc = NULL;
	char *err = NULL, *path = xasprintf("%s/nothing.conf", tmp);
	(void)state;
	assert_int_not_equal(scenario_load_file(path, &sc, &err), 0);
	assert_non_null(strstr(err, path));
	assert_non_null(strstr(err, "cannot read"));
	free(path);
	err_free(&err);
}

struct warnings {
	char *all;
	int n;
};

static void collect(void *ctx, const char *msg)
{
	struct warnings *w = ctx;
	char *s = xasprintf("%s%s\n", w->all ? w->all : "", msg);
	free(w->all);
	w->all = s;
	w->n++;
}

/* A folder with good, malformed and duplicate files: the malformed ones
 * are reported with file:line and left out, the rest load and sort. */
static void test_load_dir(void **state)
{
	char *dir = xasprintf("%s/scn", tmp), *err = NULL, *easy, *expect;
	struct scenario_set *set = NULL;
	struct warnings w = { NULL, 0 };
	(void)state;

	assert_int_equal(mkdir(dir, 0700), 0);
	free(util_write(dir, "b-good.conf", good_conf));
	easy = xstrdup(good_conf);
	memcpy(strstr(easy, "kela-test"), "aaaa-test", 9);
	memcpy(strstr(easy, "difficulty = 2"), "difficulty = 1", 14);
	free(util_write(dir, "c-easy.conf", easy));
	/* same id as b-good.conf: the later file is left out */
	free(util_write(dir, "d-dup.conf", good_conf));
	free(util_write(dir, "a-broken.conf", "id = \"x\"\nlanguage = \"so\"\nbogus = 1\n"));
	free(util_write(dir, "notes.txt", "not a scenario"));
	free(util_write(dir, ".hidden.conf", "broken {"));

	assert_int_equal(scenario_load_dir(dir, collect, &w, &set, &err), 0);
	assert_int_equal(set->n, 2);
	assert_string_equal(set->v[0]->id, "aaaa-test");	/* easy first */
	assert_string_equal(set->v[1]->id, "kela-test");
	assert_non_null(scenario_find(set, "kela-test"));
	assert_null(scenario_find(set, "nope"));
	assert_int_equal(w.n, 2);
	expect = xasprintf("%s/a-broken.conf:3: no such option 'bogus'", dir);
	assert_non_null(strstr(w.all, expect));
	free(expect);
	expect = xasprintf("%s/d-dup.conf:2: id 'kela-test' is already used by %s/b-good.conf",
			   dir, dir);
	assert_non_null(strstr(w.all, expect));
	free(expect);
	scenario_set_free(&set);
	assert_null(set);

	/* a folder that cannot be read is an error, not an empty list */
	free(w.all);
	free(dir);
	free(easy);
	dir = xasprintf("%s/no-such-folder", tmp);
	assert_int_equal(scenario_load_dir(dir, NULL, NULL, &set, &err), -1);
	assert_non_null(strstr(err, dir));
	err_free(&err);
	free(dir);
}

/* The site's folder comes first: its file replaces the bundled scenario of
 * the same id, the other bundled ones stay; a site without the folder is
 * fine (the bundled scenarios alone), a missing bundled folder is not. */
static void test_site_before_bundled(void **state)
{
	char *site = xasprintf("%s/site", tmp), *bundled = xasprintf("%s/bundled", tmp);
	char *other, *mine, *err = NULL;
	char *dirs[] = { site, bundled, NULL };
	struct scenario_set *set = NULL;
	struct warnings w = { NULL, 0 };
	const struct scenario *sc;
	(void)state;

	assert_int_equal(mkdir(bundled, 0700), 0);
	free(util_write(bundled, "kela.conf", good_conf));
	other = xstrdup(good_conf);
	memcpy(strstr(other, "kela-test"), "aaaa-test", 9);
	free(util_write(bundled, "other.conf", other));

	/* No site folder yet. */
	assert_int_equal(scenario_load_dirs(dirs, collect, &w, &set, &err), 0);
	assert_int_equal(set->n, 2);
	scenario_set_free(&set);

	assert_int_equal(mkdir(site, 0700), 0);
	mine = xstrdup(good_conf);
	memcpy(strstr(mine, "difficulty = 2"), "difficulty = 3", 14);
	free(util_write(site, "z-local.conf", mine));
	assert_int_equal(scenario_load_dirs(dirs, collect, &w, &set, &err), 0);
	assert_int_equal(set->n, 2);
	sc = scenario_find(set, "kela-test");
	assert_non_null(sc);
	assert_non_null(strstr(sc->path, site));
	assert_non_null(scenario_find(set, "aaaa-test"));
	/* An override is not a mistake: nothing to warn about. */
	assert_int_equal(w.n, 0);
	scenario_set_free(&set);

	dirs[1] = xasprintf("%s/gone", tmp);
	assert_int_equal(scenario_load_dirs(dirs, NULL, NULL, &set, &err), -1);
	assert_non_null(strstr(err, dirs[1]));
	err_free(&err);
	free(dirs[1]);
	free(other);
	free(mine);
	free(site);
	free(bundled);
}

static bool full_text(const struct cat_text *t)
{
	int l;
	for (l = 0; l < CAT__NLANG; l++)
		if (!t->v[l] || !*t->v[l])
			return false;
	return true;
}

static void assert_item_texts(const struct scenario *sc, const struct sc_item *it,
			      const char *what)
{
	if (it->present && !full_text(&it->feedback))
		fail_msg("%s: %s feedback is not in fi, sv and en", sc->id, what);
}

static void count_problem(void *ctx, const char *msg)
{
	(*(int *)ctx)++;
	fprintf(stderr, "%s\n", msg);
}

/* The bundled scenarios: at least ten, none malformed, every text in the
 * three languages, every service and resource in the bundled catalogue. */
static void test_bundled(void **state)
{
	char *dir = xasprintf("%s/data/scenarios", srcdir()), *err = NULL;
	char *sql = xasprintf("%s/data/catalogue/helsinki.sql", srcdir());
	char *db = xasprintf("%s/helsinki.db", tmp);
	struct scenario_set *set = NULL;
	struct catalogue *cat = NULL;
	struct warnings w = { NULL, 0 };
	int problems = 0;
	size_t i, j;
	(void)state;

	assert_int_equal(scenario_load_dir(dir, collect, &w, &set, &err), 0);
	if (w.n)
		fail_msg("bundled scenarios are malformed:\n%s", w.all);
	assert_true(set->n >= 10);
	if (catalogue_init(db, sql, false, &err) != 0 || catalogue_open(db, &cat, &err) != 0)
		fail_msg("%s", err);
	for (i = 0; i < set->n; i++) {
		const struct scenario *sc = set->v[i];
		size_t e, c;
		int f;
		if (!full_text(&sc->title) || !full_text(&sc->persona))
			fail_msg("%s: title or persona not in fi, sv and en", sc->id);
		for (j = 0; j < sc->n_steps; j++) {
			if (!full_text(&sc->steps[j].text))
				fail_msg("%s: step %zu not in fi, sv and en", sc->id, j + 1);
			for (c = 0; c < sc->steps[j].n_choices; c++)
				if (!full_text(&sc->steps[j].choices[c].text))
					fail_msg("%s: a choice of step %zu not in fi, sv and en",
						 sc->id, j + 1);
		}
		for (j = 0; j < sc->n_hints; j++)
			if (!full_text(&sc->hints[j]))
				fail_msg("%s: hint %zu not in fi, sv and en", sc->id, j + 1);
		/* Every key: the scenario's and each ending's own. */
		for (e = 0; e < sc->n_endings; e++) {
			const struct sc_key *k = sc->endings[e].key;
			if (sc->endings[e].id && (!full_text(&sc->endings[e].title)
						  || !full_text(&sc->endings[e].feedback)))
				fail_msg("%s: ending %s: title or feedback not in fi, sv and en",
					 sc->id, sc->endings[e].id);
			for (f = 0; f < SC__NFIELD; f++)
				if (f != SC_F_topics && scenario_field_section((enum sc_kind)f))
					assert_item_texts(sc, &k->field[f],
							  scenario_field_section((enum sc_kind)f));
			for (j = 0; j < k->n_topics; j++)
				assert_item_texts(sc, &k->topics[j], "topic");
		}
		scenario_check_catalogue(sc, cat, count_problem, &problems);
	}
	assert_int_equal(problems, 0);
	/* and the check does notice ids the catalogue lacks */
	{
		struct scenario *own = load_text("own.conf", good_conf);
		int n = 0;
		assert_int_equal(scenario_check_catalogue(own, cat, NULL, &n), 4);
		scenario_free(&own);
	}
	catalogue_free(&cat);
	scenario_set_free(&set);
	free(w.all);
	free(dir);
	free(sql);
	free(db);
}

/* ---- grading ------------------------------------------------------------ */

static struct contact *new_contact(void)
{
	struct contact_defaults d;
	contact_defaults_init(&d);
	return contact_new(&d);
}

static const struct grade_item *item(const struct grade *g, enum sc_kind kind,
				     int topic)
{
	size_t i;
	for (i = 0; i < g->n_items; i++)
		if (g->items[i].kind == kind && (topic < 0 || g->items[i].topic == topic))
			return &g->items[i];
	fail_msg("no graded item of kind %d", (int)kind);
	return NULL;
}

static void test_grade_full(void **state)
{
	struct scenario *sc = load_text("g.conf", good_conf);
	struct contact *c = new_contact();
	struct grade g;
	size_t i;
	(void)state;

	c->channel = codes_find(CODES_CHANNEL, "walk-in");
	contact_set_language(c, "so");
	c->interpreter = codes_find(CODES_INTERPRETER, "colleague");
	c->interpreter_resource = xstrdup("desk3");
	c->topics = (1u << TOPIC_SOCIAL_ASSISTANCE) | (1u << TOPIC_HEALTH)
		    | (1u << TOPIC_FAMILIES);	/* families: acceptable, free */
	c->outcome = codes_find(CODES_OUTCOME, "redirected");
	contact_set_redirect(c, "svc-a");
	c->redirect_reason = codes_find(CODES_REASON, "wrong-place");

	scenario_grade(sc, c, &g);
	assert_int_equal(g.score, 100);
	assert_int_equal(g.possible, 17);
	assert_int_equal(g.earned, 17);
	assert_int_equal(g.penalty, 0);
	assert_int_equal(g.n_items, 8);
	for (i = 0; i < g.n_items; i++)
		assert_true(g.items[i].matched);
	grade_free(&g);
	contact_free(&c);
	scenario_free(&sc);
}

static void test_grade_partial(void **state)
{
	struct scenario *sc = load_text("g.conf", good_conf);
	struct contact *c = new_contact();
	const struct grade_item *it;
	struct grade g;
	char *s;
	(void)state;

	c->channel = codes_find(CODES_CHANNEL, "phone");		/* miss 1 */
	contact_set_language(c, "so");					/* 2 */
	c->interpreter = codes_find(CODES_INTERPRETER, "colleague");
	c->interpreter_resource = xstrdup("desk9");			/* miss 3 */
	c->topics = (1u << TOPIC_SOCIAL_ASSISTANCE) | (1u << TOPIC_LEISURE);
	/* social assistance 3; health missed 1; leisure extra: -10 points */
	c->outcome = codes_find(CODES_OUTCOME, "redirected");		/* 2 */
	contact_set_redirect(c, "svc-x");				/* miss 3 */
	c->redirect_reason = codes_find(CODES_REASON, "wrong-place");	/* 2 */

	scenario_grade(sc, c, &g);
	/* 9 of 17 is 53 %, less 10 for the extra topic */
	assert_int_equal(g.earned, 9);
	assert_int_equal(g.possible, 17);
	assert_int_equal(g.penalty, 10);
	assert_int_equal(g.score, 43);

	it = item(&g, SC_CHANNEL, -1);
	assert_false(it->matched);
	assert_int_equal(it->points, 0);
	assert_string_equal(it->got, "phone");
	assert_string_equal(it->expected, "walk-in");
	assert_string_equal(grade_item_feedback(it, "en"), "came in person");

	it = item(&g, SC_INTERPRETER, -1);
	assert_false(it->matched);
	assert_string_equal(it->got, "colleague (desk9)");
	assert_string_equal(it->expected, "colleague, phone (desk3, phone-int)");

	it = item(&g, SC_TOPIC, TOPIC_SOCIAL_ASSISTANCE);
	assert_true(it->matched);
	assert_int_equal(it->points, 3);
	it = item(&g, SC_TOPIC, TOPIC_HEALTH);
	assert_false(it->matched);
	s = grade_item_key(it);
	assert_string_equal(s, "topic:health");
	free(s);

	it = item(&g, SC_EXTRA_TOPIC, TOPIC_LEISURE);
	assert_false(it->matched);
	assert_int_equal(it->points, -10);
	s = grade_item_key(it);
	assert_string_equal(s, "extra-topic:leisure");
	free(s);
	s = grade_item_label(it);
	assert_non_null(strstr(s, "Leisure"));
	free(s);
	/* no text in the file: a general one */
	assert_true(strlen(grade_item_feedback(it, "en")) > 10);

	/* a redirect to a service not in the key is a miss, with the why */
	it = item(&g, SC_REDIRECT, -1);
	assert_false(it->matched);
	assert_string_equal(it->got, "svc-x");
	assert_string_equal(it->expected, "svc-a, svc-b");
	assert_string_equal(grade_item_feedback(it, "fi"), "svc-a decides on it");

	it = item(&g, SC_REASON, -1);
	assert_true(it->matched);
	grade_free(&g);
	contact_free(&c);
	scenario_free(&sc);
}

static void test_grade_zero(void **state)
{
	struct scenario *sc = load_text("g.conf", good_conf);
	struct contact *c = new_contact();
	struct grade g;
	size_t i;
	(void)state;

	c->channel = codes_find(CODES_CHANNEL, "chat");
	contact_set_language(c, "fi");
	c->interpreter = codes_find(CODES_INTERPRETER, "none");
	c->topics = 1u << TOPIC_OTHER;
	c->outcome = codes_find(CODES_OUTCOME, "answered");

	scenario_grade(sc, c, &g);
	assert_int_equal(g.earned, 0);
	assert_int_equal(g.score, 0);		/* never below zero */
	for (i = 0; i < g.n_items; i++)
		assert_false(g.items[i].matched);
	/* the redirect that should have been made: missed, nothing recorded */
	assert_string_equal(item(&g, SC_REDIRECT, -1)->got, "");
	grade_free(&g);
	contact_free(&c);
	scenario_free(&sc);
}

/* s with the first `from` replaced by `to`, a new string. */
static char *replace(const char *s, const char *from, const char *to)
{
	const char *p = strstr(s, from);
	assert_non_null(p);
	return xasprintf("%.*s%s%s", (int)(p - s), s, to, p + strlen(from));
}

/* An optional redirect: answering is fine, redirecting must go to a
 * listed service; a phone interpreter with no resource recorded is fine
 * when the key lists none. */
static void test_grade_optional_redirect(void **state)
{
	char *text, *t2;
	struct scenario *sc;
	struct contact *c = new_contact();
	struct grade g;
	(void)state;

	text = replace(good_conf, "\t\tweight = 3\n\t\tfeedback_en = \"svc-a",
		       "\t\toptional = true\n\t\tweight = 3\n\t\tfeedback_en = \"svc-a");
	t2 = replace(text, "{\"redirected\", \"consulted\"}", "{\"answered\", \"consulted\"}");
	free(text);
	text = replace(t2, "\t\tresources = {\"desk3\", \"phone-int\"}\n", "");
	free(t2);
	sc = load_text("opt.conf", text);
	assert_true(sc->key.field[SC_F_redirect_service].optional);

	c->channel = codes_find(CODES_CHANNEL, "walk-in");
	contact_set_language(c, "so");
	c->interpreter = codes_find(CODES_INTERPRETER, "phone");
	c->topics = (1u << TOPIC_SOCIAL_ASSISTANCE) | (1u << TOPIC_HEALTH);
	c->outcome = codes_find(CODES_OUTCOME, "answered");
	scenario_grade(sc, c, &g);
	assert_int_equal(g.score, 100);
	grade_free(&g);

	c->outcome = codes_find(CODES_OUTCOME, "consulted");
	contact_set_redirect(c, "svc-z");
	c->redirect_reason = codes_find(CODES_REASON, "wrong-place");
	scenario_grade(sc, c, &g);
	assert_false(item(&g, SC_REDIRECT, -1)->matched);
	assert_int_equal(g.score, (100 * 14 + 17 / 2) / 17);
	grade_free(&g);

	contact_free(&c);
	scenario_free(&sc);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_file),
		cmocka_unit_test(test_malformed_files),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_load_dir),
		cmocka_unit_test(test_site_before_bundled),
		cmocka_unit_test(test_bundled),
		cmocka_unit_test(test_grade_full),
		cmocka_unit_test(test_grade_partial),
		cmocka_unit_test(test_grade_zero),
		cmocka_unit_test(test_grade_optional_redirect),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
