/* tickets_ui: the ticket queue screen (`neuvoo tickets`): its status
 * line, idle reload (others take and close tickets meanwhile) and main
 * loop over the queue pane. */
#ifndef NEUVOO_PANES_TICKETS_UI_H
#define NEUVOO_PANES_TICKETS_UI_H

#include "core/config.h"
#include "core/keymap.h"
#include "core/layout.h"
#include "core/tickets.h"
#include "panes/tickets_queue.h"
#include "ui/screen.h"

/* Run the queue on the terminal. EXIT_OK, or a status with *err. */
int tickets_ui_run(struct tickets *t, const struct config *cfg,
		   const struct keymap *km, const struct layout *l,
		   char **err);

#endif
