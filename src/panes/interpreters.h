/* interpreters: the Interpreters pane: the catalogue's language resources
 * (multilingual colleagues, interpreting services) for the contact's
 * language, or for a language searched with '/' (the same matching as the
 * intake's language field); those available now first. Enter records the
 * interpreter use on the contact. */
#ifndef NEUVOO_PANES_INTERPRETERS_H
#define NEUVOO_PANES_INTERPRETERS_H

#include "panes/desk.h"
#include "ui/dialog.h"
#include "ui/pane.h"

struct pane *interpreters_pane_new(struct desk *d);

/* For tests: rows shown, the resource (index into cat->resources) of a
 * row, and the language code the list is for (NULL: every language). */
size_t interpreters_rows(const struct pane *p);
size_t interpreters_resource_at(const struct pane *p, size_t row);
const char *interpreters_language(const struct pane *p);
/* What Enter does on resource ri for language lang: records the use at
 * once and returns NULL, or returns the dialog asking the modality. */
struct dialog *interpreters_choose(struct desk *d, size_t ri, const char *lang);

#endif
