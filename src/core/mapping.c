/* mapping: see mapping.h. Rows that cannot be read are skipped with the
 * CSV reader's own FILE:LINE warning going nowhere: a table is the site's
 * own configuration, checked by the tests of the bundled ones; a broken
 * header is an error. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/csv.h"
#include "core/err.h"
#include "core/mapping.h"
#include "core/paths.h"

static char *fold(const char *s)
{
	char *t = csv_trim(s), *p;
	for (p = t; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return t;
}

const char *mapping_get(const struct mapping *m, const char *key)
{
	char *k;
	size_t i;
	bool found;
	if (!m || !key)
		return NULL;
	k = fold(key);
	found = *k && strmap_get(&m->keys, k, &i);
	free(k);
	return found ? m->values[i] : NULL;
}

int mapping_load_file(const char *path, struct mapping **out, char **err)
{
	struct mapping *m = xcalloc(1, sizeof *m);
	struct csv_reader *r = csv_open(path, true, NULL, NULL, err);
	int st;
	*out = NULL;
	if (!r || csv_expect_columns(r, 2, err) != 0) {
		csv_close(&r);
		mapping_free(&m);
		return -1;
	}
	m->path = xstrdup(path);
	while ((st = csv_next(r, err)) > 0) {
		char *k = fold(csv_field(r, 0)), *v = csv_trim(csv_field(r, 1));
		if (*k && *v && strmap_put(&m->keys, k, m->n)) {
			m->values = xrealloc(m->values, (m->n + 1) * sizeof *m->values);
			m->values[m->n++] = v;
		} else {
			free(v);
		}
		free(k);
	}
	csv_close(&r);
	if (st < 0) {
		mapping_free(&m);
		return -1;
	}
	*out = m;
	return 0;
}

int mapping_load(const char *name, struct mapping **out, char **err)
{
	char **dirs = paths_search("mappings", false);
	char *path = paths_search_file(dirs, name);
	int rc = 0;
	paths_list_free(&dirs);
	if (path)
		rc = mapping_load_file(path, out, err);
	else
		*out = xcalloc(1, sizeof **out);
	free(path);
	return rc;
}

void mapping_free(struct mapping **pm)
{
	struct mapping *m;
	size_t i;
	if (!pm || !*pm)
		return;
	m = *pm;
	strmap_clear(&m->keys);
	for (i = 0; i < m->n; i++)
		free(m->values[i]);
	free(m->values);
	free(m->path);
	free(m);
	*pm = NULL;
}
