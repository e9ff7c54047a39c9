/* stats: a desk's statistics file (one SQLite file per desk and user,
 * DESK@USER.db, owned by the user who writes it).
 *
 * WAL with synchronous=FULL so that a saved contact survives a power cut;
 * every save is one transaction; the draft being typed is journalled in the
 * same file so that SIGHUP, SIGKILL or a crash loses nothing. Failures
 * (disk full, read-only folder, locked or corrupt file) come back as
 * messages; the caller keeps its draft and tries again later.
 *
 * Sessions: every contact and draft carries the id of the session that
 * saved it, so F9 undoes only this session's contacts and a desk never
 * takes the draft of another session that is still running (a session
 * holds a lock on one byte of the file while it lives; a draft whose
 * session holds no lock was left by a session that died, and the next
 * session takes it over). */
#ifndef NEUVOO_STATS_H
#define NEUVOO_STATS_H

#include <sqlite3.h>
#include <stdbool.h>
#include <time.h>

#include "core/codes.h"
#include "core/contact.h"

#define STATS_SCHEMA_VERSION 2

struct stats;
struct stats_session;

struct stats_opts {
	const char *desk;	/* desk name stored with each contact */
	const char *advisor;	/* optional pseudonym code, or NULL */
	const char *group;	/* optional group: files 0640, folders 0750 */
	int undo_minutes;	/* F9 window; 0 = the default 10 */
	int note_retention_days;	/* 0 = the default 30; < 0 keeps notes */
	/* The session this handle writes for (not owned; it outlives
	 * handles closed and opened again after a failure), or NULL: the
	 * handle makes its own. */
	struct stats_session *session;
};

/* A session: a new random id; its lock is taken by the first stats_open()
 * that uses it and held until stats_session_free(). */
struct stats_session *stats_session_new(void);
void stats_session_free(struct stats_session **s);
const char *stats_session_id(const struct stats_session *s);

/* The file name of a desk's statistics for a user: "DESK@USER.db".
 * Desk names cannot hold '@', so the name splits back unambiguously. */
char *stats_file_name(const char *desk, const char *user);
/* The desk and user of a statistics file's name (a new string each):
 * "d1@anna.db" -> "d1", "anna"; an old "d1.db" -> "d1", NULL; a
 * supervisor's sign-off file "@sup.db" -> "", "sup". */
void stats_file_parse(const char *path, char **desk, char **user);

/* Open (creating file and folders as needed) the desk file at path. */
int stats_open(struct stats **out, const char *path,
	       const struct stats_opts *opts, char **err);
void stats_close(struct stats **st);

/* Save c atomically: assigns c->id (if unset) and c->ended_at (if 0). */
int stats_save(struct stats *st, struct contact *c, char **err);
/* Undo this session's last saved contact if it was saved less than
 * undo_minutes ago (contacts of other sessions are never touched);
 * the undo is recorded, not a silent delete. *undone gets a copy of it
 * (may be NULL). Returns 0 ok, 1 nothing to undo, -1 error. On 1, *err
 * also gets a translated line saying why (nothing saved, or too old). */
int stats_undo_last(struct stats *st, time_t now, struct contact **undone,
		    char **err);

/* The draft journal, one draft a session: put replaces this session's,
 * get returns it, or else takes over the newest draft left by a session
 * that is no longer running (never one of a live session); NULL when
 * none. */
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
 * or migrates it, and never creates a file beside it (another user's -wal
 * or -shm would lock its desk out), so read access to the file and its
 * -wal and -shm is all it needs; a running desk's latest contacts and a
 * crashed desk's unsaved log are included (db_open_reader). Reads both
 * schema versions. Refuses a file of a newer schema version or one that
 * is not a statistics file, with one line naming the file. Close with
 * sqlite3_close(). */
int stats_open_read(const char *path, sqlite3 **db, char **err);
/* The schema version of a file opened by stats_open_read() (1 or 2). */
int stats_read_version(sqlite3 *db);

/* [*start, *end) of the local date YYYY-MM-DD (process time zone, so a
 * day with a DST change has 23 or 25 hours); -1 when not a valid date. */
int stats_local_day(const char *date, time_t *start, time_t *end);
/* The local date of t as YYYY-MM-DD into buf (11 bytes). */
void stats_format_date(time_t t, char buf[11]);
/* A new UUID v4 string (36 characters, lower case). */
char *stats_new_id(void);

/* --- closing the day -------------------------------------------------- */

/* The supervisor closes (or reopens) the local date YYYY-MM-DD: the
 * sign-off, with who (by: a login name or advisor code, may be NULL) and
 * when, goes into this handle's file, which is the supervisor's own
 * (stats_signoff_path). Nothing ever refuses a contact because of it:
 * contacts saved while their day is closed are kept and counted late. */
enum stats_signoff_action { STATS_CLOSE, STATS_REOPEN };
int stats_sign_off(struct stats *st, const char *date,
		   enum stats_signoff_action action, const char *by,
		   char **err);
/* Where the user's sign-offs go in the statistics folder dir: "@USER.db"
 * (no desk: desk names are never empty). A new string. */
char *stats_signoff_path(const char *dir, const char *user);

/* Sign-offs read from any number of files, combined: the state of a day
 * at any moment is the latest action up to it (in one second, the one read
 * last). A contact is late when its day was closed in a second before the
 * one it was saved in. */
struct stats_signoff {
	char date[11];
	enum stats_signoff_action action;
	time_t at;
	char *by;		/* may be NULL */
};
struct stats_signoffs {
	struct stats_signoff *v;
	size_t n;
};
/* Add the sign-offs of a file opened by stats_open_read(). */
int stats_read_signoffs(sqlite3 *db, const char *path,
			struct stats_signoffs *out, char **err);
void stats_signoffs_clear(struct stats_signoffs *s);
/* Is date closed at time t? *last (may be NULL) gets the close in force. */
bool stats_signoffs_closed(const struct stats_signoffs *s, const char *date,
			   time_t t, const struct stats_signoff **last);

/* An entry of the events table. */
struct stats_event {
	char *kind;		/* "undo", "draft-discarded", "day-closed", ... */
	time_t at;
	char *contact_id;	/* may be NULL */
	char *detail;		/* may be NULL */
};

/* What a desk file holds about one day besides its contacts (its
 * sign-offs: stats_read_signoffs). */
struct stats_day_info {
	bool draft;		/* an unsaved draft of that day is in the file */
	time_t draft_at;	/* when the first started (or was last changed) */
	size_t drafts;		/* how many (one a session) */
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
