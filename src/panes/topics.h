/* topics: the Topics pane: the topic checklist in the catalogue's order,
 * Space ticks, with how many contacts of today at this desk had each. */
#ifndef NEUVOO_PANES_TOPICS_H
#define NEUVOO_PANES_TOPICS_H

#include "panes/desk.h"
#include "ui/pane.h"

struct pane *topics_pane_new(struct desk *d);

/* For tests: the topic (enum topic) on the highlighted row, -1 when the
 * list is empty; how many rows the filter leaves. */
int topics_current(const struct pane *p);
size_t topics_rows(const struct pane *p);

#endif
