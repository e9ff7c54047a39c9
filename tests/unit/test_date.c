/* test_date: one rule for a valid date, local days across DST changes,
 * dates and ISO 8601 times with offset. */
#include <config.h>

#include "util.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/date.h"

static void test_parse(void **state)
{
	static const char *const bad[] = {
		"2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "1899-12-31",
		"2026-1-01", "2026/01/01", "20260101", "2026-01-01x", " 2026-01-01",
		"2026-01-0a", "", "+026-01-01", "2026--1-01", NULL
	};
	int y, m, d;
	size_t i;
	(void)state;
	assert_int_equal(date_parse("2024-02-29", &y, &m, &d), 0);
	assert_int_equal(y, 2024);
	assert_int_equal(m, 2);
	assert_int_equal(d, 29);
	assert_true(date_valid("2000-02-29"));
	assert_false(date_valid("1900-02-29"));
	assert_true(date_valid("1900-01-01"));
	assert_true(date_valid("2026-12-31"));
	for (i = 0; bad[i]; i++)
		assert_false(date_valid(bad[i]));
	assert_false(date_valid(NULL));
	assert_int_equal(date_parse("2026-02-30", &y, NULL, NULL), -1);
}

/* Helsinki: the spring day has 23 hours, the autumn day 25. */
static void test_local_days(void **state)
{
	time_t a, b;
	char buf[DATE_LEN];
	(void)state;
	assert_int_equal(date_local_day("2026-03-29", &a, &b), 0);
	assert_int_equal(b - a, 23 * 3600);
	assert_int_equal(date_local_day("2026-10-25", &a, &b), 0);
	assert_int_equal(b - a, 25 * 3600);
	assert_int_equal(date_local_day("2026-11-22", &a, &b), 0);
	assert_int_equal(b - a, 24 * 3600);
	/* 2026-11-22 00:00 in Helsinki is 2026-11-21 22:00 UTC. */
	assert_int_equal(a, 1795298400);
	date_format(a, buf);
	assert_string_equal(buf, "2026-11-22");
	date_format(b - 1, buf);
	assert_string_equal(buf, "2026-11-22");
	date_format(b, buf);
	assert_string_equal(buf, "2026-11-23");
	/* Month and year ends roll over. */
	assert_int_equal(date_local_day("2026-12-31", &a, &b), 0);
	date_format(b, buf);
	assert_string_equal(buf, "2027-01-01");
	assert_int_equal(date_local_day("2026-02-30", &a, &b), -1);
}

static void test_iso(void **state)
{
	char buf[DATE_ISO_LEN];
	(void)state;
	date_iso(1795298400, 7200, buf);
	assert_string_equal(buf, "2026-11-22T00:00:00+02:00");
	date_iso(1795298400, -(5 * 3600 + 30 * 60), buf);
	assert_string_equal(buf, "2026-11-21T16:30:00-05:30");
	date_iso(0, 0, buf);
	assert_string_equal(buf, "1970-01-01T00:00:00+00:00");
	/* Summer time in Helsinki: +03:00. */
	date_iso_local(1782896400, buf);
	assert_string_equal(buf, "2026-07-01T12:00:00+03:00");
	date_iso_local(1795298400, buf);
	assert_string_equal(buf, "2026-11-22T00:00:00+02:00");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_local_days),
		cmocka_unit_test(test_iso),
	};
	/* Helsinki rules without depending on the machine's tzdata. */
	setenv("TZ", "EET-2EEST,M3.5.0/3,M10.5.0/4", 1);
	tzset();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
