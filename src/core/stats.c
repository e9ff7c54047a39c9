/* stats: see stats.h.
 *
 * Schema (version 1). Codes are stored as their text, never as indexes,
 * so that a file stays readable when a code list grows or is reordered.
 *   contact        one row a saved contact; `topics` repeats contact_topic
 *                  as the contract's ;-joined codes so that a report reads
 *                  one row per contact without a join
 *   contact_topic  (contact_id, topic) for SQL users and per-topic counts
 *   draft          one row at most: the contact being typed (the journal)
 *   events         undo records and other things the supervisor sees
 *   day_close      days closed by the supervisor: saving into them refused
 *
 * Opening, waiting while another process holds the file, and the words of
 * SQLite failures are db.c's, shared with the training results file. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/db.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "core/stats.h"

struct stats {
	sqlite3 *db;
	char *path;
	char *desk;
	char *advisor;
	int undo_minutes;
	bool refused_closed;	/* the last save or undo: the day is closed */
	time_t draft_synced;	/* when the journal last reached the disk */
};

/* The draft journal is written on every change. Syncing it to the disk
 * each time would make typing lag on a busy server, so it is synced at
 * most this often; in between, the WAL frames still reach the kernel at
 * once, which is what survives a killed process or a dropped connection.
 * A power cut loses at most these seconds of typing. */
#define DRAFT_SYNC_SECONDS 2
/* A journal write waits this long for another program's lock; the next
 * change tries again, so typing never freezes. */
#define DRAFT_BUSY_MS 200

static const char schema_sql[] =
	"CREATE TABLE IF NOT EXISTS contact ("
	" id TEXT PRIMARY KEY NOT NULL,"
	" desk TEXT NOT NULL,"
	" advisor TEXT,"
	" started_at INTEGER NOT NULL,"
	" ended_at INTEGER NOT NULL,"
	" tz_offset INTEGER NOT NULL DEFAULT 0,"
	" channel TEXT, language TEXT, interpreter TEXT,"
	" topics TEXT NOT NULL DEFAULT '',"
	" outcome TEXT, redirect_service TEXT, redirect_reason TEXT,"
	" interpreter_resource TEXT, discovery TEXT, age_band TEXT,"
	" gender TEXT, life_situation TEXT, note TEXT,"
	" undone_at INTEGER);"
	"CREATE INDEX IF NOT EXISTS contact_started ON contact(started_at);"
	"CREATE INDEX IF NOT EXISTS contact_note ON contact(ended_at)"
	" WHERE note IS NOT NULL;"
	"CREATE INDEX IF NOT EXISTS contact_undone ON contact(started_at)"
	" WHERE undone_at IS NOT NULL;"
	"CREATE TABLE IF NOT EXISTS contact_topic ("
	" contact_id TEXT NOT NULL, topic TEXT NOT NULL,"
	" PRIMARY KEY (contact_id, topic)) WITHOUT ROWID;"
	"CREATE TABLE IF NOT EXISTS draft ("
	" one INTEGER PRIMARY KEY CHECK (one = 1),"
	" updated_at INTEGER NOT NULL, id TEXT, started_at INTEGER,"
	" channel TEXT, language TEXT, interpreter TEXT, topics TEXT,"
	" outcome TEXT, redirect_service TEXT, redirect_reason TEXT,"
	" interpreter_resource TEXT, discovery TEXT, age_band TEXT,"
	" gender TEXT, life_situation TEXT, note TEXT);"
	"CREATE TABLE IF NOT EXISTS events ("
	" id INTEGER PRIMARY KEY, kind TEXT NOT NULL, at INTEGER NOT NULL,"
	" contact_id TEXT, detail TEXT);"
	"CREATE TABLE IF NOT EXISTS day_close ("
	" date TEXT PRIMARY KEY NOT NULL, closed_at INTEGER NOT NULL, by TEXT);"
	"PRAGMA user_version = 1;";

/* A new file's tables (db_open runs this once). */
static int create_schema(sqlite3 *db)
{
	return sqlite3_exec(db, schema_sql, NULL, NULL, NULL);
}

/* ---- errors ------------------------------------------------------------ */

/* One line naming the file, saying what is wrong and what to do; never a
 * bare SQLite code (db.h). */
static void fail_rc(char **err, const char *path, sqlite3 *db, int rc)
{
	db_error(err, path, db, rc, DB_STATS);
}

static void fail_errno(char **err, const char *path, int e)
{
	if (e == ENOSPC || e == EDQUOT)
		err_set(err, _("%s: the disk is full; free some space and try again"), path);
	else if (e == EROFS || e == EACCES || e == EPERM)
		err_set(err, _("%s: cannot write (read-only file or folder); check the permissions of the file and its folder"), path);
	else
		err_set(err, _("%s: cannot create the file: %s"), path, strerror(e));
}

/* ---- statements with retry --------------------------------------------- */

/* The waiting statements of db.h, under this file's short names. */
static int step_retry(sqlite3_stmt *s)
{
	return db_step(s);
}

static int exec_retry(sqlite3 *db, const char *sql)
{
	return db_exec(db, sql);
}

static int prepare(sqlite3 *db, const char *sql, sqlite3_stmt **s)
{
	return db_prepare(db, sql, s);
}

static void bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v && *v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

static void bind_code(sqlite3_stmt *s, int i, enum code_list list, int idx)
{
	bind_text(s, i, codes_code(list, idx));
}

static int col_code(sqlite3_stmt *s, int i, enum code_list list)
{
	const char *v = (const char *)sqlite3_column_text(s, i);
	return v ? codes_find(list, v) : -1;
}

static char *col_str(sqlite3_stmt *s, int i)
{
	const char *v = (const char *)sqlite3_column_text(s, i);
	return v && *v ? xstrdup(v) : NULL;
}

static int query_int(sqlite3 *db, const char *sql, int *out)
{
	return db_query_int(db, sql, out);
}

/* ---- times and ids ----------------------------------------------------- */

int stats_local_day(const char *date, time_t *start, time_t *end)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	struct tm tm;
	int y, m, d, n = 0;
	bool leap;

	if (!date || strlen(date) != 10
	    || sscanf(date, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10
	    || date[4] != '-' || date[7] != '-')
		return -1;
	for (n = 0; n < 10; n++)
		if (n != 4 && n != 7 && (date[n] < '0' || date[n] > '9'))
			return -1;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (y < 1970 || m < 1 || m > 12 || d < 1 || d > mdays[m - 1]
	    || (m == 2 && d == 29 && !leap))
		return -1;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_isdst = -1;
	*start = mktime(&tm);
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d + 1;	/* mktime normalises the month end */
	tm.tm_isdst = -1;
	*end = mktime(&tm);
	return *start == (time_t)-1 || *end == (time_t)-1 ? -1 : 0;
}

void stats_format_date(time_t t, char buf[11])
{
	struct tm tm;
	localtime_r(&t, &tm);
	if (strftime(buf, 11, "%Y-%m-%d", &tm) == 0)
		strcpy(buf, "0000-00-00");
}

char *stats_new_id(void)
{
	unsigned char b[16];
	size_t got = 0;

	while (got < sizeof b) {
		ssize_t n = getrandom(b + got, sizeof b - got, 0);
		if (n > 0)
			got += (size_t)n;
		else if (n < 0 && errno != EINTR)
			break;
	}
	if (got < sizeof b) {
		FILE *f = fopen("/dev/urandom", "rb");
		if (!f || fread(b, 1, sizeof b, f) != sizeof b) {
			/* No randomness at all: there is nothing sensible
			 * to fall back to for a globally unique id. */
			fputs("neuvoo: /dev/urandom is not readable\n", stderr);
			abort();
		}
		fclose(f);
	}
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);	/* version 4 */
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);	/* RFC 4122 variant */
	return xasprintf("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
			 "%02x%02x%02x%02x%02x%02x",
			 b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8],
			 b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

/* ---- files and folders ------------------------------------------------- */

static int lookup_group(const char *group, gid_t *gid, char **err)
{
	struct group *g;
	if (!group || !*group) {
		*gid = (gid_t)-1;
		return 0;
	}
	g = getgrnam(group);
	if (!g) {
		err_set(err, _("group '%s' (setting 'group' of neuvoo.conf) does not exist; create it or change the setting"), group);
		return -1;
	}
	*gid = g->gr_gid;
	return 0;
}

/* mkdir -p; the folders created get exactly `mode` and the group. */
static int make_folders(const char *dir, mode_t mode, gid_t gid, char **err)
{
	char *p = xstrdup(dir), *s;
	int rc = 0;

	for (s = p + 1;; s++) {
		if (*s == '/' || *s == '\0') {
			char c = *s;
			*s = '\0';
			if (mkdir(p, 0700) == 0) {
				if (gid != (gid_t)-1 && chown(p, (uid_t)-1, gid) != 0) {
					err_set(err, _("%s: cannot give the folder to the configured group: %s"),
						p, strerror(errno));
					rc = -1;
					break;
				}
				chmod(p, mode);
			} else if (errno != EEXIST) {
				fail_errno(err, p, errno);
				rc = -1;
				break;
			}
			*s = c;
			if (c == '\0')
				break;
		}
	}
	free(p);
	return rc;
}

static int create_file(const char *path, mode_t mode, gid_t gid, char **err)
{
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (fd < 0) {
		if (errno == EEXIST)
			return 0;
		fail_errno(err, path, errno);
		return -1;
	}
	if ((gid != (gid_t)-1 && fchown(fd, (uid_t)-1, gid) != 0)
	    || fchmod(fd, mode) != 0) {
		int e = errno;
		close(fd);
		unlink(path);
		err_set(err, _("%s: cannot set the file's group or mode: %s"), path, strerror(e));
		return -1;
	}
	close(fd);
	return 0;
}

static char *desk_of(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t n;
	base = base ? base + 1 : path;
	n = strlen(base);
	if (n > 3 && !strcmp(base + n - 3, ".db"))
		n -= 3;
	return xstrndup(base, n);
}

/* ---- open and close ---------------------------------------------------- */

static void purge_notes(struct stats *st, int days)
{
	sqlite3_stmt *s;
	if (days < 0)
		return;
	if (prepare(st->db, "UPDATE contact SET note = NULL"
		    " WHERE note IS NOT NULL AND ended_at < ?", &s) != SQLITE_OK)
		return;
	sqlite3_bind_int64(s, 1, (sqlite3_int64)time(NULL) - (sqlite3_int64)days * 86400);
	/* Best effort: a full disk must not stop the desk from opening; the
	 * next start tries again. */
	step_retry(s);
	sqlite3_finalize(s);
}

int stats_open(struct stats **out, const char *path,
	       const struct stats_opts *opts, char **err)
{
	static const struct db_spec spec = {
		DB_STATS, STATS_SCHEMA_VERSION, create_schema, true, false
	};
	struct stats *st;
	gid_t gid;
	mode_t fmode, dmode;
	char *dir;
	int rc, days;

	*out = NULL;
	if (lookup_group(opts ? opts->group : NULL, &gid, err))
		return -1;
	fmode = gid == (gid_t)-1 ? 0600 : 0640;
	/* setgid: the -wal and -shm files SQLite creates inherit the group. */
	dmode = gid == (gid_t)-1 ? 0700 : 02750;
	dir = paths_dirname(path);
	rc = make_folders(dir, dmode, gid, err);
	free(dir);
	if (rc || create_file(path, fmode, gid, err))
		return -1;

	st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	st->desk = opts && opts->desk && *opts->desk ? xstrdup(opts->desk) : desk_of(path);
	st->advisor = opts && opts->advisor && *opts->advisor ? xstrdup(opts->advisor) : NULL;
	st->undo_minutes = opts && opts->undo_minutes > 0 ? opts->undo_minutes : 10;
	days = opts && opts->note_retention_days ? opts->note_retention_days : 30;

	if (db_open(path, &spec, &st->db, err) != 0)
		goto fail;
	purge_notes(st, days);
	*out = st;
	return 0;
fail:
	stats_close(&st);
	return -1;
}

void stats_close(struct stats **st)
{
	if (!st || !*st)
		return;
	/* The last connection checkpoints and removes the -wal file, so a
	 * copied file is complete on its own. */
	sqlite3_close_v2((*st)->db);
	free((*st)->path);
	free((*st)->desk);
	free((*st)->advisor);
	free(*st);
	*st = NULL;
}

bool stats_refused_closed_day(const struct stats *st)
{
	return st && st->refused_closed;
}

const char *stats_path(const struct stats *st)
{
	return st->path;
}

int stats_open_read(const char *path, sqlite3 **out, char **err)
{
	sqlite3 *db = NULL;
	int rc, version = 0, attempt, first;
	char *uri = NULL, *wal;

	*out = NULL;
	if (access(path, R_OK) != 0) {
		err_set(err, _("%s: cannot read the file: %s"), path, strerror(errno));
		return -1;
	}
	/* Two ways to open, immutable first when there is no -wal file (no
	 * desk has the file open, nothing to recover): then the reader takes
	 * no locks and leaves no -shm file behind, which matters when the
	 * supervisor is another user than the desk (a -shm file owned by the
	 * supervisor would lock the desk out). With a -wal file, a normal
	 * read-only open sees the running desk's latest contacts; if that
	 * cannot work (a copy in a read-only folder), immutable again. */
	wal = xasprintf("%s-wal", path);
	first = access(wal, F_OK) != 0;
	free(wal);
	{
		const char *p;
		size_t n = 0;
		uri = xmalloc(strlen(path) * 3 + 32);
		n += (size_t)sprintf(uri, "file:");
		for (p = path; *p; p++) {
			if (*p == '%' || *p == '?' || *p == '#')
				n += (size_t)sprintf(uri + n, "%%%02X", (unsigned char)*p);
			else
				uri[n++] = *p;
		}
		strcpy(uri + n, "?immutable=1");
	}
	for (attempt = 0; attempt < 2; attempt++) {
		int immutable = attempt == 0 ? first : !first;
		rc = sqlite3_open_v2(immutable ? uri : path, &db,
				     SQLITE_OPEN_READONLY | (immutable ? SQLITE_OPEN_URI : 0), NULL);
		if (rc == SQLITE_OK) {
			sqlite3_extended_result_codes(db, 1);
			sqlite3_busy_timeout(db, DB_BUSY_TIMEOUT_MS);
			/* Reports read whole files: mapping them saves a copy
			 * of every page. */
			sqlite3_exec(db, "PRAGMA mmap_size = 268435456", NULL, NULL, NULL);
			rc = query_int(db, "PRAGMA user_version", &version);
		}
		if (rc == SQLITE_OK || immutable
		    || ((rc & 0xff) != SQLITE_CANTOPEN && (rc & 0xff) != SQLITE_READONLY))
			break;
		sqlite3_close(db);
		db = NULL;
	}
	free(uri);
	if (rc != SQLITE_OK) {
		fail_rc(err, path, db, rc);
		sqlite3_close(db);
		return -1;
	}
	if (version > STATS_SCHEMA_VERSION || version == 0) {
		db_version_error(err, path, DB_STATS, version, STATS_SCHEMA_VERSION);
		sqlite3_close(db);
		return -1;
	}
	*out = db;
	return 0;
}

/* ---- save and undo ----------------------------------------------------- */

static void rollback(struct stats *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

/* 1 when the supervisor has closed the local date of t. */
static int day_closed(struct stats *st, time_t t, char date[11], int *rc)
{
	sqlite3_stmt *s;
	int closed = 0;
	stats_format_date(t, date);
	*rc = prepare(st->db, "SELECT 1 FROM day_close WHERE date = ?", &s);
	if (*rc != SQLITE_OK)
		return 0;
	sqlite3_bind_text(s, 1, date, -1, SQLITE_STATIC);
	*rc = step_retry(s);
	if (*rc == SQLITE_ROW)
		closed = 1;
	if (*rc == SQLITE_ROW || *rc == SQLITE_DONE)
		*rc = SQLITE_OK;
	sqlite3_finalize(s);
	return closed;
}

static int insert_contact(struct stats *st, const struct contact *c,
			  const char *topics, long tz_offset)
{
	static const char sql[] =
		"INSERT INTO contact (id, desk, advisor, started_at, ended_at,"
		" tz_offset, channel, language, interpreter, topics, outcome,"
		" redirect_service, redirect_reason, interpreter_resource,"
		" discovery, age_band, gender, life_situation, note)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
		" ?14, ?15, ?16, ?17, ?18, ?19)"
		" ON CONFLICT (id) DO NOTHING";
	sqlite3_stmt *s;
	int rc = prepare(st->db, sql, &s), i;

	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_text(s, 1, c->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, st->desk, -1, SQLITE_STATIC);
	bind_text(s, 3, st->advisor);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)c->started_at);
	sqlite3_bind_int64(s, 5, (sqlite3_int64)c->ended_at);
	sqlite3_bind_int64(s, 6, tz_offset);
	bind_code(s, 7, CODES_CHANNEL, c->channel);
	bind_text(s, 8, c->language);
	bind_code(s, 9, CODES_INTERPRETER, c->interpreter);
	sqlite3_bind_text(s, 10, topics, -1, SQLITE_STATIC);
	bind_code(s, 11, CODES_OUTCOME, c->outcome);
	bind_text(s, 12, c->redirect_service);
	bind_code(s, 13, CODES_REASON, c->redirect_reason);
	bind_text(s, 14, c->interpreter_resource);
	bind_code(s, 15, CODES_DISCOVERY, c->discovery);
	bind_code(s, 16, CODES_AGE, c->age_band);
	bind_code(s, 17, CODES_GENDER, c->gender);
	bind_code(s, 18, CODES_LIFE, c->life_situation);
	bind_text(s, 19, c->note);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return rc;

	rc = prepare(st->db, "INSERT OR IGNORE INTO contact_topic (contact_id, topic)"
		     " VALUES (?, ?)", &s);
	if (rc != SQLITE_OK)
		return rc;
	for (i = 0; i < TOPIC__N && rc == SQLITE_OK; i++) {
		if (!(c->topics & (1u << i)))
			continue;
		sqlite3_bind_text(s, 1, c->id, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 2, codes_code(CODES_TOPIC, i), -1, SQLITE_STATIC);
		rc = sqlite3_step(s);
		rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
		sqlite3_reset(s);
	}
	sqlite3_finalize(s);
	return rc;
}

int stats_save(struct stats *st, struct contact *c, char **err)
{
	enum contact_missing missing = contact_validate(c);
	bool set_end = false, set_start = false;
	char date[11], *topics;
	struct tm tm;
	int rc;

	st->refused_closed = false;
	if (missing != CONTACT_OK) {
		err_set(err, "%s", contact_missing_text(missing));
		return -1;
	}
	if (!c->id)
		c->id = stats_new_id();
	if (c->ended_at == 0) {
		c->ended_at = time(NULL);
		set_end = true;
	}
	if (c->started_at == 0 || c->started_at > c->ended_at) {
		c->started_at = c->ended_at;
		set_start = true;
	}
	localtime_r(&c->started_at, &tm);
	topics = codes_topics_join(c->topics);

	rc = exec_retry(st->db, "BEGIN IMMEDIATE");
	if (rc == SQLITE_OK && day_closed(st, c->started_at, date, &rc)) {
		st->refused_closed = true;
		err_set(err, _("%s: the supervisor has closed the day %s; contacts of that day can no longer be saved"),
			st->path, date);
		goto fail_quiet;
	}
	if (rc == SQLITE_OK)
		rc = insert_contact(st, c, topics, tm.tm_gmtoff);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(st->db, "DELETE FROM draft WHERE one = 1", NULL, NULL, NULL);
	if (rc == SQLITE_OK)
		rc = exec_retry(st->db, "COMMIT");
	if (rc != SQLITE_OK)
		goto fail;
	free(topics);
	return 0;
fail:
	fail_rc(err, st->path, st->db, rc);
fail_quiet:
	rollback(st);
	free(topics);
	/* Leave the contact as the advisor had it; the id stays so that a
	 * retry cannot save it twice. */
	if (set_end)
		c->ended_at = 0;
	if (set_start)
		c->started_at = 0;
	return -1;
}

#define CONTACT_COLS \
	"id, started_at, ended_at, channel, language, interpreter, topics," \
	" outcome, redirect_service, redirect_reason, interpreter_resource," \
	" discovery, age_band, gender, life_situation, note"

/* A contact from a row of CONTACT_COLS (or the draft's same columns). */
static struct contact *row_contact(sqlite3_stmt *s)
{
	struct contact *c = contact_new(NULL);
	const char *topics;
	free(c->id);
	c->id = col_str(s, 0);
	c->started_at = (time_t)sqlite3_column_int64(s, 1);
	c->ended_at = (time_t)sqlite3_column_int64(s, 2);
	c->channel = col_code(s, 3, CODES_CHANNEL);
	free(c->language);
	c->language = col_str(s, 4);
	c->interpreter = col_code(s, 5, CODES_INTERPRETER);
	topics = (const char *)sqlite3_column_text(s, 6);
	c->topics = 0;
	if (topics && *topics && codes_topics_parse(topics, &c->topics) != 0) {
		/* An unknown code from a newer list: keep the known ones. */
		char *copy = xstrdup(topics), *tok, *save = NULL;
		c->topics = 0;
		for (tok = strtok_r(copy, ";", &save); tok; tok = strtok_r(NULL, ";", &save)) {
			int t = codes_find(CODES_TOPIC, tok);
			if (t >= 0)
				c->topics |= 1u << t;
		}
		free(copy);
	}
	c->outcome = col_code(s, 7, CODES_OUTCOME);
	c->redirect_service = col_str(s, 8);
	c->redirect_reason = col_code(s, 9, CODES_REASON);
	c->interpreter_resource = col_str(s, 10);
	c->discovery = col_code(s, 11, CODES_DISCOVERY);
	c->age_band = col_code(s, 12, CODES_AGE);
	c->gender = col_code(s, 13, CODES_GENDER);
	c->life_situation = col_code(s, 14, CODES_LIFE);
	c->note = col_str(s, 15);
	return c;
}

static int add_event(struct stats *st, const char *kind, time_t at,
		     const char *contact_id, const char *detail)
{
	sqlite3_stmt *s;
	int rc = prepare(st->db, "INSERT INTO events (kind, at, contact_id, detail)"
			 " VALUES (?, ?, ?, ?)", &s);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)at);
	bind_text(s, 3, contact_id);
	bind_text(s, 4, detail);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int stats_undo_last(struct stats *st, time_t now, struct contact **undone,
		    char **err)
{
	static const char sql[] = "SELECT " CONTACT_COLS " FROM contact"
		" WHERE undone_at IS NULL AND desk = ? ORDER BY rowid DESC LIMIT 1";
	struct contact *c = NULL;
	sqlite3_stmt *s = NULL;
	char date[11];
	int rc, result = -1;

	if (undone)
		*undone = NULL;
	st->refused_closed = false;
	rc = exec_retry(st->db, "BEGIN IMMEDIATE");
	if (rc == SQLITE_OK)
		rc = prepare(st->db, sql, &s);
	if (rc != SQLITE_OK)
		goto fail;
	sqlite3_bind_text(s, 1, st->desk, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE) {
		err_set(err, "%s", _("nothing to undo: no contact saved at this desk"));
		result = 1;
		goto out;
	}
	if (rc != SQLITE_ROW)
		goto fail;
	c = row_contact(s);
	sqlite3_finalize(s);
	s = NULL;
	if (now - c->ended_at >= (time_t)st->undo_minutes * 60) {
		err_set(err, ngettext("nothing to undo: the last contact was saved more than %d minute ago",
				      "nothing to undo: the last contact was saved more than %d minutes ago",
				      (unsigned long)st->undo_minutes), st->undo_minutes);
		result = 1;
		goto out;
	}
	if (day_closed(st, c->started_at, date, &rc)) {
		st->refused_closed = true;
		err_set(err, _("%s: the supervisor has closed the day %s; contacts of that day can no longer be undone"),
			st->path, date);
		goto out;
	}
	if (rc == SQLITE_OK)
		rc = prepare(st->db, "UPDATE contact SET undone_at = ? WHERE id = ?", &s);
	if (rc != SQLITE_OK)
		goto fail;
	sqlite3_bind_int64(s, 1, (sqlite3_int64)now);
	sqlite3_bind_text(s, 2, c->id, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	s = NULL;
	if (rc != SQLITE_DONE)
		goto fail;
	rc = add_event(st, "undo", now, c->id, st->advisor);
	if (rc == SQLITE_OK)
		rc = exec_retry(st->db, "COMMIT");
	if (rc != SQLITE_OK)
		goto fail;
	if (undone) {
		*undone = c;
		c = NULL;
	}
	contact_free(&c);
	return 0;
fail:
	fail_rc(err, st->path, st->db, rc);
out:
	sqlite3_finalize(s);
	rollback(st);
	contact_free(&c);
	return result;
}

int stats_log_event(struct stats *st, const char *kind,
		    const char *contact_id, const char *detail, char **err)
{
	time_t t0 = time(NULL);
	int rc = add_event(st, kind, t0, contact_id, detail);
	if (db_busy(rc)) {
		int tries = 0;
		/* Each try can wait the busy timeout: a few seconds in all. */
		while (db_busy(rc) && ++tries < DB_RETRIES
		       && time(NULL) - t0 < DB_BUSY_TIMEOUT_MS / 1000) {
			db_nap(tries);
			rc = add_event(st, kind, time(NULL), contact_id, detail);
		}
	}
	if (rc != SQLITE_OK) {
		fail_rc(err, st->path, st->db, rc);
		return -1;
	}
	return 0;
}

/* ---- the draft journal ------------------------------------------------- */

int stats_draft_put(struct stats *st, const struct contact *d, char **err)
{
	static const char sql[] =
		"INSERT OR REPLACE INTO draft (one, updated_at, id, started_at,"
		" channel, language, interpreter, topics, outcome,"
		" redirect_service, redirect_reason, interpreter_resource,"
		" discovery, age_band, gender, life_situation, note)"
		" VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
		" ?13, ?14, ?15, ?16)";
	sqlite3_stmt *s;
	char *topics = codes_topics_join(d->topics);
	time_t now = time(NULL);
	bool durable = now - st->draft_synced >= DRAFT_SYNC_SECONDS
		       || now < st->draft_synced;
	int rc;

	if (!durable)
		db_exec(st->db, "PRAGMA synchronous = NORMAL");
	rc = prepare(st->db, sql, &s);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(s, 1, (sqlite3_int64)time(NULL));
		bind_text(s, 2, d->id);
		sqlite3_bind_int64(s, 3, (sqlite3_int64)d->started_at);
		bind_code(s, 4, CODES_CHANNEL, d->channel);
		bind_text(s, 5, d->language);
		bind_code(s, 6, CODES_INTERPRETER, d->interpreter);
		sqlite3_bind_text(s, 7, topics, -1, SQLITE_STATIC);
		bind_code(s, 8, CODES_OUTCOME, d->outcome);
		bind_text(s, 9, d->redirect_service);
		bind_code(s, 10, CODES_REASON, d->redirect_reason);
		bind_text(s, 11, d->interpreter_resource);
		bind_code(s, 12, CODES_DISCOVERY, d->discovery);
		bind_code(s, 13, CODES_AGE, d->age_band);
		bind_code(s, 14, CODES_GENDER, d->gender);
		bind_code(s, 15, CODES_LIFE, d->life_situation);
		bind_text(s, 16, d->note);
		sqlite3_busy_timeout(st->db, DRAFT_BUSY_MS);
		rc = sqlite3_step(s);
		sqlite3_busy_timeout(st->db, DB_BUSY_TIMEOUT_MS);
		sqlite3_finalize(s);
		rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
	}
	if (!durable)
		db_exec(st->db, "PRAGMA synchronous = FULL");
	else if (rc == SQLITE_OK)
		st->draft_synced = now;
	free(topics);
	if (rc != SQLITE_OK) {
		fail_rc(err, st->path, st->db, rc);
		return -1;
	}
	return 0;
}

int stats_draft_get(struct stats *st, struct contact **draft, char **err)
{
	static const char sql[] =
		"SELECT id, started_at, 0, channel, language, interpreter, topics,"
		" outcome, redirect_service, redirect_reason, interpreter_resource,"
		" discovery, age_band, gender, life_situation, note"
		" FROM draft WHERE one = 1";
	sqlite3_stmt *s;
	int rc = prepare(st->db, sql, &s);

	*draft = NULL;
	if (rc == SQLITE_OK) {
		rc = step_retry(s);
		if (rc == SQLITE_ROW)
			*draft = row_contact(s);
		sqlite3_finalize(s);
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		fail_rc(err, st->path, st->db, rc);
		return -1;
	}
	return 0;
}

int stats_draft_clear(struct stats *st, char **err)
{
	/* With a WHERE clause: a bare DELETE empties the table's page even
	 * when there is no draft, one more synced commit after every save. */
	int rc = exec_retry(st->db, "DELETE FROM draft WHERE one = 1");
	if (rc != SQLITE_OK) {
		fail_rc(err, st->path, st->db, rc);
		return -1;
	}
	return 0;
}

/* ---- counts ------------------------------------------------------------ */

int stats_count_day(struct stats *st, const char *date, int *count,
		    int topic_counts[TOPIC__N], char **err)
{
	sqlite3_stmt *s;
	time_t start, end;
	int rc, i;

	if (stats_local_day(date, &start, &end)) {
		err_set(err, _("'%s' is not a date; write it as YYYY-MM-DD"), date);
		return -1;
	}
	*count = 0;
	rc = prepare(st->db, "SELECT count(*) FROM contact WHERE started_at >= ?"
		     " AND started_at < ? AND undone_at IS NULL", &s);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(s, 1, (sqlite3_int64)start);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)end);
		rc = step_retry(s);
		if (rc == SQLITE_ROW) {
			*count = sqlite3_column_int(s, 0);
			rc = SQLITE_OK;
		}
		sqlite3_finalize(s);
	}
	if (rc == SQLITE_OK && topic_counts) {
		for (i = 0; i < TOPIC__N; i++)
			topic_counts[i] = 0;
		rc = prepare(st->db, "SELECT t.topic, count(*) FROM contact c"
			     " JOIN contact_topic t ON t.contact_id = c.id"
			     " WHERE c.started_at >= ? AND c.started_at < ?"
			     " AND c.undone_at IS NULL GROUP BY t.topic", &s);
		if (rc == SQLITE_OK) {
			sqlite3_bind_int64(s, 1, (sqlite3_int64)start);
			sqlite3_bind_int64(s, 2, (sqlite3_int64)end);
			rc = step_retry(s);
			while (rc == SQLITE_ROW) {
				const char *t = (const char *)sqlite3_column_text(s, 0);
				int idx = t ? codes_find(CODES_TOPIC, t) : -1;
				if (idx >= 0)
					topic_counts[idx] = sqlite3_column_int(s, 1);
				rc = sqlite3_step(s);
			}
			rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
			sqlite3_finalize(s);
		}
	}
	if (rc != SQLITE_OK) {
		fail_rc(err, st->path, st->db, rc);
		return -1;
	}
	return 0;
}

/* ---- closing a day, and what the review reads ---------------------------- */

int stats_close_day(struct stats *st, const char *date, const char *by,
		    char **err)
{
	sqlite3_stmt *s = NULL;
	time_t start, end, now = time(NULL);
	int rc, result = -1;

	if (stats_local_day(date, &start, &end)) {
		err_set(err, _("'%s' is not a date; write it as YYYY-MM-DD"), date);
		return -1;
	}
	rc = exec_retry(st->db, "BEGIN IMMEDIATE");
	if (rc == SQLITE_OK)
		rc = prepare(st->db, "INSERT INTO day_close (date, closed_at, by)"
			     " VALUES (?, ?, ?) ON CONFLICT (date) DO NOTHING", &s);
	if (rc != SQLITE_OK)
		goto fail;
	sqlite3_bind_text(s, 1, date, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)now);
	bind_text(s, 3, by);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		goto fail;
	if (sqlite3_changes(st->db) == 0) {
		/* Closed before: the first sign-off stands. */
		rollback(st);
		return 1;
	}
	rc = add_event(st, "day-closed", now, NULL, date);
	if (rc == SQLITE_OK)
		rc = exec_retry(st->db, "COMMIT");
	if (rc != SQLITE_OK)
		goto fail;
	return 0;
fail:
	fail_rc(err, st->path, st->db, rc);
	rollback(st);
	return result;
}

void stats_day_info_clear(struct stats_day_info *info)
{
	size_t i;
	if (!info)
		return;
	free(info->closed_by);
	for (i = 0; i < info->n_events; i++) {
		free(info->events[i].kind);
		free(info->events[i].contact_id);
		free(info->events[i].detail);
	}
	free(info->events);
	memset(info, 0, sizeof *info);
}

/* A read error as one line (the file is open read-only: no write hints). */
static int read_fail(char **err, const char *path, sqlite3 *db, int rc)
{
	int p = rc & 0xff;
	if (p == SQLITE_CORRUPT || p == SQLITE_NOTADB)
		err_set(err, _("%s: the file is damaged; leave it out or restore a copy"), path);
	else
		fail_rc(err, path, db, rc);
	return -1;
}

int stats_read_day(sqlite3 *db, const char *path, const char *date,
		   struct stats_day_info *out, char **err)
{
	sqlite3_stmt *s;
	time_t start, end;
	int rc;

	memset(out, 0, sizeof *out);
	if (stats_local_day(date, &start, &end)) {
		err_set(err, _("'%s' is not a date; write it as YYYY-MM-DD"), date);
		return -1;
	}
	rc = prepare(db, "SELECT closed_at, by FROM day_close WHERE date = ?", &s);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(s, 1, date, -1, SQLITE_STATIC);
		rc = step_retry(s);
		if (rc == SQLITE_ROW) {
			out->closed = true;
			out->closed_at = (time_t)sqlite3_column_int64(s, 0);
			out->closed_by = col_str(s, 1);
			rc = SQLITE_DONE;
		}
		sqlite3_finalize(s);
	}
	if (rc != SQLITE_DONE)
		goto fail;
	/* A draft that never started (no key pressed yet) counts by the time
	 * it was last written. */
	rc = prepare(db, "SELECT CASE WHEN started_at > 0 THEN started_at"
		     " ELSE updated_at END AS t FROM draft WHERE one = 1"
		     " AND t >= ? AND t < ?", &s);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(s, 1, (sqlite3_int64)start);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)end);
		rc = step_retry(s);
		if (rc == SQLITE_ROW) {
			out->draft = true;
			out->draft_at = (time_t)sqlite3_column_int64(s, 0);
			rc = SQLITE_DONE;
		}
		sqlite3_finalize(s);
	}
	if (rc != SQLITE_DONE)
		goto fail;
	rc = prepare(db, "SELECT kind, at, contact_id, detail FROM events"
		     " WHERE at >= ? AND at < ? ORDER BY at, id", &s);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(s, 1, (sqlite3_int64)start);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)end);
		rc = step_retry(s);
		while (rc == SQLITE_ROW) {
			struct stats_event *e;
			out->events = xrealloc(out->events,
					       (out->n_events + 1) * sizeof *out->events);
			e = &out->events[out->n_events++];
			e->kind = col_str(s, 0);
			if (!e->kind)
				e->kind = xstrdup("");
			e->at = (time_t)sqlite3_column_int64(s, 1);
			e->contact_id = col_str(s, 2);
			e->detail = col_str(s, 3);
			rc = sqlite3_step(s);
		}
		sqlite3_finalize(s);
	}
	if (rc != SQLITE_DONE)
		goto fail;
	return 0;
fail:
	stats_day_info_clear(out);
	return read_fail(err, path, db, rc);
}

int stats_read_notes(sqlite3 *db, const char *path, time_t from, time_t to,
		     stats_note_fn fn, void *ud, char **err)
{
	sqlite3_stmt *s;
	int rc, stop = 0;

	rc = prepare(db, "SELECT id, note FROM contact WHERE started_at >= ?"
		     " AND started_at < ? AND note IS NOT NULL AND note <> ''"
		     " ORDER BY started_at, id", &s);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(s, 1, (sqlite3_int64)from);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)to);
		rc = step_retry(s);
		while (rc == SQLITE_ROW && !stop) {
			const char *id = (const char *)sqlite3_column_text(s, 0);
			const char *note = (const char *)sqlite3_column_text(s, 1);
			if (id && note)
				stop = fn(id, note, ud);
			rc = stop ? SQLITE_DONE : sqlite3_step(s);
		}
		sqlite3_finalize(s);
	}
	if (rc != SQLITE_DONE)
		return read_fail(err, path, db, rc);
	return 0;
}
