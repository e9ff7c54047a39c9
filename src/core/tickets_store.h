/* tickets_store: the operations a ticket store's engine provides, behind
 * tickets.c (which validates, keeps the clock and the user, and decides
 * the defaults). SQLite in a shared folder is tickets_sqlite.c; a second
 * engine (PostgreSQL, for tickets between servers) is one more table of
 * these. Private to the ticket modules. */
#ifndef NEUVOO_TICKETS_STORE_H
#define NEUVOO_TICKETS_STORE_H

#include "core/tickets.h"

enum ticket_op { TICKET_OP_TAKE, TICKET_OP_DONE, TICKET_OP_UNREACHABLE,
		 TICKET_OP_PASS };

/* One step on a ticket by user at now. */
struct ticket_step {
	enum ticket_op op;
	long id;
	time_t now;
	const char *user;
	/* pass: the new assignee */
	enum ticket_assignee to;
	const char *value;
	/* out: attempts after an unreachable, whether it closed */
	int attempts;
	bool closed;
};

/* Every function returns 0, 1 (refused, *err says why) or -1 (*err). */
struct tickets_backend {
	int (*create)(void *h, const struct ticket_new *n, const char *phone,
		      enum ticket_assignee to, const char *value, time_t now,
		      const char *user, long *id, char **err);
	int (*list)(void *h, const struct tickets_filter *f, time_t now,
		    struct ticket **rows, size_t *n, char **err);
	/* take also reads the contact details into *c when c is not NULL. */
	int (*step)(void *h, struct ticket_step *st, struct ticket_contact **c,
		    char **err);
	int (*contact)(void *h, long id, time_t now, const char *user,
		       struct ticket_contact **c, char **err);
	/* Erase the details of tickets closed at cutoff or before. */
	int (*erase)(void *h, time_t cutoff, time_t now, const char *user,
		     size_t *n, char **err);
	int (*audit)(void *h, long id, struct ticket_audit **rows, size_t *n,
		     char **err);
	const char *(*path)(void *h);
	void (*close)(void *h);
};

/* Why a step changed nothing, from the ticket's status and taker as the
 * store read them (status NULL: no such ticket): 1 with *err, or 0 when
 * user has it already (*mine). One wording for every engine. */
int tickets_store_refusal(long id, const char *status, const char *by,
			  const char *user, bool *mine, char **err);

/* The SQLite store in o->dir: 0 with *be and *h, or -1 with *err. */
int tickets_sqlite_open(const struct tickets_opts *o,
			const struct tickets_backend **be, void **h,
			char **err);

/* The PostgreSQL store (o->db), its schema made by stats push --init. */
int tickets_pg_open(const struct tickets_opts *o,
		    const struct tickets_backend **be, void **h, char **err);

#endif
