/* test_hours: opening hours text, canonical form and "open now". */
#include <config.h>

#include "util.h"

#include <time.h>

#include "core/err.h"
#include "core/hours.h"

/* A local time; mktime fills in the weekday. */
static struct tm at(int y, int mon, int d, int h, int min)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mon - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = min;
	tm.tm_isdst = -1;
	mktime(&tm);
	return tm;
}

static enum hours_state state(const struct hours *h, int y, int mon, int d, int hh, int mm)
{
	struct tm tm = at(y, mon, d, hh, mm);
	return hours_state_at(h, &tm);
}

static void test_parse_time(void **state_)
{
	(void)state_;
	assert_int_equal(hours_parse_time("8"), 480);
	assert_int_equal(hours_parse_time("8.15"), 495);
	assert_int_equal(hours_parse_time("08:15"), 495);
	assert_int_equal(hours_parse_time("0"), 0);
	assert_int_equal(hours_parse_time("24.00"), 1440);
	assert_int_equal(hours_parse_time("24"), 1440);
	assert_int_equal(hours_parse_time("24.01"), -1);
	assert_int_equal(hours_parse_time("8.5"), -1);
	assert_int_equal(hours_parse_time("8.60"), -1);
	assert_int_equal(hours_parse_time("25"), -1);
	assert_int_equal(hours_parse_time(""), -1);
	assert_int_equal(hours_parse_time("noon"), -1);
	assert_int_equal(hours_parse_time(NULL), -1);
}

static void test_minutes_str_and_dates(void **state_)
{
	char buf[6];
	(void)state_;
	hours_minutes_str(495, buf);
	assert_string_equal(buf, "08:15");
	hours_minutes_str(1440, buf);
	assert_string_equal(buf, "24:00");
	assert_true(hours_valid_date("2024-02-29"));
	assert_false(hours_valid_date("2026-02-29"));
	assert_false(hours_valid_date("1900-02-29"));
	assert_true(hours_valid_date("2000-02-29"));
	assert_false(hours_valid_date("2026-04-31"));
	assert_false(hours_valid_date("2026-4-1"));
	assert_false(hours_valid_date("2026-13-01"));
}

/* The immigration unit's advice line: a split day, Monday to Friday. */
static void test_split_day(void **state_)
{
	struct hours h = { 0 };
	char *err = NULL, *text;
	(void)state_;
	assert_int_equal(hours_parse(&h, "mo-fr 8.15-12.00,13.00-16.00", &err), 0);
	assert_null(err);
	assert_int_equal(h.n_spans, 10);
	/* 2026-03-03 is a Tuesday. */
	assert_int_equal(state(&h, 2026, 3, 3, 8, 14), HOURS_CLOSED);
	assert_int_equal(state(&h, 2026, 3, 3, 8, 15), HOURS_OPEN);
	assert_int_equal(state(&h, 2026, 3, 3, 11, 59), HOURS_OPEN);
	assert_int_equal(state(&h, 2026, 3, 3, 12, 0), HOURS_CLOSED);
	assert_int_equal(state(&h, 2026, 3, 3, 12, 30), HOURS_CLOSED);
	assert_int_equal(state(&h, 2026, 3, 3, 13, 0), HOURS_OPEN);
	assert_int_equal(state(&h, 2026, 3, 3, 16, 0), HOURS_CLOSED);
	/* Saturday 2026-03-07 */
	assert_int_equal(state(&h, 2026, 3, 7, 10, 0), HOURS_CLOSED);
	text = hours_format(&h);
	assert_string_equal(text, "mo-fr 8.15-12.00,13.00-16.00");
	free(text);
	hours_clear(&h);
	assert_int_equal(h.n_spans, 0);
}

static void test_exceptions(void **state_)
{
	struct hours h = { 0 };
	char *err = NULL, *text;
	(void)state_;
	assert_int_equal(hours_parse(&h, "mo-fr 9-16; 2026-12-24 closed; 2026-12-27 10-12,13-14",
				     &err), 0);
	/* Thursday 2026-12-24 is closed although Thursdays are open. */
	assert_int_equal(state(&h, 2026, 12, 24, 10, 0), HOURS_CLOSED);
	assert_int_equal(state(&h, 2026, 12, 17, 10, 0), HOURS_OPEN);
	/* Sunday 2026-12-27 opens specially, in two parts. */
	assert_int_equal(state(&h, 2026, 12, 27, 11, 0), HOURS_OPEN);
	assert_int_equal(state(&h, 2026, 12, 27, 12, 30), HOURS_CLOSED);
	assert_int_equal(state(&h, 2026, 12, 27, 13, 30), HOURS_OPEN);
	assert_int_equal(state(&h, 2026, 12, 20, 11, 0), HOURS_CLOSED);
	text = hours_format(&h);
	assert_string_equal(text, "mo-fr 9.00-16.00; 2026-12-24 closed; 2026-12-27 10.00-12.00,13.00-14.00");
	free(text);
	hours_clear(&h);
}

static void test_unknown(void **state_)
{
	struct hours h = { 0 };
	char *err = NULL, *text;
	(void)state_;
	/* E-mail only services have no hours: unknown, not closed. */
	assert_int_equal(state(&h, 2026, 3, 3, 10, 0), HOURS_UNKNOWN);
	assert_int_equal(hours_parse(&h, "", &err), 0);
	text = hours_format(&h);
	assert_string_equal(text, "");
	free(text);
	/* Only an exception known: that day is known, others are not. */
	assert_int_equal(hours_parse(&h, "2026-12-24 closed", &err), 0);
	assert_int_equal(state(&h, 2026, 12, 24, 10, 0), HOURS_CLOSED);
	assert_int_equal(state(&h, 2026, 12, 23, 10, 0), HOURS_UNKNOWN);
	hours_clear(&h);
}

static void test_format_groups_days(void **state_)
{
	struct hours h = { 0 };
	char *err = NULL, *text;
	(void)state_;
	assert_int_equal(hours_parse(&h, "we 9-12; MO 9:00-12:00 ; tu 10-11", &err), 0);
	text = hours_format(&h);
	assert_string_equal(text, "mo,we 9.00-12.00; tu 10.00-11.00");
	free(text);
	/* A range may wrap over the weekend; 24.00 closes at midnight. */
	assert_int_equal(hours_parse(&h, "fr-mo 20-24", &err), 0);
	assert_int_equal(h.n_spans, 4);
	text = hours_format(&h);
	assert_string_equal(text, "mo,fr-su 20.00-24.00");
	free(text);
	assert_int_equal(state(&h, 2026, 3, 8, 23, 59), HOURS_OPEN);
	assert_int_equal(state(&h, 2026, 3, 10, 21, 0), HOURS_CLOSED);
	/* The canonical form parses back to the same hours. */
	assert_int_equal(hours_parse(&h, "mo,fr-su 20.00-24.00", &err), 0);
	text = hours_format(&h);
	assert_string_equal(text, "mo,fr-su 20.00-24.00");
	free(text);
	hours_clear(&h);
}

static void expect_error(const char *text, const char *needle)
{
	struct hours h = { 0 };
	char *err = NULL;
	assert_int_equal(hours_parse(&h, text, &err), -1);
	assert_non_null(err);
	if (!strstr(err, needle))
		fail_msg("'%s' gave '%s', expected it to mention '%s'", text, err, needle);
	/* A failed parse leaves nothing half-read behind. */
	assert_int_equal(h.n_spans, 0);
	assert_int_equal(h.n_ex, 0);
	err_free(&err);
}

static void test_errors(void **state_)
{
	(void)state_;
	expect_error("mo-fx 9-16", "'fx'");
	expect_error("mo-fr 16-9", "closes before it opens");
	expect_error("mo 9-25", "9-25");
	expect_error("mo 22-2", "closes before it opens");
	expect_error("mo 9.00", "9.00");
	expect_error("mo", "missing");
	expect_error("mo 9-12; 2026-02-30 closed", "2026-02-30");
	expect_error("2026-12-24 open", "open");
	expect_error("su 24-24", "closes before it opens");
	/* A date is closed or open, never both (found by fuzzing: the
	 * formatted text did not parse back). */
	expect_error("2026-12-31 closed; 2026-12-31 10-14", "both closed and open");
	expect_error("2026-12-31 10-14; 2026-12-31 closed", "both closed and open");
}

static void test_add_validates(void **state_)
{
	struct hours h = { 0 };
	(void)state_;
	assert_int_equal(hours_add_span(&h, 7, 60, 120), -1);
	assert_int_equal(hours_add_span(&h, 0, 120, 60), -1);
	assert_int_equal(hours_add_span(&h, 0, 60, 1441), -1);
	assert_int_equal(hours_add_span(&h, 6, 0, 1440), 0);
	assert_int_equal(hours_add_exception(&h, "2026-02-29", true, 0, 0), -1);
	assert_int_equal(hours_add_exception(&h, "2026-03-01", false, 600, 600), -1);
	assert_int_equal(hours_add_exception(&h, "2026-03-01", false, 600, 660), 0);
	assert_int_equal(h.n_spans, 1);
	assert_int_equal(h.n_ex, 1);
	hours_clear(&h);
}

/* The next opening: later today, after a weekend, after an exception;
 * none for hours that say nothing. */
static void test_next_open(void **state_)
{
	struct hours h = { 0 };
	char *err = NULL;
	struct tm tm = { 0 };
	time_t fri;
	(void)state_;
	setenv("TZ", "UTC", 1);
	tzset();
	assert_int_equal(hours_parse(&h, "mo-fr 8.15-16; 2026-12-07 closed", &err), 0);
	tm.tm_year = 2026 - 1900;
	tm.tm_mon = 11;
	tm.tm_mday = 4;	/* Friday 4 December, 17.00 */
	tm.tm_hour = 17;
	tm.tm_isdst = -1;
	fri = mktime(&tm);
	/* Monday the 7th is closed: Tuesday 8.15. */
	assert_int_equal(hours_next_open(&h, fri, 14), fri + 86400 * 4 - 17 * 3600 + 8 * 3600 + 15 * 60);
	/* Open now: now. */
	assert_int_equal(hours_next_open(&h, fri - 3 * 3600, 14), fri - 3 * 3600);
	/* Not within a day. */
	assert_int_equal(hours_next_open(&h, fri, 1), 0);
	hours_clear(&h);
	assert_int_equal(hours_parse(&h, "", &err), 0);
	assert_int_equal(hours_next_open(&h, fri, 14), 0);
	hours_clear(&h);
	unsetenv("TZ");
	tzset();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_time),
		cmocka_unit_test(test_minutes_str_and_dates),
		cmocka_unit_test(test_split_day),
		cmocka_unit_test(test_exceptions),
		cmocka_unit_test(test_unknown),
		cmocka_unit_test(test_format_groups_days),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_add_validates),
		cmocka_unit_test(test_next_open),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
