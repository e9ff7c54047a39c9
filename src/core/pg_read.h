/* pg_read: the report's rows from the national database (report --db).
 *
 * A row source beside report_scan: the same query (period, desks), the
 * same struct stats_row handed to the same callback, so the report's
 * aggregation and writers are shared and a report from the database is
 * the report from the files that were pushed. Each contact is one row
 * there already (the merge by id happened at push), undone ones are left
 * out, and a contact is late when its organisation's sign-offs say its
 * day was closed when it was saved. organisations (none: all) narrow
 * both the contacts and the sign-offs. */
#ifndef NEUVOO_PG_READ_H
#define NEUVOO_PG_READ_H

#include <stddef.h>

#include "core/pg.h"
#include "core/report_scan.h"

struct pg_filter {
	const char *const *organisations;
	size_t n_organisations;
};

int pg_report_scan(struct pg *db, const struct report_query *q,
		   const struct pg_filter *f, report_row_fn fn, void *ud,
		   char **err);
/* report_days_load's days from the database's sign-offs. */
int pg_report_days_load(struct report_days *out, struct pg *db,
			const struct pg_filter *f, const char *from_date,
			const char *to_date, char **err);

#endif
