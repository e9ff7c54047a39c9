/* review_lists: the review screen's two text panes (see review_panes.h):
 *
 *   top     topics, languages, redirect targets and reasons, interpreters
 *   flags   gaps, drafts never saved, undos, unreadable files, wrapped
 *
 * Both scroll without a highlight and redraw when the review's
 * generation moves. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/text.h"
#include "panes/registry.h"
#include "panes/review_panes.h"
#include "panes/review_panes_priv.h"
#include "ui/draw.h"
#include "ui/theme.h"

/* ---- top lists --------------------------------------------------------- */

#define TOP_MAX 64
#define TOP_SHORT 5

struct tline {
	char *text;		/* header or label */
	size_t count;
	size_t max;		/* the list's largest count (bars) */
	int kind;		/* 0 header, 1 entry, 2 none, 3 blank */
};

struct tlines {
	struct tline *v;
	size_t n;
};

static void tl_push(struct tlines *t, int kind, char *text, size_t count, size_t max)
{
	t->v = xrealloc(t->v, (t->n + 1) * sizeof *t->v);
	t->v[t->n].text = text;
	t->v[t->n].count = count;
	t->v[t->n].max = max;
	t->v[t->n].kind = kind;
	t->n++;
}

static void tl_free(struct tlines *t)
{
	size_t i;
	for (i = 0; i < t->n; i++)
		free(t->v[i].text);
	free(t->v);
}

/* Every list in full when it all fits in rows, else the first few of
 * each. */
static void top_lines(const struct review_day *d, int rows, struct tlines *t)
{
	struct review_entry (*e)[TOP_MAX] = xcalloc(REVIEW_TOP__N, sizeof *e);
	size_t n[REVIEW_TOP__N], need = 0, cap, i;
	int l;

	memset(t, 0, sizeof *t);
	for (l = 0; l < REVIEW_TOP__N; l++) {
		n[l] = review_day_top(d, (enum review_top)l, e[l], TOP_MAX);
		need += 2 + (n[l] ? n[l] : 1);
	}
	cap = need - 1 <= (size_t)(rows > 0 ? rows : 0) ? TOP_MAX : TOP_SHORT;
	for (l = 0; l < REVIEW_TOP__N; l++) {
		size_t max = n[l] ? e[l][0].count : 0;
		if (l)
			tl_push(t, 3, xstrdup(""), 0, 0);
		if (l == REVIEW_TOP_INTERPRETER)
			/* TRANSLATORS: e.g. "Interpreters: 7 of 45 contacts". */
			tl_push(t, 0, xasprintf(ngettext("%s: %zu of %zu contact",
							 "%s: %zu of %zu contacts",
							 d->total.contacts),
						review_top_title((enum review_top)l),
						d->total.interpreted, d->total.contacts), 0, 0);
		else
			tl_push(t, 0, xstrdup(review_top_title((enum review_top)l)), 0, 0);
		if (!n[l])
			tl_push(t, 2, xstrdup(_("(none)")), 0, 0);
		for (i = 0; i < n[l] && i < cap; i++)
			tl_push(t, 1, text_sanitize(e[l][i].label), e[l][i].count, max);
		if (n[l] > cap)
			tl_push(t, 2, xasprintf(_("... and %zu more"), n[l] - cap), 0, 0);
	}
	free(e);
}

static void top_draw(struct pane *p, WINDOW *w, int h, int width)
{
	struct rpane *rp = review_pane_state(p);
	const struct review_day *d = rp->r->day;
	struct tlines t;
	int iw = width - 2, rows = h - 2, lw = 0, cw = 1, bw, y;
	size_t i;
	char buf[32];
	bool utf8 = text_locale_utf8();

	top_lines(d, rows, &t);
	rp->page = rows > 0 ? rows : 1;
	rp->n_lines = t.n;
	if (rp->top + (size_t)rp->page > t.n)
		rp->top = t.n > (size_t)rp->page ? t.n - (size_t)rp->page : 0;
	for (i = 0; i < t.n; i++)
		if (t.v[i].kind == 1) {
			int tw = (int)text_width(t.v[i].text);
			snprintf(buf, sizeof buf, "%zu", t.v[i].count);
			lw = tw > lw ? tw : lw;
			cw = (int)strlen(buf) > cw ? (int)strlen(buf) : cw;
		}
	lw = review_min(lw, iw / 2 > 8 ? iw / 2 : 8);
	bw = iw - 2 - lw - 1 - cw - 1;
	for (y = 0; y < rows && rp->top + (size_t)y < t.n; y++) {
		const struct tline *l = &t.v[rp->top + (size_t)y];
		switch (l->kind) {
		case 0:
			ui_put_cut(w, 1 + y, 1, iw, l->text, theme_attr(TH_HEADER));
			break;
		case 1:
			ui_put_cut(w, 1 + y, 3, lw, l->text, A_NORMAL);
			snprintf(buf, sizeof buf, "%zu", l->count);
			review_put_right(w, 1 + y, 4 + lw, cw, buf, A_NORMAL);
			if (bw >= 4) {
				char *bar = report_bar(l->count, l->max, bw, utf8);
				ui_put(w, 1 + y, 5 + lw + cw, bw, bar, theme_attr(TH_MARK));
				free(bar);
			}
			break;
		case 2:
			ui_put_cut(w, 1 + y, 3, iw - 2, l->text, theme_attr(TH_DIM));
			break;
		default:
			break;
		}
	}
	tl_free(&t);
}

static bool top_update(struct pane *p)
{
	return review_pane_changed(review_pane_state(p), false);
}

static const char *top_help(struct pane *p, enum action a)
{
	(void)p;
	if (a == ACT_UP || a == ACT_DOWN)
		return N_("scroll the lists");
	if (review_pane_is_move(a))
		return action_help(a);
	return NULL;
}

static const struct pane_ops top_ops = {
	.update = top_update,
	.draw = top_draw,
	.handle = review_pane_scroll_handle,
	.help = top_help,
	.done = review_pane_done,
};

struct pane *review_top_pane_new(struct review *r)
{
	return review_pane_new(&top_ops, r, PANE_TOP);
}

/* ---- flags ------------------------------------------------------------- */

/* A flag's text is wrapped (never cut): the desk's name on its first
 * line, the text in the column after it. */
struct flag_lines {
	WINDOW *w;
	int y, x, width, left;	/* where the next line goes; lines left */
	attr_t attr;
	char *clean;
};

static void flag_line(void *ctx, const char *line, size_t len)
{
	struct flag_lines *fl = ctx;
	char *piece;
	if (fl->left <= 0)
		return;
	piece = xstrndup(line, len);
	ui_put_data(fl->w, fl->y, fl->x, fl->width, piece, fl->attr);
	free(piece);
	fl->y++;
	fl->left--;
}

static void flags_draw(struct pane *p, WINDOW *w, int h, int width)
{
	struct rpane *rp = review_pane_state(p);
	const struct review_day *d = rp->r->day;
	struct list *l = &rp->list;
	int name_w = 0, text_w, rows = h - 2, used, y;
	size_t i, *lines;
	char **texts;

	if (!d->n_flags) {
		if (d->n_desks)
			ui_put_cut(w, 1, 1, width - 2,
				   _("Nothing to flag: no gaps, unsaved contacts or undos."),
				   theme_attr(TH_DIM));
		return;
	}
	for (i = 0; i < d->n_flags; i++) {
		char *s = text_sanitize(d->desks[d->flags[i].desk].name);
		int tw = (int)text_width(s);
		name_w = tw > name_w ? tw : name_w;
		free(s);
	}
	name_w = review_min(name_w, review_min(12, (width - 2) / 3));
	text_w = width - 2 - name_w - 1;
	if (text_w < 4 || rows < 1)
		return;
	texts = xcalloc(d->n_flags, sizeof *texts);
	lines = xcalloc(d->n_flags, sizeof *lines);
	for (i = 0; i < d->n_flags; i++) {
		char *t = review_flag_text(d, &d->flags[i]);
		texts[i] = text_sanitize(t);
		free(t);
		lines[i] = ui_wrap(texts[i], text_w, NULL, NULL);
		if (!lines[i])
			lines[i] = 1;
	}
	/* The highlighted flag shown whole: move the top down until it fits. */
	if (l->cur < l->top)
		l->top = l->cur;
	for (;;) {
		size_t n = 0;
		for (i = l->top; i <= l->cur && i < d->n_flags; i++)
			n += lines[i];
		if (n <= (size_t)rows || l->top >= l->cur)
			break;
		l->top++;
	}
	l->page = rows;
	used = 0;
	for (i = l->top, y = 1; i < d->n_flags && used < rows; i++) {
		const struct review_flag *f = &d->flags[i];
		bool hl = i == l->cur;
		attr_t base = hl ? theme_attr(p->focused ? TH_CURSOR : TH_CURSOR_DIM) : A_NORMAL;
		struct flag_lines fl;
		int k, n = (int)lines[i] < rows - used ? (int)lines[i] : rows - used;
		for (k = 0; k < n; k++)
			ui_fill(w, y + k, 1, width - 2, base);
		ui_put_data(w, y, 1, name_w, d->desks[f->desk].name,
			    hl ? base : theme_attr(TH_HEADER));
		fl.w = w;
		fl.y = y;
		fl.x = 1 + name_w + 1;
		fl.width = text_w;
		fl.left = n;
		fl.attr = hl ? base : (f->kind == REVIEW_FLAG_UNREADABLE
				       ? theme_attr(TH_CLOSED) : A_NORMAL);
		ui_wrap(texts[i], text_w, flag_line, &fl);
		y += n;
		used += n;
	}
	for (i = 0; i < d->n_flags; i++)
		free(texts[i]);
	free(texts);
	free(lines);
}

static bool flags_update(struct pane *p)
{
	struct rpane *rp = review_pane_state(p);
	if (!review_pane_changed(rp, false))
		return false;
	list_set_count(&rp->list, rp->r->day->n_flags);
	return true;
}

static unsigned flags_handle(struct pane *p, enum action a, km_key key)
{
	struct rpane *rp = review_pane_state(p);
	struct review *r = rp->r;
	(void)key;
	if (review_pane_is_move(a)) {
		list_move(&rp->list, a);
		return PANE_HANDLED | PANE_REDRAW;
	}
	if (a == ACT_CHOOSE) {
		if (rp->list.cur < r->day->n_flags)
			review_open_desk(p->screen, r, r->day->flags[rp->list.cur].desk);
		return PANE_HANDLED;
	}
	return review_global(p, r, a);
}

static const char *flags_help(struct pane *p, enum action a)
{
	(void)p;
	if (review_pane_is_move(a))
		return action_help(a);
	if (a == ACT_CHOOSE)
		return N_("show the contacts of the flagged desk");
	return NULL;
}

static const struct pane_ops flags_ops = {
	.update = flags_update,
	.draw = flags_draw,
	.handle = flags_handle,
	.help = flags_help,
	.done = review_pane_done,
};

struct pane *review_flags_pane_new(struct review *r)
{
	return review_pane_new(&flags_ops, r, PANE_FLAGS);
}
