/* Unit tests for src/core/err.c, and regression tests for the inputs the
 * fuzzers (tests/fuzz) found: an error message is one line even when it
 * quotes a value from a file that holds a newline, a tab or an escape
 * sequence, so that `neuvoo` prints exactly one line on stderr and a file
 * cannot write to the terminal through an error. */
#include <config.h>

#include <stdbool.h>

#include "util.h"
#include "core/config.h"
#include "core/err.h"
#include "core/hours.h"
#include "core/keymap.h"

/* No byte of msg is a C0 control character or DEL. */
static bool one_line(const char *msg)
{
	const unsigned char *p;
	if (!msg || !*msg)
		return false;
	for (p = (const unsigned char *)msg; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return false;
	return true;
}

static void test_set_and_free(void **state)
{
	char *err = NULL;
	(void)state;
	err_set(&err, "%s:%d: %s", "neuvoo.conf", 3, "bad value");
	assert_string_equal(err, "neuvoo.conf:3: bad value");
	err_set(&err, "%s", "second");	/* replaces, no leak */
	assert_string_equal(err, "second");
	err_free(&err);
	assert_null(err);
	err_set(NULL, "%s", "nobody wants it");	/* no crash */
	err_free(NULL);
}

static void test_prefix(void **state)
{
	char *err = NULL;
	(void)state;
	err_prefix(&err, "%s", "alone");
	assert_string_equal(err, "alone");
	err_set(&err, "%s", "cannot read");
	err_prefix(&err, "%s", "catalogue.db");
	assert_string_equal(err, "catalogue.db: cannot read");
	err_free(&err);
}

/* A value quoted in a message keeps its text but loses its controls. */
static void test_controls_become_spaces(void **state)
{
	char *err = NULL;
	(void)state;
	err_set(&err, "file:1: '%s' is not a key name", "E\n\t?rev\r\x1b[2J\x7f");
	assert_true(one_line(err));
	assert_string_equal(err, "file:1: 'E  ?rev  [2J ' is not a key name");
	err_prefix(&err, "%s", "dir\nname");
	assert_true(one_line(err));
	assert_string_equal(err, "dir name: file:1: 'E  ?rev  [2J ' is not a key name");
	err_free(&err);
	/* Text beyond ASCII is left alone. */
	err_set(&err, "%s", "Päivä \xe2\x80\xae");
	assert_string_equal(err, "Päivä \xe2\x80\xae");
	err_free(&err);
}

/* Found by fuzz_hours: a newline inside a day range was quoted as is. */
static void test_regress_hours_newline(void **state)
{
	struct hours h = { 0 };
	char *err = NULL;
	(void)state;
	assert_int_equal(hours_parse(&h, "fr-2C\n\x12", &err), -1);
	assert_true(one_line(err));
	assert_non_null(strstr(err, "2C"));
	err_free(&err);
	hours_clear(&h);
}

/* Found by fuzz_config: an unclosed quote carried a newline into
 * libconfuse's message. */
static void test_regress_config_quote(void **state)
{
	char *dir = util_tmpdir(), *path, *sys, *err = NULL;
	struct cli_opts cli = { 0 };
	struct config *cfg = NULL;
	(void)state;
	setenv("HOME", dir, 1);
	setenv("XDG_CONFIG_HOME", dir, 1);
	path = util_write(dir, "neuvoo.conf",
			  "desk = \"d1\"\nkeymap = \xe0\xdd\x89\xa0\"\n"
			  "screen = \"desk\"\nadvisor = \"A7\"\n");
	sys = malloc(strlen(dir) + 8);
	assert_non_null(sys);
	sprintf(sys, "%s/nosys", dir);
	cli.config_file = path;
	assert_int_equal(config_load(&cfg, &cli, sys, &err), EXIT_USAGE);
	assert_null(cfg);
	assert_true(one_line(err));
	assert_memory_equal(err, path, strlen(path));
	err_free(&err);
	free(sys);
	free(path);
	util_rmtree(&dir);
}

/* Found by fuzz_keymap: a key name with a newline in it. */
static void test_regress_keymap_newline(void **state)
{
	char *dir = util_tmpdir(), *path, *err = NULL;
	struct keymap *km = NULL;
	(void)state;
	path = util_write(dir, "keys",
			  "global {\n\tsave = \"F2\"\n"
			  "\tchoose = \"E\n\t?rev-field = { \"Up\" }\n}\n");
	assert_int_equal(keymap_load(path, &km, &err), -1);
	assert_null(km);
	assert_true(one_line(err));
	assert_memory_equal(err, path, strlen(path));
	err_free(&err);
	free(path);
	util_rmtree(&dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_set_and_free),
		cmocka_unit_test(test_prefix),
		cmocka_unit_test(test_controls_become_spaces),
		cmocka_unit_test(test_regress_hours_newline),
		cmocka_unit_test(test_regress_config_quote),
		cmocka_unit_test(test_regress_keymap_newline),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
