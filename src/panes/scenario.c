/* scenario: see scenario.h.
 *
 * Design: the text (scenario_text.c) is a list of paragraphs, wrapped
 * into rows only when the width changes; drawing shows a window of rows,
 * a paragraph's wrapped lines under its text, right of its prefix.
 * Scrolling is by rows; an anchor asks the next layout to bring a
 * paragraph into view (a step just revealed, the grade just given). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/text.h"
#include "panes/registry.h"
#include "panes/scenario_priv.h"
#include "ui/draw.h"
#include "ui/screen.h"
#include "ui/theme.h"

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
	struct scen *s = scenario_state(p);
	struct desk *d = s->d;
	if (s->built && s->seen_gen == s->t->gen && s->seen_lang == d->lang_gen
	    && s->seen_cat == d->cat_gen)
		return;
	s->seen_gen = s->t->gen;
	s->seen_lang = d->lang_gen;
	s->seen_cat = d->cat_gen;
	scenario_text_build(p);
}

static bool scenario_update(struct pane *p)
{
	struct scen *s = scenario_state(p);
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
	struct scen *s = scenario_state(p);
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
	struct scen *s = scenario_state(p);
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
	return training_choices(scenario_state(p)->t) > 0;
}

unsigned scenario_pane_reveal(struct pane *p, enum action a)
{
	struct scen *s = scenario_state(p);
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
	struct scen *s = scenario_state(p);
	rebuild_if_changed(p);
	if (s->t->graded) {
		s->anchor = ANCHOR_TOP;
		s->anchor_para = s->grade_para;
	}
	p->dirty = true;
}

static unsigned scenario_handle(struct pane *p, enum action a, km_key key)
{
	struct scen *s = scenario_state(p);
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
	struct scen *s = scenario_state(p);
	scenario_text_clear(s);
	scenario_text_clear_warnings(s);
	free(s->rows);
	free(s);
	p->state = NULL;
}

/* On the screen now: the key names in the text can be the keymap's. */
static void scenario_init(struct pane *p)
{
	scenario_state(p)->built = false;
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
	struct scen *s = scenario_state(p);
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
	return scenario_state(p)->top;
}
