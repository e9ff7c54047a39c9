/* catalogue_publish: writing a catalogue file: publishing one built in
 * memory, creating one from bundled data, and the default catalogue's
 * creation on first use. Every write goes to a temporary file in the
 * catalogue's folder and is renamed over the old file only when it is
 * complete and checked (core/atomic), so readers see the old or the new,
 * never half. */
#ifndef NEUVOO_CATALOGUE_PUBLISH_H
#define NEUVOO_CATALOGUE_PUBLISH_H

#include <stdbool.h>

#include "core/catalogue.h"
#include "core/config.h"

/* Write cat into a new file and rename it over `path` atomically
 * (rollback-journal mode, so read-only readers in read-only folders work).
 * Used by `catalogue init` and `import`. */
int catalogue_publish(const struct catalogue *cat, const char *path,
		      char **err);
/* The same, freeing *cat (and setting it NULL) in every case: as soon as
 * its rows are written, so that the search index is built without it in
 * memory (an import of a national dump). */
int catalogue_publish_take(struct catalogue **cat, const char *path,
			   char **err);

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

#endif
