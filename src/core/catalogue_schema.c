/* catalogue_schema: see catalogue_schema.h. The schema and its
 * migrations.
 *
 * Migration N takes PRAGMA user_version N-1 to N. Version 1 is the whole
 * schema of the rows of `since` 1, made from the field table
 * (catalogue_fields.h) at compile time; a later version's step (ALTER
 * TABLE ... ADD COLUMN for the rows of its `since`) is appended here. Migrations run only in admin commands (init,
 * import), each in its own transaction; desks open the catalogue
 * read-only and refuse a version they do not know. */
#include <config.h>

#include <stdlib.h>

#include <sqlite3.h>

#include "core/catalogue.h"
#include "core/catalogue_fields.h"
#include "core/catalogue_schema.h"
#include "core/db.h"
#include "core/err.h"
#include "core/i18n.h"

/* ---- migrations ---------------------------------------------------------- */

#define SCHEMA_CREATE_(t, rows, tail) CAT_CREATE(t, rows, tail)

static const char *const migrations[] = {
	/* 1: every table of the field table. */
	"-- neuvoo catalogue schema, version 1 (PRAGMA user_version = 1).\n"
	"-- Texts in the catalogue languages are columns NAME_LL (NULL when absent).\n"
	"-- Times are 'HH:MM' (closes may be '24:00'); weekday 1 = Monday .. 7 = Sunday.\n"
	CAT_TABLES(SCHEMA_CREATE_),
	/* 2: a service's address in its parts. */
	CAT_ALTER_V2(service, CAT_T_SERVICE),
};

_Static_assert(sizeof migrations / sizeof migrations[0] == CATALOGUE_SCHEMA_VERSION,
	       "one migration per schema version");

const char *catalogue_schema_sql(int version)
{
	if (version < 1 || version > CATALOGUE_SCHEMA_VERSION)
		return NULL;
	return migrations[version - 1];
}

int catalogue_schema_migrate(sqlite3 *db, char **err)
{
	int version = 0, v;
	if (db_user_version(db, &version) != SQLITE_OK) {
		err_set(err, _("cannot read the schema version (%s)"), sqlite3_errmsg(db));
		return -1;
	}
	if (version > CATALOGUE_SCHEMA_VERSION) {
		err_set(err, _("catalogue schema version %d is newer than this neuvoo understands (%d); update neuvoo"),
			version, CATALOGUE_SCHEMA_VERSION);
		return -1;
	}
	for (v = version + 1; v <= CATALOGUE_SCHEMA_VERSION; v++) {
		char *msg = NULL;
		/* PRAGMA takes no bound parameters; v is our own integer. */
		char *bump = xasprintf("PRAGMA user_version = %d", v);
		int rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, &msg);
		if (rc == SQLITE_OK)
			rc = sqlite3_exec(db, migrations[v - 1], NULL, NULL, &msg);
		if (rc == SQLITE_OK)
			rc = sqlite3_exec(db, bump, NULL, NULL, &msg);
		if (rc == SQLITE_OK)
			rc = sqlite3_exec(db, "COMMIT", NULL, NULL, &msg);
		free(bump);
		if (rc != SQLITE_OK) {
			err_set(err, _("schema migration to version %d failed (%s)"), v,
				msg ? msg : sqlite3_errstr(rc));
			sqlite3_free(msg);
			if (!sqlite3_get_autocommit(db))
				sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
			return -1;
		}
	}
	return 0;
}


int catalogue_schema_reference(sqlite3 *ref, void *arg)
{
	(void)arg;
	return catalogue_schema_migrate(ref, NULL) == 0 ? SQLITE_OK : SQLITE_ERROR;
}
