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
	 * late contacts; json: "days" and "late"; csv never (it carries the
	 * contract's rows only). */
	const struct report_days *days;
};

/* The contract's csv headers. */
#define REPORT_CSV_HEADER "code,label,count,percent"
#define REPORT_CONTACTS_CSV_HEADER CONTACT_CSV_HEADER

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

#endif
