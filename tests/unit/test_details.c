/* test_details: core/service_details: the rows of a service's details
 * (the desk's details window and `catalogue show` share them) and the
 * freshness of its verified date in whole months. */
#include <config.h>

#include "util.h"

#include <sqlite3.h>

#include "core/catalogue.h"
#include "core/catalogue_publish.h"
#include "core/catalogue_schema.h"
#include "core/err.h"
#include "core/hours.h"
#include "core/service_details.h"

static struct tm day(int y, int m, int d)
{
	struct tm t;
	memset(&t, 0, sizeof t);
	t.tm_year = y - 1900;
	t.tm_mon = m - 1;
	t.tm_mday = d;
	t.tm_hour = 12;
	t.tm_wday = 3;
	return t;
}

static void test_age_in_months(void **state)
{
	struct tm now = day(2026, 12, 3);
	char *t;
	(void)state;
	assert_int_equal(service_details_age_months("2025-10-01", &now), 14);
	assert_int_equal(service_details_age_months("2025-10-04", &now), 13);
	assert_int_equal(service_details_age_months("2026-12-01", &now), 0);
	assert_int_equal(service_details_age_months("2026-11-03", &now), 1);
	/* A date after today counts as fresh, not as a negative age. */
	assert_int_equal(service_details_age_months("2027-05-01", &now), 0);
	assert_int_equal(service_details_age_months(NULL, &now), -1);
	assert_int_equal(service_details_age_months("soon", &now), -1);
	assert_int_equal(service_details_age_months("2025-13-01", &now), -1);
	t = service_details_age_text("2025-10-01", &now);
	assert_string_equal(t, "checked 14 months ago");
	free(t);
	t = service_details_age_text(NULL, &now);
	assert_string_equal(t, "never checked");
	free(t);
	t = service_details_age_text("2026-12-02", &now);
	assert_string_equal(t, "checked this month");
	free(t);
}

struct rows {
	char buf[4096];
};

static void collect(void *ctx, const char *label, const char *value)
{
	struct rows *r = ctx;
	size_t n = strlen(r->buf);
	snprintf(r->buf + n, sizeof r->buf - n, "%s=%s\n", label, value);
}

static void test_rows(void **state)
{
	struct catalogue *cat = catalogue_new();
	struct cat_org *o = catalogue_add_org(cat);
	struct cat_service *s;
	struct tm now = day(2026, 12, 3);
	struct rows r = { "" };
	(void)state;

	o->id = strdup("o");
	o->name.v[CAT_FI] = strdup("Kaupunki");
	s = catalogue_add_service(cat);
	s->id = strdup("s");
	s->name.v[CAT_FI] = strdup("Neuvonta");
	s->description.v[CAT_SV] = strdup("Rådgivning");
	s->info->phones = xcalloc(1, sizeof *s->info->phones);
	s->info->n_phones = 1;
	s->info->phones[0].number = strdup("+358 9 123");
	s->info->phones[0].label.v[CAT_SV] = strdup("på svenska");
	s->info->email = strdup("a@b.example");
	s->info->address = strdup("Katu 1, 00100 Helsinki");
	s->languages = xcalloc(2, sizeof *s->languages);
	s->languages[0] = strdup("fi");
	s->languages[1] = strdup("sv");
	s->n_languages = 2;

	service_details(cat, 0, "sv", &now, collect, &r);
	assert_non_null(strstr(r.buf, "Organisation=Kaupunki\n"));
	assert_non_null(strstr(r.buf, "What=Rådgivning\n"));
	assert_non_null(strstr(r.buf, "Phone=+358 9 123 (på svenska)\n"));
	assert_non_null(strstr(r.buf, "E-mail=a@b.example\n"));
	assert_non_null(strstr(r.buf, "Hours=not known\n"));
	assert_non_null(strstr(r.buf, "Address=Katu 1, 00100 Helsinki\n"));
	assert_non_null(strstr(r.buf, "Languages=fi sv\n"));
	assert_non_null(strstr(r.buf, "Checked=never checked\n"));

	s->info->verified = strdup("2025-10-01");
	r.buf[0] = '\0';
	service_details(cat, 0, "fi", &now, collect, &r);
	assert_non_null(strstr(r.buf, "checked 14 months ago\n"));
	assert_non_null(strstr(r.buf, "Checked=1.10.2025") ||
			strstr(r.buf, "Checked=2025-10-01"));

	/* Closed now (Thursday 3 December at 12.00): when it opens next,
	 * later today or on another day. */
	{
		char *err = NULL;
		assert_int_equal(hours_parse(&s->hours, "mo 8.15-10", &err), 0);
		r.buf[0] = '\0';
		service_details(cat, 0, "en", &now, collect, &r);
		if (!strstr(r.buf, "; closed now, opens Mon 08:15\n"))
			fail_msg("%s", r.buf);
		assert_int_equal(hours_parse(&s->hours, "mo-su 13-16", &err), 0);
		r.buf[0] = '\0';
		service_details(cat, 0, "en", &now, collect, &r);
		if (!strstr(r.buf, "; closed now, opens at 13:00\n"))
			fail_msg("%s", r.buf);
	}
	catalogue_free(&cat);
}

/* The address from its parts, in the language asked, Finnish style. */
static void test_address_parts(void **state)
{
	struct catalogue *cat = catalogue_new();
	struct cat_org *o = catalogue_add_org(cat);
	struct cat_service *s;
	struct cat_service_info *in;
	struct tm now = day(2026, 12, 3);
	struct rows r = { "" };
	char *a;
	(void)state;
	o->id = strdup("o");
	o->name.v[CAT_FI] = strdup("Kela");
	s = catalogue_add_service(cat);
	s->id = strdup("s");
	s->name.v[CAT_FI] = strdup("Palvelupiste");
	in = s->info;
	in->address = strdup("Itäkatu 1-7, 00930 HELSINKI (sv: ...)");
	in->street.v[CAT_FI] = strdup("Itäkatu");
	in->street.v[CAT_SV] = strdup("Östra gatan");
	in->street_number = strdup("1-7");
	in->postal_code = strdup("00930");
	in->post_office.v[CAT_FI] = strdup("Helsinki");
	in->post_office.v[CAT_SV] = strdup("Helsingfors");
	in->municipality_name.v[CAT_FI] = strdup("Helsinki");
	in->municipality_code = strdup("091");
	in->country = strdup("FI");
	a = service_details_address(in, "fi");
	assert_string_equal(a, "Itäkatu 1-7, 00930 Helsinki");
	free(a);
	a = service_details_address(in, "sv");
	assert_string_equal(a, "Östra gatan 1-7, 00930 Helsingfors");
	free(a);
	/* English falls back to Finnish; the flat text is not used. */
	a = service_details_address(in, "en");
	assert_string_equal(a, "Itäkatu 1-7, 00930 Helsinki");
	free(a);
	service_details(cat, 0, "fi", &now, collect, &r);
	assert_non_null(strstr(r.buf, "Address=Itäkatu 1-7, 00930 Helsinki\n"));
	assert_non_null(strstr(r.buf, "Municipality=Helsinki (091)\n"));
	assert_null(strstr(r.buf, "Features="));
	in->attributes = strdup("Accessibility: wheelchair");
	r.buf[0] = '\0';
	service_details(cat, 0, "fi", &now, collect, &r);
	assert_non_null(strstr(r.buf, "Features=Accessibility: wheelchair\n"));
	/* Another country is named; a postal code alone still makes a line. */
	free(in->country);
	in->country = strdup("SE");
	a = service_details_address(in, "fi");
	assert_string_equal(a, "Itäkatu 1-7, 00930 Helsinki, SE");
	free(a);
	catalogue_fields_free(CAT_TABLE_service, 1u << CW_INFO, NULL, in);
	in->postal_code = strdup("00100");
	a = service_details_address(in, "fi");
	assert_string_equal(a, "00100");
	free(a);
	free(in->postal_code);
	in->postal_code = NULL;
	assert_null(service_details_address(in, "fi"));
	catalogue_free(&cat);
}

/* A catalogue file of schema version 1 (no address parts), as desks have
 * them: it loads whole and lean, shows its flat address, and publishing
 * it again writes version 2 with the same address. */
static void test_version1_file(void **state)
{
	char *dir = util_tmpdir();
	char *path = xasprintf("%s/v1.db", dir), *path2 = xasprintf("%s/v2.db", dir);
	struct catalogue *cat = NULL, *lean = NULL, *again = NULL;
	struct tm now = day(2026, 12, 3);
	struct rows r = { "" };
	sqlite3 *db;
	char *err = NULL;
	(void)state;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, catalogue_schema_sql(1), NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
		"INSERT INTO organisation (id, kind, name_fi) VALUES ('o', 'city', 'Kaupunki');"
		"INSERT INTO service (id, organisation_id, name_fi, address, municipality,"
		" eligibility_fi, eligibility_sv)"
		" VALUES ('s', 'o', 'Neuvonta', 'Katu 1, 00100 Helsinki', 'Helsinki',"
		" 'Kaikille', 'Kaikille');"
		"PRAGMA user_version = 1;", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);

	if (catalogue_open(path, &cat, &err) != 0)
		fail_msg("open a version-1 file: %s", err);
	assert_int_equal(cat->version, 1);
	assert_string_equal(cat->services[0].info->address, "Katu 1, 00100 Helsinki");
	assert_null(cat->services[0].info->postal_code);
	assert_null(cat->services[0].info->street.v[CAT_FI]);
	if (catalogue_open_lean(path, &lean, &err) != 0)
		fail_msg("open a version-1 file lean: %s", err);
	/* Twice: the first details are freed (the same text in two
	 * languages is two strings there, never one freed twice). */
	service_details(lean, 0, "fi", &now, collect, &r);
	service_details(lean, 0, "sv", &now, collect, &r);
	assert_non_null(strstr(r.buf, "Address=Katu 1, 00100 Helsinki\n"));
	assert_non_null(strstr(r.buf, "Kaikille"));
	assert_null(strstr(r.buf, "Details="));

	if (catalogue_publish(cat, path2, &err) != 0)
		fail_msg("publish: %s", err);
	if (catalogue_open(path2, &again, &err) != 0)
		fail_msg("open the new file: %s", err);
	assert_int_equal(again->version, CATALOGUE_SCHEMA_VERSION);
	assert_string_equal(again->services[0].info->address, "Katu 1, 00100 Helsinki");
	catalogue_free(&lean);
	if (catalogue_open_lean(path2, &lean, &err) != 0)
		fail_msg("open the new file lean: %s", err);
	r.buf[0] = '\0';
	service_details(lean, 0, "fi", &now, collect, &r);
	service_details(lean, 0, "fi", &now, collect, &r);
	assert_non_null(strstr(r.buf, "Address=Katu 1, 00100 Helsinki\n"));
	catalogue_free(&cat);
	catalogue_free(&lean);
	catalogue_free(&again);
	free(path);
	free(path2);
	util_rmtree(&dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_age_in_months),
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_address_parts),
		cmocka_unit_test(test_version1_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
