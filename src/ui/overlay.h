/* overlay: a window over the panes that takes every key while it is open
 * (help, confirmations, the service details). The screen manager owns its
 * window and keeps it centred through resizes; keys are looked up in the
 * keymap's "dialog" context. */
#ifndef NEUVOO_UI_OVERLAY_H
#define NEUVOO_UI_OVERLAY_H

#include <curses.h>
#include <stdbool.h>

#include "core/keymap.h"

enum {
	OVERLAY_HANDLED = 1 << 0,
	OVERLAY_CLOSE = 1 << 1,	/* done: the screen calls ops->done */
	OVERLAY_REDRAW = 1 << 2
};

struct overlay;
struct screen;

struct overlay_ops {
	/* The size wanted on a cols x lines terminal (clipped by the screen). */
	void (*size)(struct overlay *o, int cols, int lines, int *w, int *h);
	/* Draw inside the border (rows 1..h-2, columns 1..w-2). */
	void (*draw)(struct overlay *o, WINDOW *w, int h, int width);
	unsigned (*handle)(struct overlay *o, enum action a, km_key key);
	/* Free the state (and the overlay itself is freed by the screen). */
	void (*done)(struct overlay *o);
};

struct overlay {
	const struct overlay_ops *ops;
	void *state;
	char *title;		/* translated, owned */
	struct screen *screen;
	WINDOW *win;
	bool dirty;
};

/* Free an overlay: its done, its window, the struct (the screen does this
 * when it closes one; tests that drive an overlay by hand call it). */
void overlay_destroy(struct overlay *o);

#endif
