/* db: see db.h.
 *
 * Busy handling: a busy timeout covers most waits, and a retry loop with
 * short random naps covers the few statements that come back SQLITE_BUSY
 * without calling the busy handler (WAL recovery, the journal-mode
 * switch), so that two processes on one file wait for each other. */
#include <config.h>

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

void db_version_error(char **err, const char *path, enum db_kind kind,
		      int version, int known)
{
	if (version > known && kind == DB_RESULTS)
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

/* The schema of a new file, made once: another process may have made it
 * since we looked. */
static int create_schema(sqlite3 *db, const char *path,
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
	rc = version ? SQLITE_OK : spec->create(db);
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
	rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL);
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
	/* The version first: a newer file must not even get its journal
	 * mode changed. */
	if (db_check_version(db, path, spec->kind, spec->version, &version, err))
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
	if (version == 0 && create_schema(db, path, spec, err) != 0)
		goto fail;
	*out = db;
	return 0;
fail:
	sqlite3_close_v2(db);
	return -1;
}
