/* date: the one place for dates and times of statistics and reports.
 *
 * Dates are the contract's YYYY-MM-DD, local days in the process's time
 * zone (the desks run in Europe/Helsinki), so a day with a DST change has
 * 23 or 25 hours; times in files are ISO 8601 with their UTC offset. One
 * rule for a valid date everywhere (report, review, opening hours, the
 * catalogue's checked dates): ten characters, digits and two '-', a year
 * from 1900, a real day of its month. */
#ifndef NEUVOO_DATE_H
#define NEUVOO_DATE_H

#include <stdbool.h>
#include <time.h>

/* Bytes of a YYYY-MM-DD date with its NUL, and of an ISO 8601 time with
 * offset ("2026-11-22T14:05:00+02:00"). */
#define DATE_LEN 11
#define DATE_ISO_LEN 26

/* Parse YYYY-MM-DD into *y, *m, *d (any may be NULL); -1 when s is not a
 * valid date by the rule above. */
int date_parse(const char *s, int *y, int *m, int *d);
bool date_valid(const char *s);

/* [*start, *end) of the local date YYYY-MM-DD; -1 when not a valid date. */
int date_local_day(const char *date, time_t *start, time_t *end);
/* The local date of t as YYYY-MM-DD. */
void date_format(time_t t, char buf[DATE_LEN]);

/* t at offset seconds east of UTC as ISO 8601 with offset. */
void date_iso(time_t t, long offset, char buf[DATE_ISO_LEN]);
/* The same in this process's time zone. */
void date_iso_local(time_t t, char buf[DATE_ISO_LEN]);

#endif
