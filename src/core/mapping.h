/* mapping: a site-editable table from a source's words to neuvoo's codes
 * (HSDS language names to ISO codes, taxonomy terms to topics; PTV
 * service classes to topics), as a two-column CSV file in the mappings
 * folder: the site's SYSCONFDIR/neuvoo/mappings/NAME first, else the
 * bundled one (paths_search). Keys match ignoring ASCII case and
 * surrounding blanks; the first row of a key wins; a missing file is an
 * empty table (the importer then warns about what it cannot map). */
#ifndef NEUVOO_MAPPING_H
#define NEUVOO_MAPPING_H

#include "core/strmap.h"

struct mapping {
	struct strmap keys;	/* folded key -> index into values */
	char **values;
	size_t n;
	char *path;		/* the file read, NULL when none */
};

/* Load the table NAME ("hsds-languages.csv"). 0, or -1 with *err when a
 * file exists but cannot be read or has fewer than two columns. */
int mapping_load(const char *name, struct mapping **out, char **err);
/* The same from one file (tests, and the loader above). */
int mapping_load_file(const char *path, struct mapping **out, char **err);
/* The value for key, or NULL. */
const char *mapping_get(const struct mapping *m, const char *key);
void mapping_free(struct mapping **m);

#endif
