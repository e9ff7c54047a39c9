/* review_hours: the review against the site's expected desks and their
 * hours (expected-desks of the configuration, review_labels.expected):
 * a desk open that day that recorded nothing, started more than
 * REVIEW_HOURS_GRACE minutes after opening, or stopped as long before
 * closing, is flagged, each only once that time has passed; an expected
 * desk without a file gets a row of its own. No curses here. */
#ifndef NEUVOO_PANES_REVIEW_HOURS_H
#define NEUVOO_PANES_REVIEW_HOURS_H

#include <stddef.h>

#include "panes/review_day.h"

/* The flags of d's expected desks (labels may be NULL: none); desks as
 * review_day_load's. */
void review_hours_check(struct review_day *d, const struct review_labels *labels,
			const char *const *desks, size_t n_desks);
/* The text of a REVIEW_FLAG_NOTHING, _STARTED_LATE or _STOPPED_EARLY flag. */
char *review_hours_flag_text(const struct review_day *d, const struct review_flag *f);

#endif
