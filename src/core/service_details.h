/* service_details: one service's details as the rows of label and value
 * that the desk's details window shows (panes/redirect) and `neuvoo
 * catalogue show` prints, written once so that both say the same.
 *
 * Freshness: the "Checked" row says how old the service's verified date
 * is ("2025-10-01, checked 14 months ago") or "never checked", counted in
 * whole calendar months up to the given day; catalogue check --stale
 * uses the same count. Values are as stored: sanitize before drawing. */
#ifndef NEUVOO_SERVICE_DETAILS_H
#define NEUVOO_SERVICE_DETAILS_H

#include <stddef.h>
#include <time.h>

#include "core/catalogue.h"

typedef void (*service_details_fn)(void *ctx, const char *label,
				   const char *value);

/* Call fn with each row of service si's details, texts in language ui,
 * "open now" and the age of the check as at now. */
void service_details(struct catalogue *cat, size_t si, const char *ui,
		     const struct tm *now, service_details_fn fn, void *ctx);

/* The address in language ui as one line (owned; NULL without one):
 * from its parts when there are any, Finnish style ("Mannerheimintie 5
 * A, 00100 Helsinki", the country after it when it is not Finland),
 * else the flat text of a version-1 catalogue. */
char *service_details_address(const struct cat_service_info *in,
			      const char *ui);

/* Whole months from the date ymd ("YYYY-MM-DD") to now; -1 when ymd is
 * NULL or not a date (never checked). A date after now is 0 months. */
int service_details_age_months(const char *ymd, const struct tm *now);

/* "checked 14 months ago", "checked this month" or "never checked"
 * (owned). */
char *service_details_age_text(const char *ymd, const struct tm *now);

#endif
