/* stats: see stats.h.
 *
 * Schema (version 2). Codes are stored as their text, never as indexes,
 * so that a file stays readable when a code list grows or is reordered.
 *   contact        one row a saved contact; `topics` repeats contact_topic
 *                  as the contract's ;-joined codes so that a report reads
 *                  one row per contact without a join; `session` is the
 *                  session that saved it (F9 looks only at its own),
 *                  `saved_at` when (late contacts: saved while their day
 *                  was closed)
 *   contact_topic  (contact_id, topic) for SQL users and per-topic counts
 *   draft          the contact being typed (the journal), one a session;
 *                  `slot` is the byte of the file the session holds locked
 *   events         undo records and other things the supervisor sees
 *   sign_off       days closed and reopened by a supervisor (in the
 *                  supervisor's own file, @USER.db)
 * Version 1 had no session or saved_at, one draft row (one = 1) and a
 * day_close table; writers migrate their own file, readers read both.
 *
 * Session locks: a session takes an open-file-description lock (Linux
 * F_OFD_SETLK) on one byte `slot` below 4096 of the file, far from the
 * bytes SQLite locks (at 1 GiB), and holds it as long as it lives; the
 * kernel drops it when the process dies however it dies. A draft whose
 * slot nobody holds belongs to a dead session and may be taken over.
 *
 * Opening, waiting while another process holds the file, and the words of
 * SQLite failures are db.c's, shared with the training results file. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
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

struct stats_session {
	char *id;
	int fd;		/* the locked file, or -1 before the first open */
	int slot;	/* the byte held locked; -1 none */
};

struct stats {
	sqlite3 *db;
	char *path;
	char *desk;
	char *advisor;
	int undo_minutes;
	time_t draft_synced;	/* when the journal last reached the disk */
	struct stats_session *session;	/* this handle's, or the caller's */
	struct stats_session *own_session;	/* made here (freed here) */
};

/* Sessions on one file at once, at most (a slot each). */
#define SESSION_SLOTS 4096

/* The draft journal is written on every change. Syncing it to the disk
 * each time would make typing lag on a busy server, so it is synced at
 * most this often; in between, the WAL frames still reach the kernel at
 * once, which is what survives a killed process or a dropped connection.
 * A power cut loses at most these seconds of typing. */
#define DRAFT_SYNC_SECONDS 2
/* A journal write waits this long for another program's lock; the next
 * change tries again, so typing never freezes. */
#define DRAFT_BUSY_MS 200

/* The draft's contact fields, in row_contact() order after id. */
#define DRAFT_FIELDS \
	"id, started_at, channel, language, interpreter, topics, outcome," \
	" redirect_service, redirect_reason, interpreter_resource, discovery," \
	" age_band, gender, life_situation, note"
#define DRAFT_TABLE \
	"CREATE TABLE IF NOT EXISTS draft (" \
	" session TEXT PRIMARY KEY NOT NULL, slot INTEGER NOT NULL DEFAULT -1," \
	" updated_at INTEGER NOT NULL, id TEXT, started_at INTEGER," \
	" channel TEXT, language TEXT, interpreter TEXT, topics TEXT," \
	" outcome TEXT, redirect_service TEXT, redirect_reason TEXT," \
	" interpreter_resource TEXT, discovery TEXT, age_band TEXT," \
	" gender TEXT, life_situation TEXT, note TEXT);"
#define SIGN_OFF_TABLE \
	"CREATE TABLE IF NOT EXISTS sign_off (" \
	" id INTEGER PRIMARY KEY, date TEXT NOT NULL," \
	" action TEXT NOT NULL CHECK (action IN ('close', 'reopen'))," \
	" at INTEGER NOT NULL, by TEXT);"

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
	" undone_at INTEGER, session TEXT, saved_at INTEGER);"
	"CREATE INDEX IF NOT EXISTS contact_started ON contact(started_at);"
	"CREATE INDEX IF NOT EXISTS contact_session ON contact(session);"
	"CREATE INDEX IF NOT EXISTS contact_note ON contact(ended_at)"
	" WHERE note IS NOT NULL;"
	"CREATE INDEX IF NOT EXISTS contact_undone ON contact(started_at)"
	" WHERE undone_at IS NOT NULL;"
	"CREATE TABLE IF NOT EXISTS contact_topic ("
	" contact_id TEXT NOT NULL, topic TEXT NOT NULL,"
	" PRIMARY KEY (contact_id, topic)) WITHOUT ROWID;"
	DRAFT_TABLE
	"CREATE TABLE IF NOT EXISTS events ("
	" id INTEGER PRIMARY KEY, kind TEXT NOT NULL, at INTEGER NOT NULL,"
	" contact_id TEXT, detail TEXT);"
	SIGN_OFF_TABLE
	"PRAGMA user_version = 2;";

/* From version 1: columns appended, the draft table made one a session,
 * the closed days become sign-offs. */
static const char migrate_1_sql[] =
	"ALTER TABLE contact ADD COLUMN session TEXT;"
	"ALTER TABLE contact ADD COLUMN saved_at INTEGER;"
	"CREATE INDEX IF NOT EXISTS contact_session ON contact(session);"
	"ALTER TABLE draft RENAME TO draft_v1;"
	DRAFT_TABLE
	"INSERT INTO draft (session, slot, updated_at, " DRAFT_FIELDS ")"
	" SELECT '', -1, updated_at, " DRAFT_FIELDS " FROM draft_v1;"
	"DROP TABLE draft_v1;"
	SIGN_OFF_TABLE
	"INSERT INTO sign_off (date, action, at, by)"
	" SELECT date, 'close', closed_at, by FROM day_close;"
	"DROP TABLE day_close;"
	"PRAGMA user_version = 2;";

/* A new file's tables (db_open runs this once). */
static int create_schema(sqlite3 *db)
{
	return sqlite3_exec(db, schema_sql, NULL, NULL, NULL);
}

static int migrate_schema(sqlite3 *db, int from)
{
	return from == 1 ? sqlite3_exec(db, migrate_1_sql, NULL, NULL, NULL)
			 : SQLITE_ERROR;
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

/* mkdir -p; the folders created get the group, the last one exactly
 * `mode`, the ones on the way only what reaching it needs (the group may
 * pass, never write). */
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
				chmod(p, c == '\0' ? mode : mode & 02750);
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

char *stats_file_name(const char *desk, const char *user)
{
	return xasprintf("%s@%s.db", desk ? desk : "", user ? user : "");
}

void stats_file_parse(const char *path, char **desk, char **user)
{
	const char *base = strrchr(path, '/'), *at;
	size_t n;
	base = base ? base + 1 : path;
	n = strlen(base);
	if (n > 3 && !strcmp(base + n - 3, ".db"))
		n -= 3;
	at = memchr(base, '@', n);
	if (!at) {
		*desk = xstrndup(base, n);
		*user = NULL;
		return;
	}
	*desk = xstrndup(base, (size_t)(at - base));
	*user = xstrndup(at + 1, n - (size_t)(at - base) - 1);
}

char *stats_signoff_path(const char *dir, const char *user)
{
	char *name = stats_file_name("", user), *p = paths_join(dir, name);
	free(name);
	return p;
}

static char *desk_of(const char *path)
{
	char *desk, *user;
	stats_file_parse(path, &desk, &user);
	free(user);
	return desk;
}

/* ---- sessions ---------------------------------------------------------- */

struct stats_session *stats_session_new(void)
{
	struct stats_session *s = xcalloc(1, sizeof *s);
	s->id = stats_new_id();
	s->fd = -1;
	s->slot = -1;
	return s;
}

void stats_session_free(struct stats_session **s)
{
	if (!s || !*s)
		return;
	if ((*s)->fd >= 0)
		close((*s)->fd);	/* releases the lock */
	free((*s)->id);
	free(*s);
	*s = NULL;
}

const char *stats_session_id(const struct stats_session *s)
{
	return s->id;
}

#ifdef F_OFD_SETLK
static int byte_lock(int fd, int cmd, int slot, struct flock *fl)
{
	memset(fl, 0, sizeof *fl);
	fl->l_type = F_WRLCK;
	fl->l_whence = SEEK_SET;
	fl->l_start = slot;
	fl->l_len = 1;
	return fcntl(fd, cmd, fl);
}
#endif

/* Take the lowest free slot of the file for the session (once). Without
 * open-file-description locks (not Linux) there is no slot: process
 * locks would be dropped by SQLite's own closes of the file, and ours
 * would drop SQLite's; the session's draft then never looks abandoned,
 * so nothing is ever taken from a live session. */
static void session_lock(struct stats_session *s, const char *path)
{
#ifdef F_OFD_SETLK
	struct flock fl;
	struct stat held, now;
	int slot;
	if (s->fd >= 0) {
		/* Still the same file? One moved aside and made anew needs
		 * the lock on the new one. */
		if (fstat(s->fd, &held) == 0 && stat(path, &now) == 0
		    && held.st_dev == now.st_dev && held.st_ino == now.st_ino)
			return;
		close(s->fd);
		s->slot = -1;
	}
	s->fd = open(path, O_RDWR | O_CLOEXEC);
	if (s->fd < 0)
		return;
	for (slot = 0; slot < SESSION_SLOTS; slot++)
		if (byte_lock(s->fd, F_OFD_SETLK, slot, &fl) == 0) {
			s->slot = slot;
			return;
		}
#else
	(void)s;
	(void)path;
#endif
}

/* Does a live session hold slot? When in doubt, yes. */
static bool slot_alive(const struct stats *st, int slot)
{
#ifdef F_OFD_SETLK
	struct flock fl;
	if (slot < 0)
		return false;
	if (st->session->fd < 0 || st->session->slot < 0)
		return true;
	/* Our own lock never conflicts with itself: our slot is free of
	 * anyone else, whoever had it before is gone. */
	if (byte_lock(st->session->fd, F_OFD_GETLK, slot, &fl) != 0)
		return true;
	return fl.l_type != F_UNLCK;
#else
	(void)st;
	return slot >= 0;
#endif
}

/* ---- open and close ---------------------------------------------------- */

/* SQLite makes the -wal and -shm with the file's mode; in a folder that
 * is not setgid they would get our primary group, which the supervisor
 * may not be in. */
static void give_group(const char *path, gid_t gid)
{
	static const char *const suffix[] = { "-wal", "-shm" };
	size_t i;
	if (gid == (gid_t)-1)
		return;
	for (i = 0; i < 2; i++) {
		char *p = xasprintf("%s%s", path, suffix[i]);
		struct stat sb;
		if (stat(p, &sb) == 0 && sb.st_uid == geteuid() && sb.st_gid != gid)
			(void)!chown(p, (uid_t)-1, gid);
		free(p);
	}
}

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
		DB_STATS, STATS_SCHEMA_VERSION, create_schema, true, false,
		migrate_schema
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
	/* setgid: the -wal and -shm files SQLite creates inherit the group;
	 * sticky and group-writable: every user of the group makes their own
	 * files there and none can remove another's (a site's folder is
	 * made so by root, owned by root: `neuvoo doctor --fix`). */
	dmode = gid == (gid_t)-1 ? 0700 : 03770;
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

	if (opts && opts->session)
		st->session = opts->session;
	else
		st->session = st->own_session = stats_session_new();

	if (db_open(path, &spec, &st->db, err) != 0)
		goto fail;
	session_lock(st->session, path);
	give_group(path, gid);
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
	stats_session_free(&(*st)->own_session);
	free((*st)->path);
	free((*st)->desk);
	free((*st)->advisor);
	free(*st);
	*st = NULL;
}

const char *stats_path(const struct stats *st)
{
	return st->path;
}

int stats_open_read(const char *path, sqlite3 **out, char **err)
{
	sqlite3 *db = NULL;
	int rc, version = 0;

	*out = NULL;
	if (db_open_reader(path, DB_STATS, &db, err) != 0)
		return -1;
	rc = query_int(db, "PRAGMA user_version", &version);
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

int stats_read_version(sqlite3 *db)
{
	int v = 0;
	return query_int(db, "PRAGMA user_version", &v) == SQLITE_OK ? v : 0;
}

/* ---- save and undo ----------------------------------------------------- */

static void rollback(struct stats *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

static int insert_contact(struct stats *st, const struct contact *c,
			  const char *topics, long tz_offset)
{
	static const char sql[] =
		"INSERT INTO contact (id, desk, advisor, started_at, ended_at,"
		" tz_offset, channel, language, interpreter, topics, outcome,"
		" redirect_service, redirect_reason, interpreter_resource,"
		" discovery, age_band, gender, life_situation, note, session,"
		" saved_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
		" ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)"
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
	sqlite3_bind_text(s, 20, st->session->id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 21, (sqlite3_int64)time(NULL));
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

/* This session's draft out of the journal. */
static int delete_draft(struct stats *st)
{
	sqlite3_stmt *s;
	int rc = prepare(st->db, "DELETE FROM draft WHERE session = ?", &s);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_text(s, 1, st->session->id, -1, SQLITE_STATIC);
	rc = step_retry(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int stats_save(struct stats *st, struct contact *c, char **err)
{
	enum contact_missing missing = contact_validate(c);
	bool set_end = false, set_start = false;
	char *topics;
	struct tm tm;
	int rc;

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

	/* A closed day refuses nothing: the contact is kept and the
	 * readers count it late (stats_signoffs_closed). */
	rc = exec_retry(st->db, "BEGIN IMMEDIATE");
	if (rc == SQLITE_OK)
		rc = insert_contact(st, c, topics, tm.tm_gmtoff);
	if (rc == SQLITE_OK)
		rc = delete_draft(st);
	if (rc == SQLITE_OK)
		rc = exec_retry(st->db, "COMMIT");
	if (rc != SQLITE_OK)
		goto fail;
	free(topics);
	return 0;
fail:
	fail_rc(err, st->path, st->db, rc);
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
		" WHERE undone_at IS NULL AND session = ? ORDER BY rowid DESC LIMIT 1";
	struct contact *c = NULL;
	sqlite3_stmt *s = NULL;
	int rc, result = -1;

	if (undone)
		*undone = NULL;
	rc = exec_retry(st->db, "BEGIN IMMEDIATE");
	if (rc == SQLITE_OK)
		rc = prepare(st->db, sql, &s);
	if (rc != SQLITE_OK)
		goto fail;
	sqlite3_bind_text(s, 1, st->session->id, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE) {
		err_set(err, "%s", _("nothing to undo: no contact saved in this session"));
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
		"INSERT OR REPLACE INTO draft (session, slot, updated_at, "
		DRAFT_FIELDS ") VALUES (?17, ?18, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
		" ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)";
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
		sqlite3_bind_text(s, 17, st->session->id, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 18, st->session->slot);
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

/* This session's draft into *draft (NULL when none). */
static int own_draft(struct stats *st, struct contact **draft)
{
	static const char sql[] =
		"SELECT id, started_at, 0, channel, language, interpreter, topics,"
		" outcome, redirect_service, redirect_reason, interpreter_resource,"
		" discovery, age_band, gender, life_situation, note"
		" FROM draft WHERE session = ?";
	sqlite3_stmt *s;
	int rc = prepare(st->db, sql, &s);

	*draft = NULL;
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_text(s, 1, st->session->id, -1, SQLITE_STATIC);
	rc = step_retry(s);
	if (rc == SQLITE_ROW)
		*draft = row_contact(s);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The newest draft of a dead session becomes this session's, in one
 * transaction, so that two desks starting at once never both take it. */
static int adopt_draft(struct stats *st)
{
	sqlite3_stmt *s = NULL;
	char *victim = NULL;
	int rc = exec_retry(st->db, "BEGIN IMMEDIATE");

	if (rc == SQLITE_OK)
		rc = prepare(st->db, "SELECT session, slot FROM draft"
			     " WHERE session <> ? ORDER BY updated_at DESC", &s);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(s, 1, st->session->id, -1, SQLITE_STATIC);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW)
			if (!slot_alive(st, sqlite3_column_int(s, 1))) {
				const char *v = (const char *)sqlite3_column_text(s, 0);
				victim = xstrdup(v ? v : "");
				break;
			}
		rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
		sqlite3_finalize(s);
		s = NULL;
	}
	if (rc == SQLITE_OK && victim)
		rc = prepare(st->db, "UPDATE draft SET session = ?, slot = ?"
			     " WHERE session = ?", &s);
	if (rc == SQLITE_OK && victim) {
		sqlite3_bind_text(s, 1, st->session->id, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 2, st->session->slot);
		sqlite3_bind_text(s, 3, victim, -1, SQLITE_STATIC);
		rc = sqlite3_step(s);
		rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
		sqlite3_finalize(s);
	}
	if (rc == SQLITE_OK)
		rc = exec_retry(st->db, "COMMIT");
	if (rc != SQLITE_OK)
		rollback(st);
	free(victim);
	return rc;
}

int stats_draft_get(struct stats *st, struct contact **draft, char **err)
{
	int rc = own_draft(st, draft);
	if (rc == SQLITE_OK && !*draft) {
		rc = adopt_draft(st);
		if (rc == SQLITE_OK)
			rc = own_draft(st, draft);
	}
	if (rc != SQLITE_OK) {
		fail_rc(err, st->path, st->db, rc);
		return -1;
	}
	return 0;
}

int stats_draft_clear(struct stats *st, char **err)
{
	/* With a WHERE clause on the key: a bare DELETE empties the table's
	 * page even when there is no draft, one more synced commit after
	 * every save. */
	int rc = delete_draft(st);
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

static const char *const signoff_actions[] = { "close", "reopen" };

int stats_sign_off(struct stats *st, const char *date,
		   enum stats_signoff_action action, const char *by,
		   char **err)
{
	sqlite3_stmt *s = NULL;
	time_t start, end, now = time(NULL);
	int rc;

	if (stats_local_day(date, &start, &end)) {
		err_set(err, _("'%s' is not a date; write it as YYYY-MM-DD"), date);
		return -1;
	}
	rc = exec_retry(st->db, "BEGIN IMMEDIATE");
	if (rc == SQLITE_OK)
		rc = prepare(st->db, "INSERT INTO sign_off (date, action, at, by)"
			     " VALUES (?, ?, ?, ?)", &s);
	if (rc != SQLITE_OK)
		goto fail;
	sqlite3_bind_text(s, 1, date, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, signoff_actions[action == STATS_REOPEN], -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)now);
	bind_text(s, 4, by);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		goto fail;
	rc = add_event(st, action == STATS_REOPEN ? "day-reopened" : "day-closed",
		       now, NULL, date);
	if (rc == SQLITE_OK)
		rc = exec_retry(st->db, "COMMIT");
	if (rc != SQLITE_OK)
		goto fail;
	return 0;
fail:
	fail_rc(err, st->path, st->db, rc);
	rollback(st);
	return -1;
}

int stats_read_signoffs(sqlite3 *db, const char *path,
			struct stats_signoffs *out, char **err)
{
	static const char *const sql[] = {
		"SELECT date, 'close', closed_at, by FROM day_close",
		"SELECT date, action, at, by FROM sign_off ORDER BY at, id"
	};
	sqlite3_stmt *s;
	int rc = prepare(db, sql[stats_read_version(db) >= 2], &s);

	if (rc == SQLITE_OK) {
		rc = step_retry(s);
		while (rc == SQLITE_ROW) {
			const char *date = (const char *)sqlite3_column_text(s, 0);
			const char *act = (const char *)sqlite3_column_text(s, 1);
			if (date && strlen(date) == 10 && act) {
				struct stats_signoff *o;
				out->v = xrealloc(out->v, (out->n + 1) * sizeof *out->v);
				o = &out->v[out->n++];
				memcpy(o->date, date, 11);
				o->action = strcmp(act, "reopen") ? STATS_CLOSE : STATS_REOPEN;
				o->at = (time_t)sqlite3_column_int64(s, 2);
				o->by = col_str(s, 3);
			}
			rc = sqlite3_step(s);
		}
		sqlite3_finalize(s);
	}
	if (rc != SQLITE_DONE)
		return read_fail(err, path, db, rc);
	return 0;
}

void stats_signoffs_clear(struct stats_signoffs *s)
{
	size_t i;
	for (i = 0; i < s->n; i++)
		free(s->v[i].by);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

bool stats_signoffs_closed(const struct stats_signoffs *s, const char *date,
			   time_t t, const struct stats_signoff **last)
{
	const struct stats_signoff *best = NULL;
	size_t i;
	for (i = 0; i < s->n; i++) {
		const struct stats_signoff *o = &s->v[i];
		if (strcmp(o->date, date) || o->at > t)
			continue;
		/* The later wins; in one second the one read later, so
		 * that a file's reopening wins over its close of the same
		 * second (a file's rows come in their order). */
		if (!best || o->at >= best->at)
			best = o;
	}
	if (last)
		*last = best && best->action == STATS_CLOSE ? best : NULL;
	return best && best->action == STATS_CLOSE;
}

void stats_day_info_clear(struct stats_day_info *info)
{
	size_t i;
	if (!info)
		return;
	for (i = 0; i < info->n_events; i++) {
		free(info->events[i].kind);
		free(info->events[i].contact_id);
		free(info->events[i].detail);
	}
	free(info->events);
	memset(info, 0, sizeof *info);
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
	/* A draft that never started (no key pressed yet) counts by the time
	 * it was last written. (Version 1 had one row at most, version 2
	 * one a session: the same query reads both.) */
	rc = prepare(db, "SELECT count(*), min(t) FROM (SELECT CASE WHEN"
		     " started_at > 0 THEN started_at ELSE updated_at END AS t"
		     " FROM draft) WHERE t >= ? AND t < ?", &s);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(s, 1, (sqlite3_int64)start);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)end);
		rc = step_retry(s);
		if (rc == SQLITE_ROW) {
			out->drafts = (size_t)sqlite3_column_int64(s, 0);
			out->draft = out->drafts > 0;
			out->draft_at = (time_t)sqlite3_column_int64(s, 1);
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
