/* train_ui: the training screen: the real desk's four panes plus the
 * Scenario pane, with the desk's keys, except that F2 grades the contact
 * against the scenario instead of saving it, F3 starts a new attempt and
 * F9 has nothing to undo. Before it, when no scenario was named, a picker
 * lists the scenarios; leaving a scenario goes back to the picker. */
#ifndef NEUVOO_PANES_TRAIN_UI_H
#define NEUVOO_PANES_TRAIN_UI_H

#include "core/keymap.h"
#include "core/layout.h"
#include "core/results.h"
#include "core/scenario.h"
#include "panes/desk.h"

struct train_ui_opts {
	const struct keymap *km;
	const struct layout *layout;	/* screens/train */
	struct results *results;	/* where attempts are recorded */
	const char *trainee;
	/* The scenario to run; NULL: pick one of set. */
	const struct scenario *sc;
	const struct scenario_set *set;
};

/* Run training on desk d (opened with desk_open_training()) until the
 * trainee quits or a signal comes. Returns the exit status; *err says
 * why the terminal could not be used, or why the results cannot be read. */
int train_ui_run(struct desk *d, const struct train_ui_opts *o, char **err);

#endif
