/* list: a scrolling list's position (which row is highlighted, which is
 * the first shown) and its drawing. The position logic has no curses in
 * it, so panes that use it are tested headless. */
#ifndef NEUVOO_UI_LIST_H
#define NEUVOO_UI_LIST_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/keymap.h"

struct list {
	size_t n;		/* rows */
	size_t cur;		/* highlighted row (0 when empty) */
	size_t top;		/* first row shown */
	int page;		/* rows shown at the last draw (>= 1) */
};

void list_init(struct list *l);
/* New number of rows: the highlight stays where it was when it can. */
void list_set_count(struct list *l, size_t n);
/* Up, down, page up/down, home, end. Returns true when the highlight
 * moved; false for other actions or when it could not move. */
bool list_move(struct list *l, enum action a);
void list_select(struct list *l, size_t i);

/* Draw rows [top, top+h) at (y, x) in w, width columns each, calling row
 * for each (highlighted tells whether it is the current row); scrolls so
 * the current row is visible. */
typedef void (*list_row_fn)(void *ctx, WINDOW *w, int y, int x, int width,
			    size_t i, bool highlighted);
void list_draw(struct list *l, WINDOW *w, int y, int x, int h, int width,
	       list_row_fn row, void *ctx);
/* The same with rows of tall lines each (lines / tall rows shown; row is
 * called with the first line's y and draws all of its lines). */
void list_draw_tall(struct list *l, WINDOW *w, int y, int x, int lines,
		    int width, int tall, list_row_fn row, void *ctx);

#endif
