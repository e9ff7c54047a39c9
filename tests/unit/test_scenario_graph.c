/* test_scenario_graph: branching scenarios as a trainer writes them: the
 * step graph (names, choices, rules over the recorded contact, endings
 * with their own keys and caps, a second contact), the mistakes the graph
 * check finds with their lines (unreachable steps, loops without a
 * choice, dead ends, unknown names, endings without keys), a trainee
 * walking three paths to three endings, and the grading of the fields
 * 0.1 could not grade. */
#include "util.h"

#include <config.h>

#include "core/contact.h"
#include "core/err.h"
#include "core/scenario.h"
#include "core/training.h"

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

#define KEY(outcome, extra) \
	"\tkey {\n" \
	"\t\tchannel { accept = {\"phone\"} }\n" \
	"\t\tlanguage { accept = {\"et\"} }\n" \
	"\t\tinterpreter { accept = {\"phone\"} weight = 2 }\n" \
	"\t\ttopic employment { weight = 2 }\n" \
	"\t\toutcome { accept = {\"" outcome "\"} }\n" \
	extra \
	"\t}\n"

/* A phone call in Estonian: with an interpreter recorded the customer is
 * answered; without one the trainee chooses between a callback (a second
 * contact) and sending her away (capped at 40). */
static const char branch_conf[] =
	"id = \"branch-test\"\n"
	"title_en = \"Tax card\"\n"
	"language = \"et\"\n"
	"step {\n"				/* 4 */
	"\tid = \"start\"\n"
	"\ten = \"She phones in Estonian.\"\n"
	"\twhen { interpreter = {\"phone\", \"video\"} next = \"with-interp\" }\n"
	"\tnext = \"alone\"\n"
	"}\n"
	"step {\n"				/* 10 */
	"\tid = \"alone\"\n"
	"\ten = \"She does not follow.\"\n"
	"\tchoice { en = \"Promise a callback\" next = \"promise\" }\n"
	"\tchoice { en = \"Send her to Kela\" next = \"sent-away\" }\n"
	"}\n"
	"step {\n"				/* 16 */
	"\tid = \"with-interp\"\n"
	"\ten = \"Through the interpreter: a tax card.\"\n"
	"\tnext = \"answered\"\n"
	"}\n"
	"step {\n"				/* 21 */
	"\tid = \"promise\"\n"
	"\ten = \"She agrees.\"\n"
	"\tnext = \"promised\"\n"
	"}\n"
	"ending answered {\n"			/* 26 */
	"\ttitle_en = \"Answered\"\n"
	"\tfeedback_en = \"Right away.\"\n"
	KEY("answered", "")
	"}\n"
	"ending sent-away {\n"
	"\ttitle_en = \"Sent away\"\n"
	"\tmax_score = 40\n"
	KEY("redirected", "\t\tredirect { accept = {\"kela\"} }\n")
	"}\n"
	"ending promised {\n"
	"\ttitle_en = \"A callback promised\"\n"
	"\tnext = \"callback\"\n"
	KEY("callback", "")
	"}\n"
	"step {\n"
	"\tid = \"callback\"\n"
	"\ten = \"You call back with an interpreter.\"\n"
	"\tnext = \"called\"\n"
	"}\n"
	"ending called {\n"
	"\ttitle_en = \"Called back\"\n"
	KEY("answered", "")
	"}\n";

static struct scenario *load(const char *text, char **err)
{
	char *path = util_write(tmp, "s.conf", text);
	struct scenario *sc = NULL;
	if (scenario_load_file(path, &sc, err) != 0)
		sc = NULL;
	free(path);
	return sc;
}

static struct scenario *load_ok(const char *text)
{
	char *err = NULL;
	struct scenario *sc = load(text, &err);
	if (!sc)
		fail_msg("%s", err);
	return sc;
}

/* The error of text, without the folder in front: "s.conf:12: ...". */
static char *load_err(const char *text)
{
	char *err = NULL, *out;
	const char *slash;
	struct scenario *sc = load(text, &err);
	if (sc)
		fail_msg("loaded, but should not have:\n%s", text);
	assert_non_null(err);
	slash = strrchr(err, '/');
	out = xstrdup(slash ? slash + 1 : err);
	err_free(&err);
	return out;
}

static int ending_named(const struct scenario *sc, const char *id)
{
	size_t i;
	for (i = 0; i < sc->n_endings; i++)
		if (sc->endings[i].id && !strcmp(sc->endings[i].id, id))
			return (int)i;
	return -1;
}

static struct contact *answer(const char *interp, const char *outcome)
{
	struct contact_defaults d;
	struct contact *c;
	contact_defaults_init(&d);
	c = contact_new(&d);
	c->channel = codes_find(CODES_CHANNEL, "phone");
	contact_set_language(c, "et");
	c->interpreter = codes_find(CODES_INTERPRETER, interp);
	c->topics = (topic_set)1 << TOPIC_EMPLOYMENT;
	c->outcome = codes_find(CODES_OUTCOME, outcome);
	return c;
}

static void test_graph_resolved(void **state)
{
	struct scenario *sc = load_ok(branch_conf);
	struct contact *phone = answer("phone", "answered");
	struct contact *none = answer("none", "answered");
	(void)state;

	assert_true(sc->branching);
	assert_int_equal(sc->n_steps, 5);
	assert_int_equal(sc->n_endings, 4);	/* no key of its own: no fifth */
	assert_int_equal(sc->steps[0].line, 4);
	assert_int_equal(sc->steps[1].line, 10);
	assert_int_equal(sc->steps[1].n_choices, 2);
	assert_int_equal(sc->endings[ending_named(sc, "answered")].line, 26);
	assert_int_equal(sc->endings[ending_named(sc, "sent-away")].max_score, 40);

	/* A rule over what the trainee recorded picks the way on. */
	assert_int_equal(scenario_step_next(sc, 0, NULL), 1);
	assert_int_equal(scenario_step_next(sc, 0, none), 1);
	assert_int_equal(scenario_step_next(sc, 0, phone), 2);
	/* A step with choices waits for the trainee. */
	assert_int_equal(scenario_step_next(sc, 1, phone), -1);
	assert_int_equal(scenario_ending_from(sc, 0, phone), ending_named(sc, "answered"));
	assert_int_equal(scenario_ending_from(sc, 0, none), -1);
	assert_true(scenario_target_is_step(sc, sc->steps[1].choices[0].target));
	assert_int_equal(scenario_target_ending(sc, sc->steps[1].choices[1].target),
			 ending_named(sc, "sent-away"));
	contact_free(&phone);
	contact_free(&none);
	scenario_free(&sc);
}

/* A rule over topics and over "nothing recorded". */
static void test_when_values(void **state)
{
	struct sc_cond conds[2];
	struct sc_when w;
	char *topics[] = { "housing", "daycare" }, *nothing[] = { "" };
	struct contact *c = answer("none", "answered");
	(void)state;

	memset(&w, 0, sizeof w);
	conds[0].field = SC_F_topics;
	conds[0].values = topics;
	conds[0].n_values = 2;
	w.conds = conds;
	w.n_conds = 1;
	assert_false(scenario_when_holds(&w, c));	/* employment only */
	c->topics |= (topic_set)1 << TOPIC_DAYCARE;
	assert_true(scenario_when_holds(&w, c));
	/* And the service: none recorded yet. */
	conds[1].field = SC_F_redirect_service;
	conds[1].values = nothing;
	conds[1].n_values = 1;
	w.n_conds = 2;
	assert_true(scenario_when_holds(&w, c));
	contact_set_redirect(c, "kela");
	assert_false(scenario_when_holds(&w, c));
	contact_free(&c);
}

/* s with the first `from` replaced by `to`, a new string. */
static char *replace(const char *s, const char *from, const char *to)
{
	const char *p = strstr(s, from);
	if (!p)
		fail_msg("no '%s' in the text", from);
	return xasprintf("%.*s%s%s", (int)(p - s), s, to, p + strlen(from));
}

static void expect_error(const char *text, const char *want)
{
	char *e = load_err(text);
	if (!strstr(e, want))
		fail_msg("expected '%s' in: %s", want, e);
	assert_null(strchr(e, '\n'));
	free(e);
}

static void test_graph_errors(void **state)
{
	char *t;
	(void)state;

	/* A step that nothing leads to, at its own line. */
	t = replace(branch_conf, "\tnext = \"promised\"\n", "\tnext = \"called\"\n");
	expect_error(t, "s.conf:60: step 'callback' can never be reached");
	free(t);
	t = xasprintf("%sstep {\n\tid = \"orphan\"\n\ten = \"Hm.\"\n\tnext = \"called\"\n}\n",
		      branch_conf);
	expect_error(t, "step 'orphan' can never be reached: no step, choice or rule leads to it");
	free(t);

	/* Unknown names, at the line of the choice or the step. */
	t = replace(branch_conf, "next = \"sent-away\"", "next = \"sent-awya\"");
	expect_error(t, "s.conf:14: choice: next 'sent-awya' is neither a step nor an ending");
	free(t);
	t = replace(branch_conf, "\tnext = \"answered\"\n", "\tnext = \"nowhere\"\n");
	expect_error(t, "s.conf:16: step: next 'nowhere' is neither a step nor an ending");
	free(t);

	/* A loop without a choice: the story would never end. */
	t = replace(branch_conf, "\tnext = \"answered\"\n", "\tnext = \"start\"\n");
	expect_error(t, "go round without a choice");
	free(t);
	/* A loop with a choice out of it is a conversation. */
	{
		char *t2 = replace(branch_conf, "\tnext = \"promised\"\n", "\tnext = \"alone\"\n");
		char *t3 = replace(t2, "\tchoice { en = \"Send her to Kela\" next = \"sent-away\" }\n",
				   "\tchoice { en = \"Send her to Kela\" next = \"sent-away\" }\n"
				   "\tchoice { en = \"Promise at once\" next = \"promised\" }\n");
		struct scenario *sc = load_ok(t3);
		assert_int_equal(sc->steps[1].n_choices, 3);
		scenario_free(&sc);
		free(t2);
		free(t3);
	}

	/* Steps that can only lead to each other reach no ending. */
	t = xasprintf("id = \"x\"\ntitle_en = \"X\"\nlanguage = \"et\"\n"
		      "step { id = \"a\" en = \"A\"\n"
		      "\tchoice { en = \"b\" next = \"b\" }\n"
		      "\tchoice { en = \"end\" next = \"done\" }\n}\n"
		      "step { id = \"b\" en = \"B\"\n\tchoice { en = \"c\" next = \"c\" }\n}\n"
		      "step { id = \"c\" en = \"C\"\n\tchoice { en = \"b\" next = \"b\" }\n}\n"
		      "ending done {\n%s}\n", KEY("answered", ""));
	expect_error(t, "s.conf:8: from step 'b' the story reaches no ending");
	free(t);

	/* An ending without a key, and no key for the whole scenario. */
	t = replace(branch_conf, "\ttitle_en = \"Called back\"\n" KEY("answered", ""),
		    "\ttitle_en = \"Called back\"\n");
	expect_error(t, "ending 'called' has no answer key");
	free(t);

	/* Choices and a next on one step. */
	t = replace(branch_conf, "\tchoice { en = \"Send her to Kela\" next = \"sent-away\" }\n",
		    "\tchoice { en = \"Send her to Kela\" next = \"sent-away\" }\n\tnext = \"promise\"\n");
	expect_error(t, "s.conf:10: step 'alone' has choices and also a next or when");
	free(t);

	/* A rule's values are checked like a key's. */
	t = replace(branch_conf, "interpreter = {\"phone\", \"video\"}",
		    "interpreter = {\"phone\", \"vidoe\"}");
	expect_error(t, "s.conf:7: when: interpreter: 'vidoe' is not a");
	free(t);
	/* "an outcome", not "a outcome". */
	t = replace(branch_conf, "outcome { accept = {\"answered\"} }", "outcome { accept = {\"answerd\"} }");
	expect_error(t, "outcome: 'answerd' is not an outcome code (answered,");
	free(t);
	/* A choice must say where it leads. */
	t = replace(branch_conf, "\tchoice { en = \"Promise a callback\" next = \"promise\" }\n",
		    "\tchoice { en = \"Promise a callback\" }\n");
	expect_error(t, "s.conf:13: this choice leads nowhere");
	free(t);
	/* Two steps of one name. */
	t = replace(branch_conf, "\tid = \"promise\"\n", "\tid = \"alone\"\n");
	expect_error(t, "s.conf:21: step id 'alone' is already the name of step 'alone'");
	free(t);
}

/* A file of version 0.1 is a line of steps to its one key. */
static void test_linear_is_a_line(void **state)
{
	char *t = xasprintf("id = \"lin\"\ntitle_en = \"L\"\nlanguage = \"et\"\n"
			    "step { en = \"one\" }\nstep { en = \"two\" }\n%s", KEY("answered", ""));
	struct scenario *sc = load_ok(t);
	struct training *tr = NULL;
	char *err = NULL;
	(void)state;

	assert_false(sc->branching);
	assert_int_equal(sc->n_endings, 1);
	assert_null(sc->endings[0].id);
	assert_true(sc->endings[0].key == &sc->key);
	assert_int_equal(scenario_step_next(sc, 0, NULL), 1);
	assert_int_equal(scenario_ending_from(sc, 0, NULL), 0);
	assert_int_equal(training_start(&tr, sc, "t", NULL, 0, &err), 0);
	assert_int_equal(training_steps_left(tr), 1);
	assert_true(training_next_step(tr));
	assert_false(training_next_step(tr));
	assert_int_equal(training_advance(tr, NULL), TRAINING_ENDING);
	assert_int_equal(training_advance(tr, NULL), TRAINING_DONE);
	training_free(&tr);

	/* F2 before the story is told, F3: the next step still comes. */
	assert_int_equal(training_start(&tr, sc, "t", NULL, 0, &err), 0);
	{
		struct contact *c = answer("phone", "answered");
		assert_int_equal(training_grade(tr, c, 10, &err), 0);
		assert_int_equal(tr->grade.score, 100);
		training_retry(tr, 20);
		assert_int_equal(tr->attempt, 2);
		assert_true(training_next_step(tr));
		assert_int_equal(tr->steps_shown, 2);
		contact_free(&c);
	}
	training_free(&tr);
	scenario_free(&sc);
	free(t);
}

/* A trainee plays the scenario three ways: with an interpreter (answered,
 * 100), sending her away (capped at 40), and promising a callback (two
 * contacts, both graded, their mean recorded). */
static void test_three_paths(void **state)
{
	struct scenario *sc = load_ok(branch_conf);
	struct training *t = NULL;
	struct contact *c;
	char *err = NULL, *k;
	size_t i;
	bool second = false;
	(void)state;

	/* 1: the interpreter is recorded before F11: the rule leads on. */
	assert_int_equal(training_start(&t, sc, "t", NULL, 0, &err), 0);
	c = answer("phone", "answered");
	assert_int_equal(training_choices(t), 0);
	assert_int_equal(training_advance(t, c), TRAINING_STEP);
	assert_string_equal(training_step(t)->id, "with-interp");
	assert_int_equal(training_advance(t, c), TRAINING_ENDING);
	assert_int_equal(t->ending, ending_named(sc, "answered"));
	assert_int_equal(training_grade(t, c, 60, &err), 0);
	assert_true(t->graded);
	assert_int_equal(t->grade.score, 100);
	contact_free(&c);

	/* 2: no interpreter; the trainee sends her away: a right record of a
	 * poor ending scores at most 40. */
	training_retry(t, 100);
	assert_int_equal(t->steps_shown, 1);	/* a branching story starts again */
	assert_int_equal(t->attempt, 2);
	c = answer("none", "redirected");
	contact_set_redirect(c, "kela");
	c->interpreter = codes_find(CODES_INTERPRETER, "phone");
	/* F2 before the choice: nothing graded. */
	{
		struct contact *n = answer("none", "redirected");
		assert_int_equal(training_advance(t, n), TRAINING_STEP);
		assert_int_equal(training_advance(t, n), TRAINING_CHOOSE);
		assert_int_equal(training_grade(t, n, 110, &err), 2);
		assert_false(t->graded);
		contact_free(&n);
	}
	assert_int_equal(training_choices(t), 2);
	assert_int_equal(training_choose(t, 5), TRAINING_CHOOSE);
	assert_int_equal(training_choose(t, 1), TRAINING_ENDING);
	assert_int_equal(t->path[1].choice, 1);
	assert_int_equal(training_grade(t, c, 160, &err), 0);
	assert_int_equal(t->grade.score, 40);
	assert_int_equal(t->grade.max_score, 40);
	contact_free(&c);

	/* 3: the callback: contact 1 promises, contact 2 answers. */
	training_retry(t, 200);
	assert_int_equal(training_advance(t, NULL), TRAINING_STEP);
	assert_int_equal(training_choose(t, 0), TRAINING_STEP);
	assert_int_equal(training_advance(t, NULL), TRAINING_ENDING);
	c = answer("none", "callback");			/* interpreter missed */
	assert_int_equal(training_grade(t, c, 230, &err), 1);
	assert_true(t->contact_graded);
	assert_false(t->graded);
	assert_int_equal(t->scores[0], (100 * 5 + 3) / 7);
	assert_int_equal(training_grade(t, c, 231, &err), 1);	/* once */
	contact_free(&c);
	assert_int_equal(training_advance(t, NULL), TRAINING_NEXT_CONTACT);
	assert_int_equal(t->contact, 2);
	assert_string_equal(training_step(t)->id, "callback");
	assert_int_equal(training_advance(t, NULL), TRAINING_ENDING);
	c = answer("phone", "answered");
	assert_int_equal(training_grade(t, c, 300, &err), 0);
	assert_true(t->graded);
	assert_int_equal(t->grade.contacts, 2);
	/* graded once: F2 again does not grade the last contact alone */
	assert_int_equal(training_grade(t, c, 310, &err), 3);
	assert_int_equal(t->grade.contacts, 2);
	assert_int_equal(t->scores[1], 100);
	assert_int_equal(t->grade.score, (t->scores[0] + 100 + 1) / 2);
	for (i = 0; i < t->grade.n_items; i++) {
		k = grade_item_key(&t->grade.items[i]);
		if (t->grade.items[i].contact == 2) {
			assert_true(!strncmp(k, "2:", 2));
			second = true;
		} else
			assert_null(strchr(k, ':') && k[0] >= '0' && k[0] <= '9' ? k : NULL);
		free(k);
	}
	assert_true(second);
	contact_free(&c);
	training_free(&t);
	scenario_free(&sc);
}

/* The fields 0.1 could not grade, a count, the note, and feedback of its
 * own for a known wrong service. */
static const char fields_conf[] =
	"id = \"fields\"\ntitle_en = \"F\"\nlanguage = \"fa\"\n"
	"step { en = \"She came because a friend told her.\" }\n"
	"key {\n"
	"\tchannel { accept = {\"walk-in\"} }\n"
	"\tlanguage { accept = {\"fa\"} }\n"
	"\tinterpreter { accept = {\"on-site\"} }\n"
	"\ttopic health { }\n"
	"\toutcome { accept = {\"redirected\"} }\n"
	"\tredirect {\n"
	"\t\taccept = {\"svc-a\"}\n"
	"\t\tfeedback_en = \"general\"\n"
	"\t\twrong_feedback_en = \"another service\"\n"
	"\t\tservice svc-a { feedback_en = \"svc-a is right\" }\n"
	"\t\tservice svc-b { feedback_en = \"svc-b is for employers\" }\n"
	"\t}\n"
	"\treason { accept = {\"time\"} }\n"
	"\tdiscovery { accept = {\"network\"} weight = 2 feedback_en = \"a friend\" }\n"
	"\tage_band { accept = {\"30-64\"} }\n"
	"\tgender { accept = {\"female\"} }\n"
	"\tlife_situation { accept = {\"unemployed\"} }\n"
	"\tnote { weight = 3 }\n"
	"}\n";

static const struct grade_item *item(const struct grade *g, enum sc_kind k)
{
	size_t i;
	for (i = 0; i < g->n_items; i++)
		if (g->items[i].kind == k)
			return &g->items[i];
	fail_msg("no item %d", (int)k);
	return NULL;
}

static void test_grade_every_field(void **state)
{
	struct scenario *sc;
	struct contact *c = answer("on-site", "redirected");
	const struct grade_item *it;
	struct grade g;
	char *k, *text;
	int life;
	(void)state;

	life = codes_find(CODES_LIFE, "unemployed");
	sc = load_ok(fields_conf);
	c->channel = codes_find(CODES_CHANNEL, "walk-in");
	contact_set_language(c, "fa");
	c->topics = (topic_set)1 << TOPIC_HEALTH;
	contact_set_redirect(c, "svc-a");
	c->redirect_reason = codes_find(CODES_REASON, "time");
	c->discovery = codes_find(CODES_DISCOVERY, "network");
	c->age_band = codes_find(CODES_AGE, "30-64");
	c->gender = codes_find(CODES_GENDER, "female");
	c->life_situation = life;
	contact_set_note(c, "asked about opening hours");
	scenario_grade(sc, c, &g);
	assert_int_equal(g.score, 100);
	it = item(&g, SC_F_discovery);
	assert_true(it->matched);
	assert_int_equal(it->weight, 2);
	k = grade_item_key(it);
	assert_string_equal(k, "discovery");
	free(k);
	k = grade_item_label(it);
	assert_string_equal(k, "Found us via");
	free(k);
	/* the right service's own feedback is there to read */
	it = item(&g, SC_F_redirect_service);
	assert_true(it->matched && it->specific);
	assert_string_equal(grade_item_feedback(it, "en"), "svc-a is right");
	k = grade_item_key(item(&g, SC_F_age_band));
	assert_string_equal(k, "age_band");
	free(k);
	grade_free(&g);

	/* Wrong ones: each field on its own, a note with an identity code. */
	c->discovery = codes_find(CODES_DISCOVERY, "internet");
	c->gender = -1;
	contact_set_note(c, "hetu 131052-308T");
	contact_set_redirect(c, "svc-b");
	scenario_grade(sc, c, &g);
	assert_false(item(&g, SC_F_discovery)->matched);
	assert_string_equal(item(&g, SC_F_discovery)->got, "internet");
	assert_string_equal(grade_item_feedback(item(&g, SC_F_discovery), "en"), "a friend");
	assert_false(item(&g, SC_F_gender)->matched);
	assert_string_equal(item(&g, SC_F_gender)->got, "");
	it = item(&g, SC_F_note);
	assert_false(it->matched);
	assert_null(strstr(it->got, "131052"));	/* never repeated */
	assert_true(strlen(grade_item_feedback(it, "en")) > 10);
	/* a known wrong service: its own feedback, not the general one */
	it = item(&g, SC_F_redirect_service);
	assert_false(it->matched);
	assert_string_equal(grade_item_feedback(it, "en"), "svc-b is for employers");
	assert_true(item(&g, SC_F_age_band)->matched);
	grade_free(&g);

	/* another wrong service, and none at all: two texts */
	contact_set_redirect(c, "svc-z");
	scenario_grade(sc, c, &g);
	assert_string_equal(grade_item_feedback(item(&g, SC_F_redirect_service), "en"),
			    "another service");
	grade_free(&g);
	contact_set_redirect(c, NULL);
	scenario_grade(sc, c, &g);
	assert_string_equal(grade_item_feedback(item(&g, SC_F_redirect_service), "en"),
			    "general");
	grade_free(&g);

	contact_free(&c);
	scenario_free(&sc);

	/* Misspelt codes of the new items are found with their line. */
	text = replace(fields_conf, "unemployed", "unemploid");
	expect_error(text, "s.conf:22: life_situation: 'unemploid' is not a");
	free(text);
}

static void test_counts(void **state)
{
	char *why;
	(void)state;
	assert_true(scenario_count_matches("1", 1));
	assert_false(scenario_count_matches("1", 2));
	assert_true(scenario_count_matches("2-4", 3));
	assert_false(scenario_count_matches("2-4", 5));
	assert_true(scenario_count_matches("5+", 12));
	assert_false(scenario_count_matches("5+", 4));
	assert_false(scenario_count_matches("4-2", 3));
	assert_false(scenario_count_matches("two", 2));
	/* Every field's section is found back from its name. */
	assert_int_equal(scenario_field_find("redirect"), SC_F_redirect_service);
	assert_int_equal(scenario_field_find("reason"), SC_F_redirect_reason);
	assert_int_equal(scenario_field_find("topic"), SC_F_topics);
	assert_int_equal(scenario_field_find("age_band"), SC_F_age_band);
	assert_int_equal(scenario_field_find("interpreter_resource"), -1);
	assert_true(scenario_field_private(SC_F_note));
	why = scenario_field_value_error(SC_F_gender, "femal");
	assert_non_null(why);
	free(why);
	assert_null(scenario_field_value_error(SC_F_gender, "female"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_graph_resolved),
		cmocka_unit_test(test_when_values),
		cmocka_unit_test(test_graph_errors),
		cmocka_unit_test(test_linear_is_a_line),
		cmocka_unit_test(test_three_paths),
		cmocka_unit_test(test_grade_every_field),
		cmocka_unit_test(test_counts),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
