/* hours: weekly opening hours, split days and dated exceptions, and
 * "open now".
 *
 * The text form, used in bundled data, config-like files and `check`
 * messages, is a ;-separated list of day ranges with comma-separated
 * intervals, and dated exceptions:
 *     "mo-fr 8.15-12.00,13.00-16.00; sa 10-14; 2026-12-24 closed; 2026-12-31 10-14"
 * Days: mo tu we th fr sa su. Times: H, H.MM or H:MM; 24.00 allowed as close. */
#ifndef NEUVOO_HOURS_H
#define NEUVOO_HOURS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

struct hours_span {
	uint8_t day;		/* 0 = Monday ... 6 = Sunday */
	uint16_t open;		/* minutes after midnight */
	uint16_t close;		/* minutes after midnight, > open, <= 1440 */
};

struct hours_exception {
	char date[11];		/* YYYY-MM-DD */
	bool closed;		/* closed all day; else open..close */
	uint16_t open, close;
};

/* 24 bytes: every service of a catalogue has one. */
struct hours {
	struct hours_span *spans;
	struct hours_exception *ex;
	uint32_t n_spans;
	uint32_t n_ex;
};

enum hours_state { HOURS_UNKNOWN, HOURS_OPEN, HOURS_CLOSED };

/* Parse text into h (which is cleared first). On error returns -1 and sets
 * *err to what is wrong and where in the text. */
int hours_parse(struct hours *h, const char *text, char **err);
/* Canonical text form of h (a new string, "" when empty). */
char *hours_format(const struct hours *h);
/* The same for people: weekday names in the UI language ("ma–pe" in
 * Finnish) and dates in the operator's convention. A new string. */
char *hours_format_local(const struct hours *h);
/* Add one span or exception (used by the catalogue loader). */
int hours_add_span(struct hours *h, int day, int open, int close);
/* True when hours_add_span() would take these values (inline: a mapped
 * catalogue checks every span of 100,000 services when it opens). */
static inline bool hours_span_ok(int day, int open, int close)
{
	return day >= 0 && day <= 6 && open >= 0 && close <= 1440 && open < close;
}
int hours_add_exception(struct hours *h, const char *date, bool closed,
			int open, int close);
/* Open, closed or unknown (no hours known) at a local time. */
enum hours_state hours_state_at(const struct hours *h, const struct tm *local);
void hours_clear(struct hours *h);
/* The first minute at or after from when h is open (local time), looking
 * at most days ahead; 0 when none (or h says nothing: unknown). */
time_t hours_next_open(const struct hours *h, time_t from, int days);
/* A short weekday name in the UI language, 0 Monday .. 6 Sunday. */
const char *hours_day_label(int d);
/* "HH:MM" of minutes after midnight into buf[6]. */
void hours_minutes_str(int minutes, char buf[6]);
/* Parse "H", "H.MM", "H:MM" (0..24.00) into minutes; -1 on error. */
int hours_parse_time(const char *s);
/* True when s is a real calendar date "YYYY-MM-DD" (leap years known). */
bool hours_valid_date(const char *s);
/* Days since 1970-01-01 of a date that hours_valid_date() accepts, and
 * the date ("YYYY-MM-DD") of such a day number: date ranges made daily. */
long hours_date_days(const char *ymd);
void hours_days_date(long days, char buf[11]);

#endif
