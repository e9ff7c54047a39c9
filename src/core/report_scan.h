/* report_scan: every contact of a period from many desk files, merged.
 *
 * The same contact in two copies of a file counts once (contact ids are
 * globally unique), a contact undone in any copy is left out (or kept and
 * marked, for the review's log), and a contact saved while its day was
 * closed is flagged late. Rows are handed to a callback one at a time:
 * nothing stays in memory but the ids seen, unless the caller keeps the
 * rows (report_contacts). The files are read through stats_read. */
#ifndef NEUVOO_REPORT_SCAN_H
#define NEUVOO_REPORT_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/date.h"
#include "core/report_files.h"
#include "core/stats_read.h"

/* The files a report could not use: each file once, with its one-line
 * message (the file, why, what to do). */
struct report_skips {
	char **paths;
	char **why;
	size_t n;
};

/* Record path as left out with message msg (taken over); a path already
 * recorded keeps its first message. */
void report_skips_add(struct report_skips *s, const char *path, char *msg);
bool report_skips_has(const struct report_skips *s, const char *path);
void report_skips_clear(struct report_skips *s);

struct report_query {
	time_t from, to;		/* started_at in [from, to) */
	const char *const *desks;	/* desk names to keep; none = all */
	size_t n_desks;
	bool include_undone;		/* the review's log shows them too */
	/* Where files that cannot be used are recorded and left out; NULL:
	 * such a file stops the scan instead. */
	struct report_skips *skips;
	/* Rows in time order (start, desk, id) across the files, merged as
	 * they are read instead of file by file: for writers that stream
	 * the contacts. */
	bool ordered;
	/* The fields the consumer reads (CONTACT_FIELD_BIT of each); 0:
	 * every field. A source may leave the others NULL to read less (the
	 * database does; the files read rows whole anyway). */
	unsigned long fields;
};

/* Returns 0 to go on, nonzero to stop the scan (returned by report_scan). */
typedef stats_row_fn report_row_fn;

/* Every contact of q in the files, each id once. A contact is late when
 * the sign-offs of all the files say its day (local date of its start)
 * was closed when it was saved. An unreadable file, a file of a newer
 * schema or a damaged one is recorded in q->skips and left out (a file
 * damaged part way keeps the rows read before the damage), or without
 * q->skips stops the scan with -1 and one line naming it. */
int report_scan(const struct report_files *f, const struct report_query *q,
		report_row_fn fn, void *ud, char **err);

/* ---- the days: closed or not ------------------------------------------- */

struct report_day {
	char date[DATE_LEN];
	time_t from, to;	/* the local day */
	bool closed;		/* closed now (the latest sign-off) */
	time_t closed_at;
	char *closed_by;	/* may be NULL */
	size_t late;		/* late contacts (report_days_count) */
};

struct report_days {
	struct report_day *v;
	size_t n;
};

/* Every day from from_date to to_date (YYYY-MM-DD) and whether it is
 * closed, from the sign-offs of all the files (a supervisor's sign-off
 * file among them). A file that cannot be read goes to skips and is left
 * out, or without skips (NULL) is -1 with *err. */
int report_days_load(struct report_days *out, const struct report_files *f,
		     const char *from_date, const char *to_date,
		     struct report_skips *skips, char **err);
struct stats_signoffs;
/* The same from sign-offs already read (another row source's). */
int report_days_make(struct report_days *out, const struct stats_signoffs *so,
		     const char *from_date, const char *to_date, char **err);
void report_days_clear(struct report_days *d);
/* Count a late row in its day (other rows are left alone). */
void report_days_count(struct report_days *d, const struct stats_row *r);
/* Late contacts over all the days. */
size_t report_days_late(const struct report_days *d);

/* ---- the contacts themselves ------------------------------------------- */

struct report_contacts;
struct report_contacts *report_contacts_new(void);
void report_contacts_free(struct report_contacts **c);
/* A report_row_fn that keeps a copy of the row (ud: report_contacts). */
int report_contacts_add(const struct stats_row *row, void *ud);
/* Sorted by start time, then desk and id. */
size_t report_contacts_n(const struct report_contacts *c);
const struct stats_row *report_contacts_get(const struct report_contacts *c,
					     size_t i);

#endif
