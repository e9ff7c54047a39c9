/* test_training: a trainee's run through a scenario without a terminal:
 * steps and hints revealed one at a time, attempt numbers that follow the
 * results file (graded attempts count, abandoned ones do not), grading
 * with and without a results file, what the Scenario pane shows (story,
 * score, what was missed and why), and the desk side of training: no
 * statistics file is ever opened, a new attempt starts from the desk's
 * defaults, and F2 checks what a real save would; F1 says what the keys
 * do on the training screen. */
#include "util.h"

#include <config.h>
#include <sys/stat.h>
#include <time.h>

#include "core/catalogue.h"
#include "core/catalogue_publish.h"
#include "core/config.h"
#include "core/err.h"
#include "core/results.h"
#include "core/scenario.h"
#include "core/training.h"
#include "panes/desk.h"
#include "panes/scenario.h"
#include "panes/topics.h"
#include "ui/help.h"
#include "ui/screen.h"

static char *tmp;
static time_t fixed_now = 1767225600;	/* 2026-01-01 */

static time_t test_clock(void)
{
	return fixed_now;
}

static int setup(void **state)
{
	(void)state;
	tmp = util_tmpdir();
	setenv("HOME", tmp, 1);
	setenv("XDG_DATA_HOME", tmp, 1);
	setenv("XDG_STATE_HOME", tmp, 1);
	setenv("XDG_CONFIG_HOME", tmp, 1);
	setenv("LC_ALL", "C.UTF-8", 1);
	unsetenv("LANGUAGE");
	setenv("TZ", "Europe/Helsinki", 1);
	tzset();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	util_rmtree(&tmp);
	return 0;
}

static const char scenario_conf[] =
	"id = \"youth\"\n"
	"title_en = \"A young person looking for work\"\n"
	"persona_en = \"A 19-year-old in the chat.\"\n"
	"difficulty = easy\n"
	"language = \"fi\"\n"
	"step { en = \"Where do I ask about jobs?\" }\n"
	"step { en = \"I dropped out of school.\" }\n"
	"step { en = \"And I want a flat of my own.\" }\n"
	"hint { en = \"Think of one place for all of it.\" }\n"
	"key {\n"
	"\tchannel { accept = {\"chat\"} weight = 2\n"
	"\t\tfeedback_en = \"The contact came through the chat.\" }\n"
	"\tlanguage { accept = {\"fi\"} }\n"
	"\tinterpreter { accept = {\"none\"} }\n"
	"\ttopic employment { weight = 2 feedback_en = \"She asked about work first.\" }\n"
	"\toutcome { accept = {\"redirected\"} }\n"
	"\tredirect { accept = {\"youth-point\"} weight = 3\n"
	"\t\tfeedback_en = \"The youth point handles all of it at once.\" }\n"
	"\treason { accept = {\"expertise\"} }\n"
	"}\n";

static struct scenario *load(void)
{
	char *path = util_write(tmp, "youth.conf", scenario_conf), *err = NULL;
	struct scenario *sc = NULL;
	if (scenario_load_file(path, &sc, &err) != 0)
		fail_msg("%s", err);
	free(path);
	return sc;
}

static struct results *open_results(const char *sub)
{
	struct results *r = NULL;
	char *dir = xasprintf("%s/%s", tmp, sub), *err = NULL;
	if (results_open(&r, dir, &err) != 0)
		fail_msg("%s", err);
	free(dir);
	return r;
}

static struct catalogue *fixture(void)
{
	struct catalogue *cat = catalogue_new();
	struct cat_org *o = catalogue_add_org(cat);
	struct cat_service *s;
	o->id = xstrdup("city");
	o->kind = ORG_CITY;
	o->name.v[CAT_FI] = xstrdup("Kaupunki");
	o->name.v[CAT_EN] = xstrdup("City");
	s = catalogue_add_service(cat);
	s->id = xstrdup("youth-point");
	s->org = 0;
	s->name.v[CAT_FI] = xstrdup("Nuorten piste");
	s->name.v[CAT_EN] = xstrdup("Youth Point");
	s->topics = 1u << TOPIC_EMPLOYMENT;
	s = catalogue_add_service(cat);
	s->id = xstrdup("job-centre");
	s->org = 0;
	s->name.v[CAT_FI] = xstrdup("Työpiste");
	s->name.v[CAT_EN] = xstrdup("Job Centre");
	s->topics = 1u << TOPIC_EMPLOYMENT;
	return cat;
}

/* The right answer on the desk d. */
static void answer(struct desk *d, const char *service)
{
	desk_set_field(d, FIELD_CHANNEL, codes_find(CODES_CHANNEL, "chat"));
	desk_toggle_topic(d, TOPIC_EMPLOYMENT);
	desk_set_redirect(d, (size_t)catalogue_service_index(d->cat, service),
			  codes_find(CODES_REASON, "expertise"),
			  codes_find(CODES_OUTCOME, "redirected"));
}

static void test_steps_and_hints(void **state)
{
	struct scenario *sc = load();
	struct training *t = NULL;
	char *err = NULL;
	(void)state;

	assert_int_equal(training_start(&t, sc, "t01", NULL, 100, &err), 0);
	assert_int_equal(t->attempt, 1);
	assert_int_equal(t->steps_shown, 1);
	assert_int_equal(training_steps_left(t), 2);
	assert_true(training_next_step(t));
	assert_true(training_next_step(t));
	assert_false(training_next_step(t));
	assert_int_equal(t->steps_shown, 3);
	assert_int_equal(t->hints_shown, 0);
	assert_true(training_next_hint(t));
	assert_false(training_next_hint(t));
	assert_int_equal(training_hints_left(t), 0);

	/* A new attempt keeps what was revealed. */
	training_retry(t, 200);
	assert_int_equal(t->steps_shown, 3);
	assert_int_equal(t->hints_shown, 1);
	training_free(&t);
	assert_null(t);
	scenario_free(&sc);
}

static void test_attempts_follow_results(void **state)
{
	struct scenario *sc = load();
	struct results *r = open_results("attempts");
	struct training *t = NULL, *again = NULL;
	struct desk *d = desk_new(fixture(), NULL, "train", NULL);
	struct results_attempt *list = NULL;
	char *err = NULL;
	size_t n = 0;
	int count = -1;
	(void)state;

	assert_int_equal(training_start(&t, sc, "t01", r, 1000, &err), 0);
	answer(d, "youth-point");
	assert_int_equal(training_grade(t, d->c, 1090, &err), 0);
	assert_true(t->graded);
	assert_true(t->recorded);
	assert_int_equal(t->grade.score, 100);
	assert_int_equal(t->attempt, 1);

	/* Abandoned: the number stays; graded: it goes up. */
	training_retry(t, 1100);
	assert_int_equal(t->attempt, 2);
	assert_false(t->graded);
	training_retry(t, 1150);
	assert_int_equal(t->attempt, 2);
	desk_reset_contact(d);
	answer(d, "job-centre");
	assert_int_equal(training_grade(t, d->c, 1200, &err), 0);
	assert_int_equal(t->attempt, 2);
	assert_true(t->grade.score < 100);

	/* F2 again on a graded attempt grades a new one, timed from the
	 * last grade. */
	assert_int_equal(training_grade(t, d->c, 1230, &err), 0);
	assert_int_equal(t->attempt, 3);

	assert_int_equal(results_count(r, "t01", "youth", &count, &err), 0);
	assert_int_equal(count, 3);
	assert_int_equal(results_list(r, &list, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_int_equal(list[0].score, 100);
	assert_int_equal(list[0].seconds, 90);
	assert_int_equal(list[1].seconds, 50);	/* from the F3 at 1150 */
	assert_int_equal(list[2].seconds, 30);
	results_list_free(&list, n);

	/* The next session of the same trainee goes on counting; another
	 * trainee starts at 1. */
	assert_int_equal(training_start(&again, sc, "t01", r, 2000, &err), 0);
	assert_int_equal(again->attempt, 4);
	training_free(&again);
	assert_int_equal(training_start(&again, sc, "t02", r, 2000, &err), 0);
	assert_int_equal(again->attempt, 1);
	training_free(&again);

	training_free(&t);
	desk_free(&d);
	results_close(&r);
	scenario_free(&sc);
}

static void test_grade_without_results(void **state)
{
	struct scenario *sc = load();
	struct training *t = NULL;
	struct desk *d = desk_new(fixture(), NULL, "train", NULL);
	char *err = NULL;
	(void)state;

	assert_int_equal(training_start(&t, sc, "t01", NULL, 10, &err), 0);
	/* Nothing recorded: channel walk-in, no topic, answered. */
	assert_int_equal(training_grade(t, d->c, 5, &err), 0);
	assert_true(t->graded);
	assert_false(t->recorded);
	assert_int_equal(t->ended_at, 10);	/* never before the start */
	assert_true(t->grade.score < 30);
	training_free(&t);
	desk_free(&d);
	scenario_free(&sc);
}

static void test_pane_text(void **state)
{
	struct scenario *sc = load();
	struct training *t = NULL;
	struct desk *d = desk_new(fixture(), NULL, "train", NULL);
	struct pane *p;
	char *err = NULL, *text;
	(void)state;

	d->clock = test_clock;
	assert_int_equal(training_start(&t, sc, "t01", NULL, fixed_now, &err), 0);
	p = scenario_pane_new(d, t);

	text = scenario_pane_text(p, 40);
	assert_non_null(strstr(text, "A young person looking for work"));
	assert_non_null(strstr(text, "1/3 Where do I ask about jobs?"));
	assert_null(strstr(text, "I dropped out"));
	assert_non_null(strstr(text, "next-step: next step (2 more)"));
	assert_null(strstr(text, "Score"));
	assert_null(strstr(text, "Warning"));	/* the catalogue has the service */
	free(text);

	assert_int_equal(scenario_pane_reveal(p, ACT_NEXT_STEP) & PANE_HANDLED, PANE_HANDLED);
	assert_int_equal(scenario_pane_reveal(p, ACT_SHOW_HINT) & PANE_HANDLED, PANE_HANDLED);
	text = scenario_pane_text(p, 40);
	assert_non_null(strstr(text, "2/3 I dropped out of school."));
	assert_non_null(strstr(text, "Hint: Think of one place"));
	assert_null(strstr(text, "3/3"));
	free(text);

	/* A partial answer: the wrong service, the wrong channel. */
	desk_toggle_topic(d, TOPIC_EMPLOYMENT);
	desk_set_redirect(d, 1, codes_find(CODES_REASON, "expertise"),
			  codes_find(CODES_OUTCOME, "redirected"));
	assert_int_equal(training_grade(t, d->c, fixed_now + 60, &err), 0);
	scenario_pane_show_grade(p);
	text = scenario_pane_text(p, 200);
	assert_non_null(strstr(text, "Score: 55/100 (attempt 1)"));
	assert_non_null(strstr(text, "- Channel: recorded Walk-in; expected Chat"));
	assert_non_null(strstr(text, "The contact came through the chat."));
	assert_non_null(strstr(text, "recorded Job Centre; expected Youth Point"));
	assert_non_null(strstr(text, "The youth point handles all of it at once."));
	/* matched, and the weights are shown after grading */
	assert_non_null(strstr(text, "Topic: Employment (2/2 points)\n"));
	assert_non_null(strstr(text, "expected Chat (0/"));
	free(text);
	/* The grade is brought to the top. */
	assert_true(scenario_pane_top(p) > 0);

	/* The right answer: nothing missed. */
	desk_reset_contact(d);
	training_retry(t, fixed_now + 100);
	answer(d, "youth-point");
	assert_int_equal(training_grade(t, d->c, fixed_now + 160, &err), 0);
	text = scenario_pane_text(p, 200);
	assert_non_null(strstr(text, "Score: 100/100 (attempt 2)"));
	assert_non_null(strstr(text, "Nothing missed"));
	assert_null(strstr(text, "- Channel"));
	free(text);

	p->ops->done(p);
	free(p);
	training_free(&t);
	desk_free(&d);

	/* A catalogue without the key's service: the pane says so at once. */
	d = desk_new(catalogue_new(), NULL, "train", NULL);
	d->clock = test_clock;
	assert_int_equal(training_start(&t, sc, "t01", NULL, fixed_now, &err), 0);
	p = scenario_pane_new(d, t);
	text = scenario_pane_text(p, 200);
	assert_non_null(strstr(text, "Warning: this scenario was written for another catalogue"));
	assert_non_null(strstr(text, "! redirect: the catalogue has no service 'youth-point'"));
	free(text);
	assert_int_equal(scenario_pane_top(p), 0);	/* read first */
	p->ops->done(p);
	free(p);
	training_free(&t);
	desk_free(&d);
	scenario_free(&sc);
}

static void test_desk_side(void **state)
{
	struct config *cfg = NULL;
	struct cli_opts cli;
	struct desk *d = NULL;
	struct catalogue *cat = fixture();
	char *err = NULL, *catpath = xasprintf("%s/cat.db", tmp);
	char *stats = xasprintf("%s/stats", tmp);
	struct stat sb;
	(void)state;

	if (catalogue_publish(cat, catpath, &err) != 0)
		fail_msg("%s", err);
	catalogue_free(&cat);
	memset(&cli, 0, sizeof cli);
	cli.catalogue = catpath;
	cli.stats_dir = stats;
	cli.desk = "d1";
	if (config_load(&cfg, &cli, tmp, &err) != 0)
		fail_msg("%s", err);
	assert_int_equal(desk_open_training(cfg, &d, &err), 0);
	assert_null(d->stats);
	d->clock = test_clock;

	/* F2's checks: no topic yet. */
	assert_int_equal(desk_check(d), DESK_INVALID);
	assert_int_equal(d->want_pane, PANE_TOPICS);
	answer(d, "youth-point");
	assert_int_equal(desk_check(d), DESK_OK);
	desk_journal(d);

	/* A new attempt: channel and language do not stick. */
	contact_set_language(d->c, "so");
	desk_reset_contact(d);
	assert_int_equal(d->c->channel, codes_find(CODES_CHANNEL, "walk-in"));
	assert_string_equal(d->c->language, "fi");
	assert_int_equal(d->c->topics, 0);
	assert_false(desk_has_content(d));
	assert_int_equal(desk_undo(d), DESK_FAILED);

	desk_free(&d);
	/* Nothing was created where the statistics go. */
	assert_int_not_equal(stat(stats, &sb), 0);
	config_free(&cfg);
	free(catpath);
	free(stats);
}

static const char *train_help(struct screen *s, void *ud, enum action a)
{
	(void)s;
	(void)ud;
	if (a == ACT_SAVE)
		return "grade the attempt";
	if (a == ACT_UNDO)
		return "";
	if (a == ACT_NEXT_STEP)
		return "reveal the next step";
	return NULL;
}

/* Which help row starts with keys (then a tab); its text or NULL. */
static const char *row_text(char **rows, size_t n, const char *keys)
{
	size_t i, len = strlen(keys);
	for (i = 0; i < n; i++)
		if (!strncmp(rows[i], keys, len) && rows[i][len] == '\t')
			return rows[i] + len + 1;
	return NULL;
}

static void test_help_on_the_training_screen(void **state)
{
	static const struct screen_app app = {
		.scopes = SCOPE_BIT(SCOPE_GLOBAL) | SCOPE_BIT(SCOPE_CONTACT)
			  | SCOPE_BIT(SCOPE_TRAINING),
		.help = train_help,
	};
	char *path = util_write(tmp, "km",
				"global { save = \"F2\" undo = \"F9\" quit = \"F10\"\n"
				"  next-step = \"F11\" toggle = \"Space\" }\n"
				"pane scenario { next-step = { \"Space\", \"Enter\" } }\n");
	struct keymap *km = NULL;
	struct desk *d = desk_new(fixture(), NULL, "train", NULL);
	struct scenario *sc = load();
	struct training *t = NULL;
	struct screen *s;
	struct pane *topics, *scen;
	char *err = NULL, **rows;
	size_t n, i;
	(void)state;

	assert_int_equal(keymap_load(path, &km, &err), 0);
	assert_int_equal(training_start(&t, sc, "t01", NULL, 0, &err), 0);
	s = screen_new(km, NULL, &app, NULL);
	topics = topics_pane_new(d);
	scen = scenario_pane_new(d, t);
	screen_add_pane(s, topics);
	screen_add_pane(s, scen);

	/* A desk pane: F2 grades, F9 is not listed, F11 works from here. */
	rows = screen_help_rows(km, topics, &n);
	assert_string_equal(row_text(rows, n, "F2"), "grade the attempt");
	assert_null(row_text(rows, n, "F9"));
	assert_string_equal(row_text(rows, n, "F11"), "reveal the next step");
	assert_string_equal(row_text(rows, n, "F10"), "quit");
	for (i = 0; i < n; i++)
		free(rows[i]);
	free(rows);

	/* The scenario pane: its own keys first, the pane's own text. */
	rows = screen_help_rows(km, scen, &n);
	assert_true(n > 0);
	assert_string_equal(rows[0],
			    "Space, Enter, F11\treveal the next step of the customer's story");
	assert_string_equal(row_text(rows, n, "F2"), "grade the attempt");
	for (i = 0; i < n; i++)
		free(rows[i]);
	free(rows);

	screen_free(&s);
	training_free(&t);
	scenario_free(&sc);
	desk_free(&d);
	keymap_free(&km);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_steps_and_hints),
		cmocka_unit_test(test_attempts_follow_results),
		cmocka_unit_test(test_grade_without_results),
		cmocka_unit_test(test_pane_text),
		cmocka_unit_test(test_desk_side),
		cmocka_unit_test(test_help_on_the_training_screen),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
