/* test_details: core/service_details: the rows of a service's details
 * (the desk's details window and `catalogue show` share them) and the
 * freshness of its verified date in whole months. */
#include <config.h>

#include "util.h"

#include "core/catalogue.h"
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_age_in_months),
		cmocka_unit_test(test_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
