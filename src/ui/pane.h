/* pane: one rectangle of a screen with its own state and keys.
 *
 * The screen manager owns the pane's window, its border and title, focus
 * and key dispatch; a pane draws inside the border and turns actions into
 * changes of its state. handle() never touches curses, so pane logic is
 * unit-tested without a terminal. */
#ifndef NEUVOO_UI_PANE_H
#define NEUVOO_UI_PANE_H

#include <curses.h>
#include <stdbool.h>

#include "core/keymap.h"

/* What handle() did, as flags. */
enum {
	PANE_IGNORED = 0,	/* not for this pane: try the next handler */
	PANE_HANDLED = 1 << 0,	/* consumed */
	PANE_REDRAW = 1 << 1,	/* this pane must be drawn again */
	PANE_CHANGED = 1 << 2,	/* the shared data (the contact) changed */
	PANE_REDRAW_ALL = 1 << 3	/* every pane must be drawn again */
};

struct pane;
struct screen;

struct pane_ops {
	/* After the pane is added to a screen (may be NULL). */
	void (*init)(struct pane *p);
	/* Before each frame: has what the pane shows changed (the contact,
	 * the catalogue, the language)? True asks for a draw. May be NULL. */
	bool (*update)(struct pane *p);
	/* Draw the inside: rows 1..h-2, columns 1..w-2 of p->win (the
	 * border and title are drawn already). */
	void (*draw)(struct pane *p, WINDOW *w, int h, int width);
	/* An action from the keymap, or ACT_NONE with the key itself for
	 * unbound keys and for text while wants_text() is true. */
	unsigned (*handle)(struct pane *p, enum action a, km_key key);
	/* True while the pane takes text (a filter or a text field being
	 * typed into): printable keys, Backspace and Delete go to handle()
	 * as text before the keymap is asked. May be NULL. */
	bool (*wants_text)(struct pane *p);
	/* Where the text cursor is (window coordinates), when there is one.
	 * May be NULL. */
	bool (*cursor)(struct pane *p, int *y, int *x);
	/* Help text (an msgid) of action a in this pane, or NULL when the
	 * action does nothing here (then F1 does not list it). */
	const char *(*help)(struct pane *p, enum action a);
	/* F1's rows for what no action names (letters, typing): row i's
	 * keys and text (msgids) while i < the count returned. May be NULL. */
	size_t (*help_more)(struct pane *p, size_t i, const char **keys,
			    const char **text);
	/* Free the state. May be NULL. */
	void (*done)(struct pane *p);
};

struct pane {
	const struct pane_ops *ops;
	void *state;
	/* Its identity, from the pane registry (panes/registry.h). */
	const char *name;	/* layout and keymap name: "intake" */
	const char *title;	/* English msgid, shown translated */
	/* F1's text (an msgid) for the key that focuses it: the screen's
	 * focus-pane-N for the N-th pane, whose key the title shows. NULL:
	 * that key is not listed. */
	const char *focus_help;
	enum km_context context;
	struct screen *screen;
	/* Set by the screen manager. */
	WINDOW *win;		/* NULL when the layout does not place it */
	int x, y, w, h;
	bool focused;
	bool dirty;
};

#endif
