/* interpreters: see interpreters.h. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/rank.h"
#include "core/text.h"
#include "panes/interpreters.h"
#include "panes/registry.h"
#include "ui/draw.h"
#include "ui/lineedit.h"
#include "ui/list.h"
#include "ui/screen.h"
#include "ui/theme.h"

struct interp {
	struct desk *d;
	struct list list;
	struct rank_resource *rows;
	struct lineedit filter;	/* a language search */
	bool editing;
	char *lang;		/* the language the list is for, NULL = all */
	bool no_match;		/* the search matches no language */
	char *r_query, *r_contact_lang;
	long r_minute;
	unsigned r_cat, r_gen;
	bool ranked;
	int cur_y, cur_x;
};

static struct interp *st(const struct pane *p)
{
	return p->state;
}

size_t interpreters_rows(const struct pane *p)
{
	return st(p)->list.n;
}

size_t interpreters_resource_at(const struct pane *p, size_t row)
{
	return row < st(p)->list.n ? st(p)->rows[row].index : (size_t)-1;
}

const char *interpreters_language(const struct pane *p)
{
	return st(p)->lang;
}

static bool str_eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

static bool rerank(struct interp *in)
{
	struct desk *d = in->d;
	const char *q = lineedit_text(&in->filter);
	long minute = desk_minute(d);
	size_t keep = (size_t)-1, n = 0, i;
	struct tm now;

	if (in->ranked && str_eq(in->r_query, q)
	    && str_eq(in->r_contact_lang, d->c->language)
	    && in->r_minute == minute && in->r_cat == d->cat_gen)
		return false;
	if (in->ranked && in->list.n && in->r_cat == d->cat_gen)
		keep = in->rows[in->list.cur].index;
	free(in->r_query);
	free(in->r_contact_lang);
	in->r_query = xstrdup(q);
	in->r_contact_lang = xstrdup(d->c->language);
	in->r_minute = minute;
	in->r_cat = d->cat_gen;
	in->ranked = true;

	free(in->lang);
	in->lang = NULL;
	in->no_match = false;
	if (!*q)
		in->lang = xstrdup(d->c->language);
	else if (strcmp(q, "*") != 0 && d->cat) {
		size_t *m = NULL;
		if (rank_languages(d->cat, q, i18n_lang(), &m) > 0)
			in->lang = xstrdup(d->cat->languages[m[0]].code);
		else
			in->no_match = true;
		free(m);
	}
	free(in->rows);
	in->rows = NULL;
	if (d->cat && !in->no_match) {
		now = desk_now(d);
		n = rank_resources(d->cat, in->lang, &now, &in->rows);
	}
	list_set_count(&in->list, n);
	list_select(&in->list, 0);
	for (i = 0; keep != (size_t)-1 && i < n; i++)
		if (in->rows[i].index == keep) {
			list_select(&in->list, i);
			break;
		}
	return true;
}

/* --- choosing ------------------------------------------------------------ */

struct choose_ctx {
	struct desk *d;
	size_t resource;
	char *lang;
	int codes[MODALITY__N];
};

/* How far ahead the next shift or opening is looked for. */
#define NEXT_OPEN_DAYS 14

/* A warning, never a refusal: the chosen colleague is off shift, or the
 * service cannot come during this contact (closed now, or its booking
 * takes an hour or more), with the next time it can. The contact is
 * recorded as chosen either way. */
static void warn_when(struct desk *d, const struct cat_resource *r,
		      const char *name)
{
	time_t now = d->clock(), from = now + (time_t)r->lead_minutes * 60, next;
	struct tm tm = desk_now(d);
	bool open = hours_state_at(&r->hours, &tm) == HOURS_OPEN;
	char *when = NULL;

	if (r->kind == RES_COLLEAGUE ? open : (open && r->lead_minutes < 60))
		return;
	if (hours_state_at(&r->hours, &tm) == HOURS_UNKNOWN && r->lead_minutes < 60)
		return;	/* nothing known to warn about */
	next = hours_next_open(&r->hours, from, NEXT_OPEN_DAYS);
	if (!next && r->lead_minutes >= 60 && hours_state_at(&r->hours, &tm) == HOURS_UNKNOWN)
		next = from;	/* no hours: the booking alone decides */
	if (next && i18n_format_datetime(next, &when) != 0) {
		free(when);
		when = NULL;
	}
	if (r->kind == RES_COLLEAGUE && when)
		desk_message(d, true, _("Recorded, but %s is off shift now; next on shift %s."),
			     name, when);
	else if (r->kind == RES_COLLEAGUE)
		desk_message(d, true, _("Recorded, but %s is off shift now, with no shift in the next two weeks."),
			     name);
	else if (when)
		desk_message(d, true, _("Recorded, but %s cannot come now; the earliest is %s."),
			     name, when);
	else
		desk_message(d, true, _("Recorded, but %s cannot come now, nor in the next two weeks."),
			     name);
	d->message_life = DESK_LIFE_CONTACT;	/* about this choice */
	free(when);
}

static void record(struct desk *d, size_t ri, int code, const char *lang)
{
	char *name;
	/* A language searched here that differs from the contact's is the
	 * customer's language: the contact takes it. */
	desk_set_interpreter(d, ri, code,
			     lang && !str_eq(lang, d->c->language) ? lang : NULL);
	name = text_sanitize(catalogue_text(&d->cat->resources[ri].name, i18n_lang()));
	desk_message(d, false, _("Interpreter: %s, %s (%s)"),
		     codes_label(CODES_INTERPRETER, code), name,
		     d->c->language ? d->c->language : "-");
	warn_when(d, &d->cat->resources[ri], name);
	free(name);
}

/* The contact's interpreter code for a resource's way of working: in
 * person and on site are both "on-site" in the statistics. */
static const char *interpreter_code(int modality)
{
	switch (modality) {
	case MODALITY_PHONE:
		return "phone";
	case MODALITY_VIDEO:
		return "video";
	default:
		return "on-site";
	}
}

static void modality_done(void *vctx, bool accepted, const int *values)
{
	struct choose_ctx *c = vctx;
	if (accepted && values[0] >= 0 && values[0] < MODALITY__N && c->codes[values[0]] >= 0)
		record(c->d, c->resource, c->codes[values[0]], c->lang);
}

static void ctx_free(void *vctx)
{
	struct choose_ctx *c = vctx;
	free(c->lang);
	free(c);
}

struct dialog *interpreters_choose(struct desk *d, size_t ri, const char *lang)
{
	const struct cat_resource *r;
	int codes[MODALITY__N], n = 0, i;
	const char *labels[MODALITY__N];
	struct dialog *dl;
	struct choose_ctx *ctx;
	char *title;

	if (!d->cat || ri >= d->cat->n_resources)
		return NULL;
	r = &d->cat->resources[ri];
	if (r->kind == RES_COLLEAGUE) {
		record(d, ri, codes_find(CODES_INTERPRETER, "colleague"), lang);
		return NULL;
	}
	for (i = 0; i < MODALITY__N; i++) {
		int c = codes_find(CODES_INTERPRETER, interpreter_code(i)), k;
		bool dup = false;
		if (!(r->modality & (1u << i)))
			continue;
		for (k = 0; k < n; k++)
			dup |= codes[k] == c;
		if (!dup)
			codes[n++] = c;
	}
	if (n == 0)
		codes[n++] = codes_find(CODES_INTERPRETER, "phone");
	if (n == 1) {
		record(d, ri, codes[0], lang);
		return NULL;
	}
	for (i = 0; i < n; i++)
		labels[i] = codes_label(CODES_INTERPRETER, codes[i]);
	title = text_sanitize(catalogue_text(&r->name, i18n_lang()));
	dl = dialog_new(title);
	free(title);
	dialog_add_text(dl, NULL, _("How is the interpreting done?"));
	dialog_add_choice(dl, _("Interpreter"), labels, (size_t)n, 0);
	ctx = xcalloc(1, sizeof *ctx);
	ctx->d = d;
	ctx->resource = ri;
	ctx->lang = xstrdup(lang);
	for (i = 0; i < MODALITY__N; i++)
		ctx->codes[i] = i < n ? codes[i] : -1;
	dialog_on_done(dl, modality_done, ctx, ctx_free);
	return dl;
}

/* --- the pane ----------------------------------------------------------- */

static unsigned interp_handle(struct pane *p, enum action a, km_key key)
{
	struct interp *in = st(p);
	rerank(in);
	switch (a) {
	case ACT_NONE:
		if (in->editing) {
			bool moved;
			if (lineedit_key(&in->filter, key, &moved))
				rerank(in);
			return PANE_HANDLED | PANE_REDRAW;
		}
		return PANE_IGNORED;
	case ACT_UP: case ACT_DOWN: case ACT_PAGE_UP: case ACT_PAGE_DOWN:
	case ACT_HOME: case ACT_END:
		list_move(&in->list, a);
		return PANE_HANDLED | PANE_REDRAW;
	case ACT_FILTER:
		in->editing = true;
		return PANE_HANDLED | PANE_REDRAW;
	case ACT_CANCEL:
		in->editing = false;
		lineedit_clear(&in->filter);
		rerank(in);
		return PANE_HANDLED | PANE_REDRAW;
	case ACT_CHOOSE:
		in->editing = false;
		if (in->list.n) {
			struct dialog *dl = interpreters_choose(in->d, in->rows[in->list.cur].index,
								 in->lang);
			if (dl && p->screen)
				screen_push_overlay(p->screen, dialog_overlay(dl));
			else if (dl)
				dialog_discard(dl);
		}
		return PANE_HANDLED | PANE_REDRAW | PANE_CHANGED;
	default:
		return PANE_IGNORED;
	}
}

static bool interp_wants_text(struct pane *p)
{
	return st(p)->editing;
}

static bool interp_update(struct pane *p)
{
	struct interp *in = st(p);
	bool changed = rerank(in);
	if (in->r_gen != in->d->gen) {
		in->r_gen = in->d->gen;
		changed = true;
	}
	return changed;
}

static bool interp_cursor(struct pane *p, int *y, int *x)
{
	struct interp *in = st(p);
	if (!in->editing || in->cur_y < 0)
		return false;
	*y = in->cur_y;
	*x = in->cur_x;
	return true;
}

static char *modality_text(unsigned m, enum res_kind kind)
{
	char *s = xstrdup("");
	int i;
	(void)kind;
	for (i = 0; i < MODALITY__N; i++)
		if (m & (1u << i)) {
			char *t = xasprintf("%s%s%s", s, *s ? "," : "",
					    codes_label(CODES_MODALITY, i));
			free(s);
			s = t;
		}
	return s;
}

/* Booking lead time. A colleague needs no booking, so nothing is shown;
 * "on call" must not read as "available now" (that is the row's mark). */
static char *lead_text(int minutes, enum res_kind kind)
{
	if (minutes <= 0)
		/* TRANSLATORS: booking lead time of an interpreting service that
		 * answers without booking; about 10 columns. */
		return xstrdup(kind == RES_COLLEAGUE ? "" : _("on call"));
	if (minutes < 60)
		return xasprintf(_("%d min"), minutes);
	if (minutes < 48 * 60)
		return xasprintf(_("%d h"), (minutes + 59) / 60);
	return xasprintf(_("%d d"), (minutes + 24 * 60 - 1) / (24 * 60));
}

static char *langs_text(const struct cat_resource *r)
{
	char *s = xstrdup("");
	size_t i;
	for (i = 0; i < r->n_languages; i++) {
		char *t = xasprintf("%s%s%s", s, i ? "," : "", r->languages[i].code);
		free(s);
		s = t;
	}
	return s;
}

struct row_ctx {
	struct interp *in;
	bool focused;
	int lang_w, who_w, mod_w, lead_w;
};

static const struct cat_resource *row_start(struct row_ctx *rc, WINDOW *w, int y,
					    int x, int fill, size_t i, bool hl,
					    attr_t *base);

/* A row of two lines, for narrow panes where one line would cut who,
 * where and how: the marks and the name (role) with the lead time at the
 * right, then the modality (how, whole) and the unit (where, cut only
 * past the pane's width). */
static void draw_row2(void *vctx, WINDOW *w, int y, int x, int width,
		      size_t i, bool hl)
{
	struct row_ctx *rc = vctx;
	const struct cat_resource *r;
	attr_t base;
	char *mod, *lead, *where;
	int lw;

	ui_fill(w, y + 1, x, width, hl ? theme_attr(rc->focused ? TH_CURSOR : TH_CURSOR_DIM)
				     : A_NORMAL);
	r = row_start(rc, w, y, x, width, i, hl, &base);
	mod = modality_text(r->modality, r->kind);
	lead = lead_text(r->lead_minutes, r->kind);
	lw = *lead ? (int)text_width(lead) + 1 : 0;
	ui_put_data(w, y, x + 3, width - 3 - lw, catalogue_text(&r->name, i18n_lang()), base);
	if (lw)
		ui_put_cut(w, y, x + width - lw + 1, lw - 1, lead, hl ? base : theme_attr(TH_DIM));
	/* How first (short, always whole), then where (cut if it must). */
	where = r->unit && *r->unit ? xasprintf("%s %s %s", mod,
						text_locale_utf8() ? "\u00b7" : "-", r->unit)
				    : xstrdup(mod);
	ui_put_data(w, y + 1, x + 3, width - 3, where, hl ? base : theme_attr(TH_DIM));
	free(where);
	free(mod);
	free(lead);
}

/* A row's first line up to fill columns: the highlight, the chosen mark
 * and the available-now mark; its resource and attribute. */
static const struct cat_resource *row_start(struct row_ctx *rc, WINDOW *w, int y,
					    int x, int fill, size_t i, bool hl,
					    attr_t *base)
{
	struct interp *in = rc->in;
	const struct rank_resource *rr = &in->rows[i];
	const struct cat_resource *r = &in->d->cat->resources[rr->index];
	*base = hl ? theme_attr(rc->focused ? TH_CURSOR : TH_CURSOR_DIM) : A_NORMAL;
	ui_fill(w, y, x, fill, *base);
	if (in->d->c->interpreter_resource
	    && !strcmp(in->d->c->interpreter_resource, r->id))
		ui_put(w, y, x, 1, ">", hl ? *base : theme_attr(TH_MARK));
	if (rr->available)
		ui_put(w, y, x + 1, 1, text_locale_utf8() ? "\u25cf" : "*",
		       hl ? *base : theme_attr(TH_OPEN));
	return r;
}

/* Row: mark, [languages], who (role and unit), modality, lead time. The
 * languages column appears only on wide panes: the list is for one
 * language already. */
static void draw_row(void *vctx, WINDOW *w, int y, int x, int width,
		     size_t i, bool hl)
{
	struct row_ctx *rc = vctx;
	attr_t base;
	/* The lead time column keeps its colour (fewer bytes per move). */
	const struct cat_resource *r = row_start(rc, w, y, x, width - rc->lead_w,
						 i, hl, &base);
	char *mod = modality_text(r->modality, r->kind);
	char *lead = lead_text(r->lead_minutes, r->kind), *who;
	const char *name = catalogue_text(&r->name, i18n_lang());
	int cx = x + 3;

	if (rc->lang_w > 0) {
		char *langs = langs_text(r);
		ui_put_data(w, y, cx, rc->lang_w - 1, langs, base);
		free(langs);
		cx += rc->lang_w;
	}
	who = r->unit && *r->unit ? xasprintf("%s, %s", name, r->unit) : xstrdup(name);
	ui_put_data(w, y, cx, rc->who_w - 1, who, base);
	free(who);
	cx += rc->who_w;
	ui_put_cut(w, y, cx, rc->mod_w - 1, mod, base);
	ui_put_cut(w, y, x + width - rc->lead_w, rc->lead_w, lead, theme_attr(TH_DIM));
	free(mod);
	free(lead);
}

static char *header_text(struct interp *in)
{
	struct desk *d = in->d;
	const struct cat_language *l;
	if (in->no_match)
		return xstrdup(_("no language matches the search"));
	if (!in->lang || !*in->lang)
		return xasprintf(_("every language: %zu"), in->list.n);
	l = d->cat ? catalogue_language(d->cat, in->lang) : NULL;
	/* TRANSLATORS: the Interpreters pane's first line: language code,
	 * name, and how many resources. */
	return xasprintf(_("%s %s: %zu"), in->lang,
			 l ? catalogue_text(&l->name, i18n_lang()) : "", in->list.n);
}

static void interp_draw(struct pane *p, WINDOW *w, int h, int width)
{
	struct interp *in = st(p);
	struct row_ctx rc = { in, p->focused, 0, 0, 0, 0 };
	int inner = width - 2, top = 1, rows = h - 2;
	char *head;
	size_t i;

	in->cur_y = in->cur_x = -1;
	if (rows < 1 || inner < 8)
		return;
	if (in->editing || !lineedit_empty(&in->filter)) {
		int fw = inner / 2;
		ui_put(w, top, 1, 2, "/", theme_attr(TH_HEADER));
		in->cur_x = lineedit_draw(&in->filter, w, top, 3, fw - 2,
					  in->editing ? theme_attr(TH_INPUT) : A_NORMAL);
		in->cur_y = top;
		head = header_text(in);
		ui_put_data(w, top, 1 + fw + 1, inner - fw - 1, head, theme_attr(TH_DIM));
	} else {
		head = header_text(in);
		ui_put_data(w, top, 1, inner, head, theme_attr(TH_DIM));
	}
	free(head);
	top++;
	rows--;
	if (rows >= 4 && in->list.n) {
		const struct cat_resource *r = &in->d->cat->resources[in->rows[in->list.cur].index];
		/* The phone (and e-mail) in full; the name gives way. */
		char *reach = xasprintf("%s%s%s", r->phone ? r->phone : "",
					r->phone && r->email ? "  " : "",
					r->email ? r->email : "");
		ui_put_data_pair(w, h - 2, 1, inner, catalogue_text(&r->name, i18n_lang()),
				 reach, theme_attr(TH_DIM));
		free(reach);
		rows--;
	}
	/* Columns: [languages], who, modality, lead. */
	for (i = 0; i < in->list.n; i++) {
		const struct cat_resource *r = &in->d->cat->resources[in->rows[i].index];
		char *l = langs_text(r), *m = modality_text(r->modality, r->kind);
		int lw = (int)text_width(l) + 1, mw = (int)text_width(m) + 1;
		if (lw > rc.lang_w)
			rc.lang_w = lw;
		if (mw > rc.mod_w)
			rc.mod_w = mw;
		free(l);
		free(m);
	}
	/* Wide enough for the translated "on call" and "99 min". */
	rc.lead_w = (int)text_width(_("on call")) + 1;
	if (rc.lead_w < 7)
		rc.lead_w = 7;
	if (rc.lead_w > 12)
		rc.lead_w = 12;
	if (inner < 60)
		rc.lang_w = 0;
	else if (rc.lang_w > 16)
		rc.lang_w = 16;
	/* Who it is matters more than how: on narrow panes the modality
	 * column gives way to the name (the footer shows both in full). */
	if (rc.mod_w > (inner < 60 ? inner / 4 : inner / 3))
		rc.mod_w = inner < 60 ? inner / 4 : inner / 3;
	rc.who_w = inner - 3 - rc.lang_w - rc.mod_w - rc.lead_w;
	if (rc.who_w < 6) {
		rc.mod_w += rc.who_w - 6;
		rc.who_w = 6;
	}
	if (rc.mod_w < 1)
		rc.mod_w = 1;
	if (in->list.n == 0 && rows > 0)
		ui_put_cut(w, top, 2, inner - 1, _("(nobody for this language; / searches another)"),
			   theme_attr(TH_DIM));
	/* A narrow pane with room for three or more: two lines a row, so
	 * who, where and how show whole (tests: desk_queue at 80x24). */
	if (inner < 60 && rows >= 6)
		list_draw_tall(&in->list, w, top, 1, rows, inner, 2, draw_row2, &rc);
	else
		list_draw(&in->list, w, top, 1, rows, inner, draw_row, &rc);
}

static const char *interp_help(struct pane *p, enum action a)
{
	(void)p;
	switch (a) {
	case ACT_CHOOSE: return N_("record the highlighted interpreter for this contact");
	case ACT_FILTER: return N_("search another language (* lists every language)");
	case ACT_CANCEL: return N_("back to the contact's language");
	case ACT_UP: case ACT_DOWN: case ACT_PAGE_UP: case ACT_PAGE_DOWN:
	case ACT_HOME: case ACT_END:
		return action_help(a);
	default: return NULL;
	}
}

static void interp_done(struct pane *p)
{
	struct interp *in = st(p);
	lineedit_free(&in->filter);
	free(in->rows);
	free(in->lang);
	free(in->r_query);
	free(in->r_contact_lang);
	free(in);
	p->state = NULL;
}

static const struct pane_ops interp_ops = {
	.update = interp_update,
	.draw = interp_draw,
	.handle = interp_handle,
	.wants_text = interp_wants_text,
	.cursor = interp_cursor,
	.help = interp_help,
	.done = interp_done,
};

struct pane *interpreters_pane_new(struct desk *d)
{
	struct pane *p;
	struct interp *in = xcalloc(1, sizeof *in);
	in->d = d;
	list_init(&in->list);
	lineedit_init(&in->filter, 64);
	in->r_gen = d->gen - 1;
	in->cur_y = -1;
	p = registry_pane_new(PANE_INTERPRETERS, &interp_ops, in);
	return p;
}
