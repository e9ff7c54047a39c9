/* train_ui: see train_ui.h.
 *
 * Design: the desk's panes are used as they are, on the desk state of
 * desk_open_training() (no statistics file at all), so the trainee meets
 * exactly the screen of a real desk; only the application's global keys
 * differ, and the screen's help says so (screen_app.help). The picker is
 * one more pane on a screen of its own, laid out in code: it is not
 * something a site would want to rearrange. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/training.h"
#include "panes/registry.h"
#include "panes/scenario.h"
#include "panes/screens.h"
#include "panes/train_ui.h"
#include "ui/dialog.h"
#include "ui/draw.h"
#include "ui/list.h"
#include "ui/screen.h"
#include "ui/theme.h"

/* ---- the picker --------------------------------------------------------- */

struct picker {
	struct desk *d;
	const struct scenario_set *set;
	const char *trainee;
	int *best;		/* per scenario: best score, -1 when none */
	struct list list;
	const struct scenario *chosen;
	unsigned seen_lang;
};

static struct picker *pk(const struct pane *p)
{
	return p->state;
}

static void picker_scores(struct picker *k, struct results *r)
{
	struct results_attempt *a = NULL;
	size_t n = 0, i, j;
	char *err = NULL;
	for (i = 0; i < k->set->n; i++)
		k->best[i] = -1;
	if (!r || results_list(r, &a, &n, &err) != 0) {
		err_free(&err);
		return;
	}
	for (i = 0; i < n; i++) {
		if (strcmp(a[i].trainee, k->trainee))
			continue;
		for (j = 0; j < k->set->n; j++)
			if (!strcmp(a[i].scenario, k->set->v[j]->id)
			    && a[i].score > k->best[j])
				k->best[j] = a[i].score;
	}
	results_list_free(&a, n);
}

struct picker_cols {
	int id_w, level_w, lang_w, best_w;
};

static void picker_columns(const struct picker *k, int width,
			   struct picker_cols *c)
{
	size_t i;
	c->id_w = (int)text_width(_("Scenario"));
	c->level_w = (int)text_width(_("Level"));
	/* TRANSLATORS: short column headers of the scenario picker. */
	c->lang_w = (int)text_width(_("Lang."));
	c->best_w = (int)text_width(_("Best"));
	for (i = 0; i < k->set->n; i++) {
		int w = (int)text_width(k->set->v[i]->id);
		int l = (int)text_width(scenario_difficulty_label(k->set->v[i]->difficulty));
		if (w > c->id_w)
			c->id_w = w;
		if (l > c->level_w)
			c->level_w = l;
	}
	if (c->lang_w < 3)
		c->lang_w = 3;
	if (c->best_w < 3)
		c->best_w = 3;
	if (c->id_w > width / 3)
		c->id_w = width / 3;
}

struct picker_row_ctx {
	struct picker *k;
	struct picker_cols c;
	bool focused;
};

/* id, title, level, language, best: columns from x, each cut to fit. */
static void picker_cells(WINDOW *w, int y, int x, int width,
			 const struct picker_cols *c, const char *id,
			 const char *title, const char *level, const char *lang,
			 const char *best, attr_t a, bool data)
{
	int title_w = width - c->id_w - c->level_w - c->lang_w - c->best_w - 8;
	int cx = x;
	ui_fill(w, y, x, width, a);
	ui_put_cut(w, y, cx, c->id_w, id, a);
	cx += c->id_w + 2;
	if (title_w > 0) {
		if (data)
			ui_put_data(w, y, cx, title_w, title, a);
		else
			ui_put_cut(w, y, cx, title_w, title, a);
		cx += title_w + 2;
	}
	ui_put_cut(w, y, cx, c->level_w, level, a);
	cx += c->level_w + 2;
	ui_put_cut(w, y, cx, c->lang_w, lang, a);
	cx += c->lang_w + 2;
	ui_put_cut(w, y, cx, c->best_w, best, a);
}

static void picker_row(void *vctx, WINDOW *w, int y, int x, int width,
		       size_t i, bool hl)
{
	struct picker_row_ctx *rc = vctx;
	const struct scenario *sc = rc->k->set->v[i];
	attr_t a = hl ? theme_attr(rc->focused ? TH_CURSOR : TH_CURSOR_DIM) : A_NORMAL;
	char best[16] = "-";
	if (rc->k->best[i] >= 0)
		snprintf(best, sizeof best, "%d", rc->k->best[i]);
	picker_cells(w, y, x, width, &rc->c, sc->id,
		     scenario_text(&sc->title, i18n_lang()),
		     scenario_difficulty_label(sc->difficulty), sc->language, best,
		     a, true);
}

static void picker_draw(struct pane *p, WINDOW *w, int h, int width)
{
	struct picker *k = pk(p);
	struct picker_row_ctx rc = { k, { 0, 0, 0, 0 }, p->focused };
	int inner = width - 4, rows = h - 5;
	char *head;

	if (inner < 10 || h < 5)
		return;
	picker_columns(k, inner, &rc.c);
	/* TRANSLATORS: the first line of the scenario picker; %s is the
	 * trainee's name, then the key that starts a scenario. */
	{
		char *enter = p->screen ? screen_key_hint(p->screen, KM_GLOBAL, ACT_CHOOSE)
					: xstrdup("Enter");
		head = xasprintf(_("Trainee %s. %s starts the highlighted scenario."),
				 k->trainee, enter);
		free(enter);
	}
	ui_put_data(w, 1, 2, inner, head, theme_attr(TH_DIM));
	free(head);
	picker_cells(w, 3, 2, inner, &rc.c, _("Scenario"), _("Title"), _("Level"),
		     _("Lang."), _("Best"), theme_attr(TH_HEADER), false);
	if (rows > 0)
		list_draw(&k->list, w, 4, 2, rows, inner, picker_row, &rc);
}

static unsigned picker_handle(struct pane *p, enum action a, km_key key)
{
	struct picker *k = pk(p);
	(void)key;
	switch (a) {
	case ACT_UP: case ACT_DOWN: case ACT_PAGE_UP: case ACT_PAGE_DOWN:
	case ACT_HOME: case ACT_END:
		list_move(&k->list, a);
		return PANE_HANDLED | PANE_REDRAW;
	case ACT_CHOOSE:
		if (k->list.n) {
			k->chosen = k->set->v[k->list.cur];
			if (p->screen)
				screen_quit(p->screen);
		}
		return PANE_HANDLED;
	default:
		return PANE_IGNORED;
	}
}

static bool picker_update(struct pane *p)
{
	struct picker *k = pk(p);
	if (k->seen_lang == k->d->lang_gen)
		return false;
	k->seen_lang = k->d->lang_gen;
	return true;
}

static const char *picker_help(struct pane *p, enum action a)
{
	(void)p;
	switch (a) {
	case ACT_CHOOSE: return N_("start the highlighted scenario");
	case ACT_UP: case ACT_DOWN: case ACT_PAGE_UP: case ACT_PAGE_DOWN:
	case ACT_HOME: case ACT_END:
		return action_help(a);
	default: return NULL;
	}
}

static void picker_done(struct pane *p)
{
	struct picker *k = pk(p);
	free(k->best);
	free(k);
	p->state = NULL;
}

static const struct pane_ops picker_ops = {
	.update = picker_update,
	.draw = picker_draw,
	.handle = picker_handle,
	.help = picker_help,
	.done = picker_done,
};

static struct pane *picker_new(struct desk *d, const struct scenario_set *set,
			       const char *trainee, struct results *r,
			       const struct scenario *last)
{
	struct pane *p;
	struct picker *k = xcalloc(1, sizeof *k);
	size_t i;
	k->d = d;
	k->set = set;
	k->trainee = trainee;
	k->best = xcalloc(set->n ? set->n : 1, sizeof *k->best);
	picker_scores(k, r);
	list_init(&k->list);
	list_set_count(&k->list, set->n);
	for (i = 0; i < set->n; i++)
		if (set->v[i] == last)
			list_select(&k->list, i);
	k->seen_lang = d->lang_gen - 1;
	p = registry_pane_new(PANE_PICKER, &picker_ops, k);
	return p;
}

/* One column, one pane: the picker's screen. */
static struct layout *picker_layout(void)
{
	struct layout *l = xcalloc(1, sizeof *l);
	struct layout_variant *v;
	struct layout_column *c;
	l->path = xstrdup("picker");
	l->variants = v = xcalloc(1, sizeof *v);
	l->n_variants = 1;
	v->name = xstrdup("picker");
	v->min_width = 40;
	v->min_height = 8;
	v->columns = c = xcalloc(1, sizeof *c);
	v->n_columns = 1;
	c->weight = 1;
	c->min = 40;
	c->panes = xcalloc(1, sizeof *c->panes);
	c->n_panes = 1;
	c->panes[0].name = xstrdup("picker");
	c->panes[0].weight = 1;
	c->panes[0].min = 6;
	return l;
}

struct pick_ui {
	struct desk *d;
	char *right;
};

static unsigned pick_global(struct screen *s, void *ud, enum action a)
{
	struct pick_ui *u = ud;
	switch (a) {
	case ACT_QUIT:
		screen_quit(s);
		return PANE_HANDLED;
	case ACT_NEXT_LANGUAGE:
		desk_next_language(u->d);
		screen_redraw_all(s);
		return PANE_HANDLED;
	default:
		return PANE_IGNORED;
	}
}

static void pick_status(struct screen *s, void *ud, const char **left,
			const char **right, bool *error)
{
	struct pick_ui *u = ud;
	char lang[8];
	(void)s;
	screens_lang_tag(lang, sizeof lang);
	free(u->right);
	/* TRANSLATORS: the picker's status line: the UI language, then
	 * the word that says this is training (last: a narrow line keeps
	 * it). */
	u->right = xasprintf(_("%s | training "), lang);
	*right = u->right;
	*left = u->d->message;
	*error = u->d->message_error;
}

static const char *pick_help(struct screen *s, void *ud, enum action a)
{
	(void)s;
	(void)ud;
	return a == ACT_QUIT ? N_("quit training") : NULL;
}

/* The picker: the chosen scenario, or NULL when the trainee quit (or a
 * signal came: *signalled). */
static const struct scenario *pick(struct desk *d, const struct train_ui_opts *o,
				   const struct scenario *last, bool *signalled)
{
	static const struct screen_app app = {
		.scopes = SCOPE_BIT(SCOPE_GLOBAL),
		.global = pick_global,
		.status = pick_status,
		.help = pick_help,
	};
	struct pick_ui u = { d, NULL };
	struct layout *l = picker_layout();
	struct screen *s = screen_new(o->km, l, &app, &u);
	struct pane *p = picker_new(d, o->set, o->trainee, o->results, last);
	const struct scenario *chosen;

	screen_add_pane(s, p);
	*signalled = screen_run(s) == SCREEN_SIGNAL;
	chosen = *signalled ? NULL : pk(p)->chosen;
	screen_free(&s);
	layout_free(&l);
	free(u.right);
	return chosen;
}

/* ---- the training screen ------------------------------------------------ */

struct run_ui {
	struct desk *d;
	struct training *t;
	bool from_picker;
	unsigned graded_gen;	/* the contact's generation when graded */
	char *right;
};

static void run_key(struct screen *s, void *ud, enum action a, km_key key)
{
	struct run_ui *u = ud;
	struct pane *p = screen_focused(s);
	(void)key;
	/* As at the desk, but reading the story starts no contact. */
	if (p && strcmp(p->name, registry_kind(PANE_SCENARIO)->name))
		screens_desk_key(u->d, a);
}

static void grade(struct screen *s, struct run_ui *u)
{
	struct desk *d = u->d;
	struct training *t = u->t;
	struct pane *sp = screens_pane(s, PANE_SCENARIO);
	char *err = NULL, *k;
	int rc;

	if (t->graded && d->gen == u->graded_gen) {
		k = screen_key_hint(s, KM_GLOBAL, ACT_NEW_CONTACT);
		/* TRANSLATORS: F2 again on a graded attempt; %d is the score,
		 * %s the key of a new attempt (F3). */
		desk_message(d, false, _("This attempt is graded already (%d/100); change the contact and grade it again, or %s starts afresh."),
			     t->grade.score, k);
		free(k);
		return;
	}
	if (desk_check(d) != DESK_OK) {
		screens_focus_wanted(s, d);
		return;
	}
	if (t->contact_graded) {
		k = screen_key_hint(s, KM_GLOBAL, ACT_NEXT_STEP);
		/* TRANSLATORS: F2 on a contact graded already, when the story
		 * goes on; %s is the key (F11). */
		desk_message(d, false, _("This contact is graded; %s goes on with the story."), k);
		free(k);
		return;
	}
	rc = training_grade(t, d->c, d->clock(), &err);
	if (rc == 3) {
		k = screen_key_hint(s, KM_GLOBAL, ACT_NEW_CONTACT);
		/* TRANSLATORS: F2 again after the last contact of a story of
		 * several; %d is the score, %s the key of a new attempt. */
		desk_message(d, false, _("This attempt is graded (%d/100); %s starts a new one."),
			     t->grade.score, k);
		free(k);
		return;
	}
	if (rc == 2) {
		/* The story waits for the trainee's answer. */
		if (sp) {
			screen_focus(s, sp);
			desk_message(d, false, _("The customer waits for your answer: press 1 to %zu in the Scenario pane."),
				     training_choices(t));
		}
		return;
	}
	if (rc < 0) {
		desk_message(d, true, _("Graded, but the attempt could not be recorded: %s"), err);
		err_free(&err);
	} else if (rc == 1) {
		k = screen_key_hint(s, KM_GLOBAL, ACT_NEXT_STEP);
		/* TRANSLATORS: after F2 on a contact the story goes on from;
		 * %d is the contact's number and score, %s the key (F11). */
		desk_message(d, false, _("Contact %d graded %d/100. %s: the story goes on."),
			     t->contact, t->scores[t->grade.contacts - 1], k);
		free(k);
	} else {
		k = screen_key_hint(s, KM_GLOBAL, ACT_NEW_CONTACT);
		/* TRANSLATORS: after F2 in training: score, attempt number,
		 * the key of a new attempt (F3). */
		desk_message(d, false, _("Graded %d/100 (attempt %d). %s: try again."),
			     t->grade.score, t->attempt, k);
		free(k);
	}
	u->graded_gen = d->gen;
	if (sp) {
		scenario_pane_show_grade(sp);
		screen_focus(s, sp);
	}
}

static void retry(struct screen *s, struct run_ui *u)
{
	struct pane *intake = screens_pane(s, PANE_INTAKE);
	desk_reset_contact(u->d);
	training_retry(u->t, u->d->clock());
	if (u->t->sc->branching)
		/* TRANSLATORS: F3 in a branching scenario; %d is the new
		 * attempt's number. */
		desk_message(u->d, false, _("Attempt %d: a fresh contact, the story from its start."),
			     u->t->attempt);
	else
		/* TRANSLATORS: F3 in training; %d is the new attempt's number. */
		desk_message(u->d, false, _("Attempt %d: a fresh contact. The story so far stays shown."),
			     u->t->attempt);
	if (intake)
		screen_focus(s, intake);
}

struct ask_ctx {
	struct screen *s;
	struct run_ui *u;
	bool quit;
};

static void ask_answer(void *vctx, bool yes, const int *values)
{
	struct ask_ctx *q = vctx;
	(void)values;
	if (!yes)
		return;
	if (q->quit)
		screen_quit(q->s);
	else
		retry(q->s, q->u);
}

static void ask(struct screen *s, struct run_ui *u, bool quit)
{
	struct ask_ctx *q = xcalloc(1, sizeof *q);
	q->s = s;
	q->u = u;
	q->quit = quit;
	screen_push_overlay(s, dialog_confirm(quit
		? (u->from_picker ? _("Discard this attempt and go back to the scenarios?")
				  : _("Discard this attempt and quit training?"))
		: _("Discard this attempt and start a new one?"),
		ask_answer, q, free));
}

/* An attempt worth asking about: recorded something and not graded. */
static bool unsaved_work(const struct run_ui *u)
{
	return desk_has_content(u->d) && !(u->t->graded && u->d->gen == u->graded_gen);
}

static unsigned run_global(struct screen *s, void *ud, enum action a)
{
	struct run_ui *u = ud;
	struct desk *d = u->d;
	switch (a) {
	case ACT_SAVE:
		grade(s, u);
		return PANE_HANDLED;
	case ACT_NEW_CONTACT:
		if (unsaved_work(u))
			ask(s, u, false);
		else
			retry(s, u);
		return PANE_HANDLED;
	case ACT_UNDO: case ACT_CORRECT: {
		char *k = screen_key_hint(s, KM_GLOBAL, ACT_NEW_CONTACT);
		desk_message(d, false, _("Training saves nothing, so there is nothing to undo; %s starts a new attempt."),
			     k);
		free(k);
		return PANE_HANDLED;
	}
	case ACT_NEXT_LANGUAGE:
		desk_next_language(d);
		screen_redraw_all(s);
		return PANE_HANDLED;
	case ACT_NEXT_STEP: case ACT_SHOW_HINT: {
		struct pane *sp = screens_pane(s, PANE_SCENARIO);
		unsigned r = sp ? scenario_pane_reveal(sp, a) : PANE_HANDLED;
		/* The answer is given in the Scenario pane. */
		if (sp && scenario_pane_waits(sp))
			screen_focus(s, sp);
		return r;
	}
	case ACT_QUIT:
		if (unsaved_work(u))
			ask(s, u, true);
		else
			screen_quit(s);
		return PANE_HANDLED;
	default:
		return PANE_IGNORED;
	}
}

static void run_status(struct screen *s, void *ud, const char **left,
		       const char **right, bool *error)
{
	struct run_ui *u = ud;
	char lang[8];
	(void)s;
	screens_lang_tag(lang, sizeof lang);
	free(u->right);
	/* TRANSLATORS: the training status line: scenario id, trainee, UI
	 * language, and the word that says this is training. A line too
	 * narrow loses the leading fields, so the word is last: it always
	 * shows. Keep it short. */
	u->right = xasprintf(_("%s | %s | %s | training "),
			     u->t->sc->id, u->t->trainee, lang);
	*right = u->right;
	*left = u->d->message;
	*error = u->d->message_error;
}

static const char *run_help(struct screen *s, void *ud, enum action a)
{
	struct run_ui *u = ud;
	(void)s;
	switch (a) {
	case ACT_SAVE:
		return N_("grade the attempt (nothing goes to the statistics)");
	case ACT_NEW_CONTACT:
		return N_("try again: a new attempt with a cleared contact");
	case ACT_UNDO:
		return "";
	case ACT_QUIT:
		return u->from_picker ? N_("leave the scenario, back to the list")
				      : N_("quit training");
	case ACT_NEXT_STEP:
		return N_("reveal the next step of the customer's story");
	case ACT_SHOW_HINT:
		return N_("show a hint");
	default:
		return NULL;
	}
}

static bool run_started(struct screen *s, void *ud)
{
	struct run_ui *u = ud;
	(void)s;
	return desk_start_step(u->d);
}

/* One scenario on the training screen; false when a signal ended it. */
static bool run_one(struct desk *d, const struct train_ui_opts *o,
		    const struct scenario *sc, bool from_picker, char **err)
{
	static const struct screen_app app = {
		.scopes = SCOPE_BIT(SCOPE_GLOBAL) | SCOPE_BIT(SCOPE_CONTACT)
			  | SCOPE_BIT(SCOPE_TRAINING),
		.key = run_key,
		.global = run_global,
		.status = run_status,
		.started = run_started,
		.help = run_help,
		.too_small = QUIT_NOTICE_LEAVES,
	};
	struct screens_env e;
	struct run_ui u;
	struct screen *s;
	enum screen_end end;
	char *next, *save, *help;

	memset(&u, 0, sizeof u);
	u.d = d;
	u.from_picker = from_picker;
	if (training_start(&u.t, sc, o->trainee, o->results, d->clock(), err) != 0)
		return false;
	desk_reset_contact(d);
	u.graded_gen = d->gen - 1;
	e.desk = d;
	e.training = u.t;
	e.review = NULL;
	s = screens_new(SCREEN_TRAIN, &e, o->km, o->layout, &app, &u);
	next = screen_key_hint(s, KM_GLOBAL, ACT_NEXT_STEP);
	save = screen_key_hint(s, KM_GLOBAL, ACT_SAVE);
	help = screen_key_hint(s, KM_GLOBAL, ACT_HELP);
	/* TRANSLATORS: the first message of a training run: the key that
	 * reveals the next step (F11), the key that grades (F2), the help
	 * key (F1). */
	desk_message(d, false, _("Training: %s next step, %s grade, %s keys."),
		     next, save, help);
	free(next);
	free(save);
	free(help);
	end = screen_run(s);
	screen_free(&s);
	training_free(&u.t);
	free(u.right);
	desk_message(d, false, "%s", "");
	return end == SCREEN_QUIT;
}

int train_ui_run(struct desk *d, const struct train_ui_opts *o, char **err)
{
	const struct scenario *sc = o->sc, *last = NULL;
	bool signalled = false, ok = true;
	int rc;

	if (!sc && (!o->set || o->set->n == 0)) {
		err_set(err, _("no scenario to train with; see neuvoo train --list"));
		return EXIT_RUNTIME;
	}
	rc = tty_start(_("training needs a terminal (run it in one, not with redirected input or output)"), err);
	if (rc != EXIT_OK)
		return rc;
	if (sc)
		ok = run_one(d, o, sc, false, err);
	else
		for (;;) {
			sc = pick(d, o, last, &signalled);
			if (!sc)
				break;
			last = sc;
			ok = run_one(d, o, sc, true, err);
			if (!ok)
				break;
		}
	tty_end();
	if (*err)
		return EXIT_RUNTIME;
	return EXIT_OK;
}
