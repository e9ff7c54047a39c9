/* Unit tests for src/core/paths.c: XDG look-up and its fallbacks, joining
 * paths and creating folders. */
#include <config.h>

#include <errno.h>
#include <sys/stat.h>

#include "util.h"
#include "core/err.h"
#include "core/paths.h"

static int setup(void **state)
{
	char *dir = util_tmpdir();
	setenv("HOME", dir, 1);
	unsetenv("XDG_DATA_HOME");
	unsetenv("XDG_STATE_HOME");
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("NEUVOO_DATADIR");
	*state = dir;
	return 0;
}

static int teardown(void **state)
{
	char *dir = *state;
	util_rmtree(&dir);
	return 0;
}

static void expect(char *got, const char *want)
{
	assert_non_null(got);
	assert_string_equal(got, want);
	free(got);
}

static void test_xdg_set(void **state)
{
	(void)state;
	setenv("XDG_DATA_HOME", "/x/data", 1);
	setenv("XDG_STATE_HOME", "/x/state", 1);
	setenv("XDG_CONFIG_HOME", "/x/config", 1);
	expect(paths_data_home(), "/x/data");
	expect(paths_state_home(), "/x/state");
	expect(paths_config_home(), "/x/config");
}

static void test_xdg_fallbacks(void **state)
{
	const char *home = *state;
	char *want;

	want = xasprintf("%s/.local/share", home);
	expect(paths_data_home(), want);
	free(want);
	want = xasprintf("%s/.local/state", home);
	expect(paths_state_home(), want);
	free(want);
	want = xasprintf("%s/.config", home);
	expect(paths_config_home(), want);
	free(want);

	/* The spec: empty or relative values are ignored. */
	setenv("XDG_DATA_HOME", "", 1);
	setenv("XDG_STATE_HOME", "relative/state", 1);
	want = xasprintf("%s/.local/share", home);
	expect(paths_data_home(), want);
	free(want);
	want = xasprintf("%s/.local/state", home);
	expect(paths_state_home(), want);
	free(want);

	/* A HOME with a trailing slash gives no double slash. */
	want = xasprintf("%s/", home);
	setenv("HOME", want, 1);
	free(want);
	want = xasprintf("%s/.config", home);
	expect(paths_config_home(), want);
	free(want);
}

static void test_join(void **state)
{
	(void)state;
	expect(paths_join("a", "b"), "a/b");
	expect(paths_join("a/", "b"), "a/b");
	expect(paths_join("a//", "/b"), "a/b");
	expect(paths_join("/srv/neuvoo", "neuvoo/stats"), "/srv/neuvoo/neuvoo/stats");
	expect(paths_join("/", "etc"), "/etc");
	/* The folder a file is created in. */
	expect(paths_dirname("/srv/neuvoo/stats/d1.db"), "/srv/neuvoo/stats");
	expect(paths_dirname("d1.db"), ".");
	expect(paths_dirname("/d1.db"), "/");
}

static void test_data_override(void **state)
{
	(void)state;
	setenv("NEUVOO_DATADIR", "/opt/neuvoo-data", 1);
	expect(paths_data("keymaps"), "/opt/neuvoo-data/keymaps");
	expect(paths_data("catalogue"), "/opt/neuvoo-data/catalogue");
}

static void test_mkdir_p(void **state)
{
	const char *home = *state;
	char *err = NULL, *deep, *file, *under;
	struct stat st;

	deep = xasprintf("%s/a/b/c", home);
	assert_int_equal(paths_mkdir_p(deep, 0750, &err), 0);
	assert_null(err);
	assert_int_equal(stat(deep, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_int_equal(st.st_mode & 0077 & ~0050, 0);
	/* Again: it exists, which is fine. */
	assert_int_equal(paths_mkdir_p(deep, 0750, &err), 0);
	free(deep);

	/* A file in the way is an error naming the path. */
	file = util_write(home, "plain", "x");
	assert_int_not_equal(paths_mkdir_p(file, 0700, &err), 0);
	assert_non_null(err);
	assert_non_null(strstr(err, file));
	err_free(&err);
	under = xasprintf("%s/sub", file);
	assert_int_not_equal(paths_mkdir_p(under, 0700, &err), 0);
	assert_non_null(err);
	assert_non_null(strstr(err, "cannot create folder"));
	err_free(&err);
	free(under);
	free(file);

	assert_int_not_equal(paths_mkdir_p("", 0700, &err), 0);
	err_free(&err);
}

static void test_hostname(void **state)
{
	char *h = paths_hostname();
	(void)state;
	assert_non_null(h);
	assert_true(strlen(h) > 0);
	assert_null(strchr(h, '.'));	/* short name: it becomes a file name */
	free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_xdg_set, setup, teardown),
		cmocka_unit_test_setup_teardown(test_xdg_fallbacks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_join, setup, teardown),
		cmocka_unit_test_setup_teardown(test_data_override, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mkdir_p, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hostname, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
