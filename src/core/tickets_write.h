/* tickets_write: the ticket store's exports: the list of tickets
 * (`neuvoo tickets --list`, text, csv or json) and the figures of
 * `neuvoo report --tickets` (opened, closed, overdue and the median time
 * to the first call, in total, by assignee and by language, small counts
 * suppressed). Only the anonymous part of a ticket is ever written here:
 * contact details never reach a list or a report. */
#ifndef NEUVOO_TICKETS_WRITE_H
#define NEUVOO_TICKETS_WRITE_H

#include <stdio.h>

#include "core/tickets.h"

enum tickets_format { TICKETS_TEXT, TICKETS_CSV, TICKETS_JSON };

/* "text", "csv", "json" -> the format; -1 when unknown. */
int tickets_format_parse(const char *s);

/* The rows (from tickets_list) at now. The csv header is
 * id,created_at,due_at,status,assignee,language,topics,attempts,passes,
 * taken_by,closed_at,overdue. 0, or -1 with *err (a write error). */
int tickets_list_write(FILE *f, const struct ticket *rows, size_t n,
		       enum tickets_format fmt, time_t now, char **err);

/* The report of the tickets created in [from, to) (rows: every ticket,
 * closed ones too). A count from 1 to suppress-1 is shown as "<N", and
 * a median of fewer than suppress tickets not at all (suppress 0: none
 * hidden). from_date, to_date: the period as the report says it. The
 * csv header is dimension,code,opened,closed,overdue,median_first_call_minutes. */
int tickets_report_write(FILE *f, const struct ticket *rows, size_t n,
			 time_t from, time_t to, const char *from_date,
			 const char *to_date, int suppress,
			 enum tickets_format fmt, time_t now, char **err);

#endif
