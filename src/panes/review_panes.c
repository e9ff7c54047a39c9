/* review_panes: the review screen's four panes (see review.h).
 *
 *   desks   one row a desk file (and a total): contacts, undone, drafts
 *           never saved, first and last contact; more columns when wide;
 *           the highlighted row decides what the chart shows
 *   hours   contacts per hour as horizontal bars, from the first to the
 *           last working hour, empty hours marked
 *   top, flags   in review_lists.c
 * Every pane reads struct review and redraws when its generation moves;
 * review_panes_priv.h holds what the panes share. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/text.h"
#include "panes/registry.h"
#include "panes/review_panes.h"
#include "panes/review_panes_priv.h"
#include "ui/dialog.h"
#include "ui/draw.h"
#include "ui/list.h"
#include "ui/screen.h"
#include "ui/theme.h"

struct rpane *review_pane_state(const struct pane *p)
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

void review_pane_done(struct pane *p)
{
	free(p->state);
	p->state = NULL;
}

bool review_pane_changed(struct rpane *rp, bool chart)
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
unsigned review_pane_scroll(struct rpane *rp, enum action a)
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

bool review_pane_is_move(enum action a)
{
	return a == ACT_UP || a == ACT_DOWN || a == ACT_PAGE_UP
	       || a == ACT_PAGE_DOWN || a == ACT_HOME || a == ACT_END;
}

/* Right-aligned text in a column of cols. */
void review_put_right(WINDOW *w, int y, int x, int cols, const char *s, attr_t a)
{
	int tw = (int)text_width(s);
	if (tw > cols)
		ui_put_cut(w, y, x, cols, s, a);
	else
		ui_put(w, y, x + cols - tw, tw, s, a);
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
	return review_min(w, 16);
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
		want[i] = review_min((int)text_width(_(col_titles[i])), i == C_CLOSED ? 10 : 11);
		for (k = 0; k <= d->n_desks; k++) {
			const struct review_desk *desk = k < d->n_desks ? &d->desks[k] : &d->total;
			char *s = cell(desk, i, k == d->n_desks);
			int w = (int)text_width(s);
			free(s);
			if (w > want[i])
				want[i] = review_min(w, 20);
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
		int cut = review_min(used - width, c.name - 5);
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
			review_put_right(w, y, cx + 1, dc->c.w[c], s,
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
	struct rpane *rp = review_pane_state(p);
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
			review_put_right(w, 2, cx + 1, dc.c.w[c], t, theme_attr(TH_HEADER));
			free(t);
		}
		cx += 1 + dc.c.w[c];
	}
	list_draw(&rp->list, w, 3, 1, h - 4, iw, desk_row, &dc);
}

static bool desks_update(struct pane *p)
{
	struct rpane *rp = review_pane_state(p);
	size_t n = rp->r->day->n_desks;
	if (!review_pane_changed(rp, false))
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
	struct rpane *rp = review_pane_state(p);
	struct review *r = rp->r;
	(void)key;
	if (review_pane_is_move(a)) {
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
	if (review_pane_is_move(a))
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
	.done = review_pane_done,
};

/* Each pane looks up the review's keys (close-day, another day), then
 * the global ones: their registry context. */
struct pane *review_pane_new(const struct pane_ops *ops, struct review *r,
			     enum pane_id id)
{
	return registry_pane_new(id, ops, rpane_new(r));
}

struct pane *review_desks_pane_new(struct review *r)
{
	return review_pane_new(&desks_ops, r, PANE_DESKS);
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
	struct rpane *rp = review_pane_state(p);
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
		review_put_right(w, y, 7, cw, buf, n ? A_NORMAL : theme_attr(TH_CLOSED));
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
	struct rpane *rp = review_pane_state(p);
	unsigned chart = rp->seen_chart;
	if (!review_pane_changed(rp, true))
		return false;
	if (chart != rp->seen_chart)
		rp->top = 0;
	return true;
}

unsigned review_pane_scroll_handle(struct pane *p, enum action a, km_key key)
{
	(void)key;
	if (review_pane_is_move(a))
		return review_pane_scroll(review_pane_state(p), a);
	return review_global(p, review_pane_state(p)->r, a);
}

static const char *hours_help(struct pane *p, enum action a)
{
	(void)p;
	if (a == ACT_UP || a == ACT_DOWN)
		return N_("scroll the chart");
	if (review_pane_is_move(a))
		return action_help(a);
	return NULL;
}

static const struct pane_ops hours_ops = {
	.update = hours_update,
	.draw = hours_draw,
	.handle = review_pane_scroll_handle,
	.help = hours_help,
	.done = review_pane_done,
};

struct pane *review_hours_pane_new(struct review *r)
{
	return review_pane_new(&hours_ops, r, PANE_HOURS);
}
