/* catalogue_schema: the catalogue's admin side: schema and migrations,
 * creating a catalogue from bundled data, publishing (catalogue_publish in
 * catalogue.h), checking and describing one.
 *
 * Migrations are run only by admin commands (init, import): desks open the
 * catalogue read-only and refuse a version they do not know. Migration N
 * takes PRAGMA user_version N-1 to N. Every write goes to a temporary file
 * in the catalogue's folder and is renamed over the old file only when it
 * is complete and checked, so readers see the old or the new, never half. */
#ifndef NEUVOO_CATALOGUE_SCHEMA_H
#define NEUVOO_CATALOGUE_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include <sqlite3.h>

#include "core/catalogue.h"
#include "core/config.h"

/* Bring db up to CATALOGUE_SCHEMA_VERSION, one migration at a time, each in
 * its own transaction. A newer file is refused. */
int catalogue_schema_migrate(sqlite3 *db, char **err);
/* The DDL of migration `version` (1..CATALOGUE_SCHEMA_VERSION), or NULL. */
const char *catalogue_schema_sql(int version);

/* Create the catalogue at path from a bundled SQL file (INSERTs against the
 * current schema). Refuses to replace an existing file unless force, and
 * refuses to publish data that catalogue_check() finds problems in. */
int catalogue_init(const char *path, const char *bundled_sql, bool force,
		   char **err);

/* For every command that reads the catalogue: when it is the default one
 * (cfg->catalogue_default) and does not exist yet, create it from the
 * bundled Helsinki data. Otherwise does nothing (a missing explicit file is
 * reported by catalogue_open). */
int catalogue_ensure(const struct config *cfg, char **err);

/* Validate a loaded or built catalogue: references, ids, topic codes,
 * hours and dates, texts, e-mail and web addresses. fn gets each problem
 * as one line, "service 'id': what is wrong". Returns how many. */
typedef void (*catalogue_problem_fn)(void *ctx, const char *msg);
size_t catalogue_check(const struct catalogue *cat, catalogue_problem_fn fn,
		       void *ctx);

/* What `catalogue info` prints: path, name, published, schema version and
 * counts (organisations and resources by kind). A new string, lines ending
 * in '\n'. */
char *catalogue_info(const struct catalogue *cat);

#endif
