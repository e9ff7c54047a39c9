/* test_fields: the catalogue's field table is the one place a field is
 * defined. The file's schema has exactly its columns; every field a
 * record holds comes back the same from a published file (whole and
 * lean) and through an HSDS export and import; the CHECKs of code fields
 * accept exactly their code lists. A new field in the table is covered
 * here without a line of test code. */
#include <config.h>

#include "util.h"

#include <sqlite3.h>

#include "core/catalogue.h"
#include "core/catalogue_fields.h"
#include "core/catalogue_publish.h"
#include "core/catalogue_schema.h"
#include "core/err.h"
#include "core/hsds.h"

static char *join(const char *dir, const char *name)
{
	char *p = malloc(strlen(dir) + strlen(name) + 2);
	sprintf(p, "%s/%s", dir, name);
	return p;
}

/* A value of field f of table t that every check and importer accepts,
 * distinct per field and language. */
static char *value_for(enum cat_table_id t, const struct cat_field *f, int lang)
{
	const char *table = catalogue_fields(t)->name;
	if (f->check == CK_DATE)
		return strdup("2026-01-02");
	if (f->check == CK_EMAIL)
		return strdup("desk@example.org");
	if (f->check == CK_WEB)
		return strdup(t == CAT_TABLE_organisation ? "https://org.example.org/"
			      : "https://x.example.org/");
	if (f->check == CK_PHONE || f->check == CK_EXTENSION)
		return strdup("+358 9 310 12345");
	if (f->check == CK_LANGCODE)
		return strdup("fi");
	if (!strcmp(f->col, "id"))
		return strdup(table);
	{
		char *v = malloc(strlen(table) + strlen(f->col) + 8);
		sprintf(v, "%s %s%s%s", table, f->col, lang >= 0 ? " " : "",
			lang >= 0 ? catalogue_lang_code(lang) : "");
		return v;
	}
}

/* Fill every field of table t that the table's generic code handles. */
static void fill(enum cat_table_id t, void *rec, void *info)
{
	const struct cat_table *tb = catalogue_fields(t);
	size_t i;
	int k;
	for (i = 0; i < tb->n_fields; i++) {
		const struct cat_field *f = &tb->fields[i];
		void *p = catalogue_field_ptr(f, rec, info);
		if (!p)
			continue;
		switch (f->type) {
		case FT_STR:
		case FT_SHARED:
			*(char **)p = value_for(t, f, -1);
			break;
		case FT_TEXT:
		case FT_STEXT:
			for (k = 0; k < CAT__NLANG; k++)
				((struct cat_text *)p)->v[k] = value_for(t, f, k);
			break;
		case FT_INT:
			*(int *)p = 17;
			break;
		case FT_CODE:
			*(int *)p = (int)codes_count(f->list) - 1;
			break;
		case FT_OWN:
			break;
		}
	}
}

/* Every generic field of a and b is equal (but for WORDS fields when
 * b is a lean catalogue's record: its details hold them). */
static void same_but(enum cat_table_id t, const void *a, const void *ai,
		     const void *b, const void *bi, const char *how, bool lean)
{
	const struct cat_table *tb = catalogue_fields(t);
	size_t i;
	int k;
	for (i = 0; i < tb->n_fields; i++) {
		const struct cat_field *f = &tb->fields[i];
		const void *p = catalogue_field_cptr(f, a, ai);
		const void *q = catalogue_field_cptr(f, b, bi);
		if (!p || !q || (lean && f->where == CW_WORDS))
			continue;
		switch (f->type) {
		case FT_STR:
		case FT_SHARED:
			if (!*(char *const *)q || strcmp(*(char *const *)p, *(char *const *)q))
				fail_msg("%s: %s.%s: '%s' came back as '%s'", how, tb->name,
					 f->col, *(char *const *)p,
					 *(char *const *)q ? *(char *const *)q : "(null)");
			break;
		case FT_TEXT:
		case FT_STEXT:
			for (k = 0; k < CAT__NLANG; k++) {
				const char *x = ((const struct cat_text *)p)->v[k];
				const char *y = ((const struct cat_text *)q)->v[k];
				if (!y || strcmp(x, y))
					fail_msg("%s: %s.%s (%s) came back as '%s'", how,
						 tb->name, f->col, catalogue_lang_code(k),
						 y ? y : "(null)");
			}
			break;
		case FT_INT:
		case FT_CODE:
			if (*(const int *)p != *(const int *)q)
				fail_msg("%s: %s.%s: %d came back as %d", how, tb->name,
					 f->col, *(const int *)p, *(const int *)q);
			break;
		case FT_OWN:
			break;
		}
	}
}

static void same(enum cat_table_id t, const void *a, const void *ai,
		 const void *b, const void *bi, const char *how)
{
	same_but(t, a, ai, b, bi, how, false);
}

/* One record of every kind, every field filled. */
static struct catalogue *full_catalogue(void)
{
	struct catalogue *cat = catalogue_new();
	struct cat_language *l = catalogue_add_language(cat);
	struct cat_org *o = catalogue_add_org(cat);
	struct cat_service *s = catalogue_add_service(cat);
	struct cat_resource *r = catalogue_add_resource(cat);

	fill(CAT_TABLE_language, l, NULL);
	fill(CAT_TABLE_organisation, o, NULL);
	fill(CAT_TABLE_service, s, s->info);
	s->org = 0;
	s->topics = 1u << TOPIC_HOUSING;
	s->languages = calloc(1, sizeof *s->languages);
	s->languages[0] = strdup(l->code);
	s->n_languages = 1;
	s->info->phones = calloc(1, sizeof *s->info->phones);
	s->info->n_phones = 1;
	fill(CAT_TABLE_service_phone, &s->info->phones[0], NULL);
	fill(CAT_TABLE_resource, r, NULL);
	r->modality = MOD_PHONE | MOD_VIDEO;
	r->languages = calloc(1, sizeof *r->languages);
	r->n_languages = 1;
	fill(CAT_TABLE_resource_language, &r->languages[0], NULL);
	r->languages[0].code = strdup(l->code);
	cat->name = strdup("Fields");
	cat->published = strdup("2026-01-02T03:04:05+02:00");
	return cat;
}

static void same_catalogue(const struct catalogue *a, const struct catalogue *b,
			   const char *how)
{
	assert_int_equal(b->n_languages, 1);
	assert_int_equal(b->n_orgs, 1);
	assert_int_equal(b->n_services, 1);
	assert_int_equal(b->n_resources, 1);
	same(CAT_TABLE_language, &a->languages[0], NULL, &b->languages[0], NULL, how);
	same(CAT_TABLE_organisation, &a->orgs[0], NULL, &b->orgs[0], NULL, how);
	same(CAT_TABLE_service, &a->services[0], a->services[0].info,
	     &b->services[0], b->services[0].info, how);
	assert_int_equal(b->services[0].info->n_phones, 1);
	same(CAT_TABLE_service_phone, &a->services[0].info->phones[0], NULL,
	     &b->services[0].info->phones[0], NULL, how);
	same(CAT_TABLE_resource, &a->resources[0], NULL, &b->resources[0], NULL, how);
	assert_int_equal(b->resources[0].modality, MOD_PHONE | MOD_VIDEO);
	assert_int_equal(b->resources[0].n_languages, 1);
	same(CAT_TABLE_resource_language, &a->resources[0].languages[0], NULL,
	     &b->resources[0].languages[0], NULL, how);
}

static void test_schema_is_the_table(void **state)
{
	sqlite3 *db = NULL;
	char *err = NULL;
	size_t t, i;
	(void)state;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	if (catalogue_schema_migrate(db, &err) != 0)
		fail_msg("migrate: %s", err);
	for (t = 0; t < CAT_TABLE__N; t++) {
		const struct cat_table *tb = catalogue_fields((enum cat_table_id)t);
		sqlite3_stmt *st = NULL;
		int n = 0;
		assert_int_equal(sqlite3_prepare_v2(db, "SELECT name FROM pragma_table_info(?1) "
						    "ORDER BY cid", -1, &st, NULL), SQLITE_OK);
		sqlite3_bind_text(st, 1, tb->name, -1, SQLITE_STATIC);
		for (i = 0; i < tb->n_fields; i++) {
			const struct cat_field *f = &tb->fields[i];
			int k, cols = CAT_FIELD_COLUMNS(f);
			for (k = 0; k < cols; k++, n++) {
				char want[64];
				assert_int_equal(sqlite3_step(st), SQLITE_ROW);
				if (f->shape == CS_LANGS)
					snprintf(want, sizeof want, "%s_%s", f->col,
						 catalogue_lang_code(k));
				else
					snprintf(want, sizeof want, "%s", f->col);
				assert_string_equal((const char *)sqlite3_column_text(st, 0), want);
			}
		}
		assert_int_equal(sqlite3_step(st), SQLITE_DONE);
		assert_int_equal(n, tb->n_columns);
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
}

/* The CHECK of a code column holds exactly the codes of its list. */
static void test_code_checks(void **state)
{
	static const struct {
		const char *insert;
		enum code_list list;
	} cases[] = {
		{ "INSERT INTO organisation (id, kind, name_fi) VALUES ('o', ?1, 'O')",
		  CODES_ORG_KIND },
		{ "INSERT INTO resource (id, kind, name_fi, modality) VALUES ('r', ?1, 'R', 'phone')",
		  CODES_RES_KIND },
		{ "INSERT INTO service (id, organisation_id, name_fi, appointment) "
		  "VALUES ('s', 'o', 'S', ?1)", CODES_APPOINTMENT },
	};
	sqlite3 *db = NULL;
	char *err = NULL;
	size_t c, i;
	(void)state;
	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	if (catalogue_schema_migrate(db, &err) != 0)
		fail_msg("migrate: %s", err);
	for (c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		sqlite3_stmt *st = NULL;
		const char *bad[] = { "club", "", "City" };
		assert_int_equal(sqlite3_prepare_v2(db, cases[c].insert, -1, &st, NULL), SQLITE_OK);
		for (i = 0; i < codes_count(cases[c].list); i++) {
			assert_int_equal(sqlite3_exec(db, "SAVEPOINT one", NULL, NULL, NULL), SQLITE_OK);
			sqlite3_bind_text(st, 1, codes_code(cases[c].list, (int)i), -1, SQLITE_STATIC);
			assert_int_equal(sqlite3_step(st), SQLITE_DONE);
			sqlite3_reset(st);
			assert_int_equal(sqlite3_exec(db, "ROLLBACK TO one; RELEASE one", NULL, NULL, NULL),
					 SQLITE_OK);
		}
		for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			sqlite3_bind_text(st, 1, bad[i], -1, SQLITE_STATIC);
			assert_int_equal(sqlite3_step(st), SQLITE_CONSTRAINT);
			sqlite3_reset(st);
		}
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
}

static void test_every_field_round_trips(void **state)
{
	char *dir = util_tmpdir(), *path = join(dir, "cat.db"), *hsds = join(dir, "hsds");
	char *path2 = join(dir, "again.db"), *err = NULL;
	struct catalogue *cat = full_catalogue(), *back = NULL, *lean = NULL, *imp = NULL;
	const struct cat_service_info *in;
	(void)state;

	if (catalogue_publish(cat, path, &err) != 0)
		fail_msg("publish: %s", err);
	if (catalogue_open(path, &back, &err) != 0)
		fail_msg("open: %s", err);
	same_catalogue(cat, back, "published and loaded");

	/* A desk's lean catalogue: the record now, the details on demand. */
	if (catalogue_open_lean(path, &lean, &err) != 0)
		fail_msg("open lean: %s", err);
	assert_null(lean->services[0].info);
	in = catalogue_service_info(lean, 0, &err);
	assert_non_null(in);
	same_but(CAT_TABLE_service, &cat->services[0], cat->services[0].info,
		 &lean->services[0], in, "lean", true);
	{
		int k;
		for (k = 0; k < CAT__NLANG; k++)
			assert_string_equal(in->description.v[k],
					    cat->services[0].description.v[k]);
	}
	assert_int_equal(in->n_phones, 1);
	same(CAT_TABLE_service_phone, &cat->services[0].info->phones[0], NULL,
	     &in->phones[0], NULL, "lean details");

	if (hsds_export(back, hsds, &err) != 0)
		fail_msg("export: %s", err);
	if (hsds_import(hsds, &imp, NULL, NULL, &err) != 0)
		fail_msg("import: %s", err);
	same_catalogue(cat, imp, "through HSDS");
	if (catalogue_publish(imp, path2, &err) != 0)
		fail_msg("publish again: %s", err);

	catalogue_free(&imp);
	catalogue_free(&lean);
	catalogue_free(&back);
	catalogue_free(&cat);
	free(path);
	free(path2);
	free(hsds);
	util_rmtree(&dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_schema_is_the_table),
		cmocka_unit_test(test_code_checks),
		cmocka_unit_test(test_every_field_round_trips),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
