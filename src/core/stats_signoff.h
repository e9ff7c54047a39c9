/* stats_signoff: closing the day, and whether a contact is late.
 *
 * A sign-off (close or reopen, who, when) goes into the supervisor's own
 * file in the statistics folder, "@USER.db" (a statistics file with no
 * desk). Nothing ever refuses a contact because of it: the state of a day
 * at any moment is the latest sign-off of any file up to it (in one
 * second, the one read last), and a contact saved in a second after its
 * day was closed is late: kept, counted and flagged. */
#ifndef NEUVOO_STATS_SIGNOFF_H
#define NEUVOO_STATS_SIGNOFF_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/date.h"

struct stats;
struct stats_reader;
struct stats_row;

enum stats_signoff_action { STATS_CLOSE, STATS_REOPEN };

/* The supervisor closes (or reopens) the local date YYYY-MM-DD: the
 * sign-off, with who (by: a login name or advisor code, may be NULL) and
 * when, goes into this handle's file, which is the supervisor's own
 * (stats_signoff_path). */
int stats_sign_off(struct stats *st, const char *date,
		   enum stats_signoff_action action, const char *by,
		   char **err);
/* Where the user's sign-offs go in the statistics folder dir: "@USER.db"
 * (no desk: desk names are never empty). A new string. */
char *stats_signoff_path(const char *dir, const char *user);

struct stats_signoff {
	char date[DATE_LEN];
	enum stats_signoff_action action;
	time_t at;
	char *by;		/* may be NULL */
};
struct stats_signoffs {
	struct stats_signoff *v;
	size_t n;
};
/* Add the sign-offs of a file open for reading. */
int stats_reader_signoffs(struct stats_reader *r, struct stats_signoffs *out,
			  char **err);
void stats_signoffs_clear(struct stats_signoffs *s);
/* Is date closed at time t? *last (may be NULL) gets the close in force. */
bool stats_signoffs_closed(const struct stats_signoffs *s, const char *date,
			   time_t t, const struct stats_signoff **last);

/* Late contacts of many rows, cheaply: the day of the last row and its
 * own sign-offs are kept, so most rows cost no date conversion and look
 * at a sign-off or two, however many days the files have closed. */
struct stats_late {
	const struct stats_signoffs *so;
	struct stats_signoffs day;	/* the sign-offs of `date` (no `by`) */
	char date[DATE_LEN];
	time_t from, to;
};
void stats_late_init(struct stats_late *lc, const struct stats_signoffs *so);
/* Was r saved while its day (the local date of its start) was closed? */
bool stats_late_check(struct stats_late *lc, const struct stats_row *r);
void stats_late_clear(struct stats_late *lc);

#endif
