/* desk_ui: the advisor's desk screen: the four panes on a screen, and
 * what the desk's global keys do (save, new contact, undo, language,
 * quit), with the status line. */
#ifndef NEUVOO_PANES_DESK_UI_H
#define NEUVOO_PANES_DESK_UI_H

#include "core/keymap.h"
#include "core/layout.h"
#include "panes/desk.h"

/* Run the desk until F10 or a signal (the draft is journalled first).
 * Returns the exit status; *err says why the terminal could not be used. */
int desk_ui_run(struct desk *d, const struct keymap *km,
		const struct layout *l, char **err);

#endif
