/* report: merge desk statistics files, aggregate, write text/csv/json.
 *
 * Three steps that `neuvoo report` runs once and `neuvoo review` can reuse
 * piece by piece:
 *   1. report_files: which files (the statistics folder, extra files and
 *      folders copied from other hosts);
 *   2. report_scan: every contact of a period, merged by contact id so that
 *      the same contact in two copies counts once, undone ones left out,
 *      handed to a callback one row at a time (nothing is kept in memory but
 *      the ids seen);
 *   3. report_agg (counts by one dimension or a cross table of two) or
 *      report_contacts (the rows themselves), and their writers.
 * Several aggregations can be fed from one scan (the review's totals per
 * desk, per hour, top topics ...). */
#ifndef NEUVOO_REPORT_H
#define NEUVOO_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>

#include "core/stats.h"

/* The --by dimensions of the contract. */
enum report_dim {
	REPORT_TOPIC,
	REPORT_LANGUAGE,
	REPORT_CHANNEL,
	REPORT_INTERPRETER,
	REPORT_OUTCOME,
	REPORT_REDIRECT,	/* the service redirected to or consulted */
	REPORT_REASON,
	REPORT_DISCOVERY,
	REPORT_HOUR,		/* local hour at the desk when the contact began */
	REPORT_WEEKDAY,
	REPORT_DESK,
	REPORT_AGE,
	REPORT_GENDER,
	REPORT_DIM__N
};

/* "topic" -> REPORT_TOPIC; -1 when unknown. */
int report_dim_parse(const char *name);
const char *report_dim_name(enum report_dim dim);
/* Translated column title ("Topic", "Language" ...). */
const char *report_dim_title(enum report_dim dim);
/* The names joined for a usage message: "topic, language, ...". */
const char *report_dim_names(void);

/* ---- 1. files ---------------------------------------------------------- */

struct report_files {
	char **paths;
	size_t n;
};

/* Add a file, or every *.db in a folder (sorted by name). A path that
 * names the same file as one already added (by device and inode) is added
 * once. missing_ok: a folder that does not exist adds nothing (the
 * statistics folder before the first contact); otherwise a missing or
 * unreadable path is an error naming it. */
int report_files_add(struct report_files *f, const char *path,
		     bool missing_ok, char **err);
void report_files_clear(struct report_files *f);

/* ---- 2. scan ----------------------------------------------------------- */

struct report_query {
	time_t from, to;		/* started_at in [from, to) */
	const char *const *desks;	/* desk names to keep; none = all */
	size_t n_desks;
	bool include_undone;		/* the review's log shows them too */
};

/* One contact as stored (codes as text; NULL when unset). The strings are
 * valid during the callback only. */
struct report_row {
	const char *file;
	const char *id;
	const char *desk;
	const char *advisor;
	time_t started_at;
	time_t ended_at;
	long tz_offset;			/* seconds east of UTC at the desk */
	time_t undone_at;		/* 0 unless undone */
	time_t saved_at;		/* when it was saved (older files: ended_at) */
	bool late;			/* saved while its day was closed */
	const char *channel;
	const char *language;
	const char *interpreter;
	const char *topics;		/* ;-joined codes in code order, "" none */
	const char *outcome;
	const char *redirect_service;
	const char *redirect_reason;
	const char *interpreter_resource;
	const char *discovery;
	const char *age_band;
	const char *gender;
	const char *life_situation;
};

/* Returns 0 to go on, nonzero to stop the scan (returned by report_scan). */
typedef int (*report_row_fn)(const struct report_row *row, void *ud);

/* Every contact of q in the files, each id once. A contact is late when
 * the sign-offs of all the files say its day (local date of its start)
 * was closed when it was saved. An unreadable file, a file of a newer
 * schema or a damaged one stops the scan with -1 and one line naming it. */
int report_scan(const struct report_files *f, const struct report_query *q,
		report_row_fn fn, void *ud, char **err);

/* ---- 2b. the days: closed or not ---------------------------------------- */

struct report_day {
	char date[11];
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
 * file among them). -1 with *err for a file that cannot be read. */
int report_days_load(struct report_days *out, const struct report_files *f,
		     const char *from_date, const char *to_date, char **err);
void report_days_clear(struct report_days *d);
/* Count a late row in its day (other rows are left alone). */
void report_days_count(struct report_days *d, const struct report_row *r);
/* Late contacts over all the days. */
size_t report_days_late(const struct report_days *d);

/* ---- 3a. aggregation --------------------------------------------------- */

struct report_agg;

/* Counts by dim1, or a cross table dim1 x dim2 (dim2 = -1: none). */
struct report_agg *report_agg_new(int dim1, int dim2);
void report_agg_free(struct report_agg **a);
/* Names for codes that are not in codes.h: a language's name, a service's
 * name from the catalogue. Return NULL to show the code itself. */
typedef const char *(*report_label_fn)(enum report_dim dim, const char *code,
				       void *ud);
void report_agg_set_labels(struct report_agg *a, report_label_fn fn, void *ud);
void report_agg_add(struct report_agg *a, const struct report_row *row);
/* A report_row_fn that adds to the report_agg passed as ud. */
int report_agg_add_cb(const struct report_row *row, void *ud);

/* Results (valid after the rows are added). Axis 0 is dim1, axis 1 dim2;
 * entries come in display order: code order for code lists (every code,
 * zeros included), by count for languages, desks and services, by time for
 * hours and weekdays; "not recorded" last. */
size_t report_agg_total(const struct report_agg *a);	/* contacts */
size_t report_agg_size(const struct report_agg *a, int axis);
/* Code of entry i ("" for not recorded) and its label (translated). */
const char *report_agg_code(const struct report_agg *a, int axis, size_t i);
const char *report_agg_label(const struct report_agg *a, int axis, size_t i);
/* Contacts with entry i of the axis (a topic counts each contact once). */
size_t report_agg_count(const struct report_agg *a, int axis, size_t i);
/* Contacts with entry i of axis 0 and entry j of axis 1. */
size_t report_agg_cell(const struct report_agg *a, size_t i, size_t j);
/* The desks that had contacts, sorted. */
size_t report_agg_desks(const struct report_agg *a, const char *const **desks);

/* ---- 3b. the contacts themselves --------------------------------------- */

struct report_contacts;
struct report_contacts *report_contacts_new(void);
void report_contacts_free(struct report_contacts **c);
/* A report_row_fn that keeps a copy of the row (ud: report_contacts). */
int report_contacts_add(const struct report_row *row, void *ud);
/* Sorted by start time, then desk and id. */
size_t report_contacts_n(const struct report_contacts *c);
const struct report_row *report_contacts_get(const struct report_contacts *c,
					      size_t i);

/* ---- writers ----------------------------------------------------------- */

enum report_format { REPORT_FORMAT_TEXT, REPORT_FORMAT_CSV, REPORT_FORMAT_JSON };

struct report_out {
	enum report_format format;
	int suppress;			/* counts below this print as "<N"; 0 off */
	bool utf8;			/* text: block-character bars, else '#' */
	const char *from_date;		/* YYYY-MM-DD */
	const char *to_date;
	const char *const *desks;	/* as selected; none = every desk seen */
	size_t n_desks;
	int bar_width;			/* text: columns of the longest bar; 0 = 30 */
	/* The period's days, closed or not, and their late contacts; NULL
	 * leaves them out. Text: a line each for the closed days and the
	 * late contacts; csv (counts only): after an empty line a section
	 * "date,closed,closed_at,closed_by,late"; json: "days" and "late". */
	const struct report_days *days;
};

/* The contract's csv headers. */
#define REPORT_CSV_HEADER "code,label,count,percent"
#define REPORT_CONTACTS_CSV_HEADER \
	"id,desk,started_at,ended_at,channel,language,interpreter,topics," \
	"outcome,redirect_service,redirect_reason,discovery,age_band,gender," \
	"life_situation"

/* Write to f; -1 with *err when writing fails (disk full, closed pipe). */
int report_write(FILE *f, const struct report_agg *a,
		 const struct report_out *o, char **err);
int report_contacts_write(FILE *f, const struct report_contacts *c,
			  const struct report_out *o, char **err);

/* A bar for count of max in width columns, as a new string: block
 * characters in eighths of a column when utf8, else '#'. A nonzero count
 * always shows at least a sliver; "" for a zero count. (The text report
 * and the review's charts draw the same bars.) */
char *report_bar(size_t count, size_t max, int width, bool utf8);

/* "2026-11-22T14:05:00+02:00" into buf (26 bytes): t at offset seconds
 * east of UTC. */
void report_iso_time(time_t t, long offset, char buf[26]);

#endif
