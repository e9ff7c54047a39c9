/* test_schema: the catalogue's admin side: migrations, init from bundled
 * data, ensure, check and info; and the bundled Helsinki catalogue. */
#include <config.h>

#include "build_dirs.h"

#include "util.h"

#include <sqlite3.h>
#include <stdint.h>
#include <sys/stat.h>

#include "catalogue_fixture.h"
#include "core/catalogue.h"
#include "core/catalogue_check.h"
#include "core/catalogue_publish.h"
#include "core/catalogue_schema.h"
#include "core/config.h"
#include "core/err.h"

static char *join(const char *dir, const char *name)
{
	char *p = malloc(strlen(dir) + strlen(name) + 2);
	sprintf(p, "%s/%s", dir, name);
	return p;
}

static int user_version(sqlite3 *db)
{
	sqlite3_stmt *st;
	int v = -1;
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

static int count_files(const char *dir)
{
	char cmd[4200];
	FILE *p;
	int n = -1;
	snprintf(cmd, sizeof cmd, "ls -A '%s' | wc -l", dir);
	p = popen(cmd, "r");
	assert_non_null(p);
	assert_int_equal(fscanf(p, "%d", &n), 1);
	pclose(p);
	return n;
}

static void test_migrate(void **state)
{
	char *dir = util_tmpdir(), *path = join(dir, "v0.db"), *err = NULL;
	sqlite3 *db;
	(void)state;
	assert_non_null(catalogue_schema_sql(1));
	assert_null(catalogue_schema_sql(0));
	assert_null(catalogue_schema_sql(CATALOGUE_SCHEMA_VERSION + 1));

	/* A fresh (version 0) database gets the whole schema. */
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(user_version(db), 0);
	if (catalogue_schema_migrate(db, &err) != 0)
		fail_msg("migrate: %s", err);
	assert_int_equal(user_version(db), CATALOGUE_SCHEMA_VERSION);
	assert_int_equal(sqlite3_exec(db, "SELECT id, organisation_id, appointment FROM service; "
				      "SELECT topic, position FROM topic_order", NULL, NULL, NULL),
			 SQLITE_OK);
	/* Running it again changes nothing and does not fail. */
	assert_int_equal(catalogue_schema_migrate(db, &err), 0);
	assert_int_equal(user_version(db), CATALOGUE_SCHEMA_VERSION);
	/* A newer file is left alone. */
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(catalogue_schema_migrate(db, &err), -1);
	assert_non_null(strstr(err, "version 99 is newer"));
	assert_int_equal(user_version(db), 99);
	sqlite3_close(db);
	err_free(&err);
	free(path);
	util_rmtree(&dir);
}

static void test_init_fixture(void **state)
{
	char *dir = util_tmpdir(), *sql = util_write(dir, "fixture.sql", catalogue_fixture_sql);
	char *path = join(dir, "cat.db"), *err = NULL, *want;
	struct catalogue *cat = NULL;
	struct stat st;
	sqlite3 *db;
	(void)state;

	/* An empty version-0 database at the path: still a file that exists. */
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t (a)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	assert_int_equal(catalogue_init(path, sql, false, &err), -1);
	want = malloc(strlen(path) + 64);
	sprintf(want, "%s exists; use --force to replace it", path);
	assert_string_equal(err, want);
	free(want);
	err_free(&err);

	if (catalogue_init(path, sql, true, &err) != 0)
		fail_msg("init --force: %s", err);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	assert_int_equal(catalogue_open(path, &cat, &err), 0);
	assert_int_equal(cat->version, CATALOGUE_SCHEMA_VERSION);
	assert_int_equal(cat->n_services, 3);
	assert_string_equal(cat->name, "Testville");
	assert_int_equal(catalogue_check(cat, NULL, NULL), 0);
	assert_int_equal(catalogue_verify_file(path, &err), 0);
	catalogue_free(&cat);
	/* Rollback-journal mode: no -wal or -journal files remain (the
	 * SQL, the catalogue and its search index). */
	assert_int_equal(count_files(dir), 3);

	/* Published files are rollback-journal, readable in any folder. */
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	{
		sqlite3_stmt *st2;
		assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st2, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(st2), SQLITE_ROW);
		assert_string_equal((const char *)sqlite3_column_text(st2, 0), "delete");
		sqlite3_finalize(st2);
	}
	sqlite3_close(db);
	free(sql);
	free(path);
	util_rmtree(&dir);
}

/* init must fail with one line naming file:line or the problem, and leave
 * nothing behind. */
static void init_fails(const char *sql_text, const char *needle)
{
	char *dir = util_tmpdir(), *sql = util_write(dir, "data.sql", sql_text);
	char *path = join(dir, "cat.db"), *err = NULL;
	assert_int_equal(catalogue_init(path, sql, false, &err), -1);
	assert_non_null(err);
	if (!strstr(err, needle) || strchr(err, '\n'))
		fail_msg("init said '%s', expected one line with '%s'", err, needle);
	assert_int_equal(count_files(dir), 1);
	err_free(&err);
	free(sql);
	free(path);
	util_rmtree(&dir);
}

static void test_init_errors(void **state)
{
	char *dir = util_tmpdir(), *path = join(dir, "cat.db"), *err = NULL, *missing;
	(void)state;
	init_fails("INSERT INTO language (code, name_fi, name_en) VALUES ('fi', 'suomi', 'Finnish');\n"
		   "\n"
		   "INSERT INTO nowhere VALUES (1);\n",
		   "data.sql:3: no such table: nowhere");
	init_fails("-- comment\nCREATE TABLE extra (a);\n", "data.sql:2: only INSERT statements");
	init_fails("PRAGMA user_version = 5;\n", "data.sql:1: only INSERT");
	init_fails("INSERT INTO organisation (id, kind, name_fi) VALUES ('o', 'club', 'X');\n",
		   "data.sql:1: CHECK constraint failed");
	/* Data that loads but has a problem is not published either. */
	init_fails("INSERT INTO organisation (id, kind, name_fi) VALUES ('o', 'city', 'X');\n"
		   "INSERT INTO service (id, organisation_id, name_fi) VALUES ('s', 'o', 'S');\n"
		   "INSERT INTO service_language (service_id, language) VALUES ('s', 'xx');\n",
		   "service 's': language 'xx' is not in the language table");
	missing = join(dir, "missing.sql");
	assert_int_equal(catalogue_init(path, missing, false, &err), -1);
	assert_non_null(strstr(err, "missing.sql: cannot read the bundled catalogue data"));
	assert_int_equal(count_files(dir), 0);
	err_free(&err);
	free(missing);
	free(path);
	util_rmtree(&dir);
}

static void test_ensure(void **state)
{
	char *dir = util_tmpdir(), *cdir = join(dir, "catalogue"), *sql, *err = NULL;
	struct config cfg;
	struct stat a, b;
	(void)state;
	assert_int_equal(mkdir(cdir, 0755), 0);
	sql = util_write(cdir, "helsinki.sql", catalogue_fixture_sql);
	setenv("NEUVOO_DATADIR", dir, 1);
	memset(&cfg, 0, sizeof cfg);

	/* An explicit catalogue that is missing is not invented. */
	cfg.catalogue = join(dir, "explicit/cat.db");
	cfg.catalogue_default = false;
	assert_int_equal(catalogue_ensure(&cfg, &err), 0);
	assert_int_equal(stat(cfg.catalogue, &a), -1);
	free(cfg.catalogue);

	/* The default one is created on first use, in a new folder... */
	cfg.catalogue = join(dir, "data/neuvoo/catalogue.db");
	cfg.catalogue_default = true;
	if (catalogue_ensure(&cfg, &err) != 0)
		fail_msg("ensure: %s", err);
	assert_int_equal(stat(cfg.catalogue, &a), 0);
	/* ...and left alone afterwards. */
	assert_int_equal(catalogue_ensure(&cfg, &err), 0);
	assert_int_equal(stat(cfg.catalogue, &b), 0);
	assert_int_equal(a.st_ino, b.st_ino);
	assert_int_equal(a.st_mtim.tv_nsec, b.st_mtim.tv_nsec);
	unsetenv("NEUVOO_DATADIR");
	free(cfg.catalogue);
	free(sql);
	free(cdir);
	util_rmtree(&dir);
}

/* Problems collected for assertions. */
struct found {
	char *all;
	size_t n;
};

static void collect(void *ctx, const char *msg)
{
	struct found *f = ctx;
	size_t len = f->all ? strlen(f->all) : 0;
	assert_null(strchr(msg, '\n'));
	f->all = realloc(f->all, len + strlen(msg) + 2);
	sprintf(f->all + len, "%s\n", msg);
	f->n++;
}

static void expect(const struct found *f, const char *line)
{
	if (!f->all || !strstr(f->all, line))
		fail_msg("expected a problem '%s'; got:\n%s", line, f->all ? f->all : "(none)");
}

static char *s_(const char *s)
{
	return s ? strdup(s) : NULL;
}

static struct cat_service *svc(struct catalogue *cat, const char *id, const char *fi)
{
	struct cat_service *s = catalogue_add_service(cat);
	s->id = s_(id);
	s->name.v[CAT_FI] = s_(fi);
	return s;
}

static void test_check_finds_problems(void **state)
{
	struct catalogue *cat = catalogue_new();
	struct cat_language *l;
	struct cat_org *o;
	struct cat_service *s;
	struct cat_resource *r;
	struct found f = { NULL, 0 };
	size_t n;
	(void)state;

	l = catalogue_add_language(cat);
	l->code = s_("fi");
	l->name.v[CAT_FI] = s_("suomi");
	l->name.v[CAT_EN] = s_("Finnish");
	l = catalogue_add_language(cat);
	l->code = s_("FIN");
	l->name.v[CAT_FI] = s_("suomi");
	o = catalogue_add_org(cat);
	o->id = s_("org");
	o->name.v[CAT_FI] = s_("Org");
	o->web = s_("ftp://files.example.org");

	s = svc(cat, "no-org", "Palvelu");
	s->org = 5;
	s = svc(cat, "unknown-lang", "Palvelu");
	s->languages = calloc(1, sizeof *s->languages);
	s->languages[0] = s_("xx");
	s->n_languages = 1;
	s = svc(cat, "no-fi", NULL);
	s->name.v[CAT_EN] = s_("English only");
	s = svc(cat, "escape", "Bad\x1b[31mname");
	s = svc(cat, "latin1", "Caf\xe9");
	s = svc(cat, "contact", "Yhteys");
	s->info->email = s_("not-an-email");
	s->info->web = s_("https://");
	s->info->phones = calloc(1, sizeof *s->info->phones);
	s->info->phones[0].number = s_("call us");
	s->info->n_phones = 1;
	s->info->verified = s_("yesterday");
	s = svc(cat, "overlap", "Aukiolo");
	assert_int_equal(hours_add_span(&s->hours, 0, 9 * 60, 12 * 60), 0);
	assert_int_equal(hours_add_span(&s->hours, 0, 11 * 60, 14 * 60), 0);
	s = svc(cat, "bad-date", "Poikkeus");
	s->hours.ex = calloc(1, sizeof *s->hours.ex);
	strcpy(s->hours.ex[0].date, "2026-02-30");
	s->hours.ex[0].closed = true;
	s->hours.n_ex = 1;
	s = svc(cat, "dup", "Yksi");
	s = svc(cat, "dup", "Kaksi");
	s = svc(cat, "", "Nimetön");

	r = catalogue_add_resource(cat);
	r->id = s_("mute");
	r->name.v[CAT_FI] = s_("Hiljainen");
	r->phone = s_("ask at the desk");
	r = catalogue_add_resource(cat);
	r->id = s_("fine");
	r->name.v[CAT_FI] = s_("Kunnossa");
	r->phone = s_("ext. 2102");
	r->modality = MOD_INPERSON;
	r->languages = calloc(1, sizeof *r->languages);
	r->languages[0].code = s_("fi");
	r->n_languages = 1;
	cat->topic_order[3] = cat->topic_order[4];

	n = catalogue_check(cat, collect, &f);
	assert_int_equal(n, f.n);
	expect(&f, "language 'FIN': the code must be 2 or 3 lower-case letters");
	expect(&f, "language 'FIN': the English name is missing");
	expect(&f, "organisation 'org': web address 'ftp://files.example.org' does not look like one");
	expect(&f, "service 'no-org': its organisation does not exist");
	expect(&f, "service 'unknown-lang': language 'xx' is not in the language table");
	expect(&f, "service 'no-fi': the Finnish name is missing");
	expect(&f, "service 'escape': the name (fi) contains control characters");
	expect(&f, "service 'latin1': the name (fi) is not valid UTF-8");
	expect(&f, "service 'contact': e-mail address 'not-an-email' does not look like one");
	expect(&f, "service 'contact': web address 'https://' does not look like one");
	expect(&f, "service 'contact': phone number 'call us' does not look like one");
	expect(&f, "service 'contact': verified date 'yesterday' is not a date");
	expect(&f, "service 'overlap': hours on Monday overlap: 09:00-12:00 and 11:00-14:00");
	expect(&f, "service 'bad-date': exception date '2026-02-30' is not a date");
	expect(&f, "service 'dup': the id is used more than once");
	expect(&f, "service #11: the id is missing");
	expect(&f, "resource 'mute': it lists no language");
	expect(&f, "resource 'mute': the modality must be some of");
	expect(&f, "resource 'mute': phone number 'ask at the desk' does not look like one");
	assert_null(strstr(f.all, "resource 'fine'"));
	expect(&f, "topic order: not every topic once");
	/* A clean record says nothing. */
	assert_null(strstr(f.all, "service 'dup': the Finnish"));
	free(f.all);
	catalogue_free(&cat);
}

/* Rows the loader cannot use are skipped on open and reported by check. */
static void test_check_loader_problems(void **state)
{
	char *dir = util_tmpdir(), *sql = util_write(dir, "fixture.sql", catalogue_fixture_sql);
	char *path = join(dir, "cat.db"), *err = NULL;
	struct catalogue *cat = NULL;
	struct found f = { NULL, 0 };
	sqlite3 *db;
	long i;
	(void)state;
	assert_int_equal(catalogue_init(path, sql, false, &err), 0);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db,
		"UPDATE service_hours SET opens = '8.15' WHERE service_id = 'help-desk';"
		"INSERT INTO service_topic VALUES ('housing-advice', 'cooking');"
		"UPDATE service SET organisation_id = 'gone' WHERE id = 'help-desk';"
		"INSERT INTO service_exception VALUES ('integration', '2026-13-01', NULL, NULL);",
		NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);

	assert_int_equal(catalogue_open(path, &cat, &err), 0);
	assert_int_equal(cat->n_services, 3);
	i = catalogue_service_index(cat, "help-desk");
	assert_null(catalogue_service_org(cat, &cat->services[i]));
	assert_int_equal(cat->services[i].hours.n_spans, 0);
	assert_int_equal(catalogue_check(cat, collect, &f), 4);
	expect(&f, "service 'help-desk': hours on weekday 6, '8.15'-'14:00', are not valid");
	expect(&f, "service 'housing-advice': unknown topic 'cooking'");
	expect(&f, "service 'help-desk': organisation 'gone' does not exist");
	expect(&f, "service 'integration': exception on '2026-13-01' is not valid");
	free(f.all);
	catalogue_free(&cat);
	free(sql);
	free(path);
	util_rmtree(&dir);
}

static void test_info(void **state)
{
	char *dir = util_tmpdir(), *sql = util_write(dir, "fixture.sql", catalogue_fixture_sql);
	char *path = join(dir, "cat.db"), *err = NULL, *info;
	struct catalogue *cat = NULL;
	(void)state;
	assert_int_equal(catalogue_init(path, sql, false, &err), 0);
	assert_int_equal(catalogue_open(path, &cat, &err), 0);
	info = catalogue_info(cat);
	assert_non_null(strstr(info, "name: Testville\n"));
	assert_non_null(strstr(info, "schema version: 2\n"));
	assert_non_null(strstr(info, "organisations: 2 (city 1, other public 0, NGO 1, other 0)\n"));
	assert_non_null(strstr(info, "services: 3\n"));
	assert_non_null(strstr(info, "languages: 5\n"));
	assert_non_null(strstr(info, "resources: 2 (colleagues 1, interpreting 1)\n"));
	assert_non_null(strstr(info, path));
	assert_non_null(strstr(info, "published: 20"));
	free(info);
	catalogue_free(&cat);
	free(sql);
	free(path);
	util_rmtree(&dir);
}

/* The catalogue shipped with neuvoo: it builds, and it is clean. */
static void test_bundled_helsinki(void **state)
{
	char *dir = util_tmpdir(), *path = join(dir, "helsinki.db"), *err = NULL;
	const char *sql = BUILD_DATADIR "/data/catalogue/helsinki.sql";
	struct catalogue *cat = NULL;
	struct found f = { NULL, 0 };
	(void)state;
	if (catalogue_init(path, sql, false, &err) != 0)
		fail_msg("init from %s: %s", sql, err);
	assert_int_equal(catalogue_open(path, &cat, &err), 0);
	assert_true(cat->n_services >= 18);
	assert_true(cat->n_languages >= 10);
	if (catalogue_check(cat, collect, &f) != 0)
		fail_msg("bundled catalogue has problems:\n%s", f.all);
	assert_non_null(catalogue_language(cat, "fi"));
	assert_non_null(catalogue_language(cat, "uk"));
	catalogue_free(&cat);
	free(path);
	util_rmtree(&dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_migrate),
		cmocka_unit_test(test_init_fixture),
		cmocka_unit_test(test_init_errors),
		cmocka_unit_test(test_ensure),
		cmocka_unit_test(test_check_finds_problems),
		cmocka_unit_test(test_check_loader_problems),
		cmocka_unit_test(test_info),
		cmocka_unit_test(test_bundled_helsinki),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
