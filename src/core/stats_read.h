/* stats_read: reading desk files, for report and review.
 *
 * A reader opens a desk file read-only: it never creates, alters or
 * migrates it, and never creates a file beside it (another user's -wal or
 * -shm would lock its desk out), so read access to the file and its -wal
 * and -shm is all it needs; a running desk's latest contacts and a crashed
 * desk's unsaved log are included (db_open_reader). It reads both schema
 * versions and refuses a file of a newer one, or one that is not a
 * statistics file, with one line naming the file. Nothing outside the
 * statistics modules sees SQL. */
#ifndef NEUVOO_STATS_READ_H
#define NEUVOO_STATS_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/contact_fields.h"

struct stats_reader;

/* One contact as stored (codes as text; NULL when unset; topics "" when
 * none). The strings are valid during the callback only. */
struct stats_row {
	const char *file;
	const char *id;
	const char *desk;
	const char *advisor;
	time_t started_at;
	time_t ended_at;
	long tz_offset;			/* seconds east of UTC at the desk */
	time_t undone_at;		/* 0 unless undone */
	time_t saved_at;		/* when it was saved (older files: ended_at) */
	time_t corrected_at;		/* 0 unless corrected after the save */
	bool late;			/* saved while its day was closed */
#define STATS_ROW_MEMBER(name, t, k, kind, l, use) \
	CONTACT_IF_READ(use, const char *name;)
	CONTACT_FIELDS(STATS_ROW_MEMBER)
#undef STATS_ROW_MEMBER
};

/* Returns 0 to go on, nonzero to stop (and that is returned). */
typedef int (*stats_row_fn)(const struct stats_row *row, void *ud);

int stats_reader_open(struct stats_reader **out, const char *path, char **err);
void stats_reader_free(struct stats_reader **r);
const char *stats_reader_path(const struct stats_reader *r);
/* The file's schema version (1 to STATS_SCHEMA_VERSION). */
int stats_reader_version(const struct stats_reader *r);

/* Every contact that started in [from, to) (undone ones too when asked),
 * in the file's order; row->file is the reader's path. */
int stats_reader_contacts(struct stats_reader *r, time_t from, time_t to,
			  bool include_undone, stats_row_fn fn, void *ud,
			  char **err);
/* The same rows pulled one at a time, in time order (start, desk, id):
 * stats_cursor_next gives 1 and a row valid until the next call, 0 at the
 * end, -1 with *err. The cursor lives no longer than its reader. */
struct stats_cursor;
int stats_reader_cursor(struct stats_reader *r, time_t from, time_t to,
			bool include_undone, struct stats_cursor **out, char **err);
int stats_cursor_next(struct stats_cursor *c, const struct stats_row **row,
		      char **err);
void stats_cursor_free(struct stats_cursor **c);
/* fn(id, ud) for each contact of [from, to) that was undone. */
typedef void (*stats_id_fn)(const char *id, void *ud);
int stats_reader_undone(struct stats_reader *r, time_t from, time_t to,
			stats_id_fn fn, void *ud, char **err);
/* fn(id, ud) for each contact ever corrected after its save (its start
 * may differ between copies of the file). */
int stats_reader_corrected(struct stats_reader *r, stats_id_fn fn, void *ud,
			   char **err);
/* About how many contacts [from, to) holds: the whole file when most of
 * its time span lies in the period, else 0 (unknown, likely few). */
size_t stats_reader_expect(struct stats_reader *r, time_t from, time_t to);

/* An entry of the events table. */
struct stats_event {
	char *kind;		/* "undo", "draft-discarded", "day-closed", ... */
	time_t at;
	char *contact_id;	/* may be NULL */
	char *detail;		/* may be NULL */
};

/* What a desk file holds about one day besides its contacts (its
 * sign-offs: stats_reader_signoffs). */
struct stats_day_info {
	bool draft;		/* an unsaved draft of that day is in the file */
	time_t draft_at;	/* when the first started (or was last changed) */
	size_t drafts;		/* how many (one a session) */
	struct stats_event *events;	/* the day's events, oldest first */
	size_t n_events;
};
int stats_reader_day(struct stats_reader *r, const char *date,
		     struct stats_day_info *out, char **err);
void stats_day_info_clear(struct stats_day_info *info);

/* The notes of the contacts that started in [from, to), for the review
 * when the supervisor asks for them: fn(id, note, ud) for each (a nonzero
 * return stops). Notes are never read anywhere else. */
typedef int (*stats_note_fn)(const char *id, const char *note, void *ud);
int stats_reader_notes(struct stats_reader *r, time_t from, time_t to,
		       stats_note_fn fn, void *ud, char **err);

/* Every event of the file with an id above after (ids grow as events are
 * added), in id order, for stats push: fn(id, event, ud), the event's
 * strings valid during the call; a nonzero return stops. */
typedef int (*stats_event_fn)(long long id, const struct stats_event *e,
			      void *ud);
int stats_reader_events(struct stats_reader *r, long long after,
			stats_event_fn fn, void *ud, char **err);

#endif
