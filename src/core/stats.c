/* stats: see stats.h.
 *
 * Schema (version 3). Codes are stored as their text, never as indexes,
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
 * `corrected_at` is when the contact was last corrected (its fields
 * changed after the save; an event says what). Version 1 had no session
 * or saved_at, one draft row (one = 1) and a day_close table; version 2
 * no people, backdated or corrected_at. Writers migrate their own file
 * step by step; readers read every version.
 *
 * The contact and draft tables' recorded fields, the INSERT of a save and
 * the reads of undo and the draft come from CONTACT_FIELDS
 * (contact_fields.h). Sessions and the draft journal are
 * stats_session.c's, sign-offs stats_signoff.c's, readers stats_read.c's.
 *
 * Opening, waiting while another process holds the file, and the words of
 * SQLite failures are db.c's, shared with the training results file. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/contact_fields.h"
#include "core/db.h"
#include "core/defaults.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "core/sharedir.h"
#include "core/stats_priv.h"

/* A field's column in the draft table (its type) and in the contact
 * table (type and constraint). */
#define DRAFT_COL(name, type, constraint, kind, list, use) ", " #name " " type
#define CONTACT_COL(name, type, constraint, kind, list, use) \
	", " #name " " type constraint
/* The draft's columns of schema 1 (a frozen list: what migrate_1_sql
 * copies, never a field added since). */
#define DRAFT_V1_FIELDS \
	"id, started_at, channel, language, interpreter, topics, outcome," \
	" redirect_service, redirect_reason, interpreter_resource, discovery," \
	" age_band, gender, life_situation, note"
/* The draft table of schema 2 (what migrate_1_sql makes; schema 3 appends
 * to it) and of this version. */
#define DRAFT_TABLE_OF(FIELDS) \
	"CREATE TABLE IF NOT EXISTS draft (" \
	" session TEXT PRIMARY KEY NOT NULL, slot INTEGER NOT NULL DEFAULT -1," \
	" updated_at INTEGER NOT NULL, id TEXT, started_at INTEGER" \
	FIELDS ");"
#define DRAFT_TABLE_V2 DRAFT_TABLE_OF(CONTACT_FIELDS_SINCE_1(DRAFT_COL))
#define DRAFT_TABLE DRAFT_TABLE_OF(CONTACT_FIELDS(DRAFT_COL))
/* Schema 3's columns, appended to a version-2 file's tables: a new file
 * has them in the same places, so both have the same columns. */
#define CONTACT_ADD_3(name, type, constraint, kind, list, use) \
	"ALTER TABLE contact ADD COLUMN " #name " " type constraint ";"
#define DRAFT_ADD_3(name, type, constraint, kind, list, use) \
	"ALTER TABLE draft ADD COLUMN " #name " " type ";"
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
	" tz_offset INTEGER NOT NULL DEFAULT 0"
	CONTACT_FIELDS_SINCE_1(CONTACT_COL)
	", undone_at INTEGER, session TEXT, saved_at INTEGER"
	CONTACT_FIELDS_SINCE_3(CONTACT_COL)
	", corrected_at INTEGER);"
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
	"PRAGMA user_version = 3;";

/* From version 1: columns appended, the draft table made one a session,
 * the closed days become sign-offs. */
static const char migrate_1_sql[] =
	"ALTER TABLE contact ADD COLUMN session TEXT;"
	"ALTER TABLE contact ADD COLUMN saved_at INTEGER;"
	"CREATE INDEX IF NOT EXISTS contact_session ON contact(session);"
	"ALTER TABLE draft RENAME TO draft_v1;"
	DRAFT_TABLE_V2
	"INSERT INTO draft (session, slot, updated_at, " DRAFT_V1_FIELDS ")"
	" SELECT '', -1, updated_at, " DRAFT_V1_FIELDS " FROM draft_v1;"
	"DROP TABLE draft_v1;"
	SIGN_OFF_TABLE
	"INSERT INTO sign_off (date, action, at, by)"
	" SELECT date, 'close', closed_at, by FROM day_close;"
	"DROP TABLE day_close;"
	"PRAGMA user_version = 2;";

/* From version 2: the fields of CONTACT_FIELDS_SINCE_3 and the time of a
 * contact's last correction. */
static const char migrate_2_sql[] =
	CONTACT_FIELDS_SINCE_3(CONTACT_ADD_3)
	"ALTER TABLE contact ADD COLUMN corrected_at INTEGER;"
	CONTACT_FIELDS_SINCE_3(DRAFT_ADD_3)
	"PRAGMA user_version = 3;";

/* A new file's tables (db_open runs this once). */
static int create_schema(sqlite3 *db)
{
	return sqlite3_exec(db, schema_sql, NULL, NULL, NULL);
}

/* Step by step from `from` to this version, in the caller's transaction. */
static int migrate_schema(sqlite3 *db, int from)
{
	static const char *const steps[] = { NULL, migrate_1_sql, migrate_2_sql };
	int rc = SQLITE_OK;
	if (from < 1 || from >= STATS_SCHEMA_VERSION)
		return SQLITE_ERROR;
	for (; from < STATS_SCHEMA_VERSION && rc == SQLITE_OK; from++)
		rc = sqlite3_exec(db, steps[from], NULL, NULL, NULL);
	return rc;
}

/* ---- errors ------------------------------------------------------------ */

/* One line naming the file, saying what is wrong and what to do; never a
 * bare SQLite code (db.h). */
void stats_fail(char **err, const char *path, sqlite3 *db, int rc)
{
	db_error(err, path, db, rc, DB_STATS);
}

int stats_read_fail(char **err, const char *path, sqlite3 *db, int rc)
{
	int p = rc & 0xff;
	if (p == SQLITE_CORRUPT || p == SQLITE_NOTADB)
		err_set(err, _("%s: the file is damaged or is not a neuvoo statistics file; it is left out: restore a good copy or take it out of the folder"), path);
	else
		stats_fail(err, path, db, rc);
	return -1;
}

int stats_bad_date(char **err, const char *date)
{
	err_set(err, _("'%s' is not a date; write it as YYYY-MM-DD"), date);
	return -1;
}

/* ---- ids --------------------------------------------------------------- */

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

/* ---- file names ------------------------------------------------------- */

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

static char *desk_of(const char *path)
{
	char *desk, *user;
	stats_file_parse(path, &desk, &user);
	free(user);
	return desk;
}

/* ---- open and close ---------------------------------------------------- */

/* What readers check (they warn; the desk refuses through sharedir's
 * checks): the folder, and that a file and its journals are no links and
 * belong to the user its name gives. */
int stats_trust_folder(const char *dir, char **err)
{
	if (!sharedir_folder_open(dir))
		return 0;
	err_set(err, _("%s: the statistics folder is writable by others without the sticky bit, so any user can replace a desk's file; run 'chmod +t' or 'chmod o-w' on it, or 'neuvoo doctor --fix' as root"), dir);
	return -1;
}

int stats_trust_file(const char *path, char **err)
{
	char *desk, *user;
	struct passwd *pw;
	const char *suffix;
	uid_t uid;
	size_t i;
	int rc = 0;

	stats_file_parse(path, &desk, &user);
	pw = user && *user ? getpwnam(user) : NULL;
	free(desk);
	free(user);
	/* A file of an unknown user (or an old DESK.db) has no owner to
	 * hold it to; only links are looked for then. */
	uid = pw ? pw->pw_uid : (uid_t)-1;
	for (i = 0; (suffix = sharedir_suffix(i)) && !rc; i++) {
		char *p = xasprintf("%s%s", path, suffix);
		enum sharedir_trust t = sharedir_file_trust(p, uid);
		if (t == SHAREDIR_LINK) {
			err_set(err, _("%s: the statistics file is a symbolic link, so it may be another's file; check where it points and remove the link"), p);
			rc = -1;
		} else if (t == SHAREDIR_FOREIGN && pw) {
			err_set(err, _("%s: the statistics file is not owned by its user %s, so another user may have written it; check who made it, or take it out of the folder"),
				p, pw->pw_name);
			rc = -1;
		}
		free(p);
	}
	return rc;
}

bool stats_is_same(const struct stats *st)
{
	struct stat sb;
	return lstat(st->path, &sb) == 0 && !S_ISLNK(sb.st_mode)
	       && sb.st_dev == st->dev && sb.st_ino == st->ino;
}

int stats_check_same(struct stats *st, char **err)
{
	if (stats_is_same(st))
		return 0;
	err_set(err, _("%s: the statistics file was replaced or removed while the desk ran; not saved, the contact is kept as the draft; restart the desk"), st->path);
	return -1;
}

/* Notes of contacts that ended note_days ago or more (0: every note). */
static void purge_notes(struct stats *st)
{
	sqlite3_stmt *s;
	/* 0 days: every note, whatever its time. */
	sqlite3_int64 cutoff = st->note_days == 0 ? INT64_MAX
			       : (sqlite3_int64)time(NULL) - (sqlite3_int64)st->note_days * 86400;
	if (st->note_days < 0)
		return;
	if (db_prepare(st->db, "UPDATE contact SET note = NULL"
		    " WHERE note IS NOT NULL AND ended_at < ?", &s) != SQLITE_OK)
		return;
	sqlite3_bind_int64(s, 1, cutoff);
	/* Best effort: a full disk must not stop the desk from opening; the
	 * next start tries again. */
	db_step(s);
	sqlite3_finalize(s);
}

/* A new desk file appears whole: it is made under a hidden name beside
 * it (readers skip names that start with a dot; the name is random, so
 * nobody can plant it beforehand), its schema written and the
 * connection closed (its log folded in), then linked into place without
 * replacing anything. A report reading the folder meanwhile finds no
 * file or a whole one, never one without its tables. A file there
 * already is left to the checks after; where the hidden file or the
 * link cannot be made, the file is made in place, as before. 0, or -1
 * with *err. */
static int create_whole(const char *path, mode_t mode, gid_t gid,
			const struct db_spec *spec, char **err)
{
	char *dir = paths_dirname(path), *id = stats_new_id(), *base, *tmp;
	const char *slash = strrchr(path, '/'), *suffix;
	sqlite3 *db = NULL;
	struct stat sb;
	size_t i;
	int created, made;

	if (lstat(path, &sb) == 0 || errno != ENOENT) {
		free(dir);
		free(id);
		return 0;
	}
	base = xasprintf(".%s.new-%s", slash ? slash + 1 : path, id);
	tmp = paths_join(dir, base);
	free(dir);
	free(id);
	free(base);
	created = made = sharedir_create_new(tmp, mode, gid, err) == 0;
	if (made && db_open(tmp, spec, &db, err) != 0)
		made = 0;
	sqlite3_close(db);
	err_free(err);
	if (made && link(tmp, path) != 0 && errno != EEXIST)
		made = 0;
	for (i = 0; created && (suffix = sharedir_suffix(i)); i++) {
		char *p = xasprintf("%s%s", tmp, suffix);
		(void)unlink(p);
		free(p);
	}
	free(tmp);
	return made ? 0 : sharedir_create_file(path, mode, gid, err);
}

int stats_open(struct stats **out, const char *path,
	       const struct stats_opts *opts, char **err)
{
	static const struct db_spec spec = {
		DB_STATS, STATS_SCHEMA_VERSION, create_schema, true, false,
		migrate_schema, true
	};
	struct stats *st;
	gid_t gid;
	mode_t fmode, dmode, umask_was;
	char *dir;
	int rc;

	*out = NULL;
	if (sharedir_group(opts ? opts->group : NULL, &gid, err))
		return -1;
	fmode = gid == (gid_t)-1 ? 0600 : 0640;
	/* setgid: the -wal and -shm files SQLite creates inherit the group;
	 * sticky and group-writable: every user of the group makes their own
	 * files there and none can remove another's (a site's folder is
	 * made so by root, owned by root: `neuvoo doctor --fix`). */
	dmode = gid == (gid_t)-1 ? 0700 : 03770;
	dir = paths_dirname(path);
	rc = sharedir_make(dir, dmode, gid, err);
	if (!rc)
		rc = sharedir_check_folder(dir, SHAREDIR_STATS, err);
	free(dir);
	if (rc || create_whole(path, fmode, gid, &spec, err)
	    || sharedir_check_file(path, SHAREDIR_STATS, true, err))
		return -1;

	st = xcalloc(1, sizeof *st);
	st->path = xstrdup(path);
	st->desk = opts && opts->desk && *opts->desk ? xstrdup(opts->desk) : desk_of(path);
	st->advisor = opts && opts->advisor && *opts->advisor ? xstrdup(opts->advisor) : NULL;
	st->undo_minutes = opts && opts->undo_minutes > 0 ? opts->undo_minutes
							  : DEFAULT_UNDO_MINUTES;
	st->note_days = !opts || opts->note_retention_days == STATS_NOTES_DEFAULT
			? DEFAULT_NOTE_RETENTION_DAYS
			: opts->note_retention_days == STATS_NOTES_NONE ? 0
			: opts->note_retention_days < 0 ? -1
			: opts->note_retention_days;

	if (opts && opts->session)
		st->session = opts->session;
	else
		st->session = st->own_session = stats_session_new();

	{
		struct stat sb;
		if (lstat(path, &sb) != 0) {
			sharedir_fail_errno(err, path, errno);
			goto fail;
		}
		st->dev = sb.st_dev;
		st->ino = sb.st_ino;
	}
	/* A reader opening the -shm while SQLite was still putting its mode
	 * right would find it unreadable: the group's read bit is kept from
	 * the start (the first read of db_open makes the -wal and -shm). */
	umask_was = sharedir_umask_keep(gid, 040);
	rc = db_open(path, &spec, &st->db, err);
	umask(umask_was);
	if (rc != 0)
		goto fail;
	/* Swapped between the checks and the open: refuse it. */
	if (stats_check_same(st, err)
	    || sharedir_check_file(path, SHAREDIR_STATS, true, err))
		goto fail;
	stats_session_lock(st->session, path);
	sharedir_give_group(path, gid);
	purge_notes(st);
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

/* ---- save and undo ----------------------------------------------------- */

void stats_rollback(struct stats *st)
{
	if (!sqlite3_get_autocommit(st->db))
		sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
}

static int insert_contact(struct stats *st, const struct contact *c,
			  long tz_offset)
{
	static const char sql[] =
		"INSERT INTO contact (id, desk, advisor, started_at, ended_at,"
		" tz_offset" CONTACT_COLUMNS ", session, saved_at)"
		" VALUES (?, ?, ?, ?, ?, ?" CONTACT_QMARKS ", ?, ?)"
		" ON CONFLICT (id) DO NOTHING";
	sqlite3_stmt *s;
	int rc = db_prepare(st->db, sql, &s), i;

	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_text(s, 1, c->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, st->desk, -1, SQLITE_STATIC);
	stats_bind_text(s, 3, st->advisor);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)c->started_at);
	sqlite3_bind_int64(s, 5, (sqlite3_int64)c->ended_at);
	sqlite3_bind_int64(s, 6, tz_offset);
	if (st->note_days == 0) {
		/* Keeping no notes: this one never reaches the file. */
		struct contact bare = *c;
		bare.note = NULL;
		i = stats_bind_fields(s, 7, &bare);
	} else
		i = stats_bind_fields(s, 7, c);
	sqlite3_bind_text(s, i, st->session->id, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, i + 1, (sqlite3_int64)time(NULL));
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return rc;
	return stats_put_topics(st, c);
}

int stats_put_topics(struct stats *st, const struct contact *c)
{
	sqlite3_stmt *s;
	int rc, i;

	rc = db_prepare(st->db, "INSERT OR IGNORE INTO contact_topic (contact_id, topic)"
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
	struct tm tm;
	int rc;

	if (missing != CONTACT_OK) {
		err_set(err, "%s", contact_missing_text(missing));
		return -1;
	}
	if (stats_check_same(st, err))
		return -1;
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

	/* A closed day refuses nothing: the contact is kept and the
	 * readers count it late (stats_signoffs_closed). */
	rc = db_exec(st->db, "BEGIN IMMEDIATE");
	if (rc == SQLITE_OK)
		rc = insert_contact(st, c, tm.tm_gmtoff);
	if (rc == SQLITE_OK)
		rc = stats_delete_draft(st);
	if (rc == SQLITE_OK)
		rc = db_exec(st->db, "COMMIT");
	if (rc != SQLITE_OK)
		goto fail;
	return 0;
fail:
	stats_fail(err, st->path, st->db, rc);
	stats_rollback(st);
	/* Leave the contact as the advisor had it; the id stays so that a
	 * retry cannot save it twice. */
	if (set_end)
		c->ended_at = 0;
	if (set_start)
		c->started_at = 0;
	return -1;
}

int stats_add_event(struct stats *st, const char *kind, time_t at,
		    const char *contact_id, const char *detail)
{
	sqlite3_stmt *s;
	int rc = db_prepare(st->db, "INSERT INTO events (kind, at, contact_id, detail)"
			 " VALUES (?, ?, ?, ?)", &s);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_text(s, 1, kind, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)at);
	stats_bind_text(s, 3, contact_id);
	stats_bind_text(s, 4, detail);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int stats_undo_last(struct stats *st, time_t now, struct contact **undone,
		    char **err)
{
	static const char sql[] = "SELECT id, started_at, ended_at"
		CONTACT_COLUMNS " FROM contact"
		" WHERE undone_at IS NULL AND session = ? ORDER BY rowid DESC LIMIT 1";
	struct contact *c = NULL;
	sqlite3_stmt *s = NULL;
	int rc, result = -1;

	if (undone)
		*undone = NULL;
	rc = db_exec(st->db, "BEGIN IMMEDIATE");
	if (rc == SQLITE_OK)
		rc = db_prepare(st->db, sql, &s);
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
	c = stats_row_contact(s);
	sqlite3_finalize(s);
	s = NULL;
	if (now - c->ended_at >= (time_t)st->undo_minutes * 60) {
		err_set(err, ngettext("nothing to undo: the last contact was saved more than %d minute ago",
				      "nothing to undo: the last contact was saved more than %d minutes ago",
				      (unsigned long)st->undo_minutes), st->undo_minutes);
		result = 1;
		goto out;
	}
	rc = db_prepare(st->db, "UPDATE contact SET undone_at = ? WHERE id = ?", &s);
	if (rc != SQLITE_OK)
		goto fail;
	sqlite3_bind_int64(s, 1, (sqlite3_int64)now);
	sqlite3_bind_text(s, 2, c->id, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	s = NULL;
	if (rc != SQLITE_DONE)
		goto fail;
	rc = stats_add_event(st, "undo", now, c->id, st->advisor);
	if (rc == SQLITE_OK)
		rc = db_exec(st->db, "COMMIT");
	if (rc != SQLITE_OK)
		goto fail;
	if (undone) {
		*undone = c;
		c = NULL;
	}
	contact_free(&c);
	return 0;
fail:
	stats_fail(err, st->path, st->db, rc);
out:
	sqlite3_finalize(s);
	stats_rollback(st);
	contact_free(&c);
	return result;
}

int stats_log_event(struct stats *st, const char *kind,
		    const char *contact_id, const char *detail, char **err)
{
	time_t t0 = time(NULL);
	int rc = stats_add_event(st, kind, t0, contact_id, detail);
	if (db_busy(rc)) {
		int tries = 0;
		/* Each try can wait the busy timeout: a few seconds in all. */
		while (db_busy(rc) && ++tries < DB_RETRIES
		       && time(NULL) - t0 < DB_BUSY_TIMEOUT_MS / 1000) {
			db_nap(tries);
			rc = stats_add_event(st, kind, time(NULL), contact_id, detail);
		}
	}
	if (rc != SQLITE_OK) {
		stats_fail(err, st->path, st->db, rc);
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

	if (date_local_day(date, &start, &end))
		return stats_bad_date(err, date);
	*count = 0;
	rc = db_prepare(st->db, "SELECT count(*) FROM contact WHERE started_at >= ?"
		     " AND started_at < ? AND undone_at IS NULL", &s);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(s, 1, (sqlite3_int64)start);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)end);
		rc = db_step(s);
		if (rc == SQLITE_ROW) {
			*count = sqlite3_column_int(s, 0);
			rc = SQLITE_OK;
		}
		sqlite3_finalize(s);
	}
	if (rc == SQLITE_OK && topic_counts) {
		for (i = 0; i < TOPIC__N; i++)
			topic_counts[i] = 0;
		rc = db_prepare(st->db, "SELECT t.topic, count(*) FROM contact c"
			     " JOIN contact_topic t ON t.contact_id = c.id"
			     " WHERE c.started_at >= ? AND c.started_at < ?"
			     " AND c.undone_at IS NULL GROUP BY t.topic", &s);
		if (rc == SQLITE_OK) {
			sqlite3_bind_int64(s, 1, (sqlite3_int64)start);
			sqlite3_bind_int64(s, 2, (sqlite3_int64)end);
			rc = db_step(s);
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
		stats_fail(err, st->path, st->db, rc);
		return -1;
	}
	return 0;
}
