/* report_write: a report's text, csv and json.
 *
 * Text is for a terminal (sanitised, padded by display width, bars);
 * csv is RFC 4180 through csv.c (CRLF, quoting), with the contract's
 * header and a text cell that could be read as a formula prefixed with
 * "'"; json keeps every cell. A contact's columns come from
 * CONTACT_FIELDS. */
#ifndef NEUVOO_REPORT_WRITE_H
#define NEUVOO_REPORT_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/contact_fields.h"
#include "core/report.h"

/* ---- the writers ----------------------------------------------------------- */

enum report_format { REPORT_FORMAT_TEXT, REPORT_FORMAT_CSV, REPORT_FORMAT_JSON,
		     REPORT_FORMAT_HTML };

struct report_hide;

struct report_out {
	enum report_format format;
	int suppress;			/* --suppress N (report_suppress.h); 0 off */
	enum report_count count;	/* what the counts count (the titles) */
	bool utf8;			/* text: block-character bars, else '#' */
	const char *from_date;		/* YYYY-MM-DD */
	const char *to_date;
	const char *const *desks;	/* as selected; none = every desk seen */
	size_t n_desks;
	int bar_width;			/* text: columns of the longest bar; 0 = 30 */
	/* The period's days, closed or not, and their late contacts; NULL
	 * leaves them out. Text: a line each for the closed days and the
	 * late contacts; json: "days" and "late"; csv never (it carries the
	 * contract's rows only). */
	const struct report_days *days;
	/* --compare-with previous: the same dimension over the period just
	 * before (a table of one dimension only), or NULL. */
	const struct report_agg *prev;
	const char *prev_from, *prev_to;
	/* Files left out (named in text, json and html; csv carries the
	 * contract's rows only), or NULL. */
	const struct report_skips *skips;
};

/* The contract's csv headers. */
#define REPORT_CSV_HEADER "code,label,count,percent"
#define REPORT_CSV_COMPARE_HEADER REPORT_CSV_HEADER ",previous,change"
#define REPORT_CONTACTS_CSV_HEADER CONTACT_CSV_HEADER

/* Write to f; -1 with *err when writing fails (disk full, closed pipe). */
int report_write(FILE *f, const struct report_agg *a,
		 const struct report_out *o, char **err);
int report_contacts_write(FILE *f, const struct report_contacts *c,
			  const struct report_out *o, char **err);

/* The count of entry i of axis 0 in the previous period (o->prev): the
 * same code, or for day, week and month the same place in the period;
 * *hidden when suppressed there. */
size_t report_prev_count(const struct report_agg *a, const struct report_out *o,
			 const struct report_hide *prev_hide, size_t i, bool *hidden);

/* --contacts as a stream (csv and json): the head, one row at a time as
 * the scan gives them (in time order: report_query.ordered), then the
 * tail; memory stays bounded however many contacts there are. json
 * carries "desks" (those of seen, when none were selected), "total" and
 * the days after the rows. report_stream_row returns nonzero once writing
 * has failed (the scan then stops); report_stream_end says why. */
struct report_stream;
struct report_stream *report_stream_new(FILE *f, const struct report_out *o);
int report_stream_row(struct report_stream *s, const struct stats_row *r);
int report_stream_end(struct report_stream *s, const struct report_agg *seen,
		      char **err);
void report_stream_free(struct report_stream **s);

/* A bar for count of max in width columns, as a new string: block
 * characters in eighths of a column when utf8, else '#'. A nonzero count
 * always shows at least a sliver; "" for a zero count. (The text report
 * and the review's charts draw the same bars.) */
char *report_bar(size_t count, size_t max, int width, bool utf8);

#endif
