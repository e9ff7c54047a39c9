/* topics: see topics.h. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/text.h"
#include "panes/topics.h"
#include "panes/registry.h"
#include "ui/draw.h"
#include "ui/lineedit.h"
#include "ui/list.h"
#include "ui/theme.h"

/* The least width of a column of short labels: "[x] " and 13 columns. */
#define TOPICS_COLUMN_MIN 17

struct topics {
	struct desk *d;
	struct list list;
	int rows[TOPIC__N];	/* topics shown, in display order */
	struct lineedit filter;
	bool editing;
	/* Rows a column in two columns (the topics did not fit in one);
	 * 0 in one column. Left and Right then go across. */
	int per;
	unsigned seen_gen, seen_lang, seen_cat, seen_count;
	int cur_y, cur_x;
};

static struct topics *st(const struct pane *p)
{
	return p->state;
}

int topics_current(const struct pane *p)
{
	struct topics *t = st(p);
	return t->list.n ? t->rows[t->list.cur] : -1;
}

size_t topics_rows(const struct pane *p)
{
	return st(p)->list.n;
}

static bool matches(int topic, const char *fq)
{
	char *lab;
	bool ok;
	if (!*fq)
		return true;
	lab = text_fold(codes_label(CODES_TOPIC, topic), true);
	ok = strstr(lab, fq) != NULL
	     || !strncmp(codes_code(CODES_TOPIC, topic), fq, strlen(fq));
	free(lab);
	return ok;
}

/* Rebuild the rows for the filter, keeping the highlighted topic. */
static void rebuild(struct topics *t)
{
	int keep = t->list.n ? t->rows[t->list.cur] : -1, i, n = 0;
	char *fq = text_fold(lineedit_text(&t->filter), true);
	const struct catalogue *cat = t->d->cat;
	for (i = 0; i < TOPIC__N; i++) {
		int topic = cat ? cat->topic_order[i] : i;
		if (topic < 0 || topic >= TOPIC__N)
			topic = i;
		if (matches(topic, fq))
			t->rows[n++] = topic;
	}
	free(fq);
	list_set_count(&t->list, (size_t)n);
	for (i = 0; i < n; i++)
		if (t->rows[i] == keep)
			list_select(&t->list, (size_t)i);
}

static bool jump_letter(struct topics *t, km_key key)
{
	char *name = keymap_key_name(key), *want = text_fold(name, true);
	size_t k, n = t->list.n;
	bool found = false;
	free(name);
	for (k = 1; k <= n && *want && !found; k++) {
		size_t i = (t->list.cur + k) % n;
		char *lab = text_fold(codes_label(CODES_TOPIC, t->rows[i]), true);
		if (!strncmp(lab, want, strlen(want))) {
			list_select(&t->list, i);
			found = true;
		}
		free(lab);
	}
	free(want);
	return found;
}

static unsigned toggle(struct topics *t)
{
	if (!t->list.n)
		return PANE_HANDLED;
	desk_toggle_topic(t->d, t->rows[t->list.cur]);
	return PANE_HANDLED | PANE_REDRAW | PANE_CHANGED;
}

static unsigned topics_handle(struct pane *p, enum action a, km_key key)
{
	struct topics *t = st(p);
	switch (a) {
	case ACT_NONE:
		if (t->editing) {
			bool moved;
			if (lineedit_key(&t->filter, key, &moved))
				rebuild(t);
			return PANE_HANDLED | PANE_REDRAW;
		}
		if (keymap_key_printable(key) && jump_letter(t, key))
			return PANE_HANDLED | PANE_REDRAW;
		return PANE_IGNORED;
	case ACT_UP: case ACT_DOWN: case ACT_PAGE_UP: case ACT_PAGE_DOWN:
	case ACT_HOME: case ACT_END:
		list_move(&t->list, a);
		return PANE_HANDLED | PANE_REDRAW;
	case ACT_LEFT: case ACT_RIGHT:
		if (t->per > 0) {
			size_t per = (size_t)t->per, cur = t->list.cur;
			if (a == ACT_RIGHT && cur + per < t->list.n)
				list_select(&t->list, cur + per);
			else if (a == ACT_LEFT && cur >= per)
				list_select(&t->list, cur - per);
			return PANE_HANDLED | PANE_REDRAW;
		}
		return PANE_IGNORED;
	case ACT_TOGGLE:
		return toggle(t);
	case ACT_CHOOSE:
		/* Enter while filtering: done filtering, and tick. */
		t->editing = false;
		return toggle(t);
	case ACT_FILTER:
		t->editing = true;
		return PANE_HANDLED | PANE_REDRAW;
	case ACT_CANCEL:
		t->editing = false;
		lineedit_clear(&t->filter);
		rebuild(t);
		return PANE_HANDLED | PANE_REDRAW;
	default:
		return PANE_IGNORED;
	}
}

static bool topics_wants_text(struct pane *p)
{
	return st(p)->editing;
}

static bool topics_update(struct pane *p)
{
	struct topics *t = st(p);
	struct desk *d = t->d;
	if (t->seen_gen == d->gen && t->seen_lang == d->lang_gen
	    && t->seen_cat == d->cat_gen && t->seen_count == d->count_gen)
		return false;
	if (t->seen_lang != d->lang_gen || t->seen_cat != d->cat_gen)
		rebuild(t);
	t->seen_gen = d->gen;
	t->seen_lang = d->lang_gen;
	t->seen_cat = d->cat_gen;
	t->seen_count = d->count_gen;
	return true;
}

static bool topics_cursor(struct pane *p, int *y, int *x)
{
	struct topics *t = st(p);
	if (!t->editing || t->cur_y < 0)
		return false;
	*y = t->cur_y;
	*x = t->cur_x;
	return true;
}

struct row_ctx {
	struct topics *t;
	bool focused;
};

static void draw_cell(struct row_ctx *rc, WINDOW *w, int y, int x, int width,
		      size_t i, bool hl, bool brief);

static void draw_row(void *vctx, WINDOW *w, int y, int x, int width,
		     size_t i, bool hl)
{
	draw_cell(vctx, w, y, x, width, i, hl, false);
}

/* brief: the short label, and the day's count only where it fits. */
static void draw_cell(struct row_ctx *rc, WINDOW *w, int y, int x, int width,
		      size_t i, bool hl, bool brief)
{
	struct topics *t = rc->t;
	int topic = t->rows[i], cw = 0, used;
	bool on = (t->d->c->topics >> topic) & 1u;
	attr_t base = hl ? theme_attr(rc->focused ? TH_CURSOR : TH_CURSOR_DIM) : A_NORMAL;
	char count[16] = "";
	const char *label;

	if (t->d->topic_counts[topic] > 0) {
		snprintf(count, sizeof count, "%d", t->d->topic_counts[topic]);
		cw = (int)strlen(count) + 1;
	}
	label = brief ? codes_topic_short(topic) : codes_label(CODES_TOPIC, topic);
	if (cw >= width - 6
	    || (brief && 4 + (int)text_width(label) + cw > width))
		cw = 0;
	ui_fill(w, y, x, width, base);
	used = ui_put(w, y, x, width, on ? "[x] " : "[ ] ",
		      on && !hl ? theme_attr(TH_MARK) : base);
	ui_put_cut(w, y, x + used, width - used - cw, label, base);
	if (cw)
		ui_put(w, y, x + width - cw + 1, cw - 1, count,
		       hl ? base : theme_attr(TH_DIM));
}

static void topics_draw(struct pane *p, WINDOW *w, int h, int width)
{
	struct topics *t = st(p);
	struct row_ctx rc = { t, p->focused };
	int top = 1, rows = h - 2;
	t->cur_y = t->cur_x = -1;
	if (t->editing || !lineedit_empty(&t->filter)) {
		ui_put(w, 1, 1, 2, "/", theme_attr(TH_HEADER));
		t->cur_x = lineedit_draw(&t->filter, w, 1, 3, width - 4,
					 t->editing ? theme_attr(TH_INPUT) : A_NORMAL);
		t->cur_y = 1;
		top = 2;
		rows--;
	}
	if (t->list.n == 0 && rows > 0)
		ui_put_cut(w, top, 2, width - 3, _("(no topic matches)"), theme_attr(TH_DIM));
	/* Too few rows for every topic: two columns of short labels, so
	 * that none is off screen (an 80x24 desk has 10 rows here). */
	t->per = 0;
	if ((int)t->list.n > rows && rows > 0
	    && (int)(t->list.n + 1) / 2 <= rows && width - 2 >= 2 * TOPICS_COLUMN_MIN) {
		int per = (int)(t->list.n + 1) / 2, colw = (width - 2) / 2;
		size_t i;
		t->per = per;
		for (i = 0; i < t->list.n; i++)
			draw_cell(&rc, w, top + (int)i % per, 1 + ((int)i / per) * colw,
				  (int)i / per ? width - 2 - colw : colw - 1, i,
				  i == t->list.cur, true);
		for (i = t->list.n; i < (size_t)(2 * per); i++)
			ui_fill(w, top + (int)i % per, 1 + colw, width - 2 - colw, A_NORMAL);
		for (i = (size_t)per; i < (size_t)rows; i++)
			ui_fill(w, top + (int)i, 1, width - 2, A_NORMAL);
		return;
	}
	list_draw(&t->list, w, top, 1, rows, width - 2, draw_row, &rc);
}

static const char *topics_help(struct pane *p, enum action a)
{
	(void)p;
	switch (a) {
	case ACT_TOGGLE: case ACT_CHOOSE: return N_("tick or untick the highlighted topic");
	case ACT_UP: case ACT_DOWN: case ACT_PAGE_UP: case ACT_PAGE_DOWN:
	case ACT_HOME: case ACT_END:
		return action_help(a);
	case ACT_FILTER: return N_("filter the topics as you type");
	case ACT_CANCEL: return N_("clear the filter");
	default: return NULL;
	}
}

static size_t topics_help_more(struct pane *p, size_t i, const char **keys,
			       const char **text)
{
	(void)p;
	if (keys && i == 0) {
		*keys = N_("a letter");
		*text = N_("jump to the next topic that starts with it");
	} else if (keys && i == 1) {
		*keys = N_("Left, Right");
		*text = N_("in two columns: to the other column");
	}
	return 2;
}

static void topics_done(struct pane *p)
{
	struct topics *t = st(p);
	lineedit_free(&t->filter);
	free(t);
	p->state = NULL;
}

static const struct pane_ops topics_ops = {
	.update = topics_update,
	.draw = topics_draw,
	.handle = topics_handle,
	.wants_text = topics_wants_text,
	.cursor = topics_cursor,
	.help = topics_help,
	.help_more = topics_help_more,
	.done = topics_done,
};

struct pane *topics_pane_new(struct desk *d)
{
	struct pane *p;
	struct topics *t = xcalloc(1, sizeof *t);
	t->d = d;
	list_init(&t->list);
	lineedit_init(&t->filter, 64);
	rebuild(t);
	t->seen_gen = d->gen - 1;
	t->cur_y = -1;
	p = registry_pane_new(PANE_TOPICS, &topics_ops, t);
	return p;
}
