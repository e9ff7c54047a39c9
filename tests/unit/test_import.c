/* test_import: the import driver's rules (core/catalogue_import) and
 * catalogue_merge: refusal on problems unless keep_going, never an empty
 * catalogue, never one that lost over half unless force, dry runs that
 * write nothing, --add merging by id. Catalogues are built in memory and
 * published to a temporary folder; the file on disk is compared byte for
 * byte where a rule says it must not change. */
#include <config.h>

#include "util.h"

#include <sys/stat.h>

#include "core/catalogue.h"
#include "core/catalogue_import.h"
#include "core/catalogue_publish.h"
#include "core/err.h"

/* A catalogue of one organisation (org id) and n services "PFX-i". */
static struct catalogue *make(const char *org, const char *pfx, size_t n)
{
	struct catalogue *cat = catalogue_new();
	struct cat_org *o = catalogue_add_org(cat);
	size_t i;
	o->id = strdup(org);
	o->kind = ORG_CITY;
	o->name.v[CAT_FI] = xasprintf("Org %s", org);
	for (i = 0; i < n; i++) {
		struct cat_service *s = catalogue_add_service(cat);
		s->id = xasprintf("%s-%zu", pfx, i);
		s->org = 0;
		s->name.v[CAT_FI] = xasprintf("Palvelu %s %zu", pfx, i);
	}
	return cat;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	*len = (size_t)n;
	return buf;
}

struct fix {
	char *dir, *path;
	char *before;
	size_t before_len;
};

/* A folder with a published catalogue of n services (none when n is 0). */
static void fix_open(struct fix *x, size_t n)
{
	char *err = NULL;
	x->dir = util_tmpdir();
	x->path = xasprintf("%s/catalogue.db", x->dir);
	x->before = NULL;
	if (n) {
		struct catalogue *cat = make("o1", "old", n);
		assert_int_equal(catalogue_publish(cat, x->path, &err), 0);
		catalogue_free(&cat);
		x->before = slurp(x->path, &x->before_len);
	}
}

static void assert_unchanged(const struct fix *x)
{
	size_t len = 0;
	char *now = slurp(x->path, &len);
	if (!x->before) {
		assert_null(now);
		return;
	}
	assert_non_null(now);
	assert_int_equal(len, x->before_len);
	assert_memory_equal(now, x->before, len);
	free(now);
}

static void fix_close(struct fix *x)
{
	free(x->before);
	free(x->path);
	util_rmtree(&x->dir);
}

static size_t services_on_disk(const char *path)
{
	struct catalogue *cat = NULL;
	char *err = NULL;
	size_t n;
	assert_int_equal(catalogue_open(path, &cat, &err), 0);
	n = cat->n_services;
	catalogue_free(&cat);
	return n;
}

static int run(struct fix *x, struct catalogue *fresh, struct import_log *log,
	       struct import_opts o, struct import_result *res, char **err)
{
	return catalogue_import_finish(&fresh, log, &o, x->path, NULL, NULL,
				       res, err);
}

static void test_problem_refuses_unless_keep_going(void **state)
{
	struct import_opts o = { 0 };
	struct import_log log;
	struct import_result res;
	struct fix x;
	char *err = NULL;
	(void)state;

	fix_open(&x, 4);
	import_log_init(&log);
	import_log_at_line(&log, "services.csv", 7, "quote inside an unquoted field");
	assert_int_equal(log.n_problems, 1);
	assert_string_equal(log.problems[0],
			    "services.csv:7: quote inside an unquoted field");
	assert_int_equal(run(&x, make("o1", "new", 5), &log, o, &res, &err), 1);
	assert_int_equal(res.verdict, IMPORT_REFUSED_PROBLEMS);
	assert_false(res.written);
	assert_non_null(strstr(err, "--keep-going"));
	assert_non_null(strstr(err, "nothing published"));
	err_free(&err);
	assert_unchanged(&x);

	o.keep_going = true;
	assert_int_equal(run(&x, make("o1", "new", 5), &log, o, &res, &err), 0);
	assert_true(res.written);
	assert_int_equal(services_on_disk(x.path), 5);
	import_log_clear(&log);
	assert_int_equal(log.n_problems, 0);
	fix_close(&x);
}

static void test_notes_never_block(void **state)
{
	struct import_opts o = { 0 };
	struct import_log log;
	struct import_result res;
	struct fix x;
	char *err = NULL;
	(void)state;

	fix_open(&x, 0);
	import_log_init(&log);
	import_log_note(&log, "%zu inactive services not imported", (size_t)3);
	assert_int_equal(run(&x, make("o1", "new", 2), &log, o, &res, &err), 0);
	assert_null(err);
	assert_int_equal(services_on_disk(x.path), 2);
	import_log_clear(&log);
	fix_close(&x);
}

static void test_empty_never_published(void **state)
{
	struct import_opts o = { .force = true, .keep_going = true };
	struct import_log log;
	struct import_result res;
	struct fix x;
	char *err = NULL;
	(void)state;

	fix_open(&x, 3);
	import_log_init(&log);
	assert_int_equal(run(&x, make("o1", "new", 0), &log, o, &res, &err), 1);
	assert_int_equal(res.verdict, IMPORT_REFUSED_EMPTY);
	assert_non_null(strstr(err, "no services"));
	err_free(&err);
	assert_unchanged(&x);
	fix_close(&x);

	/* Not even where there was no catalogue before. */
	fix_open(&x, 0);
	assert_int_equal(run(&x, make("o1", "new", 0), &log, o, &res, &err), 1);
	err_free(&err);
	assert_unchanged(&x);
	fix_close(&x);
}

static void test_losing_over_half_needs_force(void **state)
{
	struct import_opts o = { 0 };
	struct import_log log;
	struct import_result res;
	struct fix x;
	char *err = NULL;
	(void)state;

	fix_open(&x, 10);
	import_log_init(&log);
	assert_int_equal(run(&x, make("o1", "new", 4), &log, o, &res, &err), 1);
	assert_int_equal(res.verdict, IMPORT_REFUSED_SHRINK);
	assert_int_equal(res.old_services, 10);
	assert_non_null(strstr(err, "--force"));
	err_free(&err);
	assert_unchanged(&x);

	/* Exactly half is not over half. */
	assert_int_equal(run(&x, make("o1", "new", 5), &log, o, &res, &err), 0);
	assert_int_equal(services_on_disk(x.path), 5);

	o.force = true;
	assert_int_equal(run(&x, make("o1", "new", 1), &log, o, &res, &err), 0);
	assert_int_equal(services_on_disk(x.path), 1);
	fix_close(&x);
}

static void test_dry_run_writes_nothing(void **state)
{
	struct import_opts o = { .dry_run = true };
	struct import_log log;
	struct import_result res;
	struct fix x;
	char *err = NULL;
	(void)state;

	fix_open(&x, 3);
	import_log_init(&log);
	assert_int_equal(run(&x, make("o2", "new", 7), &log, o, &res, &err), 0);
	assert_int_equal(res.verdict, IMPORT_PUBLISHED);
	assert_false(res.written);
	assert_int_equal(res.result.services, 7);
	assert_int_equal(res.result.orgs, 1);
	assert_unchanged(&x);

	/* A dry run decides as the real run would. */
	import_log_problem(&log, "x.json: item 2 (abc): not an object");
	assert_int_equal(run(&x, make("o2", "new", 7), &log, o, &res, &err), 1);
	assert_int_equal(res.verdict, IMPORT_REFUSED_PROBLEMS);
	err_free(&err);
	assert_unchanged(&x);
	import_log_clear(&log);
	fix_close(&x);

	/* And with no catalogue yet, none is created. */
	fix_open(&x, 0);
	assert_int_equal(run(&x, make("o2", "new", 2), &log, o, &res, &err), 0);
	assert_unchanged(&x);
	fix_close(&x);
}

struct said {
	size_t n;
	char *last;
};

static void collect(void *ctx, const char *msg)
{
	struct said *s = ctx;
	s->n++;
	free(s->last);
	s->last = strdup(msg);
}

static void test_add_merges_by_id(void **state)
{
	struct import_opts o = { .add = true, .verbose = true };
	struct import_log log;
	struct import_result res;
	struct catalogue *fresh, *cat = NULL;
	struct said said = { 0 };
	struct fix x;
	char *err = NULL;
	long i;
	(void)state;

	fix_open(&x, 3);	/* old-0 old-1 old-2, organisation o1 */
	import_log_init(&log);
	/* old-1 again under a new name, and two new services of o2. */
	fresh = make("o2", "new", 2);
	{
		struct cat_service *s = catalogue_add_service(fresh);
		s->id = strdup("old-1");
		s->org = 0;
		s->name.v[CAT_FI] = strdup("Uusi nimi");
		s->description.v[CAT_SV] = strdup("Ny beskrivning");
		s->info->street.v[CAT_FI] = strdup("Katu");
	}
	/* As an importer does: the strings in the fresh catalogue's arena,
	 * which the merge hands to the current one. */
	catalogue_compact_services(fresh, 0);
	assert_string_equal(fresh->services[2].name.v[CAT_FI], "Uusi nimi");
	assert_string_equal(fresh->services[2].info->street.v[CAT_FI], "Katu");
	assert_int_equal(catalogue_import_finish(&fresh, &log, &o, x.path,
						 collect, &said, &res, &err), 0);
	assert_null(fresh);
	assert_int_equal(res.replaced, 1);
	assert_int_equal(said.n, 1);
	assert_non_null(strstr(said.last, "old-1"));
	assert_int_equal(res.result.services, 5);
	assert_int_equal(res.result.orgs, 2);

	assert_int_equal(catalogue_open(x.path, &cat, &err), 0);
	assert_int_equal(cat->n_services, 5);
	i = catalogue_service_index(cat, "old-1");
	assert_true(i >= 0);
	assert_string_equal(cat->services[i].name.v[CAT_FI], "Uusi nimi");
	assert_string_equal(cat->services[i].description.v[CAT_SV], "Ny beskrivning");
	assert_string_equal(cat->services[i].info->street.v[CAT_FI], "Katu");
	assert_string_equal(catalogue_service_org(cat, &cat->services[i])->id, "o2");
	i = catalogue_service_index(cat, "old-0");
	assert_true(i >= 0);
	assert_string_equal(catalogue_service_org(cat, &cat->services[i])->id, "o1");
	i = catalogue_service_index(cat, "new-1");
	assert_true(i >= 0);
	assert_string_equal(catalogue_service_org(cat, &cat->services[i])->id, "o2");
	catalogue_free(&cat);
	free(said.last);

	/* Without --add the same import replaces. */
	o.add = false;
	assert_int_equal(run(&x, make("o2", "new", 3), &log, o, &res, &err), 0);
	assert_int_equal(services_on_disk(x.path), 3);
	fix_close(&x);
}

static void test_item_locations(void **state)
{
	struct import_log log;
	(void)state;
	import_log_init(&log);
	import_log_at_item(&log, "channels.json", 12, "5f1c", "%s", "no name");
	import_log_at_item(&log, "units.json", 3, NULL, "%s", "not an object");
	/* Data reaches the terminal only sanitized. */
	import_log_problem(&log, "bad \x1b[2Jname");
	assert_string_equal(log.problems[0], "channels.json: item 12 (5f1c): no name");
	assert_string_equal(log.problems[1], "units.json: item 3: not an object");
	assert_null(strchr(log.problems[2], '\x1b'));
	import_log_clear(&log);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_problem_refuses_unless_keep_going),
		cmocka_unit_test(test_notes_never_block),
		cmocka_unit_test(test_empty_never_published),
		cmocka_unit_test(test_losing_over_half_needs_force),
		cmocka_unit_test(test_dry_run_writes_nothing),
		cmocka_unit_test(test_add_merges_by_id),
		cmocka_unit_test(test_item_locations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
