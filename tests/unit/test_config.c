/* Unit tests for src/core/config.c: the layered configuration. Each test
 * gets its own HOME, XDG folders and system folder, so the machine's own
 * configuration never leaks in. */
#include <config.h>

#include <stdbool.h>
#include <sys/stat.h>

#include "util.h"
#include "core/config.h"
#include "core/err.h"
#include "core/paths.h"

struct fixture {
	char *dir;	/* the temporary root */
	char *etc;	/* sysconfdir passed to config_load */
	char *sysconf;	/* etc/neuvoo/neuvoo.conf */
	char *userconf;	/* $XDG_CONFIG_HOME/neuvoo/neuvoo.conf */
};

static char *join(const char *a, const char *b)
{
	return paths_join(a, b);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	char *p;

	f->dir = util_tmpdir();
	f->etc = join(f->dir, "etc");
	f->sysconf = join(f->dir, "etc/neuvoo/neuvoo.conf");
	f->userconf = join(f->dir, "config/neuvoo/neuvoo.conf");
	setenv("HOME", f->dir, 1);
	p = join(f->dir, "config");
	setenv("XDG_CONFIG_HOME", p, 1);
	free(p);
	p = join(f->dir, "data");
	setenv("XDG_DATA_HOME", p, 1);
	free(p);
	p = join(f->dir, "state");
	setenv("XDG_STATE_HOME", p, 1);
	free(p);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	free(f->etc);
	free(f->sysconf);
	free(f->userconf);
	util_rmtree(&f->dir);
	free(f);
	return 0;
}

/* Write text to path, creating its folder. */
static void put(const char *path, const char *text)
{
	char *dir = strdup(path);
	char *err = NULL;
	FILE *fp;

	*strrchr(dir, '/') = '\0';
	assert_int_equal(paths_mkdir_p(dir, 0700, &err), 0);
	free(dir);
	fp = fopen(path, "w");
	assert_non_null(fp);
	fputs(text, fp);
	fclose(fp);
}

static struct config *load_ok(struct fixture *f, const struct cli_opts *cli)
{
	struct config *c = NULL;
	char *err = NULL;
	int rc = config_load(&c, cli, f->etc, &err);
	if (rc != 0)
		fail_msg("config_load: %s", err ? err : "(no message)");
	assert_null(err);
	assert_non_null(c);
	return c;
}

/* Load expecting a configuration error; returns the message. */
static char *load_fail(struct fixture *f, const struct cli_opts *cli)
{
	struct config *c = NULL;
	char *err = NULL;
	assert_int_equal(config_load(&c, cli, f->etc, &err), EXIT_USAGE);
	assert_null(c);
	assert_non_null(err);
	assert_null(strchr(err, '\n'));	/* one line */
	return err;
}

/* err starts with "path:line: " and mentions `about`. */
static void assert_error_at(const char *err, const char *path, int line,
			    const char *about)
{
	char *prefix = xasprintf("%s:%d: ", path, line);
	if (strncmp(err, prefix, strlen(prefix)) != 0)
		fail_msg("expected \"%s...\", got \"%s\"", prefix, err);
	if (about && !strstr(err, about))
		fail_msg("expected \"%s\" in \"%s\"", about, err);
	free(prefix);
}

static void test_no_files_gives_defaults(void **state)
{
	struct fixture *f = *state;
	struct config *c = load_ok(f, NULL);
	char *want, *host = paths_hostname(), *user = paths_user_name();

	want = join(f->dir, "data/neuvoo/catalogue.db");
	assert_string_equal(c->catalogue, want);
	free(want);
	assert_true(c->catalogue_default);
	want = join(f->dir, "state/neuvoo/stats");
	assert_string_equal(c->stats_dir, want);
	free(want);
	want = join(f->dir, "state/neuvoo/training");
	assert_string_equal(c->training_dir, want);
	free(want);
	/* HOST-USER: two users' sessions never share a desk by default. */
	want = xasprintf("%s-%s", host, user);
	assert_string_equal(c->desk, want);
	free(want);
	free(user);
	assert_null(c->lang);
	assert_null(c->advisor);
	assert_null(c->group);
	assert_string_equal(c->keymap, "default");
	assert_string_equal(c->screen, "desk");
	assert_int_equal(c->undo_minutes, 10);
	assert_int_equal(c->note_retention_days, 30);
	assert_string_equal(c->default_channel, "walk-in");
	assert_string_equal(c->default_language, "fi");
	assert_string_equal(c->default_interpreter, "none");
	assert_string_equal(c->default_outcome, "answered");
	free(host);
	config_free(&c);
	assert_null(c);
}

static void test_xdg_unset_falls_back_to_home(void **state)
{
	struct fixture *f = *state;
	struct config *c;
	char *want;

	unsetenv("XDG_DATA_HOME");
	unsetenv("XDG_STATE_HOME");
	unsetenv("XDG_CONFIG_HOME");
	want = join(f->dir, ".config/neuvoo/neuvoo.conf");
	put(want, "desk = \"from-home\"\n");
	free(want);
	c = load_ok(f, NULL);
	want = join(f->dir, ".local/share/neuvoo/catalogue.db");
	assert_string_equal(c->catalogue, want);
	free(want);
	want = join(f->dir, ".local/state/neuvoo/stats");
	assert_string_equal(c->stats_dir, want);
	free(want);
	assert_string_equal(c->desk, "from-home");
	config_free(&c);
}

static void test_layering(void **state)
{
	struct fixture *f = *state;
	struct cli_opts cli = { 0 };
	struct config *c;
	char *extra = join(f->dir, "extra.conf");

	put(f->sysconf,
	    "# the server's settings\n"
	    "catalogue = \"/srv/neuvoo/catalogue.db\"\n"
	    "stats-dir = \"/srv/neuvoo/stats\"\n"
	    "desk = \"sys-desk\"\n"
	    "group = \"neuvoo\"\n"
	    "undo-minutes = 20\n"
	    "note-retention-days = 14\n"
	    "defaults {\n  channel = \"phone\"\n  outcome = \"redirected\"\n}\n");
	put(f->userconf,
	    "desk = \"user-desk\"\n"
	    "lang = \"sv\"\n"
	    "defaults {\n  language = \"sv\"\n}\n");
	put(extra, "undo-minutes = 5\nadvisor = \"a-17\"\n");

	/* System then user file. */
	c = load_ok(f, &cli);
	assert_string_equal(c->catalogue, "/srv/neuvoo/catalogue.db");
	assert_false(c->catalogue_default);
	assert_string_equal(c->stats_dir, "/srv/neuvoo/stats");
	assert_string_equal(c->desk, "user-desk");
	assert_string_equal(c->lang, "sv");
	assert_string_equal(c->group, "neuvoo");
	assert_int_equal(c->undo_minutes, 20);
	assert_int_equal(c->note_retention_days, 14);
	/* The user's section sets only the language; the rest stays. */
	assert_string_equal(c->default_channel, "phone");
	assert_string_equal(c->default_outcome, "redirected");
	assert_string_equal(c->default_language, "sv");
	assert_string_equal(c->default_interpreter, "none");
	config_free(&c);

	/* Then --config, then the command line. */
	cli.config_file = extra;
	cli.desk = "cli-desk";
	cli.lang = "fi";
	cli.stats_dir = "/tmp/stats-here";
	cli.keymap = "vi";
	c = load_ok(f, &cli);
	assert_int_equal(c->undo_minutes, 5);
	assert_string_equal(c->advisor, "a-17");
	assert_string_equal(c->desk, "cli-desk");
	assert_string_equal(c->lang, "fi");
	assert_string_equal(c->stats_dir, "/tmp/stats-here");
	assert_string_equal(c->keymap, "vi");
	assert_string_equal(c->screen, "desk");
	assert_string_equal(c->catalogue, "/srv/neuvoo/catalogue.db");
	config_free(&c);

	/* A catalogue from the command line is not the default either. */
	unlink(f->sysconf);
	cli.catalogue = "/tmp/other.db";
	c = load_ok(f, &cli);
	assert_string_equal(c->catalogue, "/tmp/other.db");
	assert_false(c->catalogue_default);
	config_free(&c);
	free(extra);
}

static void test_relative_paths_follow_the_file(void **state)
{
	struct fixture *f = *state;
	struct config *c;
	char *want;

	put(f->sysconf, "catalogue = \"cat.db\"\nstats-dir = \"~/stats\"\n");
	c = load_ok(f, NULL);
	want = join(f->dir, "etc/neuvoo/cat.db");
	assert_string_equal(c->catalogue, want);
	free(want);
	want = join(f->dir, "stats");
	assert_string_equal(c->stats_dir, want);
	free(want);
	config_free(&c);
}

static void test_unknown_option_line(void **state)
{
	struct fixture *f = *state;
	char *err;

	/* Comments before the error must not shift the line. */
	put(f->sysconf, "# neuvoo\n# settings\ndesk = \"d1\" # here\n"
	    "/* a\n   block */\ndesks = \"d2\"\n");
	err = load_fail(f, NULL);
	assert_error_at(err, f->sysconf, 6, "no such option 'desks'");
	assert_non_null(strstr(err, "neuvoo.conf(5)"));
	free(err);
}

static void test_error_in_user_file(void **state)
{
	struct fixture *f = *state;
	char *err;

	put(f->sysconf, "desk = \"fine\"\n");
	put(f->userconf, "\n\nundo-minutes = 0\n");
	err = load_fail(f, NULL);
	assert_error_at(err, f->userconf, 3, "undo-minutes");
	assert_non_null(strstr(err, "1 to 1440"));
	free(err);
}

static void test_number_errors(void **state)
{
	struct fixture *f = *state;
	char *err;

	put(f->sysconf, "undo-minutes = 1441\n");
	err = load_fail(f, NULL);
	assert_error_at(err, f->sysconf, 1, "undo-minutes");
	free(err);
	put(f->sysconf, "undo-minutes = 1440\nnote-retention-days = 3651\n");
	err = load_fail(f, NULL);
	assert_error_at(err, f->sysconf, 2, "note-retention-days");
	free(err);
	put(f->sysconf, "desk = \"x\"\nundo-minutes = \"ten\"\n");
	err = load_fail(f, NULL);
	assert_error_at(err, f->sysconf, 2, "undo-minutes");
	free(err);
}

static void test_bad_advisor(void **state)
{
	struct fixture *f = *state;
	char *err;

	put(f->sysconf, "desk = \"d1\"\n\nadvisor = \"Matti Meikalainen\"\n");
	err = load_fail(f, NULL);
	assert_error_at(err, f->sysconf, 3, "Matti Meikalainen");
	free(err);
	put(f->sysconf, "advisor = \"a123456789012345678901234567890123\"\n");
	err = load_fail(f, NULL);
	assert_error_at(err, f->sysconf, 1, "advisor");
	free(err);
}

static void test_bad_default_code(void **state)
{
	struct fixture *f = *state;
	char *err;

	put(f->userconf, "# desk defaults\n"
	    "defaults {\n"
	    "  channel = \"phone\"\n"
	    "  # the usual case\n"
	    "  outcome = \"solved\"\n"
	    "}\n");
	err = load_fail(f, NULL);
	assert_error_at(err, f->userconf, 5, "solved");
	/* It names what would be valid. */
	assert_non_null(strstr(err, "answered, redirected, consulted, callback"));
	free(err);

	put(f->userconf, "defaults {\n  channel = \"fax\"\n}\n");
	err = load_fail(f, NULL);
	assert_error_at(err, f->userconf, 2, "walk-in, phone, chat, email, "
			"video, outreach");
	free(err);

	put(f->userconf, "defaults { language = \"Finnish\" }\n");
	err = load_fail(f, NULL);
	assert_error_at(err, f->userconf, 1, "Finnish");
	free(err);
}

static void test_bad_desk_name(void **state)
{
	struct fixture *f = *state;
	struct cli_opts cli = { 0 };
	char *err;

	put(f->sysconf, "desk = \"../../etc/passwd\"\n");
	err = load_fail(f, NULL);
	assert_error_at(err, f->sysconf, 1, "../../etc/passwd");
	free(err);

	unlink(f->sysconf);
	cli.desk = ".hidden";
	err = load_fail(f, &cli);
	assert_true(!strncmp(err, "--desk: ", 8));
	free(err);
	cli.desk = "desk one";
	err = load_fail(f, &cli);
	assert_true(!strncmp(err, "--desk: ", 8));
	free(err);
	/* Dots, dashes and underscores are fine inside a name. */
	cli.desk = "kanslia_2.b-1";
	{
		struct config *c = load_ok(f, &cli);
		assert_string_equal(c->desk, "kanslia_2.b-1");
		config_free(&c);
	}
	/* In single quotes (libconfuse leaves them alone) ${USER},
	 * ${LOGNAME} and ${HOST} stand for the login name from the password
	 * database and the host's name; in double quotes libconfuse puts in
	 * the environment's. */
	cli.desk = NULL;
	setenv("USER", "from-env", 1);
	put(f->sysconf, "desk = \"e-${USER}\"\n");
	{
		struct config *c = load_ok(f, &cli);
		assert_string_equal(c->desk, "e-from-env");
		config_free(&c);
	}
	put(f->sysconf, "desk = 'info-${USER}'\n");
	{
		struct config *c = load_ok(f, &cli);
		char *user = paths_user_name(), *want = xasprintf("info-%s", user);
		assert_string_equal(c->desk, want);
		free(want);
		config_free(&c);
		put(f->sysconf, "desk = '${HOST}.${LOGNAME}'\n");
		c = load_ok(f, &cli);
		want = paths_hostname();
		assert_true(!strncmp(c->desk, want, strlen(want)));
		assert_string_equal(c->desk + strlen(want) + 1, user);
		free(want);
		free(user);
		config_free(&c);
	}
	put(f->sysconf, "desk = 'd-${NOPE}'\n");
	err = load_fail(f, NULL);
	assert_error_at(err, f->sysconf, 1, "d-${NOPE}");
	free(err);
}

static void test_bad_lang(void **state)
{
	struct fixture *f = *state;
	struct cli_opts cli = { 0 };
	char *err;

	put(f->sysconf, "lang = \"Finnish\"\n");
	err = load_fail(f, NULL);
	assert_error_at(err, f->sysconf, 1, "Finnish");
	free(err);
	unlink(f->sysconf);
	cli.lang = "FI";
	err = load_fail(f, &cli);
	assert_true(!strncmp(err, "--lang: ", 8));
	free(err);
	cli.lang = "fi_FI";
	{
		struct config *c = load_ok(f, &cli);
		assert_string_equal(c->lang, "fi_FI");
		config_free(&c);
	}
}

static void test_missing_config_file(void **state)
{
	struct fixture *f = *state;
	struct cli_opts cli = { 0 };
	char *err, *want;

	cli.config_file = "/nonexistent/neuvoo.conf";
	err = load_fail(f, &cli);
	assert_string_equal(err, "/nonexistent/neuvoo.conf: cannot read: "
			    "No such file or directory");
	free(err);

	/* A folder is not a file either. */
	cli.config_file = f->dir;
	err = load_fail(f, &cli);
	want = xasprintf("%s: not a regular file", f->dir);
	assert_true(!strncmp(err, want, strlen(want)));
	free(want);
	free(err);

	/* Nor a device, which would never end: refused before a read. */
	cli.config_file = "/dev/zero";
	err = load_fail(f, &cli);
	assert_string_equal(err, "/dev/zero: not a regular file (a folder, FIFO or device); give the path of a file");
	free(err);
}

static void test_syntax_error(void **state)
{
	struct fixture *f = *state;
	char *err;

	put(f->sysconf, "undo-minutes = 5\ndesk \"d1\"\n");
	err = load_fail(f, NULL);
	assert_error_at(err, f->sysconf, 2, "desk");
	free(err);
	put(f->sysconf, "desk = \"d1\"\n\ndefaults {\n  channel = \"phone\"\n"
	    "}}\n");
	err = load_fail(f, NULL);
	assert_error_at(err, f->sysconf, 5, NULL);
	free(err);
}

/* The issue-14 options: their defaults, the lists as given, and bad
 * values refused with the file and line. */
static void test_desk_lists(void **state)
{
	struct fixture *f = *state;
	struct config *c;
	char *err;

	put(f->sysconf, "desk = \"d\"\n");
	c = load_ok(f, NULL);
	assert_int_equal(c->backdate_days, 7);
	assert_string_equal(c->ui_languages[0], "fi");
	assert_string_equal(c->ui_languages[1], "sv");
	assert_string_equal(c->ui_languages[2], "en");
	assert_null(c->ui_languages[3]);
	assert_string_equal(c->catalogue_fallback[0], "en");
	assert_string_equal(c->catalogue_fallback[2], "sv");
	config_free(&c);
	put(f->sysconf, "ui-languages = {\"sv\", \"fi\"}\nbackdate-days = 0\n"
	    "catalogue-fallback = {\"sv\"}\n");
	c = load_ok(f, NULL);
	assert_string_equal(c->ui_languages[0], "sv");
	assert_string_equal(c->ui_languages[1], "fi");
	assert_null(c->ui_languages[2]);
	assert_string_equal(c->catalogue_fallback[0], "sv");
	assert_null(c->catalogue_fallback[1]);
	assert_int_equal(c->backdate_days, 0);
	config_free(&c);
	put(f->sysconf, "desk = \"d\"\nui-languages = {\"fi\", \"Swedish\"}\n");
	err = load_fail(f, NULL);
	assert_error_at(err, f->sysconf, 2, "Swedish");
	free(err);
	put(f->sysconf, "backdate-days = 32\n");
	err = load_fail(f, NULL);
	assert_error_at(err, f->sysconf, 1, "backdate-days");
	free(err);
}

/* expected-desks: the list as given and its count, a later file's list
 * replacing an earlier one's, none by default, a bad entry refused at
 * its line. */
static void test_expected_desks(void **state)
{
	struct fixture *f = *state;
	struct config *c;
	char *err;

	put(f->sysconf, "desk = \"d\"\n");
	c = load_ok(f, NULL);
	assert_int_equal(c->n_expected_desks, 0);
	config_free(&c);
	put(f->sysconf, "expected-desks = {\"info-1 mo-fr 8-16\", \"info-2 mo-fr 9-15\"}\n");
	c = load_ok(f, NULL);
	assert_int_equal(c->n_expected_desks, 2);
	assert_string_equal(c->expected_desks[0], "info-1 mo-fr 8-16");
	assert_string_equal(c->expected_desks[1], "info-2 mo-fr 9-15");
	assert_null(c->expected_desks[2]);
	config_free(&c);
	put(f->userconf, "expected-desks = {\"outreach mo 10-14\"}\n");
	c = load_ok(f, NULL);
	assert_int_equal(c->n_expected_desks, 1);
	assert_string_equal(c->expected_desks[0], "outreach mo 10-14");
	config_free(&c);
	put(f->userconf, "desk = \"d\"\nexpected-desks = {\"info-1\"}\n");
	err = load_fail(f, NULL);
	assert_error_at(err, f->userconf, 2, "expected-desks");
	free(err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_no_files_gives_defaults, setup, teardown),
		cmocka_unit_test_setup_teardown(test_xdg_unset_falls_back_to_home, setup, teardown),
		cmocka_unit_test_setup_teardown(test_layering, setup, teardown),
		cmocka_unit_test_setup_teardown(test_expected_desks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_relative_paths_follow_the_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_option_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_error_in_user_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_number_errors, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_advisor, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_default_code, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_desk_name, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_lang, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_config_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_syntax_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_desk_lists, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
