/* tickets_pane: the ticket queue's one pane: the unit's open tickets
 * under the filters, the highlighted ticket's details (its contact
 * details only once this user has taken it), and the keys of the steps. */
#ifndef NEUVOO_PANES_TICKETS_PANE_H
#define NEUVOO_PANES_TICKETS_PANE_H

#include "panes/tickets_queue.h"
#include "ui/pane.h"

struct pane *tickets_pane_new(struct tickets_queue *q);

#endif
