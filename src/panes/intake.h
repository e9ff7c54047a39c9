/* intake: the Intake pane: channel, language, interpreter, how the
 * customer found the service, outcome, and the optional age band, gender,
 * life situation and note.
 *
 * Up/Down move between fields, Left/Right change a choice, a letter jumps
 * to the choice that starts with it; in the language field typing filters
 * the catalogue's languages (by code, English, Finnish, Swedish or native
 * name) and the best match becomes the contact's language at once. */
#ifndef NEUVOO_PANES_INTAKE_H
#define NEUVOO_PANES_INTAKE_H

#include "panes/desk.h"
#include "ui/pane.h"

struct pane *intake_pane_new(struct desk *d);

/* For tests: the focused field, and the language search typed so far. */
int intake_field(const struct pane *p);
const char *intake_language_query(const struct pane *p);

#endif
