/* catalogue_schema: the catalogue file's schema and its migrations, made
 * from the field table (catalogue_fields.h).
 *
 * Migrations are run only by admin commands (init, import): desks open the
 * catalogue read-only and refuse a version they do not know. Migration N
 * takes PRAGMA user_version N-1 to N. */
#ifndef NEUVOO_CATALOGUE_SCHEMA_H
#define NEUVOO_CATALOGUE_SCHEMA_H

#include <sqlite3.h>

/* Bring db up to CATALOGUE_SCHEMA_VERSION, one migration at a time, each in
 * its own transaction. A newer file is refused. */
int catalogue_schema_migrate(sqlite3 *db, char **err);
/* The schema this build knows, made in an empty database ref (an
 * in-memory one) from the field table: what a catalogue read is compared
 * with (db_schema_odd). An SQLite code. */
int catalogue_schema_reference(sqlite3 *ref, void *arg);
/* The DDL of migration `version` (1..CATALOGUE_SCHEMA_VERSION), or NULL. */
const char *catalogue_schema_sql(int version);

#endif
