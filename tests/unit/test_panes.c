/* test_panes: the desk's pane logic without a terminal: intake field
 * cycling and quick letters, the language search, topics, redirect and
 * interpreter choices, validation focus, sticky defaults, the journal. */
#include "util.h"

#include <config.h>
#include <time.h>

#include "core/catalogue_publish.h"
#include "core/err.h"
#include "core/hours.h"
#include "core/keymap.h"
#include "core/search_index.h"
#include "core/stats.h"
#include "panes/desk.h"
#include "panes/intake.h"
#include "panes/interpreters.h"
#include "panes/redirect.h"
#include "panes/screens.h"
#include "panes/topics.h"
#include "ui/dialog.h"
#include "ui/help.h"
#include "ui/overlay.h"
#include "ui/screen.h"

static char *tmp;
static time_t fixed_now;

static time_t test_clock(void)
{
	return fixed_now;
}

static void text3(struct cat_text *t, const char *fi, const char *sv,
		  const char *en)
{
	t->v[CAT_FI] = fi ? xstrdup(fi) : NULL;
	t->v[CAT_SV] = sv ? xstrdup(sv) : NULL;
	t->v[CAT_EN] = en ? xstrdup(en) : NULL;
}

static void add_language(struct catalogue *cat, const char *code,
			 const char *fi, const char *en, const char *native)
{
	struct cat_language *l = catalogue_add_language(cat);
	l->code = xstrdup(code);
	text3(&l->name, fi, NULL, en);
	l->native = xstrdup(native);
}

static void add_service(struct catalogue *cat, const char *id, const char *name,
			topic_set topics, const char *langs, const char *hours)
{
	struct cat_service *s = catalogue_add_service(cat);
	char *err = NULL, *copy, *tok, *save = NULL;
	s->id = xstrdup(id);
	s->org = 0;
	text3(&s->name, name, NULL, name);
	s->topics = topics;
	copy = xstrdup(langs);
	for (tok = strtok_r(copy, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		s->languages = xrealloc(s->languages, (s->n_languages + 1) * sizeof *s->languages);
		s->languages[s->n_languages++] = xstrdup(tok);
	}
	free(copy);
	s->info->phones = xcalloc(1, sizeof *s->info->phones);
	s->info->phones[0].number = xstrdup("09 310 00000");
	s->info->n_phones = 1;
	if (hours && hours_parse(&s->hours, hours, &err) != 0)
		fail_msg("%s", err);
}

static void add_resource(struct catalogue *cat, const char *id,
			 enum res_kind kind, const char *lang, unsigned modality,
			 int lead, const char *hours)
{
	struct cat_resource *r = catalogue_add_resource(cat);
	char *err = NULL;
	r->id = xstrdup(id);
	r->kind = kind;
	text3(&r->name, id, NULL, id);
	r->languages = xcalloc(1, sizeof *r->languages);
	r->languages[0].code = xstrdup(lang);
	r->n_languages = 1;
	r->modality = modality;
	r->lead_minutes = lead;
	if (hours && hours_parse(&r->hours, hours, &err) != 0)
		fail_msg("%s", err);
}

static struct catalogue *fixture(void)
{
	struct catalogue *cat = catalogue_new();
	struct cat_org *o = catalogue_add_org(cat);
	o->id = xstrdup("city");
	o->kind = ORG_CITY;
	text3(&o->name, "Kaupunki", NULL, "City");
	/* Sorted by code, as the loader keeps them. */
	add_language(cat, "ar", "arabia", "Arabic", "العربية");
	add_language(cat, "en", "englanti", "English", "English");
	add_language(cat, "fi", "suomi", "Finnish", "suomi");
	add_language(cat, "so", "somali", "Somali", "Soomaali");
	add_language(cat, "sv", "ruotsi", "Swedish", "svenska");
	add_service(cat, "housing-advice", "Housing advice",
		    1u << TOPIC_HOUSING, "fi en", "mo-su 0-24");
	add_service(cat, "rental-flats", "Rental flats",
		    1u << TOPIC_HOUSING, "fi so", NULL);
	add_service(cat, "schools", "Schools",
		    1u << TOPIC_EDUCATION, "fi sv", "mo-su 0-24");
	add_resource(cat, "desk-2-advisor", RES_COLLEAGUE, "so", MOD_INPERSON,
		     0, "mo-su 0-24");
	add_resource(cat, "interpreting", RES_INTERPRETING, "so",
		     MOD_PHONE | MOD_VIDEO, 60, "mo-fr 8-16");
	add_resource(cat, "arabic-line", RES_INTERPRETING, "ar", MOD_PHONE,
		     0, "mo-su 0-24");
	add_resource(cat, "sv-morning", RES_COLLEAGUE, "sv", MOD_INPERSON,
		     0, "mo-fr 8-10");
	return cat;
}

struct fx {
	struct desk *d;
	struct pane *intake, *topics, *redirect, *interp;
	char *stats_path;
};

static struct stats *open_stats(const char *path)
{
	struct stats_opts o = { "t1", NULL, NULL, 10, 30, NULL };
	struct stats *st = NULL;
	char *err = NULL;
	if (stats_open(&st, path, &o, &err) != 0)
		fail_msg("%s", err);
	return st;
}

static int fx_setup(void **state)
{
	struct fx *f = xcalloc(1, sizeof *f);
	static int n;
	char name[32];
	snprintf(name, sizeof name, "stats/t%d.db", n++);
	f->stats_path = xasprintf("%s/%s", tmp, name);
	f->d = desk_new(fixture(), open_stats(f->stats_path), "t1", NULL);
	f->d->clock = test_clock;
	desk_refresh_counts(f->d);
	f->intake = intake_pane_new(f->d);
	f->topics = topics_pane_new(f->d);
	f->redirect = redirect_pane_new(f->d);
	f->interp = interpreters_pane_new(f->d);
	*state = f;
	return 0;
}

static void pane_free(struct pane **p)
{
	(*p)->ops->done(*p);
	free(*p);
	*p = NULL;
}

static int fx_teardown(void **state)
{
	struct fx *f = *state;
	pane_free(&f->intake);
	pane_free(&f->topics);
	pane_free(&f->redirect);
	pane_free(&f->interp);
	desk_free(&f->d);
	free(f->stats_path);
	free(f);
	return 0;
}

static unsigned act(struct pane *p, enum action a)
{
	unsigned r = p->ops->handle(p, a, 0);
	if (p->ops->update)
		p->ops->update(p);
	return r;
}

static void type(struct pane *p, const char *s)
{
	while (*s) {
		p->ops->handle(p, ACT_NONE, (km_key)(unsigned char)*s++);
		if (p->ops->update)
			p->ops->update(p);
	}
}

static const char *code_of(enum code_list l, int i)
{
	const char *c = codes_code(l, i);
	return c ? c : "(unset)";
}

static void intake_fields_cycle(void **state)
{
	struct fx *f = *state;
	struct desk *d = f->d;
	int i;

	assert_int_equal(intake_field(f->intake), FIELD_CHANNEL);
	assert_string_equal(code_of(CODES_CHANNEL, d->c->channel), "walk-in");
	act(f->intake, ACT_NEXT_CHOICE);
	assert_string_equal(code_of(CODES_CHANNEL, d->c->channel), "phone");
	act(f->intake, ACT_PREV_CHOICE);
	act(f->intake, ACT_PREV_CHOICE);
	/* A required field wraps round without an empty choice. */
	assert_string_equal(code_of(CODES_CHANNEL, d->c->channel), "outreach");
	/* The contact started with the first change. */
	assert_int_equal(d->c->started_at, fixed_now);

	act(f->intake, ACT_PREV_FIELD);
	assert_int_equal(intake_field(f->intake), FIELD_CHANNEL);
	for (i = 0; i < 20; i++)
		act(f->intake, ACT_NEXT_FIELD);
	assert_int_equal(intake_field(f->intake), FIELD_STARTED);
	act(f->intake, ACT_PREV_FIELD);
	act(f->intake, ACT_PREV_FIELD);
	assert_int_equal(intake_field(f->intake), FIELD_NOTE);
	act(f->intake, ACT_HOME);	/* in the note: the text's start */
	assert_int_equal(intake_field(f->intake), FIELD_NOTE);
	act(f->intake, ACT_PAGE_UP);
	assert_int_equal(intake_field(f->intake), FIELD_CHANNEL);

	/* An optional field goes unset -> first ... last -> unset. */
	while (intake_field(f->intake) != FIELD_AGE)
		act(f->intake, ACT_NEXT_FIELD);
	assert_int_equal(d->c->age_band, -1);
	act(f->intake, ACT_NEXT_CHOICE);
	assert_string_equal(code_of(CODES_AGE, d->c->age_band), "under-18");
	act(f->intake, ACT_PREV_CHOICE);
	assert_int_equal(d->c->age_band, -1);
	act(f->intake, ACT_PREV_CHOICE);
	assert_string_equal(code_of(CODES_AGE, d->c->age_band), "unknown");
	act(f->intake, ACT_CLEAR_FIELD);
	assert_int_equal(d->c->age_band, -1);
}

static void intake_quick_letters(void **state)
{
	struct fx *f = *state;
	struct desk *d = f->d;
	type(f->intake, "c");
	assert_string_equal(code_of(CODES_CHANNEL, d->c->channel), "chat");
	type(f->intake, "e");
	assert_string_equal(code_of(CODES_CHANNEL, d->c->channel), "email");
	type(f->intake, "O");	/* case does not matter */
	assert_string_equal(code_of(CODES_CHANNEL, d->c->channel), "outreach");
	type(f->intake, "z");	/* nothing starts with z: unchanged */
	assert_string_equal(code_of(CODES_CHANNEL, d->c->channel), "outreach");
	/* The same letter again goes to the next choice with it. */
	while (intake_field(f->intake) != FIELD_INTERPRETER)
		act(f->intake, ACT_NEXT_FIELD);
	type(f->intake, "p");
	assert_string_equal(code_of(CODES_INTERPRETER, d->c->interpreter), "phone");
}

static void intake_language_search(void **state)
{
	struct fx *f = *state;
	struct desk *d = f->d;
	act(f->intake, ACT_NEXT_FIELD);
	assert_int_equal(intake_field(f->intake), FIELD_LANGUAGE);
	assert_true(f->intake->ops->wants_text(f->intake));
	type(f->intake, "som");
	assert_string_equal(d->c->language, "so");
	act(f->intake, ACT_CANCEL);
	assert_string_equal(intake_language_query(f->intake), "");
	type(f->intake, "soomaali");
	assert_string_equal(d->c->language, "so");
	act(f->intake, ACT_CANCEL);
	type(f->intake, "ar");
	assert_string_equal(d->c->language, "ar");
	/* Backspace edits the search. */
	f->intake->ops->handle(f->intake, ACT_NONE, KM_BACKSPACE);
	f->intake->ops->handle(f->intake, ACT_NONE, KM_BACKSPACE);
	type(f->intake, "sv");
	assert_string_equal(d->c->language, "sv");
	/* Leaving the field keeps the language and drops the search. */
	act(f->intake, ACT_NEXT_FIELD);
	assert_string_equal(intake_language_query(f->intake), "");
	assert_string_equal(d->c->language, "sv");
	/* Without a search, Left/Right walk every language. */
	act(f->intake, ACT_PREV_FIELD);
	act(f->intake, ACT_NEXT_CHOICE);
	assert_string_not_equal(d->c->language, "sv");
	act(f->intake, ACT_PREV_CHOICE);
	assert_string_equal(d->c->language, "sv");
}

static void note_refuses_personal_data(void **state)
{
	struct fx *f = *state;
	struct desk *d = f->d;
	unsigned r;
	while (intake_field(f->intake) != FIELD_NOTE)
		act(f->intake, ACT_NEXT_FIELD);
	type(f->intake, "call 040 123 4567");
	assert_string_equal(d->c->note, "call 040 123 4567");
	/* Neither the field nor the pane can be left. */
	r = act(f->intake, ACT_PREV_FIELD);
	assert_true(r & PANE_HANDLED);
	assert_int_equal(intake_field(f->intake), FIELD_NOTE);
	assert_true(d->message_error);
	r = act(f->intake, ACT_NEXT_PANE);
	assert_true(r & PANE_HANDLED);
	/* Saving refuses too and points at the note. */
	desk_toggle_topic(d, TOPIC_HOUSING);
	assert_int_equal(desk_save(d), DESK_INVALID);
	assert_int_equal(d->want_pane, PANE_INTAKE);
	assert_int_equal(d->want_field, FIELD_NOTE);
	act(f->intake, ACT_CLEAR_FIELD);
	assert_null(d->c->note);
	r = act(f->intake, ACT_NEXT_PANE);
	assert_false(r & PANE_HANDLED);
}

static void validation_focuses_the_gap(void **state)
{
	struct fx *f = *state;
	struct desk *d = f->d;
	int v;
	assert_int_equal(desk_save(d), DESK_INVALID);
	assert_int_equal(d->want_pane, PANE_TOPICS);
	assert_true(d->message_error);
	assert_non_null(strstr(d->message, "topic"));
	desk_toggle_topic(d, TOPIC_HOUSING);
	/* Redirected without a service: the redirect pane. */
	v = codes_find(CODES_OUTCOME, "redirected");
	desk_set_field(d, FIELD_OUTCOME, v);
	assert_int_equal(desk_save(d), DESK_INVALID);
	assert_int_equal(d->want_pane, PANE_REDIRECT);
	/* No language: the intake's language field, which takes the focus. */
	desk_set_field(d, FIELD_OUTCOME, codes_find(CODES_OUTCOME, "answered"));
	contact_set_language(d->c, NULL);
	assert_int_equal(desk_save(d), DESK_INVALID);
	assert_int_equal(d->want_pane, PANE_INTAKE);
	f->intake->ops->update(f->intake);
	assert_int_equal(intake_field(f->intake), FIELD_LANGUAGE);
}

static void save_keeps_channel_and_language(void **state)
{
	struct fx *f = *state;
	struct desk *d = f->d;
	type(f->intake, "p");	/* phone */
	act(f->intake, ACT_NEXT_FIELD);
	type(f->intake, "so");
	act(f->intake, ACT_NEXT_FIELD);
	type(f->intake, "c");	/* colleague */
	act(f->topics, ACT_TOGGLE);	/* housing, the first row */
	act(f->topics, ACT_DOWN);
	act(f->topics, ACT_CHOOSE);	/* education */
	assert_int_equal(d->c->topics, (1u << TOPIC_HOUSING) | (1u << TOPIC_EDUCATION));
	fixed_now += 90;
	assert_int_equal(desk_save(d), DESK_OK);
	assert_false(d->message_error);
	assert_non_null(strstr(d->message, "Saved"));
	/* Sticky: channel and language stay, the rest resets. */
	assert_string_equal(code_of(CODES_CHANNEL, d->c->channel), "phone");
	assert_string_equal(d->c->language, "so");
	assert_string_equal(code_of(CODES_INTERPRETER, d->c->interpreter), "none");
	assert_string_equal(code_of(CODES_OUTCOME, d->c->outcome), "answered");
	assert_int_equal(d->c->topics, 0);
	assert_int_equal(d->c->started_at, 0);
	/* Today's counts follow, per topic too. */
	assert_int_equal(d->today_count, 1);
	assert_int_equal(d->topic_counts[TOPIC_HOUSING], 1);
	assert_int_equal(d->topic_counts[TOPIC_EDUCATION], 1);
	assert_int_equal(d->topic_counts[TOPIC_HEALTH], 0);
	/* The routine repeat: a topic and save. */
	act(f->topics, ACT_TOGGLE);
	assert_int_equal(desk_save(d), DESK_OK);
	assert_int_equal(d->today_count, 2);
	/* Undo brings the last one back into the empty form. */
	assert_int_equal(desk_undo(d), DESK_OK);
	assert_int_equal(d->today_count, 1);
	assert_int_equal(d->c->topics, 1u << TOPIC_EDUCATION);
	assert_null(d->c->id);
}

static void topics_filter_and_jump(void **state)
{
	struct fx *f = *state;
	assert_int_equal(topics_rows(f->topics), TOPIC__N);
	assert_int_equal(topics_current(f->topics), TOPIC_HOUSING);
	type(f->topics, "h");	/* next topic starting with h: Health */
	assert_int_equal(topics_current(f->topics), TOPIC_HEALTH);
	act(f->topics, ACT_FILTER);
	assert_true(f->topics->ops->wants_text(f->topics));
	type(f->topics, "employ");
	assert_int_equal(topics_rows(f->topics), 1);
	assert_int_equal(topics_current(f->topics), TOPIC_EMPLOYMENT);
	act(f->topics, ACT_CHOOSE);	/* ends the filter, ticks */
	assert_false(f->topics->ops->wants_text(f->topics));
	assert_int_equal(f->d->c->topics, 1u << TOPIC_EMPLOYMENT);
	act(f->topics, ACT_CANCEL);
	assert_int_equal(topics_rows(f->topics), TOPIC__N);
	assert_int_equal(topics_current(f->topics), TOPIC_EMPLOYMENT);
}

static size_t service_named(struct desk *d, const char *id)
{
	long i = catalogue_service_index(d->cat, id);
	assert_true(i >= 0);
	return (size_t)i;
}

static void redirect_ranks_and_chooses(void **state)
{
	struct fx *f = *state;
	struct desk *d = f->d;
	struct dialog *dl;
	struct overlay *o;

	f->redirect->ops->update(f->redirect);
	assert_int_equal(redirect_rows(f->redirect), 3);
	desk_toggle_topic(d, TOPIC_HOUSING);
	contact_set_language(d->c, "so");
	desk_changed(d);
	f->redirect->ops->update(f->redirect);
	/* Housing only; the one serving Somali first. */
	assert_int_equal(redirect_rows(f->redirect), 2);
	assert_int_equal(redirect_service_at(f->redirect, 0), service_named(d, "rental-flats"));
	act(f->redirect, ACT_ALL_TOPICS);
	assert_true(redirect_all_topics(f->redirect));
	assert_int_equal(redirect_rows(f->redirect), 3);
	act(f->redirect, ACT_ALL_TOPICS);
	/* Typing filters with the search engine. */
	act(f->redirect, ACT_FILTER);
	type(f->redirect, "rental");
	assert_int_equal(redirect_rows(f->redirect), 1);

	/* The details ask the reason and the outcome. */
	dl = redirect_details(d, service_named(d, "rental-flats"));
	assert_int_equal(dialog_fields(dl), 2);
	o = dialog_overlay(dl);
	o->ops->handle(o, ACT_NEXT_CHOICE, 0);	/* reason: wrong-place */
	o->ops->handle(o, ACT_NEXT_FIELD, 0);
	o->ops->handle(o, ACT_NEXT_CHOICE, 0);	/* outcome: consulted */
	assert_true(o->ops->handle(o, ACT_CONFIRM, 0) & OVERLAY_CLOSE);
	overlay_destroy(o);
	assert_string_equal(d->c->redirect_service, "rental-flats");
	assert_string_equal(code_of(CODES_REASON, d->c->redirect_reason), "wrong-place");
	assert_string_equal(code_of(CODES_OUTCOME, d->c->outcome), "consulted");
	/* A refused dialog changes nothing. */
	o = dialog_overlay(redirect_details(d, service_named(d, "schools")));
	o->ops->handle(o, ACT_REFUSE, 0);
	overlay_destroy(o);
	assert_string_equal(d->c->redirect_service, "rental-flats");
	assert_int_equal(desk_save(d), DESK_OK);
	/* Back to answered drops a chosen service. */
	contact_set_redirect(d->c, "schools");
	d->c->outcome = codes_find(CODES_OUTCOME, "redirected");
	desk_set_field(d, FIELD_OUTCOME, codes_find(CODES_OUTCOME, "answered"));
	assert_null(d->c->redirect_service);
}

static size_t resource_named(struct desk *d, const char *id)
{
	size_t i;
	for (i = 0; i < d->cat->n_resources; i++)
		if (!strcmp(d->cat->resources[i].id, id))
			return i;
	fail_msg("no resource %s", id);
	return 0;
}

static void interpreters_follow_the_language(void **state)
{
	struct fx *f = *state;
	struct desk *d = f->d;
	struct dialog *dl;
	struct overlay *o;

	f->interp->ops->update(f->interp);
	assert_string_equal(interpreters_language(f->interp), "fi");
	assert_int_equal(interpreters_rows(f->interp), 0);
	/* Choosing a language in intake pre-filters. */
	act(f->intake, ACT_NEXT_FIELD);
	type(f->intake, "somali");
	f->interp->ops->update(f->interp);
	assert_string_equal(interpreters_language(f->interp), "so");
	assert_int_equal(interpreters_rows(f->interp), 2);
	/* A colleague is recorded at once. */
	assert_null(interpreters_choose(d, resource_named(d, "desk-2-advisor"), "so"));
	assert_string_equal(code_of(CODES_INTERPRETER, d->c->interpreter), "colleague");
	assert_string_equal(d->c->interpreter_resource, "desk-2-advisor");
	/* A service with phone and video asks which. */
	dl = interpreters_choose(d, resource_named(d, "interpreting"), "so");
	assert_non_null(dl);
	o = dialog_overlay(dl);
	o->ops->handle(o, ACT_NEXT_CHOICE, 0);
	o->ops->handle(o, ACT_CONFIRM, 0);
	overlay_destroy(o);
	assert_string_equal(code_of(CODES_INTERPRETER, d->c->interpreter), "video");
	/* '/' looks up another language; its interpreter makes it the
	 * contact's language. */
	act(f->interp, ACT_FILTER);
	type(f->interp, "arab");
	assert_string_equal(interpreters_language(f->interp), "ar");
	assert_int_equal(interpreters_rows(f->interp), 1);
	act(f->interp, ACT_CHOOSE);
	assert_string_equal(code_of(CODES_INTERPRETER, d->c->interpreter), "phone");
	assert_string_equal(d->c->language, "ar");
	act(f->interp, ACT_CANCEL);
	assert_string_equal(interpreters_language(f->interp), "ar");
	act(f->interp, ACT_FILTER);
	type(f->interp, "zzz");
	assert_int_equal(interpreters_rows(f->interp), 0);
}

static void draft_is_journalled_and_restored(void **state)
{
	struct fx *f = *state;
	struct desk *d = f->d, *again;
	desk_toggle_topic(d, TOPIC_PERMITS);
	desk_set_field(d, FIELD_GENDER, codes_find(CODES_GENDER, "female"));
	/* Another desk session on the same file, while this one lives,
	 * never takes its draft. */
	again = desk_new(fixture(), open_stats(f->stats_path), "t1", NULL);
	{
		struct contact *draft = NULL;
		char *err = NULL;
		assert_int_equal(stats_draft_get(again->stats, &draft, &err), 0);
		assert_null(draft);
	}
	desk_free(&again);
	/* Once this session is gone (killed), the next one finds it. */
	stats_close(&d->stats);
	{
		struct contact *draft = NULL;
		char *err = NULL;
		d->stats = open_stats(f->stats_path);
		assert_int_equal(stats_draft_get(d->stats, &draft, &err), 0);
		assert_non_null(draft);
		assert_int_equal(draft->topics, 1u << TOPIC_PERMITS);
		assert_string_equal(code_of(CODES_GENDER, draft->gender), "female");
		contact_free(&draft);
	}
	/* A new contact clears it. */
	desk_new_contact(d);
	assert_int_equal(d->c->topics, 0);
	{
		struct stats *st = open_stats(f->stats_path);
		struct contact *draft = NULL;
		char *err = NULL;
		assert_int_equal(stats_draft_get(st, &draft, &err), 0);
		assert_true(!draft || !contact_has_content(draft, NULL));
		contact_free(&draft);
		stats_close(&st);
	}
}

static void help_lists_the_keymap(void **state)
{
	struct fx *f = *state;
	char *path = util_write(tmp, "km",
				"global { quit = \"F10\" down = \"Down\" toggle = \"Space\" }\n"
				"pane intake { next-field = { \"Down\", \"Enter\" } }\n");
	struct keymap *km = NULL;
	char *err = NULL, **rows;
	size_t n, i;
	bool quit = false, next = false, toggle = false;
	assert_int_equal(keymap_load(path, &km, &err), 0);
	rows = screen_help_rows(km, f->intake, &n);
	for (i = 0; i < n; i++) {
		quit |= !strncmp(rows[i], "F10\t", 4);
		next |= !strncmp(rows[i], "Down, Enter\t", 12);
		toggle |= !strncmp(rows[i], "Space\t", 6);
		free(rows[i]);
	}
	free(rows);
	assert_true(quit && next && toggle);
	/* The redirect pane has no use for Space: not listed there. */
	rows = screen_help_rows(km, f->redirect, &n);
	for (i = 0; i < n; i++) {
		assert_true(strncmp(rows[i], "Space\t", 6) != 0);
		free(rows[i]);
	}
	free(rows);
	keymap_free(&km);
	free(path);
}

static int group_setup(void **state)
{
	(void)state;
	tmp = util_tmpdir();
	setenv("TZ", "UTC", 1);
	tzset();
	/* A Wednesday at noon. */
	fixed_now = 1772625600;
	return 0;
}

static int group_teardown(void **state)
{
	(void)state;
	util_rmtree(&tmp);
	return 0;
}

/* A lean catalogue published with the fixture's services; without its
 * search index when bare (as an old file). */
static struct catalogue *lean_fixture(const char *name, bool bare)
{
	struct catalogue *made = fixture(), *cat = NULL;
	char *path = xasprintf("%s/%s", tmp, name), *err = NULL;

	made->services[0].description.v[CAT_FI] = xstrdup("Neuvontaa vuokralaisille.");
	if (catalogue_publish(made, path, &err) != 0 ||
	    catalogue_open_lean(path, &cat, &err) != 0)
		fail_msg("catalogue: %s", err);
	catalogue_free(&made);
	if (bare) {	/* as an old catalogue: no index file when opened */
		char *idx = search_index_path(path, cat->publish_id);
		assert_int_equal(unlink(idx), 0);
		free(idx);
		catalogue_free(&cat);
		if (catalogue_open_lean(path, &cat, &err) != 0)
			fail_msg("catalogue: %s", err);
	}
	free(path);
	return cat;
}

/* Start-up in steps, for a catalogue without a published index: nothing
 * of the search before the first screen; then the display order (the
 * list) without the descriptions' words; then the words and the whole
 * index. */
static void start_steps(void **state)
{
	struct catalogue *cat = lean_fixture("lean.db", true);
	char *path = NULL;
	struct desk *d;
	(void)state;

	d = desk_new(cat, NULL, "t2", NULL);
	d->defer_search = true;
	assert_null(desk_search(d));
	assert_true(cat->words_pending);

	assert_true(desk_start_step(d));
	assert_non_null(desk_search(d));
	assert_false(search_is_complete(desk_search(d)));
	assert_true(cat->words_pending);

	assert_false(desk_start_step(d));
	assert_false(cat->words_pending);
	assert_true(search_is_complete(desk_search(d)));
	assert_int_equal(cat->vocab.n, 2);
	desk_free(&d);
	free(path);
}

/* With the index published alongside: the first step maps it, whole,
 * and the descriptions' words are never read (the index has them). */
static void start_steps_mapped(void **state)
{
	struct catalogue *cat = lean_fixture("mapped.db", false);
	struct desk *d;
	const struct search_hit *h;
	(void)state;
	d = desk_new(cat, NULL, "t2", NULL);
	d->defer_search = true;
	assert_null(desk_search(d));
	assert_true(desk_start_step(d));
	assert_true(search_is_mapped(desk_search(d)));
	assert_true(search_is_complete(desk_search(d)));
	assert_false(desk_start_step(d));
	assert_true(cat->words_pending);
	assert_int_equal(cat->vocab.n, 0);
	/* A description's inflected word still finds its service. */
	assert_int_equal(search_query(desk_search(d), "vuokralaiselle", &h), 1);
	desk_free(&d);
}

/* Overlays stack without a limit: a window opened over four others (a
 * question over a choice over details...) is shown and takes the keys,
 * and closing each gives the keys back to the one below. */
struct stacked {
	int id;
	int *last_key_to, *closed;
};

static void stacked_size(struct overlay *o, int cols, int lines, int *w, int *h)
{
	(void)o;
	(void)cols;
	(void)lines;
	*w = 20;
	*h = 5;
}

static void stacked_draw(struct overlay *o, WINDOW *w, int h, int width)
{
	(void)o;
	(void)w;
	(void)h;
	(void)width;
}

static unsigned stacked_handle(struct overlay *o, enum action a, km_key key)
{
	struct stacked *st = o->state;
	(void)a;
	*st->last_key_to = st->id;
	return key == KM_ESC ? OVERLAY_HANDLED | OVERLAY_CLOSE : OVERLAY_HANDLED;
}

static void stacked_done(struct overlay *o)
{
	struct stacked *st = o->state;
	(*st->closed)++;
	free(st);
}

static const struct overlay_ops stacked_ops = {
	stacked_size, stacked_draw, stacked_handle, stacked_done
};

static void overlays_stack_without_limit(void **state)
{
	struct screen *s = screen_new(NULL, NULL, NULL, NULL);
	int last = -1, closed = 0, i;
	(void)state;

	for (i = 0; i < 9; i++) {
		struct overlay *o = xcalloc(1, sizeof *o);
		struct stacked *st = xcalloc(1, sizeof *st);
		st->id = i;
		st->last_key_to = &last;
		st->closed = &closed;
		o->ops = &stacked_ops;
		o->state = st;
		o->title = xstrdup("t");
		screen_push_overlay(s, o);
	}
	assert_int_equal(closed, 0);
	screen_key(s, 'a');
	assert_int_equal(last, 8);
	for (i = 8; i >= 0; i--) {
		assert_true(screen_has_overlay(s));
		screen_key(s, KM_ESC);
		assert_int_equal(last, i);
		assert_int_equal(closed, 9 - i);
	}
	assert_false(screen_has_overlay(s));
	screen_free(&s);
	assert_int_equal(closed, 9);
}

/* The desk's F1 with the bundled keymap: after each pane's own keys, the
 * keys of the whole screen, in the action table's order, the focus keys
 * with their panes' texts; the title of each pane shows its focus key. */
static void desk_help_screen_keys(void **state)
{
	static const char *const want[] = {
		"Tab\tgo to the next pane", "S-Tab\tgo to the previous pane",
		"F5\tgo to the Intake pane", "F6\tgo to the Topics pane",
		"F7\tgo to the Redirect pane", "F8\tgo to the Interpreters pane",
		"F1\tshow the keys of this pane", "F2\tsave the contact",
		"C-k\tsave the contact with a callback ticket: the chosen service, or someone who speaks the language, calls the customer back",
		"F3\tstart a new contact (clears the draft)",
		"F4\tswitch to the next user-interface language",
		"F9\tundo the last saved contact",
		"C-o\tcorrect or undo one of this session's contacts of today",
		"F10\tquit",
		"C-l\tredraw the screen",
	};
	static const struct screen_app app = {
		.scopes = SCOPE_BIT(SCOPE_GLOBAL) | SCOPE_BIT(SCOPE_CONTACT),
	};
	struct fx *f = *state;
	const char *src = getenv("top_srcdir");
	struct screens_env e = { f->d, NULL, NULL, NULL };
	struct keymap *km = NULL;
	struct layout *l = NULL;
	struct screen *s;
	char *err = NULL, **rows;
	const char *panes[] = { "intake", "topics", "redirect", "interpreters" };
	size_t n, i, k, nw = sizeof want / sizeof want[0];

	setenv("NEUVOO_DATADIR", src ? src : ".", 1);
	setenv("XDG_CONFIG_HOME", tmp, 1);
	if (screens_load(SCREEN_DESK, NULL, NULL, &km, &l, &err) != 0)
		fail_msg("%s", err);
	s = screens_new(SCREEN_DESK, &e, km, l, &app, NULL);
	for (k = 0; k < 4; k++) {
		struct pane *p = screen_pane(s, panes[k]);
		assert_non_null(p);
		rows = screen_help_rows(km, p, &n);
		assert_true(n > nw);
		for (i = 0; i < nw; i++)
			assert_string_equal(rows[n - nw + i], want[i]);
		/* F11 and F12 are training's: not listed at the desk. */
		for (i = 0; i < n; i++) {
			assert_true(strncmp(rows[i], "F11\t", 4) != 0);
			free(rows[i]);
		}
		free(rows);
	}
	/* F7 focuses the third pane, F5 the first again. */
	screen_key(s, KM_F(7));
	assert_string_equal(screen_focused(s)->name, "redirect");
	screen_key(s, KM_F(5));
	assert_string_equal(screen_focused(s)->name, "intake");
	screen_free(&s);
	layout_free(&l);
	keymap_free(&km);
}


/* Messages belong to a moment: a save's summary goes at the next
 * contact's first change or after message_seconds, a gap in the draft
 * goes when it is filled, and F4 leaves nothing of the language before. */
static void messages_live_for_a_moment(void **state)
{
	struct fx *f = *state;
	struct desk *d = f->d;
	time_t t0 = fixed_now;

	desk_key(d);
	desk_toggle_topic(d, TOPIC_HOUSING);
	desk_key(d);
	assert_int_equal(desk_save(d), DESK_OK);
	assert_non_null(d->message);
	assert_non_null(strstr(d->message, "Saved"));
	/* The next contact's first change takes it away. */
	desk_key(d);
	desk_toggle_topic(d, TOPIC_HOUSING);
	assert_null(d->message);
	/* Saved again, and no key: it goes after the time, not before. */
	desk_key(d);
	assert_int_equal(desk_save(d), DESK_OK);
	fixed_now += d->message_seconds - 1;
	assert_false(desk_tick(d));
	assert_non_null(d->message);
	fixed_now += 1;
	assert_true(desk_tick(d));
	assert_null(d->message);

	/* A missing topic: a change elsewhere leaves it, the topic ends it,
	 * and time does not. */
	desk_key(d);
	assert_int_equal(desk_save(d), DESK_INVALID);
	assert_non_null(d->message);
	assert_int_equal(d->message_life, DESK_LIFE_CAUSE);
	desk_key(d);
	desk_set_field(d, FIELD_AGE, 1);
	fixed_now += 3600;
	desk_tick(d);
	assert_non_null(d->message);
	/* F4 says it again rather than dropping it. */
	desk_next_language(d);
	assert_non_null(d->message);
	assert_int_equal(d->message_life, DESK_LIFE_CAUSE);
	desk_key(d);
	desk_toggle_topic(d, TOPIC_HOUSING);
	assert_null(d->message);

	/* A refused note: the warning stays while the number does. */
	contact_set_note(d->c, "soita 040 1234567");
	desk_key(d);
	assert_int_equal(desk_save(d), DESK_INVALID);
	assert_int_equal(d->message_cause, DESK_CAUSE_NOTE);
	desk_key(d);
	contact_set_note(d->c, "soita huomenna");
	desk_changed(d);
	assert_null(d->message);

	/* A message of the moment goes at F4. */
	desk_key(d);
	assert_int_equal(desk_save(d), DESK_OK);
	assert_non_null(d->message);
	desk_next_language(d);
	assert_null(d->message);
	fixed_now = t0;
}


/* A group of 12 is one contact of 12 people; a backdated contact starts
 * when the advisor says, within backdate-days, never in the future. */
static void group_and_backdated(void **state)
{
	struct fx *f = *state;
	struct desk *d = f->d;
	time_t before = fixed_now, noon = 1772625600;	/* a Wednesday, 12.00 */

	fixed_now = noon;
	/* Typed into People: 1, 2 makes 12; Left one less. */
	while (intake_field(f->intake) != FIELD_PEOPLE)
		act(f->intake, ACT_NEXT_FIELD);
	type(f->intake, "12");
	assert_int_equal(d->c->people, 12);
	act(f->intake, ACT_LEFT);
	assert_int_equal(d->c->people, 11);
	act(f->intake, ACT_RIGHT);
	desk_set_people(d, 0);
	assert_int_equal(d->c->people, 1);
	desk_set_people(d, 12);

	/* Started: Left goes a quarter back from now, '-' a day. */
	act(f->intake, ACT_NEXT_FIELD);
	assert_int_equal(intake_field(f->intake), FIELD_STARTED);
	assert_false(d->c->backdated);
	act(f->intake, ACT_LEFT);
	assert_true(d->c->backdated);
	assert_int_equal(d->c->started_at, noon - 15 * 60);
	type(f->intake, "-");
	assert_int_equal(d->c->started_at, noon - 15 * 60 - 86400);
	/* Typed 930: half past nine on that day. */
	type(f->intake, "930");
	assert_int_equal(d->c->started_at, noon - 86400 - (2 * 3600 + 30 * 60));
	/* Eight days back is refused (seven allowed), with a message. */
	assert_false(desk_shift_start(d, -8 * 24 * 60));
	assert_non_null(d->message);
	assert_int_equal(d->c->started_at, noon - 86400 - (2 * 3600 + 30 * 60));
	/* Not in the future: a later time today is refused. */
	type(f->intake, "+");
	assert_false(desk_set_start_time(d, 13, 0));
	assert_true(desk_set_start_time(d, 9, 30));
	/* Delete: as it happens again. */
	act(f->intake, ACT_CLEAR_FIELD);
	assert_false(d->c->backdated);
	assert_true(desk_set_start_time(d, 9, 30));

	desk_toggle_topic(d, TOPIC_OTHER);
	assert_int_equal(desk_save(d), DESK_OK);
	assert_non_null(strstr(d->message, "12 people"));
	assert_non_null(strstr(d->message, "backdated"));
	/* The next contact is one person, as it happens. */
	assert_int_equal(d->c->people, 1);
	assert_false(d->c->backdated);
	{
		struct contact **list = NULL;
		size_t n = 0;
		assert_int_equal(desk_today(d, &list, &n), 0);
		assert_int_equal(n, 1);
		assert_int_equal(list[0]->people, 12);
		assert_true(list[0]->backdated);
		assert_int_equal(list[0]->started_at, noon - (2 * 3600 + 30 * 60));
		stats_contacts_free(&list, n);
	}
	/* backdate-days = 0: none at all. */
	d->backdate_days = 0;
	assert_false(desk_shift_start(d, -15));
	assert_false(d->c->backdated);
	fixed_now = before;
}


/* Choosing an interpreter who cannot serve now records it with a
 * warning saying when they can: a colleague off shift, a service whose
 * booking takes an hour. One who can says nothing more. */
static void interpreter_warnings(void **state)
{
	struct fx *f = *state;
	struct desk *d = f->d;
	struct dialog *dl;
	struct overlay *o;
	time_t before = fixed_now;

	fixed_now = 1772625600;	/* Wednesday 12.00 UTC */
	assert_null(interpreters_choose(d, resource_named(d, "desk-2-advisor"), "so"));
	assert_false(d->message_error);
	assert_null(interpreters_choose(d, resource_named(d, "sv-morning"), "sv"));
	assert_true(d->message_life == DESK_LIFE_CONTACT);
	assert_string_equal(d->c->interpreter_resource, "sv-morning");
	assert_true(d->message_error);
	/* (The UI language is what an earlier test's F4 left: either
	 * convention.) */
	if (!strstr(d->message, "2026-03-05 08:00") && !strstr(d->message, "5.3.2026 8.00"))
		fail_msg("%s", d->message);
	dl = interpreters_choose(d, resource_named(d, "interpreting"), "so");
	o = dialog_overlay(dl);
	o->ops->handle(o, ACT_CONFIRM, 0);
	overlay_destroy(o);
	assert_string_equal(d->c->interpreter_resource, "interpreting");
	if (!strstr(d->message, "2026-03-04 13:00") && !strstr(d->message, "4.3.2026 13.00"))
		fail_msg("%s", d->message);
	/* A warning of the moment: the next change takes it away. */
	desk_key(d);
	desk_toggle_topic(d, TOPIC_HEALTH);
	assert_null(d->message);
	fixed_now = before;
}


/* F1 names keys in the UI language and lists what no action names:
 * letters, typing, digits. */
static void help_translates_and_lists_typing(void **state)
{
	struct fx *f = *state;
	char *path = util_write(tmp, "km2", "global { quit = \"F10\" }\n");
	struct keymap *km = NULL;
	char *err = NULL, **rows, *l;
	size_t n, i;
	int found = 0;
	assert_int_equal(keymap_load(path, &km, &err), 0);
	rows = screen_help_rows(km, f->intake, &n);
	for (i = 0; i < n; i++) {
		found += !strncmp(rows[i], "a letter\t", 9)
			 + !strncmp(rows[i], "typing\t", 7)
			 + !strncmp(rows[i], "digits\t", 7);
		free(rows[i]);
	}
	free(rows);
	assert_int_equal(found, 3);
	rows = screen_help_rows(km, f->topics, &n);
	found = 0;
	for (i = 0; i < n; i++) {
		found += !strncmp(rows[i], "a letter\t", 9);
		free(rows[i]);
	}
	free(rows);
	assert_int_equal(found, 1);
	keymap_free(&km);
	free(path);
	l = keymap_key_label(KM_SPACE);
	assert_string_equal(l, "Space");	/* untranslated here: the msgid */
	free(l);
	l = keymap_key_label(KM_F(9));
	assert_string_equal(l, "F9");
	free(l);
	l = keymap_key_label('x');
	assert_string_equal(l, "x");
	free(l);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(start_steps),
		cmocka_unit_test(start_steps_mapped),
		cmocka_unit_test(overlays_stack_without_limit),
		T(intake_fields_cycle),
		T(intake_quick_letters),
		T(intake_language_search),
		T(note_refuses_personal_data),
		T(validation_focuses_the_gap),
		T(save_keeps_channel_and_language),
		T(topics_filter_and_jump),
		T(redirect_ranks_and_chooses),
		T(interpreters_follow_the_language),
		T(draft_is_journalled_and_restored),
		T(help_lists_the_keymap),
		T(desk_help_screen_keys),
		T(messages_live_for_a_moment),
		T(group_and_backdated),
		T(interpreter_warnings),
		T(help_translates_and_lists_typing),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
