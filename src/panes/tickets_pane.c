/* tickets_pane: see tickets_pane.h. Everything from the store is data
 * (assignees, topics, user names, the note): sanitised before it is
 * drawn (ui_put_data, text_sanitize). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/text.h"
#include "panes/registry.h"
#include "panes/tickets_pane.h"
#include "ui/draw.h"
#include "ui/form.h"
#include "ui/list.h"
#include "ui/screen.h"
#include "ui/theme.h"

struct tpane {
	struct tickets_queue *q;
	struct list list;
	unsigned seen_gen;
	bool focused;
	long cur_id;	/* the highlighted ticket, kept across reloads */
};

static struct tpane *st(struct pane *p)
{
	return p->state;
}

static void row(void *ctx, WINDOW *w, int y, int x, int width, size_t i,
		bool hl)
{
	struct tpane *tp = ctx;
	const struct ticket *k = tickets_queue_at(tp->q, i);
	attr_t base = hl ? theme_attr(tp->focused ? TH_CURSOR : TH_CURSOR_DIM) : A_NORMAL;
	char due[32], *to, *line, *topics;
	struct tm tm;
	bool late;

	if (!k)
		return;
	late = tickets_overdue(k, tp->q->now);
	localtime_r(&k->due_at, &tm);
	strftime(due, sizeof due, "%d.%m. %H:%M", &tm);
	to = tickets_assignee_text(k->to, k->assignee);
	topics = tickets_topics_text(k->topics);
	line = xasprintf("%5ld %s%s %-8s %-3s %d/%d %s", k->id, due, late ? "!" : " ",
			 tickets_status_label(k->status), k->language, k->attempts,
			 TICKETS_MAX_ATTEMPTS, k->taken_by ? k->taken_by : "");
	ui_fill(w, y, x, width, base);
	ui_put_data(w, y, x, width, line, late && !hl ? theme_attr(TH_CLOSED) : base);
	{
		int used = (int)text_width(line) + 1;
		char *rest = xasprintf("%s  %s", to, topics);
		if (used < width)
			ui_put_data(w, y, x + used, width - used, rest, base);
		free(rest);
	}
	free(line);
	free(to);
	free(topics);
}

/* The highlighted ticket's details under the list. */
static void details(struct tpane *tp, WINDOW *w, int y, int iw)
{
	const struct ticket *k = tickets_queue_at(tp->q, tp->list.cur);
	struct tickets_queue *q = tp->q;
	char *s, *topics;
	if (!k)
		return;
	topics = tickets_topics_text(k->topics);
	s = xasprintf(_("Ticket %ld, from %s at %s: %s"), k->id,
		      k->created_by ? k->created_by : "?", k->desk ? k->desk : "?",
		      topics);
	free(topics);
	ui_put_data(w, y, 1, iw, s, theme_attr(TH_DIM));
	free(s);
	if (q->contact && q->contact_id == k->id) {
		s = xasprintf(_("Phone: %s   E-mail: %s"),
			      q->contact->phone ? q->contact->phone : "-",
			      q->contact->email ? q->contact->email : "-");
		ui_put_data(w, y + 1, 1, iw, s, theme_attr(TH_MARK) | A_BOLD);
		free(s);
		if (q->contact->note) {
			s = xasprintf(_("Note: %s"), q->contact->note);
			ui_put_data(w, y + 2, 1, iw, s, A_NORMAL);
			free(s);
		}
	} else {
		ui_put_cut(w, y + 1, 1, iw, _("Take the ticket to see how to reach the customer."),
			   theme_attr(TH_DIM));
	}
}

static void draw(struct pane *p, WINDOW *w, int h, int width)
{
	struct tpane *tp = st(p);
	struct tickets_queue *q = tp->q;
	int iw = width - 2, list_h = h - 2 - 1 - 1 - 3;
	char *head;

	tp->focused = p->focused;
	head = xasprintf(_("Assignee: %s | Language: %s | %s"),
			 q->assignee ? q->assignee : _("all"),
			 q->language ? q->language : _("all"),
			 q->overdue ? _("overdue only") : _("due or not"));
	ui_put_data(w, 1, 1, iw, head, theme_attr(TH_HEADER));
	free(head);
	if (!q->n_shown) {
		ui_put_cut(w, 3, 1, iw, q->n_all ? _("No ticket matches the filters.")
			   : _("No open tickets."), theme_attr(TH_DIM));
		return;
	}
	if (list_h < 1) {
		list_h = h - 3;
		list_draw(&tp->list, w, 2, 1, list_h > 0 ? list_h : 1, iw, row, tp);
		return;
	}
	list_draw(&tp->list, w, 2, 1, list_h, iw, row, tp);
	details(tp, w, h - 4, iw);
}

static bool update(struct pane *p)
{
	struct tpane *tp = st(p);
	const struct ticket *k;
	size_t i;
	if (tp->seen_gen == tp->q->gen)
		return false;
	tp->seen_gen = tp->q->gen;
	list_set_count(&tp->list, tp->q->n_shown);
	/* Others take and close tickets meanwhile: the highlight stays on
	 * the ticket it was on, never slides onto another one. */
	for (i = 0; tp->cur_id && i < tp->q->n_shown; i++)
		if (tickets_queue_at(tp->q, i)->id == tp->cur_id) {
			list_select(&tp->list, i);
			break;
		}
	k = tickets_queue_at(tp->q, tp->list.cur);
	tp->cur_id = k ? k->id : 0;
	return true;
}

/* The pass form: one field, the new assignee. */
struct pass_ctx {
	struct tickets_queue *q;
	size_t i;
};

static int pass_submit(void *vctx, const char *const *values, int *focus,
		       char **err)
{
	struct pass_ctx *c = vctx;
	*focus = 0;
	return tickets_queue_pass(c->q, c->i, values[0], err) == 0 ? 0 : 1;
}

static void pass_form(struct pane *p, struct tpane *tp)
{
	const struct ticket *k = tickets_queue_at(tp->q, tp->list.cur);
	struct pass_ctx *c;
	struct form *f;
	char *id, *to;
	if (!k)
		return;
	c = xcalloc(1, sizeof *c);
	c->q = tp->q;
	c->i = tp->list.cur;
	id = xasprintf("%ld", k->id);
	to = xasprintf("lang:%s", k->language);
	f = form_new(_("Pass the ticket on"));
	form_add_info(f, _("Ticket"), id);
	form_add_field(f, _("To"), to, 250);
	form_set_hint(f, _("service:ID, org:ID, lang:LL (anyone who speaks LL), desk:NAME or unit:NAME"));
	form_on_submit(f, pass_submit, c, free);
	screen_push_overlay(p->screen, form_overlay(f));
	free(id);
	free(to);
}

static bool is_move(enum action a)
{
	return a == ACT_UP || a == ACT_DOWN || a == ACT_PAGE_UP
	       || a == ACT_PAGE_DOWN || a == ACT_HOME || a == ACT_END;
}

static unsigned handle(struct pane *p, enum action a, km_key key)
{
	struct tpane *tp = st(p);
	struct tickets_queue *q = tp->q;
	size_t i = tp->list.cur;
	(void)key;
	if (is_move(a)) {
		const struct ticket *k;
		list_move(&tp->list, a);
		k = tickets_queue_at(q, tp->list.cur);
		tp->cur_id = k ? k->id : 0;
		return PANE_HANDLED | PANE_REDRAW;
	}
	switch (a) {
	case ACT_TAKE_TICKET: case ACT_CHOOSE:
		tickets_queue_take(q, i);
		break;
	case ACT_TICKET_DONE:
		tickets_queue_done(q, i);
		break;
	case ACT_TICKET_UNREACHABLE:
		tickets_queue_unreachable(q, i);
		break;
	case ACT_PASS_TICKET:
		pass_form(p, tp);
		break;
	case ACT_FILTER_ASSIGNEE:
		tickets_queue_next_assignee(q);
		list_select(&tp->list, 0);
		break;
	case ACT_FILTER_LANGUAGE:
		tickets_queue_next_language(q);
		list_select(&tp->list, 0);
		break;
	case ACT_FILTER_OVERDUE:
		tickets_queue_toggle_overdue(q);
		list_select(&tp->list, 0);
		break;
	case ACT_REDRAW:
		tickets_queue_reload(q);
		screen_repaint(p->screen);
		return PANE_HANDLED;
	case ACT_NEXT_LANGUAGE:
		i18n_set_lang(i18n_next_lang());
		q->gen++;
		screen_redraw_all(p->screen);
		return PANE_HANDLED | PANE_REDRAW_ALL;
	default:
		return PANE_IGNORED;
	}
	return PANE_HANDLED | PANE_REDRAW;
}

static const char *help(struct pane *p, enum action a)
{
	(void)p;
	if (is_move(a))
		return action_help(a);
	if (a == ACT_CHOOSE)
		return action_help(ACT_TAKE_TICKET);
	if (action_scope(a) == SCOPE_TICKETS)
		return action_help(a);
	return NULL;
}

static void done(struct pane *p)
{
	free(p->state);
}

static const struct pane_ops ops = {
	.update = update,
	.draw = draw,
	.handle = handle,
	.help = help,
	.done = done,
};

struct pane *tickets_pane_new(struct tickets_queue *q)
{
	struct tpane *tp = xcalloc(1, sizeof *tp);
	tp->q = q;
	tp->seen_gen = q->gen - 1;
	list_init(&tp->list);
	return registry_pane_new(PANE_TICKETS, &ops, tp);
}
