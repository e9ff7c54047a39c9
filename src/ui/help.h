/* help: the F1 overlay: every key of the active keymap that does
 * something in the focused pane, with what it does, translated. */
#ifndef NEUVOO_UI_HELP_H
#define NEUVOO_UI_HELP_H

#include "ui/overlay.h"
#include "ui/pane.h"

struct screen;

/* A new overlay for pane p (the screen pushes it). */
struct overlay *help_new(struct screen *s, struct pane *p);

/* The help rows for p as "KEYS\tTEXT" strings (for tests); *n gets how
 * many; free each and the array. */
char **help_rows(const struct keymap *km, struct pane *p, size_t *n);

#endif
