/* lineedit: a one-line UTF-8 text editor (filters, the language field,
 * the note). The editing has no curses in it; lineedit_draw() shows it
 * scrolled sideways so that the cursor stays in view. */
#ifndef NEUVOO_UI_LINEEDIT_H
#define NEUVOO_UI_LINEEDIT_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/keymap.h"

struct lineedit {
	char *buf;		/* always NUL-terminated */
	size_t len, cap;
	size_t cur;		/* cursor, a byte offset at a character start */
	size_t max;		/* most bytes allowed; 0 = no limit */
};

void lineedit_init(struct lineedit *e, size_t max);
void lineedit_free(struct lineedit *e);
void lineedit_set(struct lineedit *e, const char *s);
void lineedit_clear(struct lineedit *e);
const char *lineedit_text(const struct lineedit *e);
bool lineedit_empty(const struct lineedit *e);

/* Apply a key: printable characters insert, Backspace and Delete delete,
 * Left, Right, Home and End move. Returns true when the text changed;
 * *moved (may be NULL) says the cursor moved without a change. Other keys
 * return false and leave *moved false. */
bool lineedit_key(struct lineedit *e, km_key key, bool *moved);

/* Draw into width columns at (y, x); returns the cursor's column. */
int lineedit_draw(const struct lineedit *e, WINDOW *w, int y, int x,
		  int width, attr_t attr);

#endif
