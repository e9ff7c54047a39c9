/* scenario_text: the Scenario pane's text (see scenario_priv.h): a list
 * of paragraphs, rebuilt only when the training state, the UI language
 * or the catalogue changes. Each paragraph may have a prefix (a step
 * number, a bullet) that hangs to its left. Values in the grade are shown
 * as the trainee saw them on the desk (labels and service names), not as
 * codes. Under the title, a warning lists what the answer key names that
 * the loaded catalogue lacks: the trainee cannot get those right. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/text.h"
#include "panes/scenario_labels.h"
#include "panes/scenario_priv.h"
#include "ui/screen.h"
#include "ui/theme.h"

/* --- the text ----------------------------------------------------------- */

void scenario_text_clear(struct scen *s)
{
	size_t i;
	for (i = 0; i < s->n_paras; i++) {
		free(s->paras[i].prefix);
		free(s->paras[i].text);
	}
	free(s->paras);
	s->paras = NULL;
	s->n_paras = 0;
	s->rows_width = -1;
}

/* Adds a paragraph (text taken over, sanitized here); returns its index. */
static size_t add(struct scen *s, int indent, const char *prefix, char *text,
		  enum theme_role role)
{
	struct para *p;
	s->paras = xrealloc(s->paras, (s->n_paras + 1) * sizeof *s->paras);
	p = &s->paras[s->n_paras];
	p->prefix = xstrdup(prefix ? prefix : "");
	p->text = text_sanitize(text ? text : "");
	free(text);
	p->indent = indent;
	p->role = role;
	return s->n_paras++;
}

static void gap(struct scen *s)
{
	add(s, 0, NULL, xstrdup(""), TH_NORMAL);
}

/* The first key of a in the whole screen (F11), else in this pane. */
static char *key_of(struct pane *p, enum action a)
{
	char *k;
	if (!p->screen)
		return xstrdup(action_name(a));
	k = screen_key_hint(p->screen, KM_GLOBAL, a);
	if (!*k) {
		free(k);
		k = screen_key_hint(p->screen, KM_SCENARIO, a);
	}
	if (!*k) {
		free(k);
		k = xstrdup(action_name(a));
	}
	return k;
}

/* " (2/3)": the points earned of the item's weight, after grading. */
static char *points(const struct grade_item *it, char *text)
{
	char *t;
	if (it->kind == SC_EXTRA_TOPIC)
		return text;
	/* TRANSLATORS: after a graded item: points earned of its weight. */
	t = xasprintf(_("%s (%d/%d points)"), text, it->points, it->weight);
	free(text);
	return t;
}

/* "Contact 2, " in front of an item of a later contact. */
static char *contact_label(const struct grade_item *it, char *label)
{
	char *t;
	if (it->contact <= 1)
		return label;
	/* TRANSLATORS: a graded item of the story's second (third...)
	 * contact; %d is its number, %s the item. */
	t = xasprintf(_("Contact %d: %s"), it->contact, label);
	free(label);
	return t;
}

static void add_missed(struct scen *s, const struct grade_item *it,
		       const char *lang)
{
	const struct catalogue *cat = s->d->cat;
	char *label = contact_label(it, grade_item_label(it)), *text;
	const char *why = grade_item_feedback(it, lang);

	if (it->kind == SC_EXTRA_TOPIC)
		/* TRANSLATORS: a topic the scenario did not ask for; %d is how
		 * many score points it cost. */
		text = xasprintf(ngettext("%s: not asked for, %d point off",
					  "%s: not asked for, %d points off",
					  (unsigned long)(it->points < 0 ? -it->points : it->points)),
				 label, it->points < 0 ? -it->points : it->points);
	else if (it->kind == SC_TOPIC)
		text = xasprintf(_("%s: not ticked"), label);
	else {
		char *exp = scenario_label_expected(cat, it->key);
		if (!*it->got)
			text = xasprintf(_("%s: nothing recorded; expected %s"), label, exp);
		else {
			char *got = scenario_label_got(cat, it);
			text = xasprintf(_("%s: recorded %s; expected %s"), label, got, exp);
			free(got);
		}
		free(exp);
	}
	add(s, 0, "- ", points(it, text), TH_CLOSED);
	if (why && *why)
		add(s, 4, NULL, xstrdup(why), TH_NORMAL);
	free(label);
}

static void add_matched(struct scen *s, const struct grade_item *it,
			const char *lang)
{
	char *label = contact_label(it, grade_item_label(it)), *text;
	char *tick = xasprintf("%s ", theme_glyph_tick());
	if (it->kind == SC_TOPIC)
		text = xstrdup(label);
	else if (!*it->got)
		text = xasprintf(_("%s: none, and none was needed"), label);
	else {
		char *got = scenario_label_got(s->d->cat, it);
		text = xasprintf(_("%s: %s"), label, got);
		free(got);
	}
	add(s, 0, tick, points(it, text), TH_MARK);
	/* A text for the very service chosen is worth reading. */
	if (it->specific && *grade_item_feedback(it, lang))
		add(s, 4, NULL, xstrdup(grade_item_feedback(it, lang)), TH_NORMAL);
	free(tick);
	free(label);
}

/* Each contact's score and the ending it reached, with that ending's
 * feedback and cap. */
static void add_endings(struct scen *s, const char *lang)
{
	const struct training *t = s->t;
	int i;
	for (i = 0; i < t->grade.contacts; i++) {
		const struct sc_ending *e = &t->sc->endings[t->endings[i]];
		const char *title = scenario_text(&e->title, lang);
		const char *fb = scenario_text(&e->feedback, lang);
		if (t->grade.contacts > 1 || t->contact_graded)
			add(s, 0, NULL, *title
			    /* TRANSLATORS: one contact's score in a story of
			     * several; the last %s is the ending's title. */
			    ? xasprintf(_("Contact %d: %d/100, %s"), i + 1, t->scores[i], title)
			    : xasprintf(_("Contact %d: %d/100"), i + 1, t->scores[i]),
			    TH_HEADER);
		else if (*title)
			/* TRANSLATORS: the ending the story reached. */
			add(s, 0, NULL, xasprintf(_("Ending: %s"), title), TH_HEADER);
		if (*fb)
			add(s, 0, NULL, xstrdup(fb), TH_NORMAL);
		if (e->max_score < 100)
			add(s, 0, NULL, xasprintf(_("This ending scores at most %d."),
						  e->max_score), TH_DIM);
	}
}

static void add_grade(struct pane *p, const char *lang)
{
	struct scen *s = scenario_state(p);
	const struct training *t = s->t;
	const struct grade *g = &t->grade;
	size_t i, missed = 0;
	char *k;

	gap(s);
	/* TRANSLATORS: the training score; %d of 100, then the attempt. */
	s->grade_para = add(s, 0, NULL, xasprintf(_("Score: %d/100 (attempt %d)"),
						  g->score, t->attempt), TH_HEADER);
	if (t->graded && !t->recorded && t->results)
		add(s, 0, NULL, xstrdup(_("Not recorded in the results: see the message below.")),
		    TH_CLOSED);
	add_endings(s, lang);
	for (i = 0; i < g->n_items; i++)
		if (!g->items[i].matched)
			missed++;
	if (missed) {
		add(s, 0, NULL, xstrdup(_("Missed, and why it matters:")), TH_HEADER);
		for (i = 0; i < g->n_items; i++)
			if (!g->items[i].matched)
				add_missed(s, &g->items[i], lang);
	} else
		add(s, 0, NULL, xstrdup(_("Nothing missed: well done.")), TH_HEADER);
	if (missed < g->n_items) {
		add(s, 0, NULL, xstrdup(_("Matched:")), TH_HEADER);
		for (i = 0; i < g->n_items; i++)
			if (g->items[i].matched)
				add_matched(s, &g->items[i], lang);
	}
	if (t->contact_graded) {
		k = key_of(p, ACT_NEXT_STEP);
		/* TRANSLATORS: after grading a contact that the story goes on
		 * from (a callback); %s is the key (F11), %d the next
		 * contact's number. */
		add(s, 0, NULL, xasprintf(_("%s: the story goes on, contact %d"), k,
					  t->contact + 1), TH_HEADER);
		free(k);
	}
	k = key_of(p, ACT_NEW_CONTACT);
	/* TRANSLATORS: %s is a key, e.g. F3. */
	add(s, 0, NULL, xasprintf(_("%s: try again, a new attempt"), k), TH_DIM);
	free(k);
}

/* What the key names that the catalogue lacks, kept per catalogue
 * generation: checking reads the scenario file for its lines. */
static void keep_warning(void *vctx, const char *msg)
{
	struct scen *s = vctx;
	const char *path = s->t->sc->path ? s->t->sc->path : "";
	size_t n = strlen(path);
	/* Without the file name in front: the pane is about that file. */
	if (!strncmp(msg, path, n) && msg[n] == ':') {
		const char *m = msg + n + 1;
		m += strspn(m, "0123456789");
		if (!strncmp(m, ": ", 2))
			msg = m + 2;
	}
	s->warnings = xrealloc(s->warnings, (s->n_warnings + 1) * sizeof *s->warnings);
	s->warnings[s->n_warnings++] = xstrdup(msg);
}

void scenario_text_clear_warnings(struct scen *s)
{
	size_t i;
	for (i = 0; i < s->n_warnings; i++)
		free(s->warnings[i]);
	free(s->warnings);
	s->warnings = NULL;
	s->n_warnings = 0;
}

static void add_warnings(struct scen *s)
{
	size_t i;
	/* A republished catalogue can fix it: checked again for each. */
	if (!s->checked || s->checked_cat != s->d->cat_gen) {
		scenario_text_clear_warnings(s);
		if (s->d->cat)
			scenario_check_catalogue(s->t->sc, s->d->cat, keep_warning, s);
		s->checked = true;
		s->checked_cat = s->d->cat_gen;
	}
	if (s->n_warnings)
		add(s, 0, NULL,
		    xstrdup(_("Warning: this scenario was written for another catalogue, so these answers cannot be matched:")),
		    TH_CLOSED);
	for (i = 0; i < s->n_warnings; i++)
		add(s, 0, "! ", xstrdup(s->warnings[i]), TH_CLOSED);
	s->warned = s->n_warnings > 0;
}

/* The path so far: each step shown, the choices made or waiting, a
 * line where a new contact of the story starts, and what to do next. */
static void add_story(struct pane *p, const char *lang)
{
	struct scen *s = scenario_state(p);
	const struct training *t = s->t;
	const struct scenario *sc = t->sc;
	size_t i, k, left;
	char *key;

	for (i = 0; i < t->steps_shown; i++) {
		const struct training_stop *stop = &t->path[i];
		const struct sc_step *step = &sc->steps[stop->step];
		char *num;
		if (stop->contact > 1 && (i == 0 || t->path[i - 1].contact != stop->contact))
			/* TRANSLATORS: where the story's next contact (the
			 * callback, the second visit) starts. */
			add(s, 0, NULL, xasprintf(_("Contact %d"), stop->contact), TH_HEADER);
		num = sc->branching ? xasprintf("%zu. ", i + 1)
				    : xasprintf("%zu/%zu ", i + 1, sc->n_steps);
		s->last_step_para = add(s, 0, num, xstrdup(scenario_text(&step->text, lang)),
					TH_NORMAL);
		free(num);
		if (stop->choice >= 0)
			s->last_step_para = add(s, 3, "> ",
				xstrdup(scenario_text(&step->choices[stop->choice].text, lang)),
				TH_MARK);
	}
	if (training_choices(t)) {
		const struct sc_step *step = training_step(t);
		for (k = 0; k < step->n_choices; k++) {
			char *num = xasprintf("%zu) ", k + 1);
			add(s, 3, num, xstrdup(scenario_text(&step->choices[k].text, lang)),
			    TH_NORMAL);
			free(num);
		}
		/* TRANSLATORS: under the trainee's choices; %zu is how many
		 * there are. */
		add(s, 0, NULL,
			xasprintf(_("Your answer: press 1 to %zu in this pane."),
				  step->n_choices), TH_DIM);
		return;
	}
	if (t->ending >= 0 && !t->graded && !t->contact_graded) {
		const struct sc_ending *e = &sc->endings[t->ending];
		const char *title = scenario_text(&e->title, lang);
		key = key_of(p, ACT_SAVE);
		/* TRANSLATORS: the story reached an ending; %s is its title,
		 * then the save key (F2). */
		s->last_step_para = add(s, 0, NULL, *title
			? xasprintf(_("The conversation ends: %s. Record the contact, then %s grades it."),
				    title, key)
			: xasprintf(_("That is the whole story. Record the contact, then %s grades it."),
				    key), TH_DIM);
		free(key);
		return;
	}
	left = training_steps_left(t);
	if (left && sc->branching) {
		key = key_of(p, ACT_NEXT_STEP);
		/* TRANSLATORS: %s is a key (F11). */
		add(s, 0, NULL, xasprintf(_("%s: next step"), key), TH_DIM);
		free(key);
	} else if (left) {
		key = key_of(p, ACT_NEXT_STEP);
		/* TRANSLATORS: %s is a key (F11); %zu how many steps are not
		 * shown yet. */
		add(s, 0, NULL, xasprintf(ngettext("%s: next step (%zu more)",
						   "%s: next step (%zu more)",
						   (unsigned long)left), key, left), TH_DIM);
		free(key);
	} else if (!t->graded && !t->contact_graded) {
		key = key_of(p, ACT_SAVE);
		/* TRANSLATORS: %s is the save key, F2. */
		add(s, 0, NULL, xasprintf(_("That is the whole story. Record the contact, then %s grades it."),
					  key), TH_DIM);
		free(key);
	}
}

void scenario_text_build(struct pane *p)
{
	struct scen *s = scenario_state(p);
	const struct training *t = s->t;
	const struct scenario *sc = t->sc;
	const char *lang = i18n_lang();
	size_t i, left;
	char *k;

	scenario_text_clear(s);
	add(s, 0, NULL, xstrdup(scenario_text(&sc->title, lang)), TH_HEADER);
	/* TRANSLATORS: under the scenario's title: its difficulty and the
	 * attempt number. */
	add(s, 0, NULL, xasprintf(_("Level: %s. Attempt %d."),
				  scenario_difficulty_label(sc->difficulty),
				  t->attempt), TH_DIM);
	add_warnings(s);
	if (*scenario_text(&sc->persona, lang))
		add(s, 0, NULL, xstrdup(scenario_text(&sc->persona, lang)), TH_NORMAL);
	add_story(p, lang);
	for (i = 0; i < t->hints_shown && i < sc->n_hints; i++)
		/* TRANSLATORS: before a hint's text; keep it short. */
		s->last_hint_para = add(s, 0, _("Hint: "),
					xstrdup(scenario_text(&sc->hints[i], lang)), TH_MARK);
	left = training_hints_left(t);
	if (left) {
		k = key_of(p, ACT_SHOW_HINT);
		/* TRANSLATORS: %s is a key (F12); %zu how many hints are left. */
		add(s, 0, NULL, xasprintf(ngettext("%s: a hint (%zu left)",
						   "%s: a hint (%zu left)",
						   (unsigned long)left), k, left), TH_DIM);
		free(k);
	}
	if (t->graded || t->contact_graded)
		add_grade(p, lang);
	s->built = true;
}
