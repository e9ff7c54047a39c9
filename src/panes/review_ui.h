/* review_ui: the supervisor's day-end screen, built from the screen
 * table (panes/screens.h) over one struct review. */
#ifndef NEUVOO_PANES_REVIEW_UI_H
#define NEUVOO_PANES_REVIEW_UI_H

#include "core/keymap.h"
#include "core/layout.h"
#include "panes/review.h"

struct screen;

/* The review's screen with its four panes, not yet run (tests drive it
 * with screen_key()). */
struct screen *review_screen_new(struct review *r, const struct keymap *km,
				 const struct layout *l);
/* Run the screen until F10 or a signal. Returns the exit status; *err
 * says why the terminal could not be used. */
int review_run(struct review *r, const struct keymap *km,
	       const struct layout *l, char **err);

#endif
