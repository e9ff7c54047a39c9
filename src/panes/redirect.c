/* redirect: see redirect.h.
 *
 * Design: the ranking (rank_services) is redone only when an input
 * changes: the query, the ticked topics, the contact's language, the
 * catalogue, the minute (open now). The highlighted service is kept
 * across a re-ranking when it is still in the list. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/rank.h"
#include "core/service_details.h"
#include "core/text.h"
#include "panes/redirect.h"
#include "panes/registry.h"
#include "ui/draw.h"
#include "ui/lineedit.h"
#include "ui/list.h"
#include "ui/screen.h"
#include "ui/theme.h"

struct redirect {
	struct desk *d;
	struct list list;
	struct rank_service *rows;
	struct lineedit filter;
	bool editing;
	bool all_topics;
	/* Inputs of the last ranking. */
	char *r_query, *r_lang;
	topic_set r_topics;
	long r_minute;
	unsigned r_cat, r_lang_gen;
	bool ranked;
	unsigned seen_gen;
	int cur_y, cur_x;
};

static struct redirect *st(const struct pane *p)
{
	return p->state;
}

size_t redirect_rows(const struct pane *p)
{
	return st(p)->list.n;
}

size_t redirect_service_at(const struct pane *p, size_t row)
{
	return row < st(p)->list.n ? st(p)->rows[row].index : (size_t)-1;
}

bool redirect_all_topics(const struct pane *p)
{
	return st(p)->all_topics;
}

static bool str_eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* Rank again when an input changed; true when it did. */
static bool rerank(struct redirect *r)
{
	struct desk *d = r->d;
	const char *q = lineedit_text(&r->filter);
	topic_set topics = r->all_topics ? 0 : d->c->topics;
	long minute = desk_minute(d);
	struct tm now;
	size_t keep = (size_t)-1, n, i;

	if (d->cat && !desk_search(d)) {
		/* The index is being built: nothing to rank yet. */
		if (!r->ranked)
			return false;
		r->ranked = false;
		free(r->rows);
		r->rows = NULL;
		list_set_count(&r->list, 0);
		return true;
	}
	if (r->ranked && str_eq(r->r_query, q) && str_eq(r->r_lang, d->c->language)
	    && r->r_topics == topics && r->r_minute == minute
	    && r->r_cat == d->cat_gen && r->r_lang_gen == d->lang_gen)
		return false;
	/* A new query puts its best match first; other changes keep the
	 * highlighted service. */
	if (r->ranked && r->list.n && r->r_cat == d->cat_gen && str_eq(r->r_query, q))
		keep = r->rows[r->list.cur].index;
	free(r->r_query);
	free(r->r_lang);
	r->r_query = xstrdup(q);
	r->r_lang = xstrdup(d->c->language);
	r->r_topics = topics;
	r->r_minute = minute;
	r->r_cat = d->cat_gen;
	r->r_lang_gen = d->lang_gen;
	r->ranked = true;
	free(r->rows);
	r->rows = NULL;
	n = 0;
	if (d->cat) {
		now = desk_now(d);
		n = rank_services(d->cat, desk_search(d), q, topics, d->c->language,
				  &now, &r->rows);
		desk_search_warning(d);
	}
	list_set_count(&r->list, n);
	list_select(&r->list, 0);
	for (i = 0; keep != (size_t)-1 && i < n; i++)
		if (r->rows[i].index == keep) {
			list_select(&r->list, i);
			break;
		}
	return true;
}

/* --- details ------------------------------------------------------------ */

struct choose_ctx {
	struct desk *d;
	size_t service;
};

static void details_done(void *vctx, bool accepted, const int *values)
{
	struct choose_ctx *c = vctx;
	static const char *const outcomes[] = { "redirected", "consulted" };
	struct desk *d = c->d;
	int outcome;
	if (!accepted || !d->cat || c->service >= d->cat->n_services)
		return;
	outcome = codes_find(CODES_OUTCOME, outcomes[values[1] == 1]);
	desk_set_redirect(d, c->service, values[0], outcome);
	{
		char *name = text_sanitize(catalogue_text(&d->cat->services[c->service].name, i18n_lang()));
		desk_message(d, false, _("%s: %s (%s)"),
			     codes_label(CODES_OUTCOME, outcome), name,
			     codes_label(CODES_REASON, values[0]));
		free(name);
	}
}

static void add_row(void *dl, const char *label, const char *value)
{
	dialog_add_text(dl, label, value);
}

struct dialog *redirect_details(struct desk *d, size_t si)
{
	const struct cat_service *s = &d->cat->services[si];
	struct dialog *dl;
	struct choose_ctx *ctx;
	const char *reasons[8], *outs[2];
	size_t i, nr = codes_count(CODES_REASON);
	int reason = 0, outcome = 0;
	char *title;
	struct tm now = desk_now(d);

	title = text_sanitize(catalogue_text(&s->name, i18n_lang()));
	dl = dialog_new(title);
	free(title);
	service_details(d->cat, si, i18n_lang(), &now, add_row, dl);

	for (i = 0; i < nr && i < 8; i++)
		reasons[i] = codes_label(CODES_REASON, (int)i);
	outs[0] = codes_label(CODES_OUTCOME, codes_find(CODES_OUTCOME, "redirected"));
	outs[1] = codes_label(CODES_OUTCOME, codes_find(CODES_OUTCOME, "consulted"));
	/* Choosing the same service again starts from what was chosen. */
	if (d->c->redirect_service && !strcmp(d->c->redirect_service, s->id)) {
		if (d->c->redirect_reason >= 0)
			reason = d->c->redirect_reason;
		if (d->c->outcome == codes_find(CODES_OUTCOME, "consulted"))
			outcome = 1;
	}
	/* TRANSLATORS: the two choices in the service details window. */
	dialog_add_choice(dl, _("Reason"), reasons, nr < 8 ? nr : 8, reason);
	dialog_add_choice(dl, _("Outcome"), outs, 2, outcome);
	ctx = xcalloc(1, sizeof *ctx);
	ctx->d = d;
	ctx->service = si;
	dialog_on_done(dl, details_done, ctx, free);
	return dl;
}

/* --- the pane ----------------------------------------------------------- */

static unsigned redirect_handle(struct pane *p, enum action a, km_key key)
{
	struct redirect *r = st(p);
	rerank(r);
	switch (a) {
	case ACT_NONE:
		if (r->editing) {
			bool moved;
			if (lineedit_key(&r->filter, key, &moved))
				rerank(r);
			return PANE_HANDLED | PANE_REDRAW;
		}
		return PANE_IGNORED;
	case ACT_UP: case ACT_DOWN: case ACT_PAGE_UP: case ACT_PAGE_DOWN:
	case ACT_HOME: case ACT_END:
		list_move(&r->list, a);
		return PANE_HANDLED | PANE_REDRAW;
	case ACT_FILTER:
		r->editing = true;
		return PANE_HANDLED | PANE_REDRAW;
	case ACT_CANCEL:
		r->editing = false;
		lineedit_clear(&r->filter);
		rerank(r);
		return PANE_HANDLED | PANE_REDRAW;
	case ACT_ALL_TOPICS:
		r->all_topics = !r->all_topics;
		rerank(r);
		return PANE_HANDLED | PANE_REDRAW;
	case ACT_CHOOSE:
		r->editing = false;
		if (r->list.n && p->screen)
			screen_push_overlay(p->screen,
					    dialog_overlay(redirect_details(r->d, r->rows[r->list.cur].index)));
		return PANE_HANDLED | PANE_REDRAW;
	default:
		return PANE_IGNORED;
	}
}

static bool redirect_wants_text(struct pane *p)
{
	return st(p)->editing;
}

static bool redirect_update(struct pane *p)
{
	struct redirect *r = st(p);
	bool changed = rerank(r);
	if (r->seen_gen != r->d->gen) {
		r->seen_gen = r->d->gen;	/* the chosen mark may move */
		changed = true;
	}
	return changed;
}

static bool redirect_cursor(struct pane *p, int *y, int *x)
{
	struct redirect *r = st(p);
	if (!r->editing || r->cur_y < 0)
		return false;
	*y = r->cur_y;
	*x = r->cur_x;
	return true;
}

struct row_ctx {
	struct redirect *r;
	bool focused;
	int kind_w, open_w;
};

static const char *open_label(enum hours_state h)
{
	/* TRANSLATORS: short open/closed marks in the service list. */
	return h == HOURS_OPEN ? _("open") : h == HOURS_CLOSED ? _("closed") : "";
}

static void draw_row(void *vctx, WINDOW *w, int y, int x, int width,
		     size_t i, bool hl)
{
	struct row_ctx *rc = vctx;
	struct redirect *r = rc->r;
	const struct rank_service *rs = &r->rows[i];
	const struct cat_service *s = &r->d->cat->services[rs->index];
	const struct cat_org *org = catalogue_service_org(r->d->cat, s);
	attr_t base = hl ? theme_attr(rc->focused ? TH_CURSOR : TH_CURSOR_DIM) : A_NORMAL;
	bool chosen = r->d->c->redirect_service && !strcmp(r->d->c->redirect_service, s->id);
	int nx = x + 3, nw = width - 3 - rc->kind_w - rc->open_w;

	/* The highlight covers the name; the kind and open columns keep
	 * their colours, so moving it rewrites only two names. */
	ui_fill(w, y, x, width - rc->kind_w - rc->open_w, base);
	if (chosen)
		ui_put(w, y, x, 1, ">", hl ? base : theme_attr(TH_MARK));
	if (rs->speaks)
		ui_put(w, y, x + 1, 1, theme_glyph_tick(), hl ? base : theme_attr(TH_MARK));
	ui_put_data(w, y, nx, nw - 1, catalogue_text(&s->name, i18n_lang()), base);
	if (rc->kind_w && org)
		ui_put_cut(w, y, x + width - rc->kind_w - rc->open_w, rc->kind_w - 1,
			   codes_label(CODES_ORG_KIND, (int)org->kind), theme_attr(TH_DIM));
	if (rc->open_w)
		ui_put_cut(w, y, x + width - rc->open_w, rc->open_w, open_label(rs->open),
			   theme_attr(rs->open == HOURS_OPEN ? TH_OPEN : TH_CLOSED));
}

static char *header_text(struct redirect *r)
{
	struct desk *d = r->d;
	char *topics, *s;
	if (r->all_topics || d->c->topics == 0)
		topics = xstrdup(_("all topics"));
	else {
		int i;
		topics = xstrdup("");
		for (i = 0; i < TOPIC__N; i++)
			if (d->c->topics & (1u << i)) {
				char *t = xasprintf("%s%s%s", topics, *topics ? ", " : "",
						    codes_label(CODES_TOPIC, i));
				free(topics);
				topics = t;
			}
	}
	/* TRANSLATORS: the Redirect pane's first line: topics, then how many
	 * services, then the customer's language. */
	s = xasprintf(_("%s: %zu, language %s"), topics, r->list.n,
		      d->c->language ? d->c->language : "-");
	free(topics);
	return s;
}

static void redirect_draw(struct pane *p, WINDOW *w, int h, int width)
{
	struct redirect *r = st(p);
	struct row_ctx rc = { r, p->focused, 0, 0 };
	int inner = width - 2, top = 1, rows = h - 2;
	char *head;

	r->cur_y = r->cur_x = -1;
	if (rows < 1 || inner < 4)
		return;
	if (r->editing || !lineedit_empty(&r->filter)) {
		ui_put(w, top, 1, 2, "/", theme_attr(TH_HEADER));
		r->cur_x = lineedit_draw(&r->filter, w, top, 3, inner - 2,
					 r->editing ? theme_attr(TH_INPUT) : A_NORMAL);
		r->cur_y = top;
	} else {
		head = header_text(r);
		ui_put_cut(w, top, 1, inner, head, theme_attr(TH_DIM));
		free(head);
	}
	top++;
	rows--;
	/* The last row describes the highlighted service when there is room. */
	if (rows >= 4 && r->list.n) {
		const struct cat_service *s = &r->d->cat->services[r->rows[r->list.cur].index];
		const struct cat_org *org = catalogue_service_org(r->d->cat, s);
		/* The highlighted service's details are fetched once per move
		 * in a lean catalogue (an indexed read), and kept for Enter. */
		const struct cat_service_info *in =
			catalogue_service_info(r->d->cat, r->rows[r->list.cur].index, NULL);
		const char *phone = in && in->n_phones && in->phones[0].number
				    ? in->phones[0].number : NULL;
		/* The phone in full; the organisation gives way to it. */
		ui_put_data_pair(w, h - 2, 1, inner,
				 org ? catalogue_text(&org->name, i18n_lang()) : "",
				 phone, theme_attr(TH_DIM));
		rows--;
	}
	if (inner >= 44) {
		int i;
		for (i = 0; i < ORG__N; i++) {
			int kw = (int)text_width(codes_label(CODES_ORG_KIND, i)) + 1;
			if (kw > rc.kind_w)
				rc.kind_w = kw;
		}
		if (rc.kind_w > inner / 4)
			rc.kind_w = inner / 4;
	}
	if (inner >= 30) {
		int ow = (int)text_width(_("open")), cw = (int)text_width(_("closed"));
		rc.open_w = (ow > cw ? ow : cw);
		if (rc.open_w > 10)
			rc.open_w = 10;
	}
	if (!r->ranked)
		ui_put_cut(w, top, 2, inner - 1, _("(loading the services...)"), theme_attr(TH_DIM));
	else if (r->list.n == 0 && !r->all_topics && r->d->c->topics && p->screen) {
		char *k = screen_key_hint(p->screen, KM_REDIRECT, ACT_ALL_TOPICS);
		/* TRANSLATORS: %s is a key name, e.g. C-t. */
		char *msg = xasprintf(_("(no service for these topics; %s shows every topic)"), k);
		ui_put_cut(w, top, 2, inner - 1, msg, theme_attr(TH_DIM));
		free(msg);
		free(k);
	} else if (r->list.n == 0)
		ui_put_cut(w, top, 2, inner - 1, _("(no service matches)"), theme_attr(TH_DIM));
	list_draw(&r->list, w, top, 1, rows, inner, draw_row, &rc);
}

static const char *redirect_help(struct pane *p, enum action a)
{
	(void)p;
	switch (a) {
	case ACT_CHOOSE:
		return N_("details of the highlighted service; choose it with a reason");
	case ACT_FILTER: return N_("search the services as you type");
	case ACT_CANCEL: return N_("clear the search");
	case ACT_ALL_TOPICS: return action_help(a);
	case ACT_UP: case ACT_DOWN: case ACT_PAGE_UP: case ACT_PAGE_DOWN:
	case ACT_HOME: case ACT_END:
		return action_help(a);
	default: return NULL;
	}
}

static void redirect_done(struct pane *p)
{
	struct redirect *r = st(p);
	lineedit_free(&r->filter);
	free(r->rows);
	free(r->r_query);
	free(r->r_lang);
	free(r);
	p->state = NULL;
}

static const struct pane_ops redirect_ops = {
	.update = redirect_update,
	.draw = redirect_draw,
	.handle = redirect_handle,
	.wants_text = redirect_wants_text,
	.cursor = redirect_cursor,
	.help = redirect_help,
	.done = redirect_done,
};

struct pane *redirect_pane_new(struct desk *d)
{
	struct pane *p;
	struct redirect *r = xcalloc(1, sizeof *r);
	r->d = d;
	list_init(&r->list);
	lineedit_init(&r->filter, 200);
	r->seen_gen = d->gen - 1;
	r->cur_y = -1;
	p = registry_pane_new(PANE_REDIRECT, &redirect_ops, r);
	return p;
}
