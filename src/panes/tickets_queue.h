/* tickets_queue: the state of the ticket queue screen without curses:
 * the open tickets of the unit, the filters (assignee, language,
 * overdue), the highlighted ticket's contact details once this user has
 * taken it, and the steps (take, done, unreachable, pass), each through
 * the ticket store (which audits it). The pane (tickets_pane.c) draws it
 * and turns keys into these calls; the unit tests drive it directly. */
#ifndef NEUVOO_PANES_TICKETS_QUEUE_H
#define NEUVOO_PANES_TICKETS_QUEUE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/tickets.h"

struct tickets_queue {
	struct tickets *store;	/* not owned */
	struct ticket *all;	/* every open ticket */
	size_t n_all;
	size_t *shown;		/* indexes into all that the filters let through */
	size_t n_shown;
	char *assignee;		/* the assignee filter ("prefix:value"), or NULL */
	char *language;		/* the language filter, or NULL */
	bool overdue;		/* only the overdue ones */
	time_t now;		/* when the list was read */
	/* The contact details of ticket contact_id (taken by this user). */
	long contact_id;
	struct ticket_contact *contact;
	char *message;
	bool message_error;
	unsigned gen;		/* bumps when anything shown changed */
};

struct tickets_queue *tickets_queue_new(struct tickets *store);
void tickets_queue_free(struct tickets_queue **q);

/* Read the tickets again (others take and close them too). 0, or -1 with
 * the message set. */
int tickets_queue_reload(struct tickets_queue *q);
/* The shown ticket at i, NULL past the end. */
const struct ticket *tickets_queue_at(const struct tickets_queue *q, size_t i);

/* The steps on the shown ticket at i; each sets the message (and reloads).
 * 0 done, 1 refused, -1 failed. */
int tickets_queue_take(struct tickets_queue *q, size_t i);
int tickets_queue_done(struct tickets_queue *q, size_t i);
int tickets_queue_unreachable(struct tickets_queue *q, size_t i);
/* pass: *err says why a "to" is refused (the form keeps it). */
int tickets_queue_pass(struct tickets_queue *q, size_t i, const char *to,
		       char **err);

/* The filters: the next assignee (or language) among the open tickets,
 * after the last one all again; overdue on and off. */
void tickets_queue_next_assignee(struct tickets_queue *q);
void tickets_queue_next_language(struct tickets_queue *q);
void tickets_queue_toggle_overdue(struct tickets_queue *q);

/* How many shown are overdue. */
size_t tickets_queue_overdue(const struct tickets_queue *q);

#endif
