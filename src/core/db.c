/* db: see db.h.
 *
 * Busy handling: a busy timeout covers most waits, and a retry loop with
 * short random naps covers the few statements that come back SQLITE_BUSY
 * without calling the busy handler (WAL recovery, the journal-mode
 * switch), so that two processes on one file wait for each other. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/db.h"
#include "core/err.h"
#include "core/i18n.h"


/* ---- messages ------------------------------------------------------------- */

void db_error(char **err, const char *path, sqlite3 *db, int rc,
	      enum db_kind kind)
{
	int sys = db ? sqlite3_system_errno(db) : 0;
	int primary = rc & 0xff;

	if (primary == SQLITE_FULL || sys == ENOSPC || sys == EDQUOT)
		err_set(err, _("%s: the disk is full; free some space and try again"), path);
	else if (primary == SQLITE_READONLY || primary == SQLITE_PERM
		 || primary == SQLITE_AUTH || sys == EROFS || sys == EACCES
		 || sys == EPERM)
		err_set(err, _("%s: cannot write (read-only file or folder); check the permissions of the file and its folder"), path);
	else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
		err_set(err, _("%s: the file stays locked by another program; try again in a moment"), path);
	else if ((primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
		 && kind == DB_TICKETS)
		err_set(err, _("%s: the file is damaged or is not a neuvoo ticket file; restore it from a copy, or move it aside and run 'neuvoo doctor --fix'"), path);
	else if ((primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
		 && kind == DB_RESULTS)
		err_set(err, _("%s: the file is damaged or is not a neuvoo training results file; move it aside (neuvoo then starts a new one)"), path);
	else if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
		err_set(err, _("%s: the file is damaged or is not a neuvoo statistics file; move it aside (neuvoo then starts a new one)"), path);
	else if (primary == SQLITE_CANTOPEN)
		err_set(err, _("%s: cannot open the file (%s); check that its folder exists and is writable"),
			path, sys ? strerror(sys) : sqlite3_errstr(rc));
	else if (primary == SQLITE_IOERR)
		err_set(err, _("%s: input/output error (%s); check the disk"),
			path, sys ? strerror(sys) : sqlite3_errstr(rc));
	else
		err_set(err, _("%s: %s (SQLite error %d)"), path,
			db ? sqlite3_errmsg(db) : sqlite3_errstr(rc), rc);
}

/* A reader's failure: its words fit a report or review (nothing there
 * starts a new file, and a reader never writes). */
static void read_error(char **err, const char *path, sqlite3 *db, int rc,
		       enum db_kind kind)
{
	int sys = db ? sqlite3_system_errno(db) : 0;
	int primary = rc & 0xff;
	if (kind == DB_STATS && (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB))
		err_set(err, _("%s: the file is damaged or is not a neuvoo statistics file; it is left out: restore a good copy or take it out of the folder"), path);
	else if (kind == DB_STATS && primary == SQLITE_CANTOPEN)
		err_set(err, _("%s: cannot open the file to read (%s); check that it exists and that you may read it and its -wal and -shm"),
			path, sys ? strerror(sys) : sqlite3_errstr(rc));
	else
		db_error(err, path, db, rc, kind);
}

void db_version_error(char **err, const char *path, enum db_kind kind,
		      int version, int known)
{
	if (kind == DB_TICKETS && version > known)
		err_set(err, _("%s: written by a newer neuvoo (ticket schema %d, this one knows %d); use the newer neuvoo, the file is left unchanged"),
			path, version, known);
	else if (kind == DB_TICKETS)
		err_set(err, _("%s: not a neuvoo ticket file; move it aside"), path);
	else if (version > known && kind == DB_RESULTS)
		err_set(err, _("%s: written by a newer neuvoo (results schema %d, this one knows %d); use the newer neuvoo, the file is left unchanged"),
			path, version, known);
	else if (version > known)
		err_set(err, _("%s: written by a newer neuvoo (statistics schema %d, this one knows %d); use the newer neuvoo, the file is left unchanged"),
			path, version, known);
	else if (kind == DB_RESULTS)
		err_set(err, _("%s: not a neuvoo training results file; move it aside"), path);
	else
		err_set(err, _("%s: not a neuvoo statistics file; give another file"), path);
}

/* ---- statements with retry ----------------------------------------------- */

void db_nap(int tries)
{
	struct timespec ts = { 0, (long)(5 + (tries % 4) * 5 + rand() % 7) * 1000000L };
	nanosleep(&ts, NULL);
}

bool db_busy(int rc)
{
	return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
}

/* Try again after rc? Each try may itself wait the whole busy timeout
 * (another program holding the file locked), so the tries stop once that
 * long has passed since the first: the desk then says the file is locked
 * instead of hanging for minutes. */
static bool retry(int rc, int *tries, const struct timespec *t0)
{
	struct timespec now;
	if (!db_busy(rc) || ++*tries >= DB_RETRIES)
		return false;
	clock_gettime(CLOCK_MONOTONIC, &now);
	if ((now.tv_sec - t0->tv_sec) * 1000
	    + (now.tv_nsec - t0->tv_nsec) / 1000000 >= DB_BUSY_TIMEOUT_MS)
		return false;
	db_nap(*tries);
	return true;
}

int db_step(sqlite3_stmt *s)
{
	struct timespec t0;
	int rc, tries = 0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (retry(rc = sqlite3_step(s), &tries, &t0))
		sqlite3_reset(s);
	return rc;
}

int db_exec(sqlite3 *db, const char *sql)
{
	struct timespec t0;
	int rc, tries = 0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (retry(rc = sqlite3_exec(db, sql, NULL, NULL, NULL), &tries, &t0))
		;
	return rc;
}

int db_prepare(sqlite3 *db, const char *sql, sqlite3_stmt **s)
{
	struct timespec t0;
	int rc, tries = 0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (retry(rc = sqlite3_prepare_v2(db, sql, -1, s, NULL), &tries, &t0))
		;
	return rc;
}

int db_query_int(sqlite3 *db, const char *sql, int *out)
{
	sqlite3_stmt *s;
	int rc = db_prepare(db, sql, &s);
	if (rc != SQLITE_OK)
		return rc;
	rc = db_step(s);
	if (rc == SQLITE_ROW) {
		*out = sqlite3_column_int(s, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	return rc;
}

int db_user_version(sqlite3 *db, int *version)
{
	return db_query_int(db, "PRAGMA user_version", version);
}

/* ---- schema allow-listing ------------------------------------------------- */

void db_harden(sqlite3 *db)
{
	/* Functions in a file's schema (views, triggers, generated columns,
	 * defaults, CHECKs) run only when they are innocuous; a value larger
	 * than the cap is an error, never a few gigabytes in memory. */
	sqlite3_exec(db, "PRAGMA trusted_schema = OFF", NULL, NULL, NULL);
	sqlite3_limit(db, SQLITE_LIMIT_LENGTH, DB_VALUE_MAX_BYTES);
}

/* Does ref have an object of this type and name (and, for a view or a
 * trigger, this very SQL)? */
static int ref_has(sqlite3 *ref, const char *type, const char *name,
		   const char *sql, bool *yes)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(ref, "SELECT 1 FROM sqlite_master WHERE type = ?1"
				    " AND name = ?2 AND (?3 IS NULL OR sql = ?3)", -1, &s, NULL);
	*yes = false;
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_text(s, 1, type, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, name, -1, SQLITE_STATIC);
	if (sql)
		sqlite3_bind_text(s, 3, sql, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	*yes = rc == SQLITE_ROW;
	rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
	sqlite3_finalize(s);
	return rc;
}

/* A table's columns as "name,name,...," in their order, and whether one
 * is hidden or generated. */
static int table_columns(sqlite3 *db, const char *table, char **cols, bool *hidden)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(db, "SELECT name, hidden FROM pragma_table_xinfo(?1)",
				    -1, &s, NULL);
	size_t len = 0;
	*cols = xstrdup("");
	*hidden = false;
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_text(s, 1, table, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *n = (const char *)sqlite3_column_text(s, 0);
		size_t k = n ? strlen(n) : 0;
		if (sqlite3_column_int(s, 1) != 0)
			*hidden = true;
		*cols = xrealloc(*cols, len + k + 2);
		memcpy(*cols + len, n ? n : "", k);
		len += k;
		(*cols)[len++] = ',';
		(*cols)[len] = '\0';
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The first object of db that ref lacks (see db_schema_odd). */
static int first_odd(sqlite3 *db, sqlite3 *ref, char **odd)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(db, "SELECT type, name, tbl_name, sql FROM sqlite_master"
				    " ORDER BY rowid", -1, &s, NULL);
	if (rc != SQLITE_OK)
		return rc;
	while (!*odd && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *type = (const char *)sqlite3_column_text(s, 0);
		const char *name = (const char *)sqlite3_column_text(s, 1);
		const char *tbl = (const char *)sqlite3_column_text(s, 2);
		const char *sql = (const char *)sqlite3_column_text(s, 3);
		bool yes = true;
		rc = SQLITE_OK;
		if (!type || !name)
			continue;
		if (!strcmp(type, "view") || !strcmp(type, "trigger")) {
			if (ref)
				rc = ref_has(ref, type, name, sql, &yes);
			if (rc == SQLITE_OK && (!ref || !yes))
				*odd = xasprintf(!strcmp(type, "view") ? _("it has a view '%s'")
						 : _("it has a trigger '%s'"), name);
		} else if (!strcmp(type, "table")) {
			char *cols = NULL, *want = NULL;
			bool hidden = false, ref_hidden;
			if (!strncmp(name, "sqlite_", 7))
				continue;	/* SQLite's own (sequence, stats) */
			if (sql && !strncasecmp(sql, "CREATE VIRTUAL", 14)) {
				*odd = xasprintf(_("it has a virtual table '%s'"), name);
				continue;
			}
			if (ref)
				rc = ref_has(ref, "table", name, NULL, &yes);
			if (rc == SQLITE_OK && !yes) {
				*odd = xasprintf(_("it has an unknown table '%s'"), name);
				continue;
			}
			if (rc == SQLITE_OK)
				rc = table_columns(db, name, &cols, &hidden);
			if (rc == SQLITE_OK && ref)
				rc = table_columns(ref, name, &want, &ref_hidden);
			if (rc == SQLITE_OK && hidden)
				*odd = xasprintf(_("table '%s' has a generated or hidden column"), name);
			else if (rc == SQLITE_OK && ref && strcmp(cols, want))
				*odd = xasprintf(_("table '%s' has other columns than neuvoo's (%s)"),
						 name, cols);
			free(cols);
			free(want);
		} else if (!strcmp(type, "index")) {
			if (ref && tbl)
				rc = ref_has(ref, "table", tbl, NULL, &yes);
			if (rc == SQLITE_OK && !yes)
				*odd = xasprintf(_("it has an index '%s' on an unknown table"), name);
		} else
			*odd = xasprintf(_("it has an unknown object '%s'"), name);
		if (rc != SQLITE_OK)
			break;
	}
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		rc = SQLITE_OK;
	return rc;
}

int db_schema_odd(sqlite3 *db, int (*create)(sqlite3 *ref, void *arg),
		  void *arg, char **odd)
{
	sqlite3 *ref = NULL;
	int rc = SQLITE_OK;
	*odd = NULL;
	if (create) {
		rc = sqlite3_open_v2(":memory:", &ref, SQLITE_OPEN_READWRITE, NULL);
		if (rc == SQLITE_OK)
			rc = create(ref, arg);
	}
	if (rc == SQLITE_OK)
		rc = first_odd(db, ref, odd);
	if (rc == SQLITE_OK && ref && !*odd) {
		/* Every table neuvoo's schema has is there too. */
		sqlite3_stmt *s;
		rc = sqlite3_prepare_v2(ref, "SELECT name FROM sqlite_master WHERE type = 'table'",
					-1, &s, NULL);
		while (rc == SQLITE_OK && !*odd && sqlite3_step(s) == SQLITE_ROW) {
			const char *name = (const char *)sqlite3_column_text(s, 0);
			bool yes = false;
			if (name && ref_has(db, "table", name, NULL, &yes) == SQLITE_OK && !yes)
				*odd = xasprintf(_("it has no table '%s'"), name);
		}
		if (rc == SQLITE_OK)
			sqlite3_finalize(s);
	}
	sqlite3_close(ref);
	return rc;
}

static int spec_create(sqlite3 *ref, void *arg)
{
	const struct db_spec *spec = arg;
	return spec->create(ref);
}

int db_check_schema(sqlite3 *db, const char *path, const struct db_spec *spec,
		    enum db_kind kind, int version, char **err)
{
	char *odd = NULL;
	/* A file of this build's version has exactly its schema; an older
	 * one (read, or migrated next) at least nothing that runs code. */
	bool exact = spec && spec->create && version == spec->version;
	int rc = db_schema_odd(db, exact ? spec_create : NULL, (void *)spec, &odd);
	if (rc != SQLITE_OK) {
		db_error(err, path, db, rc, kind);
		return -1;
	}
	if (odd) {
		if (kind == DB_TICKETS)
			err_set(err, _("%s: not a neuvoo ticket file (%s); move it aside"),
				path, odd);
		else if (kind == DB_RESULTS)
			err_set(err, _("%s: not a neuvoo training results file (%s); move it aside"),
				path, odd);
		else
			err_set(err, _("%s: not a neuvoo statistics file (%s); move it aside"),
				path, odd);
		free(odd);
		return -1;
	}
	return 0;
}

/* ---- opening ------------------------------------------------------------- */

int db_check_version(sqlite3 *db, const char *path, enum db_kind kind,
		     int known, int *version, char **err)
{
	sqlite3_stmt *s;
	int rc, tables = 0;

	*version = 0;
	/* One statement, so one snapshot: another process creating the
	 * schema between two reads must not look like a foreign file. */
	rc = db_prepare(db, "SELECT (SELECT user_version FROM pragma_user_version),"
			" (SELECT count(*) FROM sqlite_master)", &s);
	if (rc == SQLITE_OK) {
		rc = db_step(s);
		if (rc == SQLITE_ROW) {
			*version = sqlite3_column_int(s, 0);
			tables = sqlite3_column_int(s, 1);
			rc = SQLITE_OK;
		}
		sqlite3_finalize(s);
	}
	if (rc != SQLITE_OK) {
		db_error(err, path, db, rc, kind);
		return -1;
	}
	if (*version > known || (*version == 0 && tables > 0)) {
		db_version_error(err, path, kind, *version, known);
		return -1;
	}
	return 0;
}

/* The schema of a new file made, or an older file brought up to date,
 * once: another process may have done it since we looked, so the version
 * is read again inside the transaction. */
static int schema_step(sqlite3 *db, const char *path,
		       const struct db_spec *spec, char **err)
{
	int rc = db_exec(db, "BEGIN IMMEDIATE"), version;

	if (rc != SQLITE_OK) {
		db_error(err, path, db, rc, spec->kind);
		return -1;
	}
	if (db_check_version(db, path, spec->kind, spec->version, &version, err)) {
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	if (version == 0)
		rc = spec->create(db);
	else if (version < spec->version && spec->migrate)
		rc = spec->migrate(db, version);
	if (rc == SQLITE_OK)
		rc = db_exec(db, "COMMIT");
	if (rc != SQLITE_OK) {
		db_error(err, path, db, rc, spec->kind);
		sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return 0;
}

int db_open(const char *path, const struct db_spec *spec, sqlite3 **out,
	    char **err)
{
	sqlite3 *db = NULL;
	int rc, version;

	*out = NULL;
	rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE
			     | (spec->no_follow ? SQLITE_OPEN_NOFOLLOW : 0), NULL);
	if (rc != SQLITE_OK) {
		db_error(err, path, db, rc, spec->kind);
		goto fail;
	}
	sqlite3_extended_result_codes(db, 1);
	sqlite3_busy_timeout(db, DB_BUSY_TIMEOUT_MS);
	if (!spec->read_only_ok && sqlite3_db_readonly(db, "main") == 1) {
		db_error(err, path, db, SQLITE_READONLY, spec->kind);
		goto fail;
	}
	db_harden(db);
	/* The version first: a newer file must not even get its journal
	 * mode changed; nor a file with more in it than neuvoo's tables. */
	if (db_check_version(db, path, spec->kind, spec->version, &version, err))
		goto fail;
	if (version > 0 && db_check_schema(db, path, spec, spec->kind, version, err))
		goto fail;
	rc = db_exec(db, "PRAGMA journal_mode = WAL");
	if (rc == SQLITE_OK && spec->full_sync)
		rc = db_exec(db, "PRAGMA synchronous = FULL");
	else if (rc == SQLITE_OK)
		rc = db_exec(db, "PRAGMA synchronous = NORMAL");
	if (rc != SQLITE_OK) {
		db_error(err, path, db, rc, spec->kind);
		goto fail;
	}
	if (version == 0 && schema_step(db, path, spec, err) != 0)
		goto fail;
	if (version > 0 && version < spec->version && spec->migrate
	    && schema_step(db, path, spec, err) != 0)
		goto fail;
	*out = db;
	return 0;
fail:
	sqlite3_close_v2(db);
	return -1;
}

/* ---- reading another user's file ------------------------------------------ */

/* The default VFS, except that the -wal (and a rollback journal) is only
 * ever opened read-only and never created. SQLite keeps registered VFSes
 * for the life of the process; this one is registered once. */
static sqlite3_vfs nocreate_vfs;
static sqlite3_vfs *nocreate_base;

static int nocreate_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f,
			 int flags, int *out_flags)
{
	(void)vfs;
	if (flags & (SQLITE_OPEN_WAL | SQLITE_OPEN_MAIN_JOURNAL)) {
		flags &= ~(SQLITE_OPEN_CREATE | SQLITE_OPEN_READWRITE
			   | SQLITE_OPEN_EXCLUSIVE);
		flags |= SQLITE_OPEN_READONLY;
	}
	return nocreate_base->xOpen(nocreate_base, name, f, flags, out_flags);
}

static const char *nocreate_name(void)
{
	if (!nocreate_base) {
		sqlite3_vfs *base = sqlite3_vfs_find(NULL);
		if (!base)
			return NULL;
		nocreate_vfs = *base;
		nocreate_vfs.pNext = NULL;
		nocreate_vfs.zName = "neuvoo-nocreate";
		nocreate_vfs.xOpen = nocreate_open;
		nocreate_base = base;
		if (sqlite3_vfs_register(&nocreate_vfs, 0) != SQLITE_OK) {
			nocreate_base = NULL;
			return NULL;
		}
	}
	return nocreate_vfs.zName;
}

/* Everything but unreserved characters and '/' is percent-encoded, so
 * '?', '#', '%' and spaces in a path stay a path. */
char *db_file_uri(const char *path, const char *params)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(path), i, k = 0;
	char *enc = xmalloc(n * 3 + 1), *uri;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)path[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
		    c == '~' || c == '/') {
			enc[k++] = (char)c;
		} else {
			enc[k++] = '%';
			enc[k++] = hex[c >> 4];
			enc[k++] = hex[c & 15];
		}
	}
	enc[k] = '\0';
	uri = xasprintf("file:%s?%s", enc, params);
	free(enc);
	return uri;
}

static bool exists(const char *path, const char *suffix)
{
	char *p = xasprintf("%s%s", path, suffix);
	bool yes = access(p, F_OK) == 0;
	free(p);
	return yes;
}

/* Open uri read-only and read the schema, which is when SQLite opens the
 * log: an SQLite code back, *db set (also on failure, for the message). */
static int open_probe(const char *uri, const char *vfs, sqlite3 **db)
{
	int rc, n;
	*db = NULL;
	rc = sqlite3_open_v2(uri, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, vfs);
	if (rc == SQLITE_OK) {
		db_harden(*db);
		sqlite3_extended_result_codes(*db, 1);
		sqlite3_busy_timeout(*db, DB_BUSY_TIMEOUT_MS);
		/* Reports read whole files: mapping them saves a copy of
		 * every page. */
		sqlite3_exec(*db, "PRAGMA mmap_size = 268435456", NULL, NULL, NULL);
		rc = db_query_int(*db, "SELECT count(*) FROM sqlite_master", &n);
	}
	return rc;
}

static int copy_file(const char *from, const char *to)
{
	char buf[65536];
	int in = open(from, O_RDONLY | O_CLOEXEC), out = -1, rc = -1;
	ssize_t n;
	if (in < 0)
		return -1;
	out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (out < 0)
		goto done;
	while ((n = read(in, buf, sizeof buf)) > 0)
		if (write(out, buf, (size_t)n) != n)
			goto done;
	rc = n == 0 ? 0 : -1;
done:
	if (out >= 0 && close(out) != 0)
		rc = -1;
	close(in);
	return rc;
}

/* The file and its log copied into a private folder, the log folded in
 * there, the copy opened immutable and unlinked at once (the open
 * handle keeps it). */
static int open_snapshot(const char *path, enum db_kind kind, sqlite3 **out,
			 char **err)
{
	const char *tmp = getenv("TMPDIR");
	char *dir = xasprintf("%s/neuvoo-read.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	char *copy = NULL, *from = NULL, *to = NULL, *uri = NULL;
	sqlite3 *db = NULL;
	int rc = -1, e;

	*out = NULL;
	if (!mkdtemp(dir)) {
		e = errno;
		err_set(err, _("%s: cannot make a private copy to read (%s: %s); set TMPDIR to a writable folder"),
			path, dir, strerror(e));
		free(dir);
		return -1;
	}
	copy = xasprintf("%s/copy.db", dir);
	from = xasprintf("%s-wal", path);
	to = xasprintf("%s-wal", copy);
	if (copy_file(path, copy) != 0 || (copy_file(from, to) != 0 && errno != ENOENT)) {
		e = errno;
		err_set(err, _("%s: cannot make a private copy to read (%s: %s); set TMPDIR to a writable folder"),
			path, dir, strerror(e));
		goto done;
	}
	if (sqlite3_open_v2(copy, &db, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK)
		rc = db_exec(db, "PRAGMA journal_mode = DELETE");
	else
		rc = sqlite3_errcode(db);
	sqlite3_close(db);
	db = NULL;
	if (rc != SQLITE_OK) {
		read_error(err, path, NULL, rc, kind);
		rc = -1;
		goto done;
	}
	uri = db_file_uri(copy, "immutable=1");
	rc = open_probe(uri, NULL, &db);
	if (rc != SQLITE_OK) {
		read_error(err, path, db, rc, kind);
		sqlite3_close(db);
		rc = -1;
		goto done;
	}
	if (db_check_schema(db, path, NULL, kind, 0, err) != 0) {
		sqlite3_close(db);
		rc = -1;
		goto done;
	}
	*out = db;
	rc = 0;
done:
	unlink(to);
	unlink(copy);
	free(from);
	free(to);
	from = xasprintf("%s-journal", copy);
	unlink(from);
	free(from);
	from = xasprintf("%s-shm", copy);
	unlink(from);
	free(from);
	rmdir(dir);
	free(copy);
	free(uri);
	free(dir);
	return rc;
}

int db_open_reader(const char *path, enum db_kind kind, sqlite3 **out,
		   char **err)
{
	sqlite3 *db = NULL;
	int rc = SQLITE_CANTOPEN, attempt;

	*out = NULL;
	if (access(path, R_OK) != 0) {
		int e = errno;
		if (e == EACCES)
			err_set(err, _("%s: cannot read the file: %s; you need read access to it (the configured group's), else it is left out"),
				path, strerror(e));
		else
			err_set(err, _("%s: cannot read the file: %s"), path, strerror(e));
		return -1;
	}
	/* A desk can start or stop between looking and opening: look again
	 * (a log that vanished was folded into the file). */
	for (attempt = 0; attempt < 3; attempt++) {
		bool wal = exists(path, "-wal"), shm = exists(path, "-shm");
		const char *vfs = nocreate_name();
		char *uri;
		if (wal && !shm)
			return open_snapshot(path, kind, out, err);
		if (wal && !vfs)	/* no VFS: never risk a -wal of ours */
			return open_snapshot(path, kind, out, err);
		uri = db_file_uri(path, wal ? "mode=ro&readonly_shm=1" : "mode=ro&immutable=1");
		rc = open_probe(uri, wal ? vfs : NULL, &db);
		free(uri);
		if (rc == SQLITE_OK) {
			if (db_check_schema(db, path, NULL, kind, 0, err) != 0) {
				sqlite3_close(db);
				return -1;
			}
			*out = db;
			return 0;
		}
		if ((rc & 0xff) != SQLITE_CANTOPEN || !wal)
			break;
		sqlite3_close(db);
		db = NULL;
	}
	if ((rc & 0xff) == SQLITE_CANTOPEN && exists(path, "-wal")) {
		/* A -shm that cannot be read: a copy still has it all. */
		sqlite3_close(db);
		return open_snapshot(path, kind, out, err);
	}
	read_error(err, path, db, rc, kind);
	sqlite3_close(db);
	return -1;
}
