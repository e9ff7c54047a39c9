/* pg_push: desk files into the national database (stats push).
 *
 * Each file is one transaction: its contacts are COPYed into a staging
 * table and merged with one INSERT ... ON CONFLICT, its events and
 * sign-offs likewise, and what was pushed of it is recorded in
 * pushed_file; an interrupted push (killed, the connection lost) leaves
 * the database as it was before that file.
 *
 * Idempotent by contact id: a contact is one row however many files and
 * hosts hold it; an undo in any copy wins (the contact is left out of
 * reports, as report_scan leaves it out), and a later correction wins
 * over an earlier state. Changes are found without reading an unchanged
 * file: its size, time and inode (and its -wal's) are what the host
 * recorded, and it is skipped. A changed file with the same inode sends
 * only the contacts saved, undone or corrected since (an hour's margin
 * for clocks) and the events added since; any other file is sent whole. */
#ifndef NEUVOO_PG_PUSH_H
#define NEUVOO_PG_PUSH_H

#include <stddef.h>

#include "core/pg.h"

struct pg_push;

struct pg_push_counts {
	size_t files;		/* pushed */
	size_t unchanged;	/* skipped */
	size_t contacts;	/* rows sent (new, changed or already there) */
	size_t events;
	size_t sign_offs;
};

/* A push from this host (host: its name) for organisation (NULL: none,
 * stored as ""). The database's schema must be checked first. */
int pg_push_new(struct pg_push **out, struct pg *db, const char *host,
		const char *organisation, char **err);
/* The end of a push: the planner's statistics renewed after many rows
 * (a report's plan depends on them). */
int pg_push_finish(struct pg_push *p, char **err);
void pg_push_free(struct pg_push **p);
/* Push one desk or sign-off file. 0 pushed or skipped; -1 with *err: 1
 * when the file could not be read (the database is untouched and other
 * files can go on), 2 when the database failed (stop). */
int pg_push_file(struct pg_push *p, const char *path, int *kind, char **err);
const struct pg_push_counts *pg_push_counts(const struct pg_push *p);

#endif
