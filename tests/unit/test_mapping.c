/* test_mapping: the site-editable mapping tables (core/mapping): the
 * bundled ones map only to real codes, keys match ignoring case and
 * blanks, the first row of a key wins, a site's table in
 * SYSCONFDIR/neuvoo/mappings/ is used instead of the bundled one, a
 * missing table is empty and a one-column table is an error. */
#include <config.h>

#include "util.h"

#include <sys/stat.h>

#include "core/catalogue.h"
#include "core/codes.h"
#include "core/err.h"
#include "core/mapping.h"

static void use_tree(void)
{
	const char *top = getenv("top_srcdir");
	char *data = xasprintf("%s/data", top ? top : ".");
	setenv("NEUVOO_DATADIR", data, 1);
	free(data);
}

static void test_bundled_tables_map_to_codes(void **state)
{
	struct mapping *m = NULL;
	char *err = NULL;
	size_t i;
	(void)state;
	use_tree();
	assert_int_equal(mapping_load("hsds-taxonomy.csv", &m, &err), 0);
	assert_non_null(m->path);
	assert_true(m->n > 10);
	for (i = 0; i < m->n; i++)
		if (codes_find(CODES_TOPIC, m->values[i]) < 0)
			fail_msg("hsds-taxonomy.csv: \"%s\" is no topic code", m->values[i]);
	assert_string_equal(mapping_get(m, "  HOUSING "), "housing");
	assert_string_equal(mapping_get(m, "Child Care"), "daycare");
	assert_null(mapping_get(m, "knitting"));
	mapping_free(&m);
	assert_null(m);

	assert_int_equal(mapping_load("hsds-languages.csv", &m, &err), 0);
	for (i = 0; i < m->n; i++)
		if (!catalogue_lang_code_ok(m->values[i]))
			fail_msg("hsds-languages.csv: \"%s\" is no language code", m->values[i]);
	assert_string_equal(mapping_get(m, "english"), "en");
	assert_string_equal(mapping_get(m, "Spanish"), "es");
	assert_string_equal(mapping_get(m, "ruotsi"), "sv");
	mapping_free(&m);
	unsetenv("NEUVOO_DATADIR");
}

static void test_site_table_first(void **state)
{
	char *site = util_tmpdir(), *dir, *f, *err = NULL;
	struct mapping *m = NULL;
	(void)state;
	use_tree();
	dir = xasprintf("%s/neuvoo", site);
	assert_int_equal(mkdir(dir, 0700), 0);
	free(dir);
	dir = xasprintf("%s/neuvoo/mappings", site);
	assert_int_equal(mkdir(dir, 0700), 0);
	f = util_write(dir, "hsds-taxonomy.csv",
		       "term,topic\nHousing,other\nhousing,housing\nKnitting,leisure\n,x\n");
	free(f);
	setenv("NEUVOO_SYSCONFDIR", site, 1);
	assert_int_equal(mapping_load("hsds-taxonomy.csv", &m, &err), 0);
	assert_non_null(strstr(m->path, site));
	/* The first row of a key wins; an empty key is no row. */
	assert_string_equal(mapping_get(m, "housing"), "other");
	assert_string_equal(mapping_get(m, "knitting"), "leisure");
	assert_null(mapping_get(m, "Child Care"));
	assert_int_equal(m->n, 2);
	mapping_free(&m);

	/* A table saved with semicolons is an error naming it. */
	f = util_write(dir, "hsds-taxonomy.csv", "term;topic\nHousing;housing\n");
	free(f);
	assert_int_equal(mapping_load("hsds-taxonomy.csv", &m, &err), -1);
	assert_null(m);
	assert_non_null(strstr(err, "hsds-taxonomy.csv:1: "));
	free(err);
	err = NULL;

	/* A table nobody ships is empty, not an error. */
	assert_int_equal(mapping_load("no-such-table.csv", &m, &err), 0);
	assert_int_equal(m->n, 0);
	assert_null(m->path);
	assert_null(mapping_get(m, "anything"));
	mapping_free(&m);

	unsetenv("NEUVOO_SYSCONFDIR");
	unsetenv("NEUVOO_DATADIR");
	free(dir);
	util_rmtree(&site);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bundled_tables_map_to_codes),
		cmocka_unit_test(test_site_table_first),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
