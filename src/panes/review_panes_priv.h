/* review_panes_priv: what the review's panes share between
 * review_panes.c (desks, hours, the shared keys) and review_lists.c (top
 * lists, flags): each pane's state and the helpers every pane uses.
 * Private to them. */
#ifndef NEUVOO_PANES_REVIEW_PANES_PRIV_H
#define NEUVOO_PANES_REVIEW_PANES_PRIV_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/keymap.h"
#include "panes/registry.h"
#include "panes/review.h"
#include "ui/list.h"
#include "ui/pane.h"

struct rpane {
	struct review *r;
	struct list list;	/* desks, flags */
	size_t top;		/* hours, top: first line shown */
	size_t n_lines;		/* lines at the last draw */
	int page;		/* rows at the last draw */
	unsigned seen_gen, seen_lang, seen_chart;
	bool shown;		/* desks: the first update has run */
};

struct rpane *review_pane_state(const struct pane *p);
/* A review pane with ops in the registry's slot id (its keys' context). */
struct pane *review_pane_new(const struct pane_ops *ops, struct review *r,
			     enum pane_id id);
void review_pane_done(struct pane *p);
/* Whether the review (or, with chart, the highlighted desk) changed
 * since the pane last asked. */
bool review_pane_changed(struct rpane *rp, bool chart);
/* Scrolling a pane that has no highlight. */
unsigned review_pane_scroll(struct rpane *rp, enum action a);
bool review_pane_is_move(enum action a);
/* The keys of a pane that only scrolls (hours, top lists): moves scroll
 * it, the rest are the review's (review_global). */
unsigned review_pane_scroll_handle(struct pane *p, enum action a, km_key key);
/* Right-aligned text in a column of cols. */
void review_put_right(WINDOW *w, int y, int x, int cols, const char *s, attr_t a);

static inline int review_min(int a, int b)
{
	return a < b ? a : b;
}

#endif
