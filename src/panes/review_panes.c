/* review_panes: the review screen's four panes (see review.h).
 *
 *   desks   one row a desk file (and a total): contacts, undone, drafts
 *           never saved, first and last contact; more columns when wide;
 *           the highlighted row decides what the chart shows
 *   hours   contacts per hour as horizontal bars, from the first to the
 *           last working hour, empty hours marked
 *   top     topics, languages, redirect targets and reasons, interpreters
 *   flags   gaps, drafts never saved, undos, unreadable files
 * Every pane reads struct review and redraws when its generation moves. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/text.h"
#include "panes/registry.h"
#include "panes/review_panes.h"
#include "ui/dialog.h"
#include "ui/draw.h"
#include "ui/list.h"
#include "ui/screen.h"
#include "ui/theme.h"

struct rpane {
	struct review *r;
	struct list list;	/* desks, flags */
	size_t top;		/* hours, top: first line shown */
	size_t n_lines;		/* lines at the last draw */
	int page;		/* rows at the last draw */
	unsigned seen_gen, seen_lang, seen_chart;
	bool shown;		/* desks: the first update has run */
};

static struct rpane *st(const struct pane *p)
{
	return p->state;
}

static struct rpane *rpane_new(struct review *r)
{
	struct rpane *rp = xcalloc(1, sizeof *rp);
	rp->r = r;
	list_init(&rp->list);
	rp->seen_gen = r->gen - 1;
	rp->page = 1;
	return rp;
}

static void rpane_done(struct pane *p)
{
	free(p->state);
	p->state = NULL;
}

static bool changed(struct rpane *rp, bool chart)
{
	struct review *r = rp->r;
	bool c = rp->seen_gen != r->gen || rp->seen_lang != r->lang_gen
		 || (chart && rp->seen_chart != r->chart_gen);
	rp->seen_gen = r->gen;
	rp->seen_lang = r->lang_gen;
	rp->seen_chart = r->chart_gen;
	return c;
}

/* Scrolling a pane that has no highlight. */
static unsigned scroll_by(struct rpane *rp, enum action a)
{
	size_t page = rp->page > 1 ? (size_t)rp->page - 1 : 1;
	size_t max = rp->n_lines > (size_t)rp->page ? rp->n_lines - (size_t)rp->page : 0;
	size_t old = rp->top;
	switch (a) {
	case ACT_UP: if (rp->top) rp->top--; break;
	case ACT_DOWN: rp->top++; break;
	case ACT_PAGE_UP: rp->top = rp->top > page ? rp->top - page : 0; break;
	case ACT_PAGE_DOWN: rp->top += page; break;
	case ACT_HOME: rp->top = 0; break;
	case ACT_END: rp->top = max; break;
	default: return PANE_IGNORED;
	}
	if (rp->top > max)
		rp->top = max;
	return PANE_HANDLED | (rp->top != old ? PANE_REDRAW : 0);
}

static bool is_move(enum action a)
{
	return a == ACT_UP || a == ACT_DOWN || a == ACT_PAGE_UP
	       || a == ACT_PAGE_DOWN || a == ACT_HOME || a == ACT_END;
}

/* Right-aligned text in a column of cols. */
static void put_right(WINDOW *w, int y, int x, int cols, const char *s, attr_t a)
{
	int tw = (int)text_width(s);
	if (tw > cols)
		ui_put_cut(w, y, x, cols, s, a);
	else
		ui_put(w, y, x + cols - tw, tw, s, a);
}

static int min_i(int a, int b)
{
	return a < b ? a : b;
}

/* ---- the keys every pane shares ----------------------------------------- */

static void close_answer(void *ctx, bool yes, const int *values)
{
	(void)values;
	if (yes)
		review_close(ctx);
}

static void reopen_answer(void *ctx, bool yes, const int *values)
{
	(void)values;
	if (yes)
		review_reopen(ctx);
}

/* F2 and F3 ask first: a question, or a message saying why not. */
static void ask(struct screen *s, struct review *r, char *q,
		void (*answer)(void *, bool, const int *))
{
	if (q) {
		screen_push_overlay(s, dialog_confirm(q, answer, r, NULL));
		free(q);
	}
}

unsigned review_global(struct pane *p, struct review *r, enum action a)
{
	struct screen *s = p->screen;
	switch (a) {
	case ACT_REDRAW:
		review_reload(r);
		screen_repaint(s);
		return PANE_HANDLED;
	case ACT_CLOSE_DAY:
		ask(s, r, review_close_question(r), close_answer);
		return PANE_HANDLED;
	case ACT_REOPEN_DAY:
		ask(s, r, review_reopen_question(r), reopen_answer);
		return PANE_HANDLED;
	case ACT_PREVIOUS_DAY: case ACT_NEXT_DAY:
		review_shift_date(r, a == ACT_PREVIOUS_DAY ? -1 : 1);
		return PANE_HANDLED | PANE_REDRAW_ALL;
	case ACT_NEXT_LANGUAGE:
		i18n_set_lang(i18n_next_lang());
		r->lang_gen++;
		review_message(r, false, "%s", i18n_lang_name(i18n_lang()));
		screen_redraw_all(s);
		return PANE_HANDLED | PANE_REDRAW_ALL;
	case ACT_QUIT:
		screen_quit(s);
		return PANE_HANDLED;
	default:
		return PANE_IGNORED;
	}
}

void review_open_desk(struct screen *s, struct review *r, size_t i)
{
	const struct review_desk *k;
	if (i >= r->day->n_desks)
		return;
	k = &r->day->desks[i];
	if (k->error) {
		struct dialog *d = dialog_new(k->name);
		dialog_add_text(d, _("File"), k->path);
		dialog_add_gap(d);
		dialog_add_text(d, NULL, k->error);
		screen_push_overlay(s, dialog_overlay(d));
		return;
	}
	screen_push_overlay(s, review_log_new(r, i));
}

/* ---- desks ------------------------------------------------------------- */

enum { C_CONTACTS, C_UNDONE, C_DRAFTS, C_FIRST, C_LAST, C_REDIRECTED,
       C_INTERP, C_CLOSED, C__N };

static const char *const col_titles[C__N] = {
	N_("Contacts"), N_("Undone"), N_("Drafts"), N_("First"), N_("Last"),
	N_("Redirected"), N_("Interpreter"), N_("Closed by")
};

struct cols {
	int name;
	int w[C__N];		/* 0: not shown */
};

/* The text of column c for desk k (a new string). */
static char *cell(const struct review_desk *k, int c, bool total)
{
	switch (c) {
	case C_CONTACTS: return xasprintf("%zu", k->contacts);
	case C_UNDONE: return xasprintf("%zu", k->undone);
	case C_DRAFTS: return xasprintf("%zu", k->unsaved);
	case C_FIRST: return k->contacts ? review_time(k->first) : xstrdup("-");
	case C_LAST: return k->contacts ? review_time(k->last) : xstrdup("-");
	case C_REDIRECTED: return xasprintf("%zu", k->redirected);
	case C_INTERP: return xasprintf("%zu", k->interpreted);
	case C_CLOSED:
		if (total || !k->closed)
			return xstrdup("");
		{
			char *t = review_time(k->closed_at), *s;
			char *by = text_sanitize(k->closed_by ? k->closed_by : "?");
			s = xasprintf("%s %s", by, t);
			free(by);
			free(t);
			return s;
		}
	}
	return xstrdup("");
}

static int name_width(const struct review_day *d)
{
	size_t i;
	int w = (int)text_width(_("Total"));
	if ((int)text_width(_("Desk")) > w)
		w = (int)text_width(_("Desk"));
	for (i = 0; i < d->n_desks; i++) {
		char *s = text_sanitize(d->desks[i].name);
		if ((int)text_width(s) > w)
			w = (int)text_width(s);
		free(s);
	}
	return min_i(w, 16);
}

/* Which columns fit in width (after the two-column mark). */
static struct cols fit_cols(const struct review_day *d, int width)
{
	struct cols c;
	int want[C__N], i, used;
	bool times = true;
	size_t k;

	memset(&c, 0, sizeof c);
	for (i = 0; i < C__N; i++) {
		want[i] = min_i((int)text_width(_(col_titles[i])), i == C_CLOSED ? 10 : 11);
		for (k = 0; k <= d->n_desks; k++) {
			const struct review_desk *desk = k < d->n_desks ? &d->desks[k] : &d->total;
			char *s = cell(desk, i, k == d->n_desks);
			int w = (int)text_width(s);
			free(s);
			if (w > want[i])
				want[i] = min_i(w, 20);
		}
	}
	c.name = name_width(d);
	width -= 2;
	used = c.name;
	for (i = C_CONTACTS; i <= C_LAST; i++)
		used += 1 + want[i];
	/* Whole desk names matter more than the first and last times (the
	 * chart shows when a desk worked): drop the times first, then
	 * shorten names. */
	if (used > width) {
		used -= 2 + want[C_FIRST] + want[C_LAST];
		times = false;
	}
	if (used > width) {
		int cut = min_i(used - width, c.name - 5);
		if (cut > 0) {
			c.name -= cut;
			used -= cut;
		}
	}
	for (i = C_CONTACTS; i <= C_LAST; i++)
		if (times || i < C_FIRST)
			c.w[i] = want[i];
	for (i = C_REDIRECTED; i < C__N; i++)
		if (times && used + 1 + want[i] <= width) {
			c.w[i] = want[i];
			used += 1 + want[i];
		}
	return c;
}

struct desk_ctx {
	struct review *r;
	struct cols c;
	bool focused;
};

static void desk_row(void *vctx, WINDOW *w, int y, int x, int width,
		     size_t i, bool hl)
{
	struct desk_ctx *dc = vctx;
	const struct review_day *d = dc->r->day;
	bool total = i >= d->n_desks;
	const struct review_desk *k = total ? &d->total : &d->desks[i];
	attr_t base = hl ? theme_attr(dc->focused ? TH_CURSOR : TH_CURSOR_DIM)
			 : (total ? theme_attr(TH_HEADER) : A_NORMAL);
	int cx = x + 2, c;

	ui_fill(w, y, x, width, base);
	if (!total && k->error)
		ui_put(w, y, x, 1, "!", hl ? base : theme_attr(TH_CLOSED) | A_BOLD);
	else if (!total && k->closed)
		ui_put(w, y, x, 1, theme_glyph_tick(), hl ? base : theme_attr(TH_MARK));
	if (total)
		ui_put_cut(w, y, cx, dc->c.name, _("Total"), base);
	else
		ui_put_data(w, y, cx, dc->c.name, k->name, base);
	cx += dc->c.name;
	if (!total && k->error) {
		ui_put_data(w, y, cx + 1, width - (cx + 1 - x), review_desk_reason(k),
			    hl ? base : theme_attr(TH_CLOSED));
		return;
	}
	for (c = 0; c < C__N; c++) {
		char *s;
		if (!dc->c.w[c])
			continue;
		s = cell(k, c, total);
		if (c == C_CLOSED)
			ui_put_cut(w, y, cx + 1, dc->c.w[c], s, base);
		else
			put_right(w, y, cx + 1, dc->c.w[c], s,
				  c == C_UNDONE && k->undone && !hl ? theme_attr(TH_CLOSED) : base);
		free(s);
		cx += 1 + dc->c.w[c];
	}
}

/* "22.11.2026: open" / "...: closed by sup at 17.02". */
static char *day_state(const struct review *r)
{
	const struct review_day *d = r->day;
	char *day = NULL, *s;
	if (i18n_format_date(d->from, &day) != 0 || !day) {
		free(day);
		day = xstrdup(d->date);
	}
	if (d->closed) {
		char *at = review_time(d->closed_at);
		char *by = text_sanitize(d->closed_by ? d->closed_by : "?");
		/* TRANSLATORS: a date; who closed it; a time. */
		s = xasprintf(_("%s: closed by %s at %s"), day, by, at);
		free(by);
		free(at);
	} else
		s = xasprintf(_("%s: open"), day);
	free(day);
	return s;
}

static void desks_draw(struct pane *p, WINDOW *w, int h, int width)
{
	struct rpane *rp = st(p);
	struct review *r = rp->r;
	const struct review_day *d = r->day;
	struct desk_ctx dc;
	int iw = width - 2, cx, c;
	char *head = day_state(r);

	ui_put_cut(w, 1, 1, iw, head, d->closed
		   ? theme_attr(TH_MARK) : theme_attr(TH_HEADER));
	free(head);
	if (!d->n_desks) {
		char *msg = xasprintf(_("No desk files in %s."), d->dir);
		char *clean = text_sanitize(msg);
		ui_put_cut(w, 3, 1, iw, clean, theme_attr(TH_DIM));
		free(clean);
		free(msg);
		return;
	}
	if (h < 5)
		return;
	dc.r = r;
	dc.c = fit_cols(d, iw);
	dc.focused = p->focused;
	cx = 3;
	ui_put_cut(w, 2, cx, dc.c.name, _("Desk"), theme_attr(TH_HEADER));
	cx += dc.c.name;
	for (c = 0; c < C__N; c++) {
		if (!dc.c.w[c])
			continue;
		if (c == C_CLOSED)
			ui_put_cut(w, 2, cx + 1, dc.c.w[c], _(col_titles[c]), theme_attr(TH_HEADER));
		else {
			char *t = text_cut(_(col_titles[c]), (size_t)dc.c.w[c], !text_locale_utf8());
			put_right(w, 2, cx + 1, dc.c.w[c], t, theme_attr(TH_HEADER));
			free(t);
		}
		cx += 1 + dc.c.w[c];
	}
	list_draw(&rp->list, w, 3, 1, h - 4, iw, desk_row, &dc);
}

static bool desks_update(struct pane *p)
{
	struct rpane *rp = st(p);
	size_t n = rp->r->day->n_desks;
	if (!changed(rp, false))
		return false;
	list_set_count(&rp->list, n ? n + 1 : 0);
	if (!rp->shown) {
		/* Start on the total: the chart shows every desk. */
		list_select(&rp->list, n);
		rp->shown = true;
	}
	/* The chart shows the highlighted row (the total row: all desks). */
	if (rp->r->chart != rp->list.cur) {
		rp->r->chart = rp->list.cur;
		rp->r->chart_gen++;
	}
	return true;
}

static unsigned desks_handle(struct pane *p, enum action a, km_key key)
{
	struct rpane *rp = st(p);
	struct review *r = rp->r;
	(void)key;
	if (is_move(a)) {
		list_move(&rp->list, a);
		if (r->chart != rp->list.cur) {
			r->chart = rp->list.cur;
			r->chart_gen++;
		}
		return PANE_HANDLED | PANE_REDRAW;
	}
	if (a == ACT_CHOOSE) {
		if (rp->list.cur < r->day->n_desks)
			review_open_desk(p->screen, r, rp->list.cur);
		else if (r->day->n_desks)
			review_message(r, false, "%s", _("Choose a desk to see its contacts."));
		return PANE_HANDLED;
	}
	return review_global(p, r, a);
}

static const char *desks_help(struct pane *p, enum action a)
{
	(void)p;
	if (a == ACT_UP || a == ACT_DOWN)
		return N_("highlight another desk (the chart follows)");
	if (is_move(a))
		return action_help(a);
	if (a == ACT_CHOOSE)
		return N_("show the contacts of the highlighted desk");
	return NULL;
}

static const struct pane_ops desks_ops = {
	.update = desks_update,
	.draw = desks_draw,
	.handle = desks_handle,
	.help = desks_help,
	.done = rpane_done,
};

/* Each pane looks up the review's keys (close-day, another day), then
 * the global ones: their registry context. */
static struct pane *pane_new(const struct pane_ops *ops, struct review *r,
			     enum pane_id id)
{
	return registry_pane_new(id, ops, rpane_new(r));
}

struct pane *review_desks_pane_new(struct review *r)
{
	return pane_new(&desks_ops, r, PANE_DESKS);
}

/* ---- hours ------------------------------------------------------------- */

static int hour_of(time_t t)
{
	struct tm tm;
	if (!localtime_r(&t, &tm))
		return 0;
	return tm.tm_hour;
}

static void hours_draw(struct pane *p, WINDOW *w, int h, int width)
{
	struct rpane *rp = st(p);
	struct review *r = rp->r;
	const struct review_day *d = r->day;
	bool all = r->chart >= d->n_desks;
	const struct review_desk *k = all ? &d->total : &d->desks[r->chart];
	int iw = width - 2, rows = h - 3, lo, hi, i, cw;
	size_t max = 0;
	char *head, buf[32];
	bool utf8 = text_locale_utf8();

	if (all)
		head = xasprintf(ngettext("All desks: %zu contact", "All desks: %zu contacts",
					  k->contacts), k->contacts);
	else {
		char *name = text_sanitize(k->name);
		/* TRANSLATORS: a desk's name and its number of contacts. */
		head = xasprintf(ngettext("%s: %zu contact", "%s: %zu contacts", k->contacts),
				 name, k->contacts);
		free(name);
	}
	ui_put_cut(w, 1, 1, iw, head, theme_attr(TH_HEADER));
	free(head);
	rp->page = rows > 0 ? rows : 1;
	if (!all && k->error) {
		rp->n_lines = 0;
		ui_put_data(w, 2, 1, iw, review_desk_reason(k), theme_attr(TH_CLOSED));
		return;
	}
	if (!k->contacts) {
		rp->n_lines = 0;
		ui_put_cut(w, 2, 1, iw, _("(no contacts on this day)"), theme_attr(TH_DIM));
		return;
	}
	lo = hour_of(k->first);
	hi = hour_of(k->last);
	if (hi < lo)
		hi = lo;
	rp->n_lines = (size_t)(hi - lo + 1);
	if (rp->top + (size_t)rp->page > rp->n_lines)
		rp->top = rp->n_lines > (size_t)rp->page ? rp->n_lines - (size_t)rp->page : 0;
	for (i = lo; i <= hi; i++)
		if (k->hours[i] > max)
			max = k->hours[i];
	snprintf(buf, sizeof buf, "%zu", max);
	cw = (int)strlen(buf);
	for (i = 0; i < rows && lo + (int)rp->top + i <= hi; i++) {
		int hour = lo + (int)rp->top + i, y = 2 + i, bw = iw - 6 - cw - 1;
		size_t n = k->hours[hour];
		snprintf(buf, sizeof buf, "%02d-%02d", hour, (hour + 1) % 24);
		ui_put(w, y, 1, 5, buf, theme_attr(TH_DIM));
		snprintf(buf, sizeof buf, "%zu", n);
		put_right(w, y, 7, cw, buf, n ? A_NORMAL : theme_attr(TH_CLOSED));
		if (n) {
			char *bar = report_bar(n, max, bw, utf8);
			ui_put(w, y, 8 + cw, bw, bar, theme_attr(TH_MARK));
			free(bar);
		} else
			ui_put_cut(w, y, 8 + cw, bw, _("no contacts"), theme_attr(TH_CLOSED));
	}
}

static bool hours_update(struct pane *p)
{
	struct rpane *rp = st(p);
	unsigned chart = rp->seen_chart;
	if (!changed(rp, true))
		return false;
	if (chart != rp->seen_chart)
		rp->top = 0;
	return true;
}

static unsigned hours_handle(struct pane *p, enum action a, km_key key)
{
	(void)key;
	if (is_move(a))
		return scroll_by(st(p), a);
	return review_global(p, st(p)->r, a);
}

static const char *hours_help(struct pane *p, enum action a)
{
	(void)p;
	if (a == ACT_UP || a == ACT_DOWN)
		return N_("scroll the chart");
	if (is_move(a))
		return action_help(a);
	return NULL;
}

static const struct pane_ops hours_ops = {
	.update = hours_update,
	.draw = hours_draw,
	.handle = hours_handle,
	.help = hours_help,
	.done = rpane_done,
};

struct pane *review_hours_pane_new(struct review *r)
{
	return pane_new(&hours_ops, r, PANE_HOURS);
}

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
	struct rpane *rp = st(p);
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
	lw = min_i(lw, iw / 2 > 8 ? iw / 2 : 8);
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
			put_right(w, 1 + y, 4 + lw, cw, buf, A_NORMAL);
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
	return changed(st(p), false);
}

static unsigned top_handle(struct pane *p, enum action a, km_key key)
{
	(void)key;
	if (is_move(a))
		return scroll_by(st(p), a);
	return review_global(p, st(p)->r, a);
}

static const char *top_help(struct pane *p, enum action a)
{
	(void)p;
	if (a == ACT_UP || a == ACT_DOWN)
		return N_("scroll the lists");
	if (is_move(a))
		return action_help(a);
	return NULL;
}

static const struct pane_ops top_ops = {
	.update = top_update,
	.draw = top_draw,
	.handle = top_handle,
	.help = top_help,
	.done = rpane_done,
};

struct pane *review_top_pane_new(struct review *r)
{
	return pane_new(&top_ops, r, PANE_TOP);
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
	struct rpane *rp = st(p);
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
	name_w = min_i(name_w, min_i(12, (width - 2) / 3));
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
	struct rpane *rp = st(p);
	if (!changed(rp, false))
		return false;
	list_set_count(&rp->list, rp->r->day->n_flags);
	return true;
}

static unsigned flags_handle(struct pane *p, enum action a, km_key key)
{
	struct rpane *rp = st(p);
	struct review *r = rp->r;
	(void)key;
	if (is_move(a)) {
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
	if (is_move(a))
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
	.done = rpane_done,
};

struct pane *review_flags_pane_new(struct review *r)
{
	return pane_new(&flags_ops, r, PANE_FLAGS);
}
