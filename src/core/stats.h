/* stats: a desk's statistics file (one SQLite file per desk).
 *
 * WAL with synchronous=FULL so that a saved contact survives a power cut;
 * every save is one transaction; the draft being typed is journalled in the
 * same file so that SIGHUP, SIGKILL or a crash loses nothing. Failures
 * (disk full, read-only folder, locked or corrupt file) come back as
 * messages; the caller keeps its draft and tries again later. */
#ifndef NEUVOO_STATS_H
#define NEUVOO_STATS_H

#include <sqlite3.h>
#include <stdbool.h>
#include <time.h>

#include "core/codes.h"
#include "core/contact.h"

#define STATS_SCHEMA_VERSION 1

struct stats;

struct stats_opts {
	const char *desk;	/* desk name stored with each contact */
	const char *advisor;	/* optional pseudonym code, or NULL */
	const char *group;	/* optional group: files 0640, folders 0750 */
	int undo_minutes;	/* F9 window; 0 = the default 10 */
	int note_retention_days;	/* 0 = the default 30; < 0 keeps notes */
};

/* Open (creating file and folders as needed) the desk file at path. */
int stats_open(struct stats **out, const char *path,
	       const struct stats_opts *opts, char **err);
void stats_close(struct stats **st);

/* Save c atomically: assigns c->id (if unset) and c->ended_at (if 0). */
int stats_save(struct stats *st, struct contact *c, char **err);
/* Undo the last saved contact if it was saved less than undo_minutes ago;
 * the undo is recorded, not a silent delete. *undone gets a copy of it
 * (may be NULL). Returns 0 ok, 1 nothing to undo, -1 error. On 1, *err
 * also gets a translated line saying why (nothing saved, or too old). */
int stats_undo_last(struct stats *st, time_t now, struct contact **undone,
		    char **err);

/* The draft journal: put replaces it, get returns NULL when none. */
int stats_draft_put(struct stats *st, const struct contact *draft, char **err);
int stats_draft_get(struct stats *st, struct contact **draft, char **err);
int stats_draft_clear(struct stats *st, char **err);

/* Contacts saved (and not undone) on a local date YYYY-MM-DD, and per topic. */
int stats_count_day(struct stats *st, const char *date, int *count,
		    int topic_counts[TOPIC__N], char **err);

/* --- additions (stats helper) ------------------------------------------ */

/* The file this handle writes. */
const char *stats_path(const struct stats *st);

/* Record something the supervisor should see in the review ("draft-
 * discarded", "draft-restored", ...): kind, the contact id (may be NULL)
 * and a short detail (may be NULL; never personal data). */
int stats_log_event(struct stats *st, const char *kind,
		    const char *contact_id, const char *detail, char **err);

/* Open a desk file read-only for report and review: never creates, alters
 * or migrates it (a copy in a read-only folder works too). Refuses a file of
 * a newer schema version or one that is not a statistics file, with one
 * line naming the file. Close with sqlite3_close(). */
int stats_open_read(const char *path, sqlite3 **db, char **err);

/* [*start, *end) of the local date YYYY-MM-DD (process time zone, so a
 * day with a DST change has 23 or 25 hours); -1 when not a valid date. */
int stats_local_day(const char *date, time_t *start, time_t *end);
/* The local date of t as YYYY-MM-DD into buf (11 bytes). */
void stats_format_date(time_t t, char buf[11]);
/* A new UUID v4 string (36 characters, lower case). */
char *stats_new_id(void);

/* --- additions (review) ------------------------------------------------ */

/* The supervisor closes the local date YYYY-MM-DD in this desk file: who
 * (by: a login name or advisor code, may be NULL) and when are recorded,
 * with a "day-closed" event. Afterwards stats_save() and stats_undo_last()
 * refuse contacts that started on that date, with a message saying so.
 * Returns 0 when closed now, 1 when the date was closed already (nothing
 * changes), -1 with *err. */
int stats_close_day(struct stats *st, const char *date, const char *by,
		    char **err);
/* True when the last stats_save() or stats_undo_last() was refused
 * because the supervisor has closed the contact's day (the desk then says
 * so in a few words instead of the whole message). */
bool stats_refused_closed_day(const struct stats *st);

/* An entry of the events table. */
struct stats_event {
	char *kind;		/* "undo", "draft-discarded", "day-closed", ... */
	time_t at;
	char *contact_id;	/* may be NULL */
	char *detail;		/* may be NULL */
};

/* What a desk file holds about one day besides its contacts. */
struct stats_day_info {
	bool closed;
	time_t closed_at;
	char *closed_by;	/* may be NULL */
	bool draft;		/* an unsaved draft of that day is in the file */
	time_t draft_at;	/* when it started (or was last changed) */
	struct stats_event *events;	/* the day's events, oldest first */
	size_t n_events;
};

/* Read it from a handle of stats_open_read() (path names the file in
 * messages). */
int stats_read_day(sqlite3 *db, const char *path, const char *date,
		   struct stats_day_info *out, char **err);
void stats_day_info_clear(struct stats_day_info *info);

/* The notes of the contacts that started in [from, to), for the review
 * when the supervisor asks for them: fn(id, note, ud) for each (a nonzero
 * return stops). Notes are never read anywhere else. */
typedef int (*stats_note_fn)(const char *id, const char *note, void *ud);
int stats_read_notes(sqlite3 *db, const char *path, time_t from, time_t to,
		     stats_note_fn fn, void *ud, char **err);

#endif
