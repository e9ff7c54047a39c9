/* report: merge desk statistics files, aggregate, write text/csv/json.
 *
 * Three steps that `neuvoo report` runs once and `neuvoo review` can reuse
 * piece by piece, each a module:
 *   1. report_files: which files (the statistics folder, extra files and
 *      folders copied from other hosts);
 *   2. report_scan: every contact of a period, merged by contact id so that
 *      the same contact in two copies counts once, undone ones left out,
 *      handed to a callback one row at a time (nothing is kept in memory but
 *      the ids seen); the days closed or not; the rows kept when asked;
 *   3. report (this module: the dimensions and the counts by one dimension
 *      or a cross table of two), and report_write (text, csv, json).
 * Several aggregations can be fed from one scan (the review's totals per
 * desk, per hour, top topics ...). */
#ifndef NEUVOO_REPORT_H
#define NEUVOO_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/report_files.h"
#include "core/report_scan.h"
#include "core/stats_read.h"

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
	REPORT_LIFE,		/* life situation */
	REPORT_DURATION,	/* minutes from start to end, in bands */
	REPORT_DAY,		/* local date at the desk, YYYY-MM-DD */
	REPORT_WEEK,		/* ISO week, YYYY-Www */
	REPORT_MONTH,		/* YYYY-MM */
	REPORT_DIM__N
};

/* What a count counts: contacts, or the people they served (a group's
 * size; 1 for a contact of one). */
enum report_count { REPORT_COUNT_CONTACTS, REPORT_COUNT_PEOPLE };

/* The contact fields (CONTACT_FIELD_BIT) that counting by these
 * dimensions, of contacts or people, reads: a report_query's fields. */
unsigned long report_dims_fields(const int *by, size_t n,
				 enum report_count count);

/* "topic" -> REPORT_TOPIC; -1 when unknown. */
int report_dim_parse(const char *name);
const char *report_dim_name(enum report_dim dim);
/* Translated column title ("Topic", "Language" ...). */
const char *report_dim_title(enum report_dim dim);
/* The names joined for a usage message: "topic, language, ...". */
const char *report_dim_names(void);
/* day, week, month: a trend over time (drawn as a line). */
bool report_dim_is_time(int dim);

/* ---- aggregation --------------------------------------------------- */

struct report_agg;

/* Counts by dim1, or a cross table dim1 x dim2 (dim2 = -1: none). */
struct report_agg *report_agg_new(int dim1, int dim2);
void report_agg_free(struct report_agg **a);
/* Names for codes that are not in codes.h: a language's name, a service's
 * name from the catalogue. Return NULL to show the code itself. */
typedef const char *(*report_label_fn)(enum report_dim dim, const char *code,
				       void *ud);
void report_agg_set_labels(struct report_agg *a, report_label_fn fn, void *ud);
/* Count people instead of contacts (before the rows are added). */
void report_agg_set_count(struct report_agg *a, enum report_count what);
/* The period [from, to) in local days: day, week and month axes get an
 * entry for each day, week or month of it, zeros included (before the
 * rows are added). */
void report_agg_set_period(struct report_agg *a, time_t from, time_t to);
/* The count of the entry with code on an axis (0 when none). */
size_t report_agg_count_of(const struct report_agg *a, int axis, const char *code);
void report_agg_add(struct report_agg *a, const struct stats_row *row);
/* A report_row_fn that adds to the report_agg passed as ud. */
int report_agg_add_cb(const struct stats_row *row, void *ud);

/* Results (valid after the rows are added). Axis 0 is dim1, axis 1 dim2;
 * entries come in display order: code order for code lists (every code,
 * zeros included), by count for languages, desks and services, by time for
 * hours and weekdays; "not recorded" last. */
size_t report_agg_total(const struct report_agg *a);	/* contacts or people */
/* The dimension of an axis (-1: none). */
int report_agg_dim(const struct report_agg *a, int axis);
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


#include "core/report_write.h"

#endif
