/* help: the F1 overlay: every key of the active keymap that does
 * something in the focused pane, with what it does, translated. The
 * screen says what its own keys do (help_screen_text), so this module
 * needs nothing of the screen manager. */
#ifndef NEUVOO_UI_HELP_H
#define NEUVOO_UI_HELP_H

#include "ui/overlay.h"
#include "ui/pane.h"

/* The keys of the whole screen: F1's text (an msgid) for action a on the
 * screen ud, or NULL when the screen does not list it. */
typedef const char *help_screen_text(void *ud, enum action a);

/* A new overlay for pane p: the pane's own keys first (its help), then
 * the keys of the whole screen (screen_text; NULL: none). */
struct overlay *help_new(const struct keymap *km, struct pane *p,
			 help_screen_text *screen_text, void *ud);

/* A help window for keys that are not a pane's (an overlay's own): a row
 * for each entry whose action has a key in its context, with its text
 * (an msgid). title is shown as it is. */
struct help_row {
	enum km_context ctx;
	enum action action;
	const char *text;
};
struct overlay *help_new_rows(const struct keymap *km, const char *title,
			      const struct help_row *rows, size_t n);
/* The same with one more row for what no action is: keys and text are
 * msgids ("a letter", what it does). */
struct overlay *help_new_rows_and(const struct keymap *km, const char *title,
				  const struct help_row *rows, size_t n,
				  const char *keys, const char *text);

/* The rows help_new shows, as "KEYS\tTEXT" strings; *n gets how many;
 * free each and the array. */
char **help_rows(const struct keymap *km, struct pane *p,
		 help_screen_text *screen_text, void *ud, size_t *n);

#endif
