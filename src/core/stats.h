/* stats: writing a desk's statistics file (one SQLite file per desk and
 * user, DESK@USER.db, owned by the user who writes it).
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
 * session takes it over: stats_session.h).
 *
 * The statistics modules: stats (open, save, undo, events, counts),
 * stats_session (sessions and the draft journal), stats_signoff (closing
 * the day, late contacts), stats_read (readers of desk files for report
 * and review); the contact row they share is contact_fields.h's. This
 * header brings them all. */
#ifndef NEUVOO_STATS_H
#define NEUVOO_STATS_H

#include <stdbool.h>
#include <time.h>

#include "core/codes.h"
#include "core/contact.h"
#include "core/date.h"
#include "core/stats_read.h"
#include "core/stats_session.h"
#include "core/stats_signoff.h"
#include "core/stats_correct.h"

#define STATS_SCHEMA_VERSION 3

struct stats;
struct stats_session;

/* Note retention (stats_opts.note_retention_days) beside a number of days:
 * the default, none kept (purged at once, and at every save), all kept. */
#define STATS_NOTES_DEFAULT 0
#define STATS_NOTES_NONE (-2)
#define STATS_NOTES_FOREVER (-1)

struct stats_opts {
	const char *desk;	/* desk name stored with each contact */
	const char *advisor;	/* optional pseudonym code, or NULL */
	const char *group;	/* optional group: files 0640, folders 0750 */
	int undo_minutes;	/* F9 window; 0 = DEFAULT_UNDO_MINUTES */
	/* Days a note is kept, or STATS_NOTES_*: 0 = the default
	 * (DEFAULT_NOTE_RETENTION_DAYS). */
	int note_retention_days;
	/* The session this handle writes for (not owned; it outlives
	 * handles closed and opened again after a failure), or NULL: the
	 * handle makes its own. */
	struct stats_session *session;
};

/* The file name of a desk's statistics for a user: "DESK@USER.db".
 * Desk names cannot hold '@', so the name splits back unambiguously. */
char *stats_file_name(const char *desk, const char *user);
/* The desk and user of a statistics file's name (a new string each):
 * "d1@anna.db" -> "d1", "anna"; an old "d1.db" -> "d1", NULL; a
 * supervisor's sign-off file "@sup.db" -> "", "sup". */
void stats_file_parse(const char *path, char **desk, char **user);

/* For readers (report, review, snapshot): a statistics folder others can
 * write without the sticky bit, or a desk file (or its -wal, -shm) that is
 * a symlink or not owned by the user its name gives, is -1 with one line
 * to warn with (the file is still read); 0 when all is well. */
int stats_trust_folder(const char *dir, char **err);
int stats_trust_file(const char *path, char **err);

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

/* Contacts saved (and not undone) on a local date YYYY-MM-DD, and per topic. */
int stats_count_day(struct stats *st, const char *date, int *count,
		    int topic_counts[TOPIC__N], char **err);

/* The file this handle writes. */
const char *stats_path(const struct stats *st);

/* Record something the supervisor should see in the review ("draft-
 * discarded", "draft-restored", ...): kind, the contact id (may be NULL)
 * and a short detail (may be NULL; never personal data). */
int stats_log_event(struct stats *st, const char *kind,
		    const char *contact_id, const char *detail, char **err);

/* A new UUID v4 string (36 characters, lower case). */
char *stats_new_id(void);

#endif
