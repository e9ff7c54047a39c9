/* test_i18n: the operator's UI language, with the real translations of the
 * build tree (TEST_LOCALEDIR, made from po/ on every build).
 *
 * Each test sets the environment it needs (LC_ALL, LANGUAGE, ...) itself,
 * because i18n reads process-wide state. */
#include <config.h>

#include <locale.h>
#include <sys/stat.h>
#include <time.h>

#include "util.h"
#include "core/config.h"
#include "core/i18n.h"

#ifndef TEST_LOCALEDIR
#error "TEST_LOCALEDIR must name the build tree's locale folder"
#endif
#ifndef TEST_SRCDIR
#error "TEST_SRCDIR must name the source tree"
#endif

/* msgids from the desk, used to see which language is in effect. */
#define TITLE "Intake"
#define TOPICS "Topics"
#define NBSP "\u00a0"

static void env(const char *lc_all, const char *language)
{
	unsetenv("LC_MESSAGES");
	unsetenv("LANG");
	if (lc_all)
		setenv("LC_ALL", lc_all, 1);
	else
		unsetenv("LC_ALL");
	if (language)
		setenv("LANGUAGE", language, 1);
	else
		unsetenv("LANGUAGE");
}

static void init_env(const char *lc_all, const char *language, const char *lang)
{
	env(lc_all, language);
	i18n_init(TEST_LOCALEDIR, lang);
}

/* LANGUAGE works although the locale is plain C (glibc ignores LANGUAGE
 * under C; i18n_init moves to C.UTF-8). */
static void language_under_c_locale(void **state)
{
	const char *loc;
	(void)state;
	init_env("C", "fi", NULL);
	loc = setlocale(LC_MESSAGES, NULL);
	assert_string_not_equal(loc, "C");
	assert_string_equal(i18n_lang(), "fi");
	assert_string_equal(_(TITLE), "Asiointi");
	init_env("C.UTF-8", "sv", NULL);
	assert_string_equal(i18n_lang(), "sv");
	assert_string_equal(_(TOPICS), "Ämnen");
}

/* --lang beats LANGUAGE; LANGUAGE beats LC_MESSAGES; LC_MESSAGES (from
 * LC_ALL, LC_MESSAGES or LANG) is used even when that locale is not
 * installed; nothing at all means English. */
static void detection_order(void **state)
{
	(void)state;
	init_env("C.UTF-8", "sv", "fi");
	assert_string_equal(i18n_lang(), "fi");
	assert_string_equal(_(TITLE), "Asiointi");

	env(NULL, "sv");
	setenv("LC_MESSAGES", "fi_FI.UTF-8", 1);
	i18n_init(TEST_LOCALEDIR, NULL);
	assert_string_equal(i18n_lang(), "sv");

	env(NULL, NULL);
	setenv("LC_MESSAGES", "fi_FI.UTF-8", 1);
	i18n_init(TEST_LOCALEDIR, NULL);
	assert_string_equal(i18n_lang(), "fi");
	assert_string_equal(_(TITLE), "Asiointi");

	env(NULL, NULL);
	setenv("LANG", "sv_FI.UTF-8", 1);
	i18n_init(TEST_LOCALEDIR, NULL);
	assert_string_equal(i18n_lang(), "sv");

	init_env("C.UTF-8", NULL, NULL);
	assert_string_equal(i18n_lang(), "en");
	assert_string_equal(_(TITLE), TITLE);
}

/* The configuration's lang is used unless --lang is given; either wins
 * over LANGUAGE. main() passes config->lang (which already holds --lang)
 * to i18n_set_lang, as here. */
static void config_and_option(void **state)
{
	char *dir = util_tmpdir(), *sys, *xdg, *err = NULL, *f;
	struct config *cfg = NULL;
	struct cli_opts cli;
	(void)state;
	assert_true(asprintf(&sys, "%s/etc", dir) > 0);
	assert_true(asprintf(&xdg, "%s/xdg", dir) > 0);
	assert_int_equal(mkdir(sys, 0700), 0);
	assert_int_equal(mkdir(xdg, 0700), 0);
	{
		char *nd;
		assert_true(asprintf(&nd, "%s/neuvoo", xdg) > 0);
		assert_int_equal(mkdir(nd, 0700), 0);
		f = util_write(nd, "neuvoo.conf", "lang = \"sv\"\n");
		free(f);
		free(nd);
	}
	setenv("XDG_CONFIG_HOME", xdg, 1);
	setenv("XDG_DATA_HOME", dir, 1);
	setenv("XDG_STATE_HOME", dir, 1);
	setenv("HOME", dir, 1);

	memset(&cli, 0, sizeof cli);
	cli.desk = "d1";
	init_env("C.UTF-8", "fi", NULL);
	assert_int_equal(config_load(&cfg, &cli, sys, &err), 0);
	assert_non_null(cfg->lang);
	i18n_set_lang(cfg->lang);
	assert_string_equal(i18n_lang(), "sv");
	assert_string_equal(_(TOPICS), "Ämnen");
	config_free(&cfg);

	cli.lang = "fi";
	init_env("C.UTF-8", "sv", NULL);
	assert_int_equal(config_load(&cfg, &cli, sys, &err), 0);
	i18n_set_lang(cfg->lang);
	assert_string_equal(i18n_lang(), "fi");
	assert_string_equal(_(TOPICS), "Aiheet");
	config_free(&cfg);

	free(sys);
	free(xdg);
	util_rmtree(&dir);
}

/* A language without a catalogue shows English and says so; in a list,
 * the first language with a catalogue wins, as in gettext. */
static void untranslated_language(void **state)
{
	(void)state;
	init_env("C.UTF-8", "de", NULL);
	assert_string_equal(i18n_lang(), "en");
	assert_string_equal(_(TITLE), TITLE);
	init_env("C.UTF-8", "de:sv", NULL);
	assert_string_equal(i18n_lang(), "sv");
	i18n_set_lang("fi_FI.UTF-8");
	assert_string_equal(i18n_lang(), "fi");
	assert_string_equal(_(TITLE), "Asiointi");
}

/* F4 goes en fi sv ru et uk (po/LINGUAS after English) and back to en;
 * a language without a catalogue in the locale folder is left out. */
static void f4_order(void **state)
{
	static const char *const order[] = { "en", "fi", "sv", "ru", "et", "uk" };
	const char *const *l;
	char linguas[256] = "", expect[256] = "en", *dir, *p, *mo;
	FILE *f;
	size_t i, n;
	(void)state;

	init_env("C.UTF-8", NULL, "en");
	l = i18n_langs();
	for (n = 0; l[n]; n++)
		assert_string_equal(l[n], order[n]);
	assert_int_equal(n, 6);
	/* The list agrees with po/LINGUAS. */
	f = fopen(TEST_SRCDIR "/po/LINGUAS", "r");
	assert_non_null(f);
	while (fgets(linguas + strlen(linguas), (int)(sizeof linguas - strlen(linguas)), f))
		;
	fclose(f);
	for (p = strtok(linguas, " \t\n"); p; p = strtok(NULL, " \t\n")) {
		if (*p == '#')
			continue;
		strcat(expect, " ");
		strcat(expect, p);
	}
	linguas[0] = '\0';
	for (i = 0; i < n; i++) {
		if (i)
			strcat(linguas, " ");
		strcat(linguas, l[i]);
	}
	assert_string_equal(linguas, expect);

	for (i = 0; i < n; i++) {
		assert_string_equal(i18n_lang(), order[i]);
		i18n_set_lang(i18n_next_lang());
	}
	assert_string_equal(i18n_lang(), "en");

	/* Only fi installed: en, fi. */
	dir = util_tmpdir();
	assert_true(asprintf(&p, "%s/fi", dir) > 0);
	assert_int_equal(mkdir(p, 0700), 0);
	free(p);
	assert_true(asprintf(&p, "%s/fi/LC_MESSAGES", dir) > 0);
	assert_int_equal(mkdir(p, 0700), 0);
	assert_true(asprintf(&mo, "cp '%s/fi/LC_MESSAGES/neuvoo.mo' '%s/'",
			     TEST_LOCALEDIR, p) > 0);
	assert_int_equal(system(mo), 0);
	env("C.UTF-8", NULL);
	i18n_init(dir, "sv");
	l = i18n_langs();
	assert_string_equal(l[0], "en");
	assert_string_equal(l[1], "fi");
	assert_null(l[2]);
	assert_string_equal(i18n_lang(), "en");	/* no sv there */
	i18n_set_lang("fi");
	assert_string_equal(i18n_next_lang(), "en");
	free(mo);
	free(p);
	util_rmtree(&dir);
}

static void lang_names(void **state)
{
	(void)state;
	assert_string_equal(i18n_lang_name("fi"), "suomi");
	assert_string_equal(i18n_lang_name("sv"), "svenska");
	assert_string_equal(i18n_lang_name("en"), "English");
	assert_string_equal(i18n_lang_name("ru"), "русский");
	assert_string_equal(i18n_lang_name("et"), "eesti");
	assert_string_equal(i18n_lang_name("uk"), "українська");
	assert_string_equal(i18n_lang_name("fi_FI"), "suomi");
	assert_string_equal(i18n_lang_name("xx"), "xx");
}

/* Finnish two forms, Russian three (1 21 / 2-4 22 / 0 5-20 11-14). */
#define UNDO1 "nothing to undo: the last contact was saved more than %d minute ago"
#define UNDO2 "nothing to undo: the last contact was saved more than %d minutes ago"
static void plural_forms(void **state)
{
	char a[200], b[200];
	(void)state;
	init_env("C.UTF-8", NULL, "fi");
	snprintf(a, sizeof a, ngettext(UNDO1, UNDO2, 1), 1);
	assert_string_equal(a, "ei peruttavaa: viimeisin asiointi tallennettiin yli 1 minuutti sitten");
	snprintf(a, sizeof a, ngettext(UNDO1, UNDO2, 10), 10);
	assert_string_equal(a, "ei peruttavaa: viimeisin asiointi tallennettiin yli 10 minuuttia sitten");

	i18n_set_lang("ru");
	snprintf(a, sizeof a, ngettext(UNDO1, UNDO2, 1), 1);
	assert_non_null(strstr(a, "1 минуты"));
	snprintf(a, sizeof a, ngettext(UNDO1, UNDO2, 21), 21);
	assert_non_null(strstr(a, "21 минуты"));
	snprintf(a, sizeof a, ngettext(UNDO1, UNDO2, 3), 3);
	snprintf(b, sizeof b, ngettext(UNDO1, UNDO2, 22), 22);
	assert_non_null(strstr(a, "3 минут "));
	assert_non_null(strstr(b, "22 минут "));
	snprintf(a, sizeof a, ngettext(UNDO1, UNDO2, 5), 5);
	assert_non_null(strstr(a, "5 минут "));
	snprintf(a, sizeof a, ngettext(UNDO1, UNDO2, 11), 11);
	assert_non_null(strstr(a, "11 минут "));

	i18n_set_lang("uk");
	snprintf(a, sizeof a, ngettext(UNDO1, UNDO2, 1), 1);
	assert_non_null(strstr(a, "1 хвилину"));
	snprintf(a, sizeof a, ngettext(UNDO1, UNDO2, 2), 2);
	assert_non_null(strstr(a, "2 хвилини"));
	snprintf(a, sizeof a, ngettext(UNDO1, UNDO2, 12), 12);
	assert_non_null(strstr(a, "12 хвилин "));
}

/* 2026-11-22 14:05 and 2026-02-01 09:05 in Helsinki. */
static time_t at(int y, int mo, int d, int h, int mi)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

static void check_fmt(int (*fn)(time_t, char **), time_t t, const char *want)
{
	char *s = NULL;
	assert_int_equal(fn(t, &s), 0);
	assert_string_equal(s, want);
	free(s);
}

static void dates_and_times(void **state)
{
	time_t t, t2;
	(void)state;
	setenv("TZ", "Europe/Helsinki", 1);
	tzset();
	t = at(2026, 11, 22, 14, 5);
	t2 = at(2026, 2, 1, 9, 5);

	init_env("C.UTF-8", NULL, "fi");
	check_fmt(i18n_format_date, t, "22.11.2026");
	check_fmt(i18n_format_date, t2, "1.2.2026");
	check_fmt(i18n_format_time, t, "14.05");
	check_fmt(i18n_format_time, t2, "9.05");
	check_fmt(i18n_format_datetime, t, "22.11.2026 14.05");

	/* Finland-Swedish: the Finnish conventions (3.12.2026, 9.00). */
	i18n_set_lang("sv");
	check_fmt(i18n_format_date, t, "22.11.2026");
	check_fmt(i18n_format_date, t2, "1.2.2026");
	check_fmt(i18n_format_time, t, "14.05");
	check_fmt(i18n_format_time, t2, "9.05");
	check_fmt(i18n_format_datetime, t, "22.11.2026 14.05");

	/* Estonian keeps zeros; English and the rest ISO dates. */
	i18n_set_lang("et");
	check_fmt(i18n_format_date, t2, "01.02.2026");
	check_fmt(i18n_format_time, t2, "09.05");

	i18n_set_lang("en");
	check_fmt(i18n_format_date, t, "2026-11-22");
	check_fmt(i18n_format_time, t, "14:05");
	check_fmt(i18n_format_datetime, t2, "2026-02-01 09:05");

	i18n_set_lang("ru");
	check_fmt(i18n_format_date, t2, "01.02.2026");
	check_fmt(i18n_format_time, t, "14:05");
	unsetenv("TZ");
	tzset();
}

static void check_num(long long n, const char *want)
{
	char *s = NULL;
	assert_int_equal(i18n_format_number(n, &s), (int)strlen(want));
	assert_string_equal(s, want);
	free(s);
}

static void numbers(void **state)
{
	(void)state;
	init_env("C.UTF-8", NULL, "fi");
	check_num(0, "0");
	check_num(999, "999");
	check_num(1000, "1" NBSP "000");
	check_num(1234567, "1" NBSP "234" NBSP "567");
	check_num(-12345, "-12" NBSP "345");
	i18n_set_lang("sv");
	check_num(12345, "12" NBSP "345");
	i18n_set_lang("en");
	check_num(1234567, "1,234,567");
	check_num(-1000, "-1,000");
	check_num(100, "100");
	i18n_set_lang("et");
	check_num(1234, "1234");
	check_num(12345, "12" NBSP "345");
}

/* Search terms in another language do not disturb the UI language. */
static void translate_in_other_language(void **state)
{
	char *s;
	(void)state;
	init_env("C.UTF-8", NULL, "fi");
	s = i18n_translate_in("sv", TOPICS);
	assert_string_equal(s, "Ämnen");
	free(s);
	assert_string_equal(_(TOPICS), "Aiheet");
	assert_string_equal(i18n_lang(), "fi");
}

/* F4 goes round ui-languages in their order; a language outside it goes
 * to the first; an empty list means every shipped language. */
static void f4_cycle(void **state)
{
	static const char *const cyc[] = { "fi", "sv", "en", NULL };
	static const char *const none[] = { "xx", NULL };
	(void)state;
	init_env("C.UTF-8", NULL, "en");
	i18n_set_cycle(cyc);
	assert_string_equal(i18n_next_lang(), "fi");
	i18n_set_lang("fi");
	assert_string_equal(i18n_next_lang(), "sv");
	i18n_set_lang("sv");
	assert_string_equal(i18n_next_lang(), "en");
	i18n_set_lang("ru");
	assert_string_equal(i18n_next_lang(), "fi");
	i18n_set_cycle(none);
	i18n_set_lang("en");
	assert_string_equal(i18n_next_lang(), "fi");	/* every shipped one */
	i18n_set_cycle(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(language_under_c_locale),
		cmocka_unit_test(detection_order),
		cmocka_unit_test(config_and_option),
		cmocka_unit_test(untranslated_language),
		cmocka_unit_test(f4_order),
		cmocka_unit_test(lang_names),
		cmocka_unit_test(plural_forms),
		cmocka_unit_test(dates_and_times),
		cmocka_unit_test(numbers),
		cmocka_unit_test(f4_cycle),
		cmocka_unit_test(translate_in_other_language),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
