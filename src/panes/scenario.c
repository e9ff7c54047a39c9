/* scenario: see scenario.h.
 *
 * Design: the text is a list of paragraphs, rebuilt only when the
 * training state or the UI language changes, and wrapped into rows only
 * when the width changes; drawing shows a window of rows. Each paragraph
 * may have a prefix (a step number, a bullet) that hangs to its left, so
 * wrapped lines line up under the text. Scrolling is by rows; an anchor
 * asks the next layout to bring a paragraph into view (a step just
 * revealed, the grade just given). Values in the grade are shown as the
 * trainee saw them on the desk (labels and service names), not as codes.
 * Under the title, a warning lists what the answer key names that the
 * loaded catalogue lacks: the trainee cannot get those right. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/text.h"
#include "panes/scenario.h"
#include "panes/scenario_labels.h"
#include "panes/registry.h"
#include "ui/draw.h"
#include "ui/screen.h"
#include "ui/theme.h"

struct para {
	char *prefix;		/* "" or a number, bullet, tick */
	char *text;		/* sanitized */
	int indent;		/* columns before the prefix */
	enum theme_role role;
};

struct row {
	size_t para;
	size_t start, len;	/* bytes of the paragraph's text */
	bool first;
};

enum anchor { ANCHOR_NONE, ANCHOR_TOP, ANCHOR_SHOW };

struct scen {
	struct desk *d;
	struct training *t;
	struct para *paras;
	size_t n_paras;
	struct row *rows;
	size_t n_rows, cap_rows;
	int rows_width;		/* width the rows are wrapped for; -1 stale */
	size_t top;
	int page;		/* rows shown at the last draw (>= 1) */
	enum anchor anchor;
	size_t anchor_para;
	size_t grade_para;	/* the score's paragraph, when graded */
	size_t last_step_para, last_hint_para;
	unsigned seen_gen, seen_lang, seen_cat;
	bool built;
	bool warned;		/* the catalogue lacks what the key names */
	char **warnings;	/* ... which, for catalogue checked_cat */
	size_t n_warnings;
	unsigned checked_cat;
	bool checked;
};

static struct scen *st(const struct pane *p)
{
	return p->state;
}

/* --- the text ----------------------------------------------------------- */

static void clear_paras(struct scen *s)
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
	struct scen *s = st(p);
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

static void clear_warnings(struct scen *s)
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
		clear_warnings(s);
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
	struct scen *s = st(p);
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

static void build(struct pane *p)
{
	struct scen *s = st(p);
	const struct training *t = s->t;
	const struct scenario *sc = t->sc;
	const char *lang = i18n_lang();
	size_t i, left;
	char *k;

	clear_paras(s);
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

/* --- rows and scrolling ------------------------------------------------- */

struct wrap_ctx {
	struct scen *s;
	size_t para;
	const char *base;
	bool first;
};

static void row_add(void *vctx, const char *line, size_t len)
{
	struct wrap_ctx *c = vctx;
	struct scen *s = c->s;
	if (s->n_rows == s->cap_rows) {
		s->cap_rows = s->cap_rows ? 2 * s->cap_rows : 64;
		s->rows = xrealloc(s->rows, s->cap_rows * sizeof *s->rows);
	}
	s->rows[s->n_rows].para = c->para;
	s->rows[s->n_rows].start = (size_t)(line - c->base);
	s->rows[s->n_rows].len = len;
	s->rows[s->n_rows].first = c->first;
	s->n_rows++;
	c->first = false;
}

static int text_x(const struct para *pp)
{
	return pp->indent + (int)text_width(pp->prefix);
}

static void layout_rows(struct scen *s, int width)
{
	size_t i;
	if (s->rows_width == width)
		return;
	s->n_rows = 0;
	for (i = 0; i < s->n_paras; i++) {
		struct para *pp = &s->paras[i];
		struct wrap_ctx c = { s, i, pp->text, true };
		int w = width - text_x(pp);
		if (w < 8)
			w = 8;
		if (!*pp->text)
			row_add(&c, pp->text, 0);
		else
			ui_wrap(pp->text, w, row_add, &c);
	}
	s->rows_width = width;
}

static size_t first_row(const struct scen *s, size_t para)
{
	size_t i;
	for (i = 0; i < s->n_rows; i++)
		if (s->rows[i].para >= para)
			return i;
	return s->n_rows;
}

/* Keep top in range and honour a pending anchor, for page rows. */
static void settle(struct scen *s, size_t page)
{
	size_t max_top = s->n_rows > page ? s->n_rows - page : 0;
	if (s->anchor == ANCHOR_TOP && s->anchor_para < s->n_paras)
		s->top = first_row(s, s->anchor_para);
	else if (s->anchor == ANCHOR_SHOW && s->anchor_para < s->n_paras) {
		/* The paragraph and the one after it (what to do next), as
		 * little scrolling as possible, its start winning. */
		size_t a = first_row(s, s->anchor_para);
		size_t end = first_row(s, s->anchor_para + 2);
		if (end > a && end - a > page)
			end = a + page;
		if (end > s->top + page)
			s->top = end - page;
		if (a < s->top)
			s->top = a;
	}
	s->anchor = ANCHOR_NONE;
	if (s->top > max_top)
		s->top = max_top;
}

static void rebuild_if_changed(struct pane *p)
{
	struct scen *s = st(p);
	struct desk *d = s->d;
	if (s->built && s->seen_gen == s->t->gen && s->seen_lang == d->lang_gen
	    && s->seen_cat == d->cat_gen)
		return;
	s->seen_gen = s->t->gen;
	s->seen_lang = d->lang_gen;
	s->seen_cat = d->cat_gen;
	build(p);
}

static bool scenario_update(struct pane *p)
{
	struct scen *s = st(p);
	bool was = s->built;
	unsigned gen = s->seen_gen, lang = s->seen_lang, cat = s->seen_cat;
	rebuild_if_changed(p);
	return !was || gen != s->seen_gen || lang != s->seen_lang
	       || cat != s->seen_cat || s->anchor != ANCHOR_NONE;
}

/* Content columns: a space of margin on each side inside the border. */
static int content_width(int width)
{
	return width - 4 > 1 ? width - 4 : 1;
}

static void scenario_draw(struct pane *p, WINDOW *w, int h, int width)
{
	struct scen *s = st(p);
	int rows = h - 2, cw = content_width(width), y;
	size_t i;

	if (rows < 1 || width < 6)
		return;
	rebuild_if_changed(p);
	layout_rows(s, cw);
	s->page = rows;
	settle(s, (size_t)rows);
	for (y = 0, i = s->top; y < rows && i < s->n_rows; y++, i++) {
		const struct row *r = &s->rows[i];
		const struct para *pp = &s->paras[r->para];
		attr_t a = theme_attr(pp->role);
		int x = 2 + pp->indent;
		char *line;
		if (r->first && *pp->prefix)
			ui_put(w, 1 + y, x, cw - pp->indent, pp->prefix, a);
		x = 2 + text_x(pp);
		line = xstrndup(pp->text + r->start, r->len);
		ui_put(w, 1 + y, x, 2 + cw - x, line, a);
		free(line);
	}
	/* More text above or below: a mark on the border, as the intake. */
	if (s->top > 0)
		ui_put(w, 0, width - 3, 1, "^", theme_attr(TH_DIM));
	if (s->top + (size_t)rows < s->n_rows)
		ui_put(w, h - 1, width - 3, 1, "v", theme_attr(TH_DIM));
}

static void scroll_by(struct scen *s, enum action a)
{
	size_t page = s->page > 1 ? (size_t)s->page - 1 : 1;
	switch (a) {
	case ACT_UP:
		if (s->top > 0)
			s->top--;
		break;
	case ACT_DOWN:
		s->top++;
		break;
	case ACT_PAGE_UP:
		s->top = s->top > page ? s->top - page : 0;
		break;
	case ACT_PAGE_DOWN:
		s->top += page;
		break;
	case ACT_HOME:
		s->top = 0;
		break;
	case ACT_END:
		s->top = s->n_rows;
		break;
	default:
		break;
	}
	/* settle() at the next draw keeps it in range. */
}

/* Bring what a move showed into view, and say it in the status line. */
static void moved(struct pane *p, enum training_move m)
{
	struct scen *s = st(p);
	struct training *t = s->t;
	rebuild_if_changed(p);
	/* A step with choices: its words at the top, the choices under. */
	s->anchor = training_choices(t) ? ANCHOR_TOP : ANCHOR_SHOW;
	s->anchor_para = s->last_step_para;
	switch (m) {
	case TRAINING_STEP:
		if (t->sc->branching)
			desk_message(s->d, false, _("Step %zu."), t->steps_shown);
		else
			desk_message(s->d, false, _("Step %zu of %zu."), t->steps_shown,
				     t->sc->n_steps);
		break;
	case TRAINING_ENDING:
		desk_message(s->d, false, _("The conversation ends: record the contact and grade it."));
		break;
	case TRAINING_NEXT_CONTACT:
		desk_reset_contact(s->d);
		/* TRANSLATORS: the story's next contact starts (a callback, a
		 * second visit); %d is its number. */
		desk_message(s->d, false, _("Contact %d: a new contact. Record it as its own."),
			     t->contact);
		break;
	case TRAINING_CHOOSE:
		desk_message(s->d, false, _("The customer waits for your answer: press 1 to %zu in the Scenario pane."),
			     training_choices(t));
		break;
	case TRAINING_DONE:
		desk_message(s->d, false, _("Every step of the story is shown."));
		break;
	}
	p->dirty = true;
}

bool scenario_pane_waits(const struct pane *p)
{
	return training_choices(st(p)->t) > 0;
}

unsigned scenario_pane_reveal(struct pane *p, enum action a)
{
	struct scen *s = st(p);
	struct training *t = s->t;
	if (a == ACT_NEXT_STEP) {
		moved(p, training_advance(t, s->d->c));
		return PANE_HANDLED | PANE_REDRAW;
	} else if (a == ACT_SHOW_HINT) {
		if (training_next_hint(t)) {
			rebuild_if_changed(p);
			s->anchor = ANCHOR_SHOW;
			s->anchor_para = s->last_hint_para;
			desk_message(s->d, false, _("Hint %zu of %zu."), t->hints_shown,
				     t->sc->n_hints);
		} else if (t->sc->n_hints == 0)
			desk_message(s->d, false, _("This scenario has no hints."));
		else
			desk_message(s->d, false, _("Every hint is shown."));
	} else
		return PANE_IGNORED;
	p->dirty = true;
	return PANE_HANDLED | PANE_REDRAW;
}

void scenario_pane_show_grade(struct pane *p)
{
	struct scen *s = st(p);
	rebuild_if_changed(p);
	if (s->t->graded) {
		s->anchor = ANCHOR_TOP;
		s->anchor_para = s->grade_para;
	}
	p->dirty = true;
}

static unsigned scenario_handle(struct pane *p, enum action a, km_key key)
{
	struct scen *s = st(p);
	size_t n = training_choices(s->t);
	if (a == ACT_NONE && n && key >= '1' && key <= '9') {
		enum training_move m = training_choose(s->t, (size_t)(key - '1'));
		if (m == TRAINING_CHOOSE)
			desk_message(s->d, false, _("There are %zu answers: press 1 to %zu."), n, n);
		else
			moved(p, m);
		return PANE_HANDLED | PANE_REDRAW;
	}
	switch (a) {
	case ACT_NEXT_STEP: case ACT_SHOW_HINT:
		return scenario_pane_reveal(p, a);
	case ACT_UP: case ACT_DOWN: case ACT_PAGE_UP: case ACT_PAGE_DOWN:
	case ACT_HOME: case ACT_END:
		scroll_by(s, a);
		return PANE_HANDLED | PANE_REDRAW;
	default:
		return PANE_IGNORED;
	}
}

static const char *scenario_help(struct pane *p, enum action a)
{
	(void)p;
	switch (a) {
	case ACT_NEXT_STEP: return N_("reveal the next step of the customer's story");
	case ACT_SHOW_HINT: return N_("show a hint");
	case ACT_UP: return N_("scroll up");
	case ACT_DOWN: return N_("scroll down");
	case ACT_PAGE_UP: return N_("scroll up one page");
	case ACT_PAGE_DOWN: return N_("scroll down one page");
	case ACT_HOME: return N_("go to the top");
	case ACT_END: return N_("go to the end");
	default: return NULL;
	}
}

static void scenario_done(struct pane *p)
{
	struct scen *s = st(p);
	clear_paras(s);
	clear_warnings(s);
	free(s->rows);
	free(s);
	p->state = NULL;
}

/* On the screen now: the key names in the text can be the keymap's. */
static void scenario_init(struct pane *p)
{
	st(p)->built = false;
}

static const struct pane_ops scenario_ops = {
	.init = scenario_init,
	.update = scenario_update,
	.draw = scenario_draw,
	.handle = scenario_handle,
	.help = scenario_help,
	.done = scenario_done,
};

struct pane *scenario_pane_new(struct desk *d, struct training *t)
{
	struct pane *p;
	struct scen *s = xcalloc(1, sizeof *s);
	s->d = d;
	s->t = t;
	s->rows_width = -1;
	s->page = 1;
	p = registry_pane_new(PANE_SCENARIO, &scenario_ops, s);
	/* The first step in view, before the title if it must; but a
	 * warning about the catalogue (under the title) is read first. */
	rebuild_if_changed(p);
	s->anchor = s->warned || training_choices(t) ? ANCHOR_TOP : ANCHOR_SHOW;
	s->anchor_para = s->warned ? 0 : s->last_step_para;
	return p;
}

char *scenario_pane_text(struct pane *p, int width)
{
	struct scen *s = st(p);
	char *out = xstrdup("");
	size_t i;
	rebuild_if_changed(p);
	layout_rows(s, width);
	settle(s, (size_t)(s->page > 0 ? s->page : 1));
	for (i = 0; i < s->n_rows; i++) {
		const struct row *r = &s->rows[i];
		const struct para *pp = &s->paras[r->para];
		char *line = xstrndup(pp->text + r->start, r->len);
		char *t = r->first
			  ? xasprintf("%s%*s%s%s\n", out, pp->indent, "", pp->prefix, line)
			  : xasprintf("%s%*s%s\n", out, text_x(pp), "", line);
		free(line);
		free(out);
		out = t;
	}
	return out;
}

size_t scenario_pane_top(const struct pane *p)
{
	return st(p)->top;
}
