/* tickets: callback tickets, the one store of personal data.
 *
 * When a customer cannot be helped now, the desk records who should call
 * them back, about what and by when; someone of the unit takes the ticket,
 * calls, and closes it as done or unreachable, or passes it on. A ticket
 * has an anonymous part (assignee, language, topics, due time, status,
 * attempts, times) and a personal part (phone, e-mail, note), which is
 * erased `retention_days` after the ticket is closed; every step and
 * every read of the personal part is audited (time and Unix user).
 *
 * This module validates and decides (phone, e-mail, assignee, the note's
 * privacy guard, the default due time, the clock); the store behind it is
 * a struct tickets_backend (tickets_store.h): SQLite in a shared folder
 * (tickets_sqlite.c) on one server, or PostgreSQL (tickets_pg.c) for
 * hosts of several organisations that share one database. No curses
 * here. */
#ifndef NEUVOO_TICKETS_H
#define NEUVOO_TICKETS_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/codes.h"

#define TICKETS_SCHEMA_VERSION 1
/* Days the contact details stay after closing, unless configured. */
#define TICKETS_DEFAULT_RETENTION_DAYS 14
/* An unreachable customer is tried this many times; the last closes the
 * ticket as unreachable. */
#define TICKETS_MAX_ATTEMPTS 3
/* The longest note, in bytes (a short note: what the call is about). */
#define TICKETS_NOTE_MAX 500
/* The file in the tickets folder. */
#define TICKETS_FILE_NAME "tickets.db"

/* Who should call: X(ENUM, "prefix") - stored and written as
 * "prefix:value" ("service:1234", "lang:so" = anyone who speaks Somali,
 * "desk:info-2", "unit:neuvonta"). */
#define TICKET_ASSIGNEE_LIST(X) \
	X(SERVICE, "service") \
	X(ORG, "org") \
	X(LANG, "lang") \
	X(DESK, "desk") \
	X(UNIT, "unit")

enum ticket_assignee {
#define TICKET_ASSIGNEE_ENUM(e, name) TICKET_TO_##e,
	TICKET_ASSIGNEE_LIST(TICKET_ASSIGNEE_ENUM)
#undef TICKET_ASSIGNEE_ENUM
	TICKET_TO__N
};

/* X(ENUM, "code", N_("label")); open tickets are OPEN and TAKEN. */
#define TICKET_STATUS_LIST(X) \
	X(OPEN, "open", N_("open")) \
	X(TAKEN, "taken", N_("taken")) \
	X(DONE, "done", N_("done")) \
	X(UNREACHABLE, "unreachable", N_("unreachable"))

enum ticket_status {
#define TICKET_STATUS_ENUM(e, code, label) TICKET_##e,
	TICKET_STATUS_LIST(TICKET_STATUS_ENUM)
#undef TICKET_STATUS_ENUM
	TICKET_STATUS__N
};

/* The anonymous part of a ticket, as listed. */
struct ticket {
	long id;
	time_t created_at, due_at;
	time_t taken_at, first_call_at, closed_at;	/* 0: not yet */
	char *created_by;	/* Unix user */
	char *desk;		/* the desk that created it */
	enum ticket_assignee to;
	char *assignee;		/* the value after the prefix */
	char *language;		/* the customer's preferred language */
	char *topics;		/* ;-joined topic codes, "" for none */
	enum ticket_status status;
	char *taken_by;		/* NULL unless taken */
	int attempts;		/* unreachable calls so far */
	int passes;		/* times passed on */
	bool erased;		/* the contact details are gone */
};

/* The personal part. */
struct ticket_contact {
	char *phone;		/* normalised: digits, a leading + kept */
	char *email;
	char *note;
};

/* What the desk gives for a new ticket (strings not taken over). */
struct ticket_new {
	const char *phone, *email, *note;	/* NULL or "" for none */
	const char *assignee;	/* "prefix:value" */
	const char *language;
	topic_set topics;
	time_t due_at;		/* 0: the default (tickets_default_due) */
	const char *desk;
};

struct tickets_opts {
	const char *dir;	/* the tickets folder */
	const char *group;	/* the unit's group, or NULL (single user) */
	int retention_days;	/* days after closing; < 0: the default */
	const char *user;	/* NULL: this process's user */
	/* A PostgreSQL database (tickets-db) instead of dir, shared by the
	 * hosts of several organisations; organisation: this host's, whose
	 * queue it sees (NULL: ""). */
	const char *db;
	const char *organisation;
};

struct tickets_filter {
	const char *assignee;	/* "prefix:value", or a prefix ("lang"), or NULL */
	const char *language;	/* NULL: any */
	bool overdue;		/* only those past their due time */
	bool closed;		/* the closed ones too */
};

struct tickets;

/* Open (creating the folder and the file as the configuration says) the
 * store; erases expired contact details. 0, or -1 with *err (one line
 * naming the file). */
int tickets_open(struct tickets **out, const struct tickets_opts *o,
		 char **err);
void tickets_close(struct tickets **t);
const char *tickets_path(const struct tickets *t);

/* Create a ticket (validated: tickets_check_new); *id gets its number.
 * 0, 1 when the input is refused (*err says what to fix), -1 failure. */
int tickets_create(struct tickets *t, const struct ticket_new *n, long *id,
		   char **err);
/* The tickets the filter lets through, by due time. 0, or -1 with *err. */
int tickets_list(struct tickets *t, const struct tickets_filter *f,
		 struct ticket **rows, size_t *n, char **err);
void tickets_rows_free(struct ticket **rows, size_t n);

/* The steps; each is audited. 0 done; 1 refused (*err: not found,
 * taken by someone else, closed); -1 failure.
 * take: an open ticket becomes this user's; two users taking one ticket
 * at once: exactly one gets it. *c (may be NULL) gets the contact details
 * (the read is audited). */
int tickets_take(struct tickets *t, long id, struct ticket_contact **c,
		 char **err);
/* done, unreachable: on a ticket open or taken by this user. unreachable
 * counts an attempt and gives the ticket back to the queue, or closes it
 * at TICKETS_MAX_ATTEMPTS (*closed says which; may be NULL). */
int tickets_done(struct tickets *t, long id, char **err);
int tickets_unreachable(struct tickets *t, long id, int *attempts,
			bool *closed, char **err);
/* pass: to another assignee ("prefix:value"), back to the queue. */
int tickets_pass(struct tickets *t, long id, const char *to, char **err);
/* The contact details of a ticket (audited read). 0, 1 when none (not
 * found or erased), -1 failure. */
int tickets_contact(struct tickets *t, long id, struct ticket_contact **c,
		    char **err);
void tickets_contact_free(struct ticket_contact **c);

/* Erase the contact details of tickets closed retention_days ago or more
 * (tickets_open does it too); *n (may be NULL) how many. */
int tickets_erase_expired(struct tickets *t, size_t *n, char **err);

/* One audit row. */
struct ticket_audit {
	long ticket;
	time_t at;
	char *user;
	char *action;	/* create read take unreachable done pass erase */
	char *detail;	/* never personal data; may be NULL */
};
int tickets_audit(struct tickets *t, long id, struct ticket_audit **rows,
		  size_t *n, char **err);
void tickets_audit_free(struct ticket_audit **rows, size_t n);

/* ---- validation and time (no store) -------------------------------- */

struct catalogue;
struct config;
/* The options of the configuration's ticket store (pointers into cfg). */
void tickets_opts_config(struct tickets_opts *o, const struct config *cfg);
/* A service or organisation assignee must be one of cat's (the others
 * are not in the catalogue). 0, or 1 with *err. */
int tickets_check_catalogue(const struct catalogue *cat, const char *assignee,
			    char **err);

/* Phone: digits with spaces, dashes, dots, brackets and one leading +, 5
 * to 15 digits. *norm (may be NULL) gets the digits (and the +). */
int tickets_check_phone(const char *phone, char **norm, char **err);
int tickets_check_email(const char *email, char **err);
/* "prefix:value" -> kind and a new string of the value. */
int tickets_parse_assignee(const char *s, enum ticket_assignee *to,
			   char **value, char **err);
/* "prefix:value", a new string. */
char *tickets_assignee_text(enum ticket_assignee to, const char *value);
const char *tickets_assignee_prefix(enum ticket_assignee to);
/* Every field of n: at least a phone or an e-mail, each valid, the
 * assignee, a language code, the note through the privacy guard. 0, or
 * 1 with *err naming the field. */
int tickets_check_new(const struct ticket_new *n, char **err);
const char *tickets_status_code(enum ticket_status s);
const char *tickets_status_label(enum ticket_status s);	/* translated */
int tickets_status_find(const char *code);	/* -1: unknown */

/* The topics as their translated labels, "housing, daycare" style (a new
 * string; codes: ;-joined codes as stored). */
char *tickets_topics_text(const char *codes);

/* Now: time(), or NEUVOO_NOW (seconds since the epoch) when set, so that
 * tests can move the clock (HACKING.md). */
time_t tickets_now(void);
/* The next working day (Monday to Friday) after now, at 16:00 local. */
time_t tickets_default_due(time_t now);
/* Overdue at now? */
bool tickets_overdue(const struct ticket *tk, time_t now);

#endif
