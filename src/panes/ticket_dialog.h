/* ticket_dialog: the desk side of callback tickets. When the contact's
 * outcome is `callback`, F2 first opens a form for its ticket (the phone
 * field first; e-mail, who should call, the preferred language, the
 * contact's topics, a note, the due time); F2 there creates the ticket
 * and saves the contact, Esc goes back to the contact with nothing
 * saved. The statistics get one anonymous event for it (kind "ticket",
 * detail: the assignee's kind and the language), never the phone, the
 * e-mail or the note.
 *
 * The desk's save path calls ticket_dialog_open() at one place (the save
 * key, desk_ui.c). */
#ifndef NEUVOO_PANES_TICKET_DIALOG_H
#define NEUVOO_PANES_TICKET_DIALOG_H

#include <stdbool.h>

#include "core/config.h"
#include "panes/desk.h"
#include "ui/screen.h"

/* A desk's ticket settings (the store's folder, group, retention) and the
 * contact that has its ticket already. */
struct ticket_desk;
struct ticket_desk *ticket_desk_new(const struct config *cfg);
void ticket_desk_free(struct ticket_desk **t);

/* The save key on the desk (asked: the save-with-ticket key, for any
 * outcome, say a redirect whose service promises to call back): true when
 * the ticket form took it (pushed on s, or the contact is incomplete and
 * its gap is focused); false when the contact is saved as usual (no
 * ticket wanted, no ticket store here, or it has its ticket already). */
bool ticket_dialog_open(struct screen *s, struct desk *d, bool asked);

/* The form's submit without a screen (tests): values in the form's order
 * (phone, e-mail, assignee, language, note, due). 0: the ticket created
 * and the contact saved; else *focus and *err as the form shows them. */
int ticket_dialog_submit(struct desk *d, const char *const *values,
			 int *focus, char **err);

#endif
