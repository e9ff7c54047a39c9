/* Unit tests for src/core/doctor.c: a fine set-up is clean, and each
 * misconfiguration the checks know, one at a time, gives exactly its
 * problem; --fix's repairs create what is missing and change nothing
 * else. Real folders, files, groups and catalogues in a temporary folder;
 * only who looks (uid), the character set and the terminal's size are set
 * by hand where the process cannot be made so. */
#include <config.h>

#include <grp.h>
#include <locale.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"
#include "catalogue_fixture.h"
#include "core/catalogue_publish.h"
#include "core/catalogue_schema.h"
#include "core/config.h"
#include "core/doctor.h"
#include "core/doctor_fix.h"
#include "core/err.h"
#include "core/paths.h"
#include "ui/terminfo.h"

struct fx {
	char *tmp;
	char *stats;
	struct config *cfg;
	struct doctor_env *env;
	struct doctor_report r;
};

static char *join(const char *a, const char *b)
{
	return paths_join(a, b);
}

static void make_dir(const char *dir, const char *sub)
{
	char *p = join(dir, sub);
	assert_int_equal(mkdir(p, 0755), 0);
	free(p);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	char *data, *sql, *db, *err = NULL, *cat;

	f->tmp = util_tmpdir();
	data = join(f->tmp, "data");
	assert_int_equal(mkdir(data, 0755), 0);
	make_dir(data, "catalogue");
	make_dir(data, "keymaps");
	make_dir(data, "screens");
	make_dir(data, "scenarios");
	cat = join(data, "catalogue");
	sql = util_write(cat, "helsinki.sql", catalogue_fixture_sql);
	setenv("NEUVOO_DATADIR", data, 1);
	db = join(f->tmp, "catalogue.db");
	if (catalogue_init(db, sql, false, &err) != 0)
		fail_msg("catalogue_init: %s", err);

	f->stats = join(f->tmp, "stats");
	assert_int_equal(mkdir(f->stats, 0700), 0);
	f->cfg = xcalloc(1, sizeof *f->cfg);
	f->cfg->catalogue = db;
	f->cfg->stats_dir = xstrdup(f->stats);
	f->env = doctor_env_new(f->cfg, NULL, terminfo_known);
	/* The test's own terminal is not the subject. */
	free(f->env->term);
	f->env->term = xstrdup("xterm");
	f->env->tty = false;
	free(data);
	free(cat);
	free(sql);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	doctor_report_clear(&f->r);
	doctor_env_free(&f->env);
	config_free(&f->cfg);
	free(f->stats);
	util_rmtree(&f->tmp);
	free(f);
	return 0;
}

static void run(struct fx *f)
{
	doctor_report_clear(&f->r);
	doctor_check(f->env, &f->r);
}

/* A non-root test user cannot give a folder to root: in a shared set-up
 * its folder's owner is then the one problem it cannot help. */
static bool counted(const struct fx *f, const struct doctor_problem *p)
{
	return !(p->code == DOCTOR_DIR_OWNER && f->cfg->group && geteuid() != 0);
}

static void show(const struct fx *f)
{
	size_t i;
	for (i = 0; i < f->r.n; i++)
		print_message("# problem %d: %s\n", (int)f->r.items[i].code,
			      f->r.items[i].msg);
}

static size_t n_counted(const struct fx *f)
{
	size_t i, n = 0;
	for (i = 0; i < f->r.n; i++)
		n += counted(f, &f->r.items[i]);
	return n;
}

static void assert_clean(struct fx *f)
{
	run(f);
	if (n_counted(f) != 0)
		show(f);
	assert_int_equal(n_counted(f), 0);
}

/* Exactly one problem (of those counted), of this code; its line. */
static const char *assert_only(struct fx *f, enum doctor_code code)
{
	size_t i;
	run(f);
	if (n_counted(f) != 1)
		show(f);
	assert_int_equal(n_counted(f), 1);
	for (i = 0; i < f->r.n; i++)
		if (counted(f, &f->r.items[i])) {
			if (f->r.items[i].code != code)
				show(f);
			assert_int_equal(f->r.items[i].code, code);
			return f->r.items[i].msg;
		}
	return NULL;
}

static const char *msg_of(const struct fx *f, enum doctor_code code)
{
	size_t i;
	for (i = 0; i < f->r.n; i++)
		if (f->r.items[i].code == code)
			return f->r.items[i].msg;
	show(f);
	fail_msg("no problem of code %d", (int)code);
	return NULL;
}

static void assert_contains(const char *s, const char *part)
{
	if (!s || !strstr(s, part))
		fail_msg("'%s' does not contain '%s'", s ? s : "(null)", part);
}

static char *own_group(void)
{
	struct group *g = getgrgid(getegid());
	assert_non_null(g);
	return xstrdup(g->gr_name);
}

/* Another group than the process's own (for a wrong group). */
static gid_t other_group(char **name)
{
	static const char *const names[] = { "nogroup", "daemon", "users", "bin" };
	size_t i;
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		struct group *g = getgrnam(names[i]);
		if (g && g->gr_gid != getegid()) {
			*name = xstrdup(g->gr_name);
			return g->gr_gid;
		}
	}
	fail_msg("no second group on this system");
	return 0;
}

/* The shared set-up: root:GROUP 3770, GROUP the process's own. */
static void make_shared(struct fx *f)
{
	f->cfg->group = own_group();
	if (chown(f->stats, 0, getegid()) != 0)
		assert_true(geteuid() != 0);
	assert_int_equal(chmod(f->stats, 03770), 0);
}

static mode_t mode_of(const char *path)
{
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	return st.st_mode & 07777;
}

/* ---- fine set-ups --------------------------------------------------------- */

static void test_fine_single(void **state)
{
	assert_clean(*state);
}

static void test_fine_shared(void **state)
{
	struct fx *f = *state;
	char *file;
	make_shared(f);
	file = util_write(f->stats, "desk1.user1.db", "x");
	assert_int_equal(chmod(file, 0640), 0);
	assert_clean(f);
	free(file);
}

/* ---- the folder, single user ------------------------------------------------ */

static void test_missing_folder(void **state)
{
	struct fx *f = *state;
	const char *m;
	assert_int_equal(rmdir(f->stats), 0);
	m = assert_only(f, DOCTOR_DIR_MISSING);
	assert_contains(m, f->stats);
	assert_contains(m, "neuvoo doctor --fix");
	assert_string_equal(f->r.items[0].path, f->stats);
}

static void test_not_a_folder(void **state)
{
	struct fx *f = *state;
	char *file;
	assert_int_equal(rmdir(f->stats), 0);
	file = util_write(f->tmp, "stats", "not a folder");
	assert_contains(assert_only(f, DOCTOR_DIR_NOT_DIR), "is not a folder");
	free(file);
}

static void test_world_readable_folder(void **state)
{
	struct fx *f = *state;
	assert_int_equal(chmod(f->stats, 0755), 0);
	assert_contains(assert_only(f, DOCTOR_DIR_OTHERS_READ), f->stats);
}

static void test_group_writable_without_group(void **state)
{
	struct fx *f = *state;
	assert_int_equal(chmod(f->stats, 0770), 0);
	assert_contains(assert_only(f, DOCTOR_DIR_GROUP_WRITE), "no 'group' is configured");
}

static void test_others_writable(void **state)
{
	struct fx *f = *state;
	assert_int_equal(chmod(f->stats, 0702), 0);
	assert_contains(assert_only(f, DOCTOR_DIR_OTHERS_WRITE), "anyone can write");
}

static void test_wrong_owner(void **state)
{
	struct fx *f = *state;
	/* Seen by another user, the folder is not theirs. */
	f->env->uid = geteuid() == 65534 ? 65533 : 65534;
	free(f->env->user);
	f->env->user = xstrdup("someone");
	run(f);
	assert_contains(msg_of(f, DOCTOR_DIR_OWNER), "not by you (someone)");
	assert_false(doctor_has(&f->r, DOCTOR_DIR_NO_WRITE));
}

static void test_cannot_write(void **state)
{
	struct fx *f = *state;
	struct stat st;
	assert_int_equal(stat(f->stats, &st), 0);
	/* The user's own folder without write permission for the user: root
	 * may write anyway, so the test looks as the folder's owner. */
	assert_int_equal(chmod(f->stats, 0500), 0);
	if (geteuid() == 0) {
		assert_clean(f);
		f->env->uid = st.st_uid == 0 ? 1 : st.st_uid;
		assert_int_equal(chown(f->stats, f->env->uid, st.st_gid), 0);
	}
	assert_contains(assert_only(f, DOCTOR_DIR_NO_WRITE), "cannot create your statistics file");
}

static void test_parent_writable(void **state)
{
	struct fx *f = *state;
	char *open_dir = join(f->tmp, "open");
	assert_int_equal(mkdir(open_dir, 0700), 0);
	assert_int_equal(chmod(open_dir, 0777), 0);
	free(f->cfg->stats_dir);
	f->cfg->stats_dir = join(open_dir, "stats");
	assert_int_equal(mkdir(f->cfg->stats_dir, 0700), 0);
	assert_contains(assert_only(f, DOCTOR_PARENT_WRITE), open_dir);
	assert_string_equal(f->r.items[0].path, open_dir);
	/* With the sticky bit (as /tmp) nobody can swap another's folder. */
	assert_int_equal(chmod(open_dir, 01777), 0);
	assert_clean(f);
	free(open_dir);
}

static void test_parent_writable_missing_folder(void **state)
{
	struct fx *f = *state;
	char *open_dir = join(f->tmp, "open");
	assert_int_equal(mkdir(open_dir, 0700), 0);
	assert_int_equal(chmod(open_dir, 0777), 0);
	free(f->cfg->stats_dir);
	f->cfg->stats_dir = join(open_dir, "a/stats");
	run(f);
	assert_true(doctor_has(&f->r, DOCTOR_PARENT_WRITE));
	assert_true(doctor_has(&f->r, DOCTOR_DIR_MISSING));
	assert_int_equal(f->r.n, 2);
	free(open_dir);
}

/* ---- the folder, shared ------------------------------------------------------ */

static void test_wrong_group(void **state)
{
	struct fx *f = *state;
	char *other = NULL;
	make_shared(f);
	other_group(&other);
	free(f->cfg->group);
	f->cfg->group = other;
	run(f);
	assert_contains(msg_of(f, DOCTOR_DIR_GROUP), other);
	if (geteuid() == 0)
		assert_only(f, DOCTOR_DIR_GROUP);
	else
		assert_true(doctor_has(&f->r, DOCTOR_NOT_MEMBER));
}

static void test_group_missing(void **state)
{
	struct fx *f = *state;
	make_shared(f);
	free(f->cfg->group);
	f->cfg->group = xstrdup("neuvoo-no-such-group");
	assert_contains(assert_only(f, DOCTOR_GROUP_MISSING), "neuvoo-no-such-group");
}

static void test_not_member(void **state)
{
	struct fx *f = *state;
	struct group *root_group;
	make_shared(f);
	/* Group 0, which lists neither nobody nor a test user. */
	root_group = getgrgid(0);
	assert_non_null(root_group);
	free(f->cfg->group);
	f->cfg->group = xstrdup(root_group->gr_name);
	if (geteuid() == 0) {
		f->env->uid = 65534;
		free(f->env->user);
		f->env->user = xstrdup("nobody");
	}
	f->env->n_groups = 0;
	run(f);
	assert_contains(msg_of(f, DOCTOR_NOT_MEMBER), "usermod -aG");
	assert_false(doctor_has(&f->r, DOCTOR_DIR_NO_WRITE));
}

static void test_member_since_login(void **state)
{
	struct fx *f = *state;
	struct passwd *pw = getpwuid(geteuid());
	assert_non_null(pw);
	make_shared(f);
	/* The group database lists the user (the group is the user's own),
	 * but this session does not have it: logged in before being added. */
	free(f->env->user);
	f->env->user = xstrdup(pw->pw_name);
	f->env->uid = geteuid() == 0 ? 65534 : geteuid();
	f->env->n_groups = 0;
	run(f);
	assert_contains(msg_of(f, DOCTOR_NOT_MEMBER), "log out and in again");
}

static void test_missing_setgid(void **state)
{
	struct fx *f = *state;
	make_shared(f);
	assert_int_equal(chmod(f->stats, 01770), 0);
	assert_contains(assert_only(f, DOCTOR_DIR_SETGID), "setgid");
}

static void test_missing_sticky(void **state)
{
	struct fx *f = *state;
	make_shared(f);
	assert_int_equal(chmod(f->stats, 02770), 0);
	assert_contains(assert_only(f, DOCTOR_DIR_STICKY), "sticky");
}

static void test_group_cannot_write(void **state)
{
	struct fx *f = *state;
	make_shared(f);
	assert_int_equal(chmod(f->stats, 03750), 0);
	assert_contains(assert_only(f, DOCTOR_DIR_MODE), "3750 (drwxr-s--T)");
}

static void test_shared_world_readable(void **state)
{
	struct fx *f = *state;
	make_shared(f);
	assert_int_equal(chmod(f->stats, 03775), 0);
	assert_only(f, DOCTOR_DIR_OTHERS_READ);
}

/* ---- files in the folder --------------------------------------------------- */

static void test_file_world_readable(void **state)
{
	struct fx *f = *state;
	char *file;
	make_shared(f);
	file = util_write(f->stats, "desk1.user1.db", "x");
	assert_int_equal(chmod(file, 0644), 0);
	assert_contains(assert_only(f, DOCTOR_FILE_READABLE), file);
	free(file);
	/* A file that is not statistics is not this check's business. */
	file = util_write(f->stats, "README", "x");
	assert_int_equal(chmod(file, 0666), 0);
	assert_only(f, DOCTOR_FILE_READABLE);
	free(file);
}

static void test_file_writable_by_others(void **state)
{
	struct fx *f = *state;
	char *file = util_write(f->stats, "desk1.db-wal", "x");
	assert_int_equal(chmod(file, 0620), 0);
	assert_contains(assert_only(f, DOCTOR_FILE_WRITABLE), "chmod go-w");
	free(file);
}

static void test_file_wrong_group(void **state)
{
	struct fx *f = *state;
	char *file, *other = NULL;
	gid_t gid;
	make_shared(f);
	file = util_write(f->stats, "desk1.user1.db", "x");
	assert_int_equal(chmod(file, 0640), 0);
	gid = other_group(&other);
	if (geteuid() == 0) {
		assert_int_equal(chown(file, (uid_t)-1, gid), 0);
		assert_contains(assert_only(f, DOCTOR_FILE_GROUP), "supervisors cannot read it");
	} else {
		assert_clean(f);
	}
	free(other);
	free(file);
}

/* ---- catalogue and data ------------------------------------------------------ */

static void test_catalogue_missing(void **state)
{
	struct fx *f = *state;
	free(f->cfg->catalogue);
	f->cfg->catalogue = join(f->tmp, "none.db");
	assert_contains(assert_only(f, DOCTOR_CATALOGUE), "none.db");
}

static void test_catalogue_invalid(void **state)
{
	struct fx *f = *state;
	free(f->cfg->catalogue);
	f->cfg->catalogue = util_write(f->tmp, "bad.db", "this is not a catalogue at all, just text\n");
	assert_contains(assert_only(f, DOCTOR_CATALOGUE), "bad.db");
}

static void test_catalogue_default_missing(void **state)
{
	struct fx *f = *state;
	/* The default catalogue is made from the bundled data on first use. */
	free(f->cfg->catalogue);
	f->cfg->catalogue = join(f->tmp, "later/catalogue.db");
	f->cfg->catalogue_default = true;
	assert_clean(f);
}

static void test_data_missing(void **state)
{
	struct fx *f = *state;
	char *empty = join(f->tmp, "empty");
	assert_int_equal(mkdir(empty, 0755), 0);
	setenv("NEUVOO_DATADIR", empty, 1);
	run(f);
	assert_int_equal(f->r.n, 4);
	assert_contains(msg_of(f, DOCTOR_DATA_MISSING), "bundled data folder is missing");
	free(empty);
}

/* ---- locale and terminal ---------------------------------------------------- */

static void test_locale_not_utf8(void **state)
{
	struct fx *f = *state;
	struct doctor_env *e;
	setlocale(LC_CTYPE, "C");
	e = doctor_env_new(f->cfg, NULL, terminfo_known);
	setlocale(LC_CTYPE, "C.UTF-8");
	free(e->term);
	e->term = xstrdup("xterm");
	e->tty = false;
	doctor_env_free(&f->env);
	f->env = e;
	assert_contains(assert_only(f, DOCTOR_LOCALE_CHARSET), "not UTF-8");
}

static void test_locale_missing(void **state)
{
	struct fx *f = *state;
	struct doctor_env *e;
	const char *was = getenv("LC_ALL");
	char *saved = xstrdup(was);
	setenv("LC_ALL", "xx_XX.UTF-8", 1);
	e = doctor_env_new(f->cfg, NULL, terminfo_known);
	if (saved)
		setenv("LC_ALL", saved, 1);
	else
		unsetenv("LC_ALL");
	free(saved);
	free(e->term);
	e->term = xstrdup("xterm");
	e->tty = false;
	doctor_env_free(&f->env);
	f->env = e;
	assert_contains(assert_only(f, DOCTOR_LOCALE_MISSING), "LC_ALL=xx_XX.UTF-8");
}

static void test_lang_without_translations(void **state)
{
	struct fx *f = *state;
	free(f->env->localedir);
	f->env->localedir = xstrdup(TEST_LOCALEDIR);
	f->cfg->lang = xstrdup("de");
	assert_contains(assert_only(f, DOCTOR_LANG_MISSING), "'de'");
	free(f->cfg->lang);
	f->cfg->lang = xstrdup("fi");
	assert_clean(f);
	free(f->cfg->lang);
	f->cfg->lang = xstrdup("sv_FI");
	assert_clean(f);
}

static void test_term_unset(void **state)
{
	struct fx *f = *state;
	free(f->env->term);
	f->env->term = NULL;
	assert_contains(assert_only(f, DOCTOR_TERM_UNSET), "TERM is not set");
}

static void test_term_unknown(void **state)
{
	struct fx *f = *state;
	free(f->env->term);
	f->env->term = xstrdup("neuvoo-no-such-terminal");
	assert_contains(assert_only(f, DOCTOR_TERM_UNKNOWN), "TERM=neuvoo-no-such-terminal");
	free(f->env->term);
	f->env->term = xstrdup("vt100");
	assert_clean(f);
}

static void test_term_small(void **state)
{
	struct fx *f = *state;
	f->env->tty = true;
	f->env->cols = 79;
	f->env->rows = 24;
	assert_contains(assert_only(f, DOCTOR_TERM_SMALL), "79x24");
	f->env->cols = 80;
	f->env->rows = 23;
	assert_only(f, DOCTOR_TERM_SMALL);
	f->env->rows = 24;
	assert_clean(f);
	/* Not a terminal (a script, a pipe): no size to check. */
	f->env->tty = false;
	f->env->cols = f->env->rows = 0;
	assert_clean(f);
}

/* ---- configuration ------------------------------------------------------------ */

static void test_config_error(void **state)
{
	struct fx *f = *state;
	struct cli_opts cli;
	struct config *cfg = NULL;
	struct doctor_env *e;
	char *err = NULL, *conf, *sys;

	memset(&cli, 0, sizeof cli);
	conf = util_write(f->tmp, "bad.conf", "desk = \"a desk\"\n");
	sys = join(f->tmp, "etc");
	setenv("XDG_CONFIG_HOME", f->tmp, 1);
	cli.config_file = conf;
	assert_int_equal(config_load(&cfg, &cli, sys, &err), EXIT_USAGE);
	assert_null(cfg);
	e = doctor_env_new(NULL, err, terminfo_known);
	free(e->term);
	e->term = xstrdup("xterm");
	e->tty = false;
	doctor_env_free(&f->env);
	f->env = e;
	run(f);
	assert_int_equal(f->r.n, 1);
	assert_int_equal(f->r.items[0].code, DOCTOR_CONFIG);
	assert_contains(f->r.items[0].msg, "bad.conf:1");
	err_free(&err);
	free(conf);
	free(sys);
}

/* ---- repairs ----------------------------------------------------------------- */

static void count_done(const char *line, void *ud)
{
	(void)line;
	++*(int *)ud;
}

static void test_fix_creates_single_folder(void **state)
{
	struct fx *f = *state;
	char *err = NULL;
	int done = 0;
	free(f->cfg->stats_dir);
	f->cfg->stats_dir = join(f->tmp, "state/neuvoo/stats");
	run(f);
	assert_true(doctor_has(&f->r, DOCTOR_DIR_MISSING));
	assert_int_equal(doctor_fixable(&f->r), 1);
	assert_int_equal(doctor_fix(f->env, &f->r, count_done, &done, &err), 0);
	assert_int_equal(done, 1);
	assert_int_equal(mode_of(f->cfg->stats_dir), 0700);
	assert_clean(f);
}

static void test_fix_single_mode(void **state)
{
	struct fx *f = *state;
	char *err = NULL, *file;
	file = util_write(f->stats, "desk1.db", "x");
	assert_int_equal(chmod(file, 0644), 0);
	assert_int_equal(chmod(f->stats, 0777), 0);
	run(f);
	assert_int_equal(doctor_fix(f->env, &f->r, NULL, NULL, &err), 0);
	/* Group and others lose write and others all; nothing else. */
	assert_int_equal(mode_of(f->stats), 0750);
	assert_int_equal(mode_of(file), 0644);
	assert_only(f, DOCTOR_FILE_READABLE);
	free(file);
}

static void test_fix_shared(void **state)
{
	struct fx *f = *state;
	char *err = NULL, *file, *other = NULL;
	gid_t other_gid = other_group(&other);
	struct stat st;
	int rc;

	make_shared(f);
	file = util_write(f->stats, "desk1.user1.db", "x");
	assert_int_equal(chmod(file, 0640), 0);
	assert_int_equal(chmod(f->stats, 0755), 0);
	if (geteuid() == 0)
		assert_int_equal(chown(f->stats, 0, other_gid), 0);
	assert_int_equal(stat(file, &st), 0);
	run(f);
	assert_true(doctor_has(&f->r, DOCTOR_DIR_SETGID));
	assert_true(doctor_has(&f->r, DOCTOR_DIR_STICKY));
	assert_true(doctor_has(&f->r, DOCTOR_DIR_OTHERS_READ));
	rc = doctor_fix(f->env, &f->r, NULL, NULL, &err);
	if (rc)
		fail_msg("doctor_fix: %s", err);
	assert_int_equal(mode_of(f->stats), 03770);
	{
		struct stat now;
		assert_int_equal(stat(f->stats, &now), 0);
		assert_int_equal(now.st_gid, getegid());
		/* The file in it keeps its owner, group and mode. */
		assert_int_equal(stat(file, &now), 0);
		assert_int_equal(now.st_uid, st.st_uid);
		assert_int_equal(now.st_gid, st.st_gid);
		assert_int_equal(now.st_mode, st.st_mode);
	}
	assert_clean(f);
	free(other);
	free(file);
}

static void test_fix_refuses_swappable_parent(void **state)
{
	struct fx *f = *state;
	char *err = NULL, *open_dir = join(f->tmp, "open");
	assert_int_equal(mkdir(open_dir, 0700), 0);
	assert_int_equal(chmod(open_dir, 0777), 0);
	free(f->cfg->stats_dir);
	f->cfg->stats_dir = join(open_dir, "stats");
	run(f);
	assert_int_equal(doctor_fix(f->env, &f->r, NULL, NULL, &err), -1);
	assert_contains(err, "not repaired");
	assert_int_equal(access(f->cfg->stats_dir, F_OK), -1);
	err_free(&err);
	free(open_dir);
}

int main(void)
{
#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_fine_single),
		T(test_fine_shared),
		T(test_missing_folder),
		T(test_not_a_folder),
		T(test_world_readable_folder),
		T(test_group_writable_without_group),
		T(test_others_writable),
		T(test_wrong_owner),
		T(test_cannot_write),
		T(test_parent_writable),
		T(test_parent_writable_missing_folder),
		T(test_wrong_group),
		T(test_group_missing),
		T(test_not_member),
		T(test_member_since_login),
		T(test_missing_setgid),
		T(test_missing_sticky),
		T(test_group_cannot_write),
		T(test_shared_world_readable),
		T(test_file_world_readable),
		T(test_file_writable_by_others),
		T(test_file_wrong_group),
		T(test_catalogue_missing),
		T(test_catalogue_invalid),
		T(test_catalogue_default_missing),
		T(test_data_missing),
		T(test_locale_not_utf8),
		T(test_locale_missing),
		T(test_lang_without_translations),
		T(test_term_unset),
		T(test_term_unknown),
		T(test_term_small),
		T(test_config_error),
		T(test_fix_creates_single_folder),
		T(test_fix_single_mode),
		T(test_fix_shared),
		T(test_fix_refuses_swappable_parent),
	};
#undef T
	/* As i18n_init() leaves a C locale: UTF-8. */
	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
