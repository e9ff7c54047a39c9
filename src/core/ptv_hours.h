/* ptv_hours: a PTV service channel's serviceHours as opening hours
 * (weekly spans and dated exceptions up to a year ahead). Part of the
 * PTV import (core/ptv); what it cannot read is a problem of the page. */
#ifndef NEUVOO_PTV_HOURS_H
#define NEUVOO_PTV_HOURS_H

#include "core/hours.h"
#include "core/regjson.h"

/* Reads ch's serviceHours into h, as of today (days since the epoch). */
void ptv_hours_read(struct regjson *j, long today, json_object *ch, struct hours *h);

#endif
