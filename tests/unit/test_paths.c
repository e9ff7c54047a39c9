/* Unit tests for src/core/paths.c: XDG look-up and its fallbacks, joining
 * paths and creating folders. */
#include <config.h>

#include <errno.h>
#include <pwd.h>
#include <sys/stat.h>

#include "util.h"
#include "core/err.h"
#include "core/dirs.h"
#include "core/paths.h"

static int setup(void **state)
{
	char *dir = util_tmpdir();
	setenv("HOME", dir, 1);
	unsetenv("XDG_DATA_HOME");
	unsetenv("XDG_STATE_HOME");
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("NEUVOO_DATADIR");
	unsetenv("NEUVOO_SYSCONFDIR");
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

/* No HOME (cron, a service manager): the password database's home, never
 * a shared folder such as /tmp. */
static void test_home_unset(void **state)
{
	struct passwd *pw = getpwuid(getuid());
	char *want;
	(void)state;

	assert_non_null(pw);
	unsetenv("HOME");
	expect(paths_home(), pw->pw_dir);
	want = paths_join(pw->pw_dir, ".local/share");
	expect(paths_data_home(), want);
	free(want);
	want = paths_join(pw->pw_dir, ".local/state");
	expect(paths_state_home(), want);
	free(want);
	/* An empty or relative HOME is no home either. */
	setenv("HOME", "", 1);
	expect(paths_home(), pw->pw_dir);
	setenv("HOME", "relative/home", 1);
	want = paths_join(pw->pw_dir, ".config");
	expect(paths_config_home(), want);
	free(want);
}

/* Keymaps and screens: the user's folder, the site's, then the bundled. */
static void test_search_order(void **state)
{
	const char *home = *state;
	char **dirs, *want, *site, *file, *found;
	(void)state;

	setenv("NEUVOO_DATADIR", "/opt/neuvoo-data", 1);
	setenv("NEUVOO_SYSCONFDIR", home, 1);
	assert_string_equal(paths_sysconfdir(), home);
	dirs = paths_search("keymaps", true);
	want = xasprintf("%s/.config/neuvoo/keymaps", home);
	assert_string_equal(dirs[0], want);
	free(want);
	site = xasprintf("%s/neuvoo/keymaps", home);
	assert_string_equal(dirs[1], site);
	assert_string_equal(dirs[2], "/opt/neuvoo-data/keymaps");
	assert_null(dirs[3]);
	want = xasprintf("%s/.config/neuvoo/keymaps, %s, /opt/neuvoo-data/keymaps",
			 home, site);
	found = paths_list_join(dirs, ", ");
	expect(found, want);
	free(want);

	/* The first folder holding the file wins. */
	assert_null(paths_search_file(dirs, "vi"));
	assert_int_equal(paths_mkdir_p(site, 0700, NULL), 0);
	file = util_write(site, "vi", "x");
	expect(paths_search_file(dirs, "vi"), file);
	free(file);
	paths_list_free(&dirs);
	assert_null(dirs);

	/* Scenarios have no user folder; a relative NEUVOO_SYSCONFDIR is
	 * ignored. */
	dirs = paths_search("scenarios", false);
	want = xasprintf("%s/neuvoo/scenarios", home);
	assert_string_equal(dirs[0], want);
	assert_string_equal(dirs[1], "/opt/neuvoo-data/scenarios");
	assert_null(dirs[2]);
	free(want);
	paths_list_free(&dirs);
	setenv("NEUVOO_SYSCONFDIR", "etc", 1);
	assert_string_equal(paths_sysconfdir(), SYSCONFDIR);
	free(site);
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
		cmocka_unit_test_setup_teardown(test_home_unset, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_join, setup, teardown),
		cmocka_unit_test_setup_teardown(test_data_override, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mkdir_p, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hostname, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
