/* stats_priv: what the statistics modules (stats, stats_session,
 * stats_signoff, stats_read) share and nobody else sees: the handles'
 * insides, binding and reading a contact by CONTACT_FIELDS, and the
 * words of failures. */
#ifndef NEUVOO_STATS_PRIV_H
#define NEUVOO_STATS_PRIV_H

#include <sqlite3.h>
#include <stdbool.h>
#include <sys/types.h>
#include <time.h>

#include "core/contact.h"
#include "core/stats.h"

struct stats_session {
	char *id;
	int fd;		/* the locked file, or -1 before the first open */
	int slot;	/* the byte held locked; -1 none */
};

struct stats {
	sqlite3 *db;
	char *path;
	char *desk;
	char *advisor;
	int undo_minutes;
	int note_days;	/* a note is kept this many days; -1 for ever */
	time_t draft_synced;	/* when the journal last reached the disk */
	struct stats_session *session;	/* this handle's, or the caller's */
	struct stats_session *own_session;	/* made here (freed here) */
	dev_t dev;	/* the file opened, to notice it replaced (stats_check_same) */
	ino_t ino;
};

struct stats_reader {
	sqlite3 *db;
	char *path;
	int version;	/* the file's schema version (1 or 2) */
};

/* A write failure as one line naming the file (db.h's words). */
void stats_fail(char **err, const char *path, sqlite3 *db, int rc);
/* A read failure as one line (read-only: no write hints); returns -1. */
int stats_read_fail(char **err, const char *path, sqlite3 *db, int rc);
/* '%s' is not a date ...; returns -1. */
int stats_bad_date(char **err, const char *date);

/* NULL for "" or NULL. */
void stats_bind_text(sqlite3_stmt *s, int i, const char *v);
/* A new string, NULL for "" or NULL. */
char *stats_col_str(sqlite3_stmt *s, int i);

/* Bind c's CONTACT_FIELDS to parameters i, i+1, ...; the next index. */
int stats_bind_fields(sqlite3_stmt *s, int i, const struct contact *c);
/* A contact from columns id, started_at, ended_at and CONTACT_FIELDS. */
struct contact *stats_row_contact(sqlite3_stmt *s);

void stats_rollback(struct stats *st);
/* c's rows of contact_topic (an SQLite code). */
int stats_put_topics(struct stats *st, const struct contact *c);
int stats_add_event(struct stats *st, const char *kind, time_t at,
		    const char *contact_id, const char *detail);

/* Sessions (stats_session.c): take the session's slot in the file at
 * path; does a live session hold slot? */
void stats_session_lock(struct stats_session *s, const char *path);
bool stats_slot_alive(const struct stats *st, int slot);
/* This session's draft out of the journal (an SQLite code). */
int stats_delete_draft(struct stats *st);
/* 0 if the path still names the file opened; else -1 and a message. */
int stats_check_same(struct stats *st, char **err);
/* Does the path still name the file opened (not a link, same inode)? */
bool stats_is_same(const struct stats *st);

#endif
