/* test_tickets: the callback ticket store. Validation of phone, e-mail,
 * assignee and note; create, list and its filters; take, done,
 * unreachable (attempts) and pass, each audited; a concurrent take from
 * two processes gives the ticket to exactly one; the contact details
 * erased after the retention (a clock moved through NEUVOO_NOW) and gone
 * from the file and its -wal; the file's mode and group; a foreign file
 * and a link refused. */
#include <config.h>

#include "util.h"

#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sqlite3.h>
#include <time.h>
#include <unistd.h>

#include "core/config.h"
#include "core/err.h"
#include "core/tickets.h"
#include "core/tickets_write.h"

/* 2026-11-23 (a Monday) 10:00 in Helsinki. */
#define T_MON ((time_t)1795420800)

struct fx {
	char *dir;
	char *tdir;
};

static void set_now(time_t t)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", (long long)t);
	setenv("NEUVOO_NOW", buf, 1);
}

static int setup(void **state)
{
	struct fx *fx = calloc(1, sizeof *fx);
	fx->dir = util_tmpdir();
	fx->tdir = malloc(strlen(fx->dir) + 16);
	sprintf(fx->tdir, "%s/tickets", fx->dir);
	setenv("TZ", "Europe/Helsinki", 1);
	tzset();
	set_now(T_MON);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;
	util_rmtree(&fx->dir);
	free(fx->tdir);
	free(fx);
	unsetenv("NEUVOO_NOW");
	return 0;
}

static struct tickets *open_as(struct fx *fx, const char *user, int days)
{
	struct tickets_opts o = { .dir = fx->tdir, .group = NULL, .retention_days = days, .user = user };
	struct tickets *t = NULL;
	char *err = NULL;
	if (tickets_open(&t, &o, &err) != 0)
		fail_msg("tickets_open: %s", err);
	return t;
}

static long create(struct tickets *t, const char *phone, const char *to,
		   const char *lang)
{
	struct ticket_new n = { phone, NULL, "asks about the daycare place",
				to, lang, 0, 0, "info-1" };
	char *err = NULL;
	long id = 0;
	if (tickets_create(t, &n, &id, &err) != 0)
		fail_msg("tickets_create: %s", err);
	return id;
}

static void test_validation(void **state)
{
	static const char *const phones_ok[] = {
		"040 123 4567", "+358 40 123 4567", "(09) 310-12345", "0401234567",
	};
	static const char *const phones_bad[] = {
		"", "1234", "040 abc 4567", "+358 40 123 4567 890 12 34",
		"040+1234567", "0401234567; DROP",
	};
	static const char *const mails_ok[] = { "anna@example.fi", "a.b+c@x.co.uk" };
	static const char *const mails_bad[] = {
		"", "anna", "@example.fi", "anna@", "anna@example", "a b@example.fi",
		"anna@@example.fi", "anna@example.f",
	};
	static const char *const to_ok[] = {
		"service:1234", "org:helsinki", "lang:so", "desk:info-2", "unit:neuvonta",
	};
	static const char *const to_bad[] = {
		"", "1234", "service:", "lang:Somali", "desk:a b", "person:anna", "unit:",
	};
	char *err = NULL, *norm = NULL;
	size_t i;
	enum ticket_assignee to;
	(void)state;

	for (i = 0; i < sizeof phones_ok / sizeof *phones_ok; i++)
		assert_int_equal(tickets_check_phone(phones_ok[i], NULL, &err), 0);
	for (i = 0; i < sizeof phones_bad / sizeof *phones_bad; i++) {
		assert_int_equal(tickets_check_phone(phones_bad[i], NULL, &err), 1);
		assert_non_null(strstr(err, "phone number"));
		err_free(&err);
	}
	assert_int_equal(tickets_check_phone("+358 40-123 4567", &norm, &err), 0);
	assert_string_equal(norm, "+358401234567");
	free(norm);
	for (i = 0; i < sizeof mails_ok / sizeof *mails_ok; i++)
		assert_int_equal(tickets_check_email(mails_ok[i], &err), 0);
	for (i = 0; i < sizeof mails_bad / sizeof *mails_bad; i++) {
		assert_int_equal(tickets_check_email(mails_bad[i], &err), 1);
		err_free(&err);
	}
	for (i = 0; i < sizeof to_ok / sizeof *to_ok; i++) {
		char *v = NULL;
		assert_int_equal(tickets_parse_assignee(to_ok[i], &to, &v, &err), 0);
		assert_string_equal(v, strchr(to_ok[i], ':') + 1);
		free(v);
	}
	assert_int_equal(tickets_parse_assignee("lang:so", &to, NULL, &err), 0);
	assert_int_equal(to, TICKET_TO_LANG);
	for (i = 0; i < sizeof to_bad / sizeof *to_bad; i++) {
		assert_int_equal(tickets_parse_assignee(to_bad[i], &to, NULL, &err), 1);
		err_free(&err);
	}

	{
		struct ticket_new n = { NULL, NULL, NULL, "lang:so", "so", 0, 0, NULL };
		assert_int_equal(tickets_check_new(&n, &err), 1);
		assert_non_null(strstr(err, "phone number or an e-mail"));
		err_free(&err);
		n.email = "anna@example.fi";
		assert_int_equal(tickets_check_new(&n, &err), 0);
		/* The guard: no identity code, phone or e-mail in the note. */
		n.note = "hetu 131052-308T";
		assert_int_equal(tickets_check_new(&n, &err), 1);
		assert_non_null(strstr(err, "note"));
		err_free(&err);
		n.note = "call her at 040 765 4321";
		assert_int_equal(tickets_check_new(&n, &err), 1);
		err_free(&err);
		n.note = "asks about the daycare application";
		assert_int_equal(tickets_check_new(&n, &err), 0);
		n.language = "Somali";
		assert_int_equal(tickets_check_new(&n, &err), 1);
		err_free(&err);
	}
}

static void test_default_due(void **state)
{
	struct tm tm;
	time_t due;
	(void)state;
	/* Monday: Tuesday 16:00. */
	due = tickets_default_due(T_MON);
	localtime_r(&due, &tm);
	assert_int_equal(tm.tm_wday, 2);
	assert_int_equal(tm.tm_hour, 16);
	/* Friday: the Monday after. */
	due = tickets_default_due(T_MON + 4 * 86400);
	localtime_r(&due, &tm);
	assert_int_equal(tm.tm_wday, 1);
	assert_int_equal(tm.tm_mday, 30);
	/* Saturday, too. */
	due = tickets_default_due(T_MON + 5 * 86400);
	localtime_r(&due, &tm);
	assert_int_equal(tm.tm_wday, 1);
}

static void test_create_list_filters(void **state)
{
	struct fx *fx = *state;
	struct tickets *t = open_as(fx, "anna", -1);
	struct tickets_filter f = { 0 };
	struct ticket *rows = NULL;
	size_t n = 0;
	char *err = NULL;
	long a, b, c;
	struct stat sb;

	a = create(t, "040 111 2222", "lang:so", "so");
	b = create(t, "040 333 4444", "service:1234", "fi");
	c = create(t, "040 555 6666", "lang:ar", "ar");
	assert_true(a > 0 && b > a && c > b);

	assert_int_equal(tickets_list(t, NULL, &rows, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_int_equal(rows[0].status, TICKET_OPEN);
	assert_string_equal(rows[0].created_by, "anna");
	assert_string_equal(rows[0].desk, "info-1");
	assert_int_equal(rows[0].due_at, tickets_default_due(T_MON));
	tickets_rows_free(&rows, n);

	f.assignee = "lang";
	assert_int_equal(tickets_list(t, &f, &rows, &n, &err), 0);
	assert_int_equal(n, 2);
	tickets_rows_free(&rows, n);
	f.assignee = "lang:ar";
	assert_int_equal(tickets_list(t, &f, &rows, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].id, c);
	tickets_rows_free(&rows, n);
	f.assignee = NULL;
	f.language = "fi";
	assert_int_equal(tickets_list(t, &f, &rows, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(rows[0].to, TICKET_TO_SERVICE);
	assert_string_equal(rows[0].assignee, "1234");
	tickets_rows_free(&rows, n);

	/* Overdue only after the due time. */
	f.language = NULL;
	f.overdue = true;
	assert_int_equal(tickets_list(t, &f, &rows, &n, &err), 0);
	assert_int_equal(n, 0);
	set_now(T_MON + 2 * 86400);
	assert_int_equal(tickets_list(t, &f, &rows, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_true(tickets_overdue(&rows[0], T_MON + 2 * 86400));
	tickets_rows_free(&rows, n);

	/* One user's set-up: the file and folder are the user's only. */
	assert_int_equal(stat(tickets_path(t), &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0600);
	assert_int_equal(stat(fx->tdir, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0700);
	tickets_close(&t);
	assert_null(t);
}

static void test_steps_audited(void **state)
{
	struct fx *fx = *state;
	struct tickets *anna = open_as(fx, "anna", -1);
	struct tickets *bo = open_as(fx, "bo", -1);
	struct ticket_contact *c = NULL;
	struct ticket_audit *au = NULL;
	struct ticket *rows = NULL;
	size_t n = 0;
	char *err = NULL;
	int attempts = 0;
	bool closed = true;
	long id = create(anna, "+358 40 111 2222", "lang:so", "so");
	long id2 = create(anna, "040 999 8888", "lang:so", "so");

	assert_int_equal(tickets_take(bo, id, &c, &err), 0);
	assert_non_null(c);
	assert_string_equal(c->phone, "+358401112222");
	assert_string_equal(c->note, "asks about the daycare place");
	tickets_contact_free(&c);
	/* Taken: anna cannot take it, nor close it. */
	assert_int_equal(tickets_take(anna, id, &c, &err), 1);
	assert_null(c);
	assert_non_null(strstr(err, "taken by bo"));
	err_free(&err);
	assert_int_equal(tickets_done(anna, id, &err), 1);
	err_free(&err);
	/* Bo again: shown again, no second take. */
	assert_int_equal(tickets_take(bo, id, NULL, &err), 0);

	/* Unreachable twice gives it back to the queue, the third closes. */
	assert_int_equal(tickets_unreachable(bo, id, &attempts, &closed, &err), 0);
	assert_int_equal(attempts, 1);
	assert_false(closed);
	assert_int_equal(tickets_take(anna, id, NULL, &err), 0);
	assert_int_equal(tickets_unreachable(anna, id, &attempts, &closed, &err), 0);
	assert_int_equal(attempts, 2);
	assert_int_equal(tickets_unreachable(anna, id, &attempts, &closed, &err), 0);
	assert_int_equal(attempts, 3);
	assert_true(closed);
	assert_int_equal(tickets_done(anna, id, &err), 1);
	assert_non_null(strstr(err, "closed already"));
	err_free(&err);

	/* Passed on: another assignee, open again, counted. */
	assert_int_equal(tickets_take(bo, id2, NULL, &err), 0);
	assert_int_equal(tickets_pass(bo, id2, "service:9876", &err), 0);
	assert_int_equal(tickets_pass(bo, id2, "nobody", &err), 1);
	err_free(&err);
	assert_int_equal(tickets_done(anna, 999, &err), 1);
	assert_non_null(strstr(err, "no ticket 999"));
	err_free(&err);

	assert_int_equal(tickets_list(anna, NULL, &rows, &n, &err), 0);
	assert_int_equal(n, 1);	/* the closed one is left out */
	assert_int_equal(rows[0].id, id2);
	assert_int_equal(rows[0].status, TICKET_OPEN);
	assert_int_equal(rows[0].to, TICKET_TO_SERVICE);
	assert_string_equal(rows[0].assignee, "9876");
	assert_int_equal(rows[0].passes, 1);
	assert_null(rows[0].taken_by);
	tickets_rows_free(&rows, n);

	/* Every step and every read of the details, with the user. */
	assert_int_equal(tickets_audit(anna, id, &au, &n, &err), 0);
	{
		static const char *const want[][2] = {
			{ "anna", "create" }, { "bo", "take" }, { "bo", "read" },
			{ "bo", "unreachable" }, { "anna", "take" },
			{ "anna", "unreachable" }, { "anna", "unreachable" },
		};
		size_t i;
		assert_int_equal(n, sizeof want / sizeof *want);
		for (i = 0; i < n; i++) {
			assert_string_equal(au[i].user, want[i][0]);
			assert_string_equal(au[i].action, want[i][1]);
			assert_int_equal(au[i].at, T_MON);
		}
		assert_string_equal(au[6].detail, "3");
	}
	tickets_audit_free(&au, n);
	assert_int_equal(tickets_contact(anna, id2, &c, &err), 0);
	tickets_contact_free(&c);
	assert_int_equal(tickets_audit(anna, id2, &au, &n, &err), 0);
	assert_string_equal(au[n - 2].action, "pass");
	assert_string_equal(au[n - 2].detail, "service:9876");
	assert_string_equal(au[n - 1].action, "read");
	assert_string_equal(au[n - 1].user, "anna");
	tickets_audit_free(&au, n);
	tickets_close(&anna);
	tickets_close(&bo);
}

/* Two processes take the same tickets at the same moment. */
static void test_concurrent_take(void **state)
{
	struct fx *fx = *state;
	struct tickets *t = open_as(fx, "anna", -1);
	enum { N = 20 };
	long ids[N];
	int go[2], res[2][2], i, k;
	pid_t pid[2];
	tickets_close(&t);
	t = open_as(fx, "anna", -1);
	for (i = 0; i < N; i++)
		ids[i] = create(t, "040 111 2222", "lang:fi", "fi");
	tickets_close(&t);
	assert_int_equal(pipe(go), 0);
	for (k = 0; k < 2; k++) {
		assert_int_equal(pipe(res[k]), 0);
		pid[k] = fork();
		assert_true(pid[k] >= 0);
		if (pid[k] == 0) {
			struct tickets *mine = open_as(fx, k ? "bo" : "cy", -1);
			char c, won[N];
			close(go[1]);
			/* Both wait here until the parent lets them go. */
			if (read(go[0], &c, 1) != 0)
				_exit(3);
			for (i = 0; i < N; i++) {
				char *err = NULL;
				int rc = tickets_take(mine, ids[i], NULL, &err);
				won[i] = rc == 0 ? 'y' : rc == 1 ? 'n' : 'e';
				free(err);
			}
			tickets_close(&mine);
			_exit(write(res[k][1], won, N) == N ? 0 : 4);
		}
		close(res[k][1]);
	}
	close(go[0]);
	close(go[1]);	/* EOF: both start */
	{
		char won[2][N];
		int status;
		for (k = 0; k < 2; k++) {
			assert_int_equal(read(res[k][0], won[k], N), N);
			assert_int_equal(waitpid(pid[k], &status, 0), pid[k]);
			assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
			close(res[k][0]);
		}
		for (i = 0; i < N; i++) {
			assert_true(won[0][i] != 'e' && won[1][i] != 'e');
			assert_true((won[0][i] == 'y') != (won[1][i] == 'y'));
		}
	}
	{
		struct ticket *rows = NULL;
		size_t n = 0;
		char *err = NULL;
		t = open_as(fx, "anna", -1);
		assert_int_equal(tickets_list(t, NULL, &rows, &n, &err), 0);
		assert_int_equal(n, N);
		for (i = 0; i < N; i++) {
			assert_int_equal(rows[i].status, TICKET_TAKEN);
			assert_non_null(rows[i].taken_by);
		}
		tickets_rows_free(&rows, n);
		tickets_close(&t);
	}
}

/* Does the file (or its -wal) hold these bytes? */
static bool file_has(const char *path, const char *needle)
{
	FILE *f = fopen(path, "rb");
	size_t len = strlen(needle), n = 0, cap = 0, i;
	char *buf = NULL;
	bool found = false;
	if (!f)
		return false;
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap);
		}
		size_t got = fread(buf + n, 1, cap - n, f);
		if (!got)
			break;
		n += got;
	}
	fclose(f);
	for (i = 0; i + len <= n && !found; i++)
		found = !memcmp(buf + i, needle, len);
	free(buf);
	return found;
}

static void test_retention(void **state)
{
	struct fx *fx = *state;
	struct tickets *t = open_as(fx, "anna", 14);
	struct ticket_contact *c = NULL;
	struct ticket *rows = NULL;
	struct tickets_filter all = { .closed = true };
	size_t n = 0;
	char *err = NULL, *wal;
	long id = create(t, "040 7654 3210", "lang:so", "so");
	long open_id = create(t, "040 1357 9246", "lang:so", "so");

	assert_int_equal(tickets_done(t, id, &err), 0);
	tickets_close(&t);
	wal = malloc(strlen(fx->tdir) + 32);
	sprintf(wal, "%s/tickets.db", fx->tdir);
	assert_true(file_has(wal, "04076543210"));

	/* 13 days on: still there. */
	set_now(T_MON + 13 * 86400);
	t = open_as(fx, "anna", 14);
	assert_int_equal(tickets_contact(t, id, &c, &err), 0);
	tickets_contact_free(&c);
	tickets_close(&t);

	/* 14 days on: gone at the next open; the anonymous part stays, the
	 * open ticket keeps its details. */
	set_now(T_MON + 14 * 86400);
	t = open_as(fx, "bo", 14);
	assert_int_equal(tickets_contact(t, id, &c, &err), 1);
	assert_null(c);
	assert_non_null(strstr(err, "erased"));
	err_free(&err);
	assert_int_equal(tickets_contact(t, open_id, &c, &err), 0);
	tickets_contact_free(&c);
	assert_int_equal(tickets_list(t, &all, &rows, &n, &err), 0);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].id, id);
	assert_true(rows[0].erased);
	assert_int_equal(rows[0].status, TICKET_DONE);
	assert_string_equal(rows[0].language, "so");
	assert_int_equal(rows[0].closed_at, T_MON);
	assert_false(rows[1].erased);
	tickets_rows_free(&rows, n);
	{
		struct ticket_audit *au = NULL;
		assert_int_equal(tickets_audit(t, id, &au, &n, &err), 0);
		assert_string_equal(au[n - 1].action, "erase");
		assert_string_equal(au[n - 1].user, "bo");
		tickets_audit_free(&au, n);
	}
	/* Neither the file nor its log holds the number, while open... */
	assert_false(file_has(wal, "04076543210"));
	strcat(wal, "-wal");
	assert_false(file_has(wal, "04076543210"));
	tickets_close(&t);
	/* ...nor after. */
	wal[strlen(wal) - 4] = '\0';
	assert_false(file_has(wal, "04076543210"));
	assert_true(file_has(wal, "04013579246"));
	free(wal);
}

static void test_retention_zero(void **state)
{
	struct fx *fx = *state;
	struct tickets *t = open_as(fx, "anna", 0);
	struct ticket_contact *c = NULL;
	char *err = NULL;
	size_t n = 0;
	long id = create(t, "040 7654 3210", "lang:so", "so");
	assert_int_equal(tickets_done(t, id, &err), 0);
	assert_int_equal(tickets_erase_expired(t, &n, &err), 0);
	assert_int_equal(n, 1);
	assert_int_equal(tickets_contact(t, id, &c, &err), 1);
	err_free(&err);
	tickets_close(&t);
}

static void test_shared_mode(void **state)
{
	struct fx *fx = *state;
	struct group *g = getgrgid(getegid());
	struct tickets_opts o = { .dir = fx->tdir, .group = g ? g->gr_name : NULL, .retention_days = -1, .user = "anna" };
	struct tickets *t = NULL;
	char *err = NULL, *path;
	struct stat sb;

	assert_non_null(g);
	assert_int_equal(tickets_open(&t, &o, &err), 0);
	create(t, "040 111 2222", "lang:fi", "fi");
	path = strdup(tickets_path(t));
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 0660);
	assert_int_equal(sb.st_gid, g->gr_gid);
	assert_int_equal(stat(fx->tdir, &sb), 0);
	assert_int_equal(sb.st_mode & 07777, 03770);
	tickets_close(&t);

	/* A file others may read is refused, and left as it is. */
	assert_int_equal(chmod(path, 0664), 0);
	assert_int_equal(tickets_open(&t, &o, &err), -1);
	assert_non_null(strstr(err, "readable by others"));
	assert_non_null(strstr(err, path));
	err_free(&err);
	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(tickets_open(&t, &o, &err), -1);
	assert_non_null(strstr(err, "configured group"));
	err_free(&err);
	free(path);
}

static void test_foreign_files(void **state)
{
	struct fx *fx = *state;
	struct tickets_opts o = { .dir = fx->tdir, .group = NULL, .retention_days = -1, .user = "anna" };
	struct tickets *t = NULL;
	char *err = NULL, *path = malloc(strlen(fx->tdir) + 32), *other;

	assert_int_equal(mkdir(fx->tdir, 0700), 0);
	sprintf(path, "%s/tickets.db", fx->tdir);
	/* A link to somewhere else. */
	other = util_write(fx->dir, "other.db", "");
	assert_int_equal(symlink(other, path), 0);
	assert_int_equal(tickets_open(&t, &o, &err), -1);
	assert_non_null(strstr(err, "symbolic link"));
	err_free(&err);
	unlink(path);
	/* Not a ticket file (another SQLite file). */
	{
		sqlite3 *db;
		assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
		assert_int_equal(sqlite3_exec(db, "CREATE TABLE x (a);", NULL, NULL, NULL), SQLITE_OK);
		sqlite3_close(db);
	}
	assert_int_equal(tickets_open(&t, &o, &err), -1);
	assert_non_null(strstr(err, "not a neuvoo ticket file"));
	err_free(&err);
	/* A ticket file of this version with a trigger added: refused
	 * before anything runs, and left as it is. */
	unlink(path);
	{
		struct tickets *ok = open_as(fx, "anna", -1);
		sqlite3 *db;
		tickets_close(&ok);
		assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
		assert_int_equal(sqlite3_exec(db, "CREATE TRIGGER t AFTER INSERT ON audit"
					      " BEGIN DELETE FROM audit; END;", NULL, NULL, NULL),
				 SQLITE_OK);
		sqlite3_close(db);
	}
	assert_int_equal(tickets_open(&t, &o, &err), -1);
	assert_non_null(strstr(err, "not a neuvoo ticket file"));
	assert_non_null(strstr(err, "trigger"));
	err_free(&err);
	/* Random bytes. */
	unlink(path);
	free(util_write(fx->tdir, "tickets.db", "this is no database at all, only text; "
			"this is no database at all, only text; "
			"this is no database at all, only text"));
	assert_int_equal(tickets_open(&t, &o, &err), -1);
	assert_non_null(strstr(err, "tickets.db"));
	assert_null(strstr(err, "SQLite error"));
	err_free(&err);
	free(other);
	free(path);
}

/* A writer's output as a string. */
static char *written(int (*fn)(FILE *, void *), void *arg)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_int_equal(fn(f, arg), 0);
	fclose(f);
	return buf;
}

struct list_arg {
	struct ticket *rows;
	size_t n;
	enum tickets_format fmt;
	time_t now;
};

static int list_fn(FILE *f, void *arg)
{
	struct list_arg *a = arg;
	char *err = NULL;
	return tickets_list_write(f, a->rows, a->n, a->fmt, a->now, &err);
}

static void test_list_write(void **state)
{
	struct fx *fx = *state;
	struct tickets *t = open_as(fx, "anna", -1);
	struct tickets_filter all = { .closed = true };
	struct list_arg a = { NULL, 0, TICKETS_CSV, T_MON };
	char *err = NULL, *out, *path;
	long id = create(t, "040 111 2222", "lang:so", "so");
	sqlite3 *db;

	create(t, "040 333 4444", "desk:info-2", "fi");
	/* A file changed behind neuvoo's back: a formula and an escape
	 * sequence where names should be. */
	path = xasprintf("%s/tickets.db", fx->tdir);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "UPDATE ticket SET taken_by = '=HYPERLINK(1)',"
				      " assignee = 'x' || char(27) || '[2J' WHERE id = 2", NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(db);
	free(path);
	assert_int_equal(tickets_list(t, &all, &a.rows, &a.n, &err), 0);
	assert_int_equal(a.n, 2);

	out = written(list_fn, &a);
	assert_non_null(strstr(out, "id,created_at,due_at,status,assignee,language,topics,"
			       "attempts,passes,taken_by,closed_at,overdue\r\n"));
	assert_non_null(strstr(out, "1,2026-11-23T10:00:00+02:00,2026-11-24T16:00:00+02:00,"
			       "open,lang:so,so,,0,0,,,no\r\n"));
	assert_non_null(strstr(out, "'=HYPERLINK(1)"));
	assert_null(strstr(out, "\033"));
	/* Never the contact details. */
	assert_null(strstr(out, "0401112222"));
	free(out);

	a.fmt = TICKETS_JSON;
	a.now = T_MON + 3 * 86400;
	out = written(list_fn, &a);
	assert_non_null(strstr(out, "\"id\":1"));
	assert_non_null(strstr(out, "\"overdue\":true"));
	assert_non_null(strstr(out, "\"closed_at\":null"));
	assert_null(strstr(out, "\033"));
	assert_null(strstr(out, "0401112222"));
	free(out);

	a.fmt = TICKETS_TEXT;
	out = written(list_fn, &a);
	assert_non_null(strstr(out, "2026-11-24 16:00!"));
	assert_null(strstr(out, "\033"));
	assert_null(strstr(out, "0401112222"));
	free(out);
	tickets_rows_free(&a.rows, a.n);
	(void)id;
	tickets_close(&t);
}

struct rep_arg {
	struct ticket *rows;
	size_t n;
	int suppress;
	enum tickets_format fmt;
};

static int rep_fn(FILE *f, void *arg)
{
	struct rep_arg *a = arg;
	char *err = NULL;
	return tickets_report_write(f, a->rows, a->n, T_MON - 3600, T_MON + 86400,
				    "2026-11-23", "2026-11-23", a->suppress, a->fmt,
				    T_MON + 3 * 86400, &err);
}

static void test_report_write(void **state)
{
	struct fx *fx = *state;
	struct tickets *t = open_as(fx, "anna", -1);
	struct tickets_filter all = { .closed = true };
	struct rep_arg a = { NULL, 0, 0, TICKETS_CSV };
	char *err = NULL, *out;
	long id[4];
	int i;

	for (i = 0; i < 4; i++)
		id[i] = create(t, "040 111 2222", i < 3 ? "lang:so" : "desk:info-2",
			       i < 3 ? "so" : "fi");
	/* First calls after 10, 30 and 50 minutes: the median is 30. */
	set_now(T_MON + 600);
	assert_int_equal(tickets_done(t, id[0], &err), 0);
	set_now(T_MON + 1800);
	assert_int_equal(tickets_unreachable(t, id[1], NULL, NULL, &err), 0);
	set_now(T_MON + 3000);
	assert_int_equal(tickets_done(t, id[2], &err), 0);
	/* Created the next week: outside the period. */
	set_now(T_MON + 7 * 86400);
	create(t, "040 111 2222", "lang:so", "so");
	assert_int_equal(tickets_list(t, &all, &a.rows, &a.n, &err), 0);
	assert_int_equal(a.n, 5);

	out = written(rep_fn, &a);
	assert_string_equal(out,
		"dimension,code,opened,closed,overdue,median_first_call_minutes\r\n"
		"total,total,4,2,1,30\r\n"
		"assignee,desk:info-2,1,0,1,\r\n"
		"assignee,lang:so,3,2,0,30\r\n"
		"language,fi,1,0,1,\r\n"
		"language,so,3,2,0,30\r\n");
	free(out);

	/* --suppress 3 as the main report: 1 and 2 hidden, then what a total
	 * would give away (opened: 1 = 4 - 3, so the 3 goes too; closed: the
	 * 2 of lang:so is the total, which goes too); no median of fewer
	 * than 3. */
	a.suppress = 3;
	out = written(rep_fn, &a);
	assert_string_equal(out,
		"dimension,code,opened,closed,overdue,median_first_call_minutes\r\n"
		"total,total,4,..,..,30\r\n"
		"assignee,desk:info-2,..,0,..,\r\n"
		"assignee,lang:so,..,..,0,30\r\n"
		"language,fi,..,0,..,\r\n"
		"language,so,..,..,0,30\r\n");
	free(out);
	a.suppress = 5;
	a.fmt = TICKETS_JSON;
	out = written(rep_fn, &a);
	assert_non_null(strstr(out, "\"opened\":null"));
	/* The hidden counts are named in the row's "suppressed". */
	assert_non_null(strstr(out, "\"suppressed\":["));
	assert_non_null(strstr(out, "\"median_first_call_minutes\":null"));
	assert_null(strstr(out, "\"opened\":4"));
	assert_null(strstr(out, "<5"));
	free(out);
	a.fmt = TICKETS_TEXT;
	a.suppress = 0;
	out = written(rep_fn, &a);
	assert_non_null(strstr(out, "Callback tickets 2026-11-23\n"));
	assert_non_null(strstr(out, "0:30\n"));
	assert_null(strstr(out, "0401112222"));
	free(out);
	tickets_rows_free(&a.rows, a.n);
	tickets_close(&t);
}

static struct config *load(struct fx *fx, const char *text, char **err)
{
	char *file = util_write(fx->dir, "neuvoo.conf", text);
	struct cli_opts cli = { 0 };
	struct config *cfg = NULL;
	cli.config_file = file;
	if (config_load(&cfg, &cli, fx->dir, err) != 0)
		cfg = NULL;
	free(file);
	return cfg;
}

static void test_config_keys(void **state)
{
	struct fx *fx = *state;
	struct config *cfg;
	char *err = NULL, *want;

	/* Next to the statistics folder, 14 days, unless set. */
	cfg = load(fx, "stats-dir = \"/srv/neuvoo/stats\"\n", &err);
	assert_non_null(cfg);
	assert_string_equal(cfg->tickets_dir, "/srv/neuvoo/tickets");
	assert_int_equal(cfg->ticket_retention_days, TICKETS_DEFAULT_RETENTION_DAYS);
	config_free(&cfg);
	cfg = load(fx, "tickets-dir = \"t\"\nticket-retention-days = 3\n", &err);
	assert_non_null(cfg);
	want = xasprintf("%s/t", fx->dir);
	assert_string_equal(cfg->tickets_dir, want);
	assert_int_equal(cfg->ticket_retention_days, 3);
	free(want);
	config_free(&cfg);
	/* Out of range, and the statistics folder itself: refused. */
	assert_null(load(fx, "ticket-retention-days = -1\n", &err));
	assert_non_null(strstr(err, "ticket-retention-days"));
	err_free(&err);
	assert_null(load(fx, "stats-dir = \"/srv/s\"\ntickets-dir = \"/srv/s/\"\n", &err));
	assert_non_null(strstr(err, "statistics folder"));
	err_free(&err);
}

int main(void)
{
	setenv("TZ", "Europe/Helsinki", 1);
	tzset();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_validation),
		cmocka_unit_test(test_default_due),
		cmocka_unit_test_setup_teardown(test_create_list_filters, setup, teardown),
		cmocka_unit_test_setup_teardown(test_steps_audited, setup, teardown),
		cmocka_unit_test_setup_teardown(test_concurrent_take, setup, teardown),
		cmocka_unit_test_setup_teardown(test_retention, setup, teardown),
		cmocka_unit_test_setup_teardown(test_retention_zero, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shared_mode, setup, teardown),
		cmocka_unit_test_setup_teardown(test_foreign_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_write, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_write, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config_keys, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
