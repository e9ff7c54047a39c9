/* help: the F1 overlay: every key of the active keymap that does
 * something in the focused pane, with what it does, translated. */
#ifndef NEUVOO_UI_HELP_H
#define NEUVOO_UI_HELP_H

#include "ui/overlay.h"
#include "ui/pane.h"

struct screen;

/* A new overlay for pane p (the screen pushes it). */
struct overlay *help_new(struct screen *s, struct pane *p);

/* A help window for keys that are not a pane's (an overlay's own): a row
 * for each entry whose action has a key in its context, with its text
 * (an msgid). title is shown as it is. */
struct help_row {
	enum km_context ctx;
	enum action action;
	const char *text;
};
struct overlay *help_new_rows(struct screen *s, const char *title,
			      const struct help_row *rows, size_t n);

/* The help rows for p as "KEYS\tTEXT" strings (for tests); *n gets how
 * many; free each and the array. */
char **help_rows(const struct keymap *km, struct pane *p, size_t *n);

#endif
