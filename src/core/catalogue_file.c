/* catalogue_file: the catalogue file itself, for the read side: its
 * header read by hand before SQLite sees it (so a missing, foreign or
 * cut-short file gets a plain sentence, not a SQLite code), the read-only
 * immutable open, the schema version and tables, the messages for a
 * failed read, SQLite's integrity check, and catalogue_changed().
 *
 * The file is opened through a URI with mode=ro&immutable=1: SQLite then
 * takes no locks and never looks for a journal or WAL, so desks can read a
 * catalogue in a folder they cannot write, and an admin's rename over it
 * never disturbs a reader. */
#include <config.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "core/catalogue.h"
#include "core/catalogue_load.h"
#include "core/catalogue_schema.h"
#include "core/db.h"
#include "core/err.h"
#include "core/i18n.h"

/* Read the SQLite header by hand: a missing, unreadable, foreign or
 * cut-short file is explained here in words. */
int catalogue_file_precheck(const char *path, struct stat *st, char **err)
{
	unsigned char h[100];
	FILE *f;
	size_t got;
	unsigned long page, pages, counter, valid_for;

	if (stat(path, st) != 0) {
		if (errno == ENOENT)
			err_set(err, _("%s: no catalogue here; create one with 'neuvoo catalogue init'"),
				path);
		else
			err_set(err, _("%s: cannot read the catalogue: %s"), path, strerror(errno));
		return -1;
	}
	if (S_ISDIR(st->st_mode)) {
		err_set(err, _("%s: is a folder, not a catalogue; give the catalogue file"), path);
		return -1;
	}
	f = fopen(path, "rb");
	if (!f) {
		err_set(err, _("%s: cannot read the catalogue: %s; check its permissions"),
			path, strerror(errno));
		return -1;
	}
	got = fread(h, 1, sizeof h, f);
	fclose(f);
	if (got < 16 || memcmp(h, "SQLite format 3", 16) != 0) {
		err_set(err, _("%s: not a neuvoo catalogue (not an SQLite database)"), path);
		return -1;
	}
	if (got < sizeof h) {
		err_set(err, _("%s: catalogue is damaged (the file is cut short); publish it again"),
			path);
		return -1;
	}
	page = (unsigned long)h[16] << 8 | h[17];
	if (page == 1)
		page = 65536;
	pages = (unsigned long)h[28] << 24 | (unsigned long)h[29] << 16 |
		(unsigned long)h[30] << 8 | h[31];
	counter = (unsigned long)h[24] << 24 | (unsigned long)h[25] << 16 |
		  (unsigned long)h[26] << 8 | h[27];
	valid_for = (unsigned long)h[92] << 24 | (unsigned long)h[93] << 16 |
		    (unsigned long)h[94] << 8 | h[95];
	/* The page count in the header is only trustworthy when the change
	 * counter matches the "version valid for" field. */
	if (page < 512 || (page & (page - 1)) != 0 ||
	    (pages && counter == valid_for &&
	     (uint64_t)st->st_size < (uint64_t)pages * page) ||
	    st->st_size % (off_t)page != 0) {
		err_set(err, _("%s: catalogue is damaged (the file is cut short); publish it again"),
			path);
		return -1;
	}
	return 0;
}

int catalogue_file_open(const char *path, sqlite3 **db)
{
	char *uri = db_file_uri(path, "mode=ro&immutable=1");
	int rc;
	*db = NULL;
	rc = sqlite3_open_v2(uri, db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
	free(uri);
	if (rc == SQLITE_OK)
		db_harden(*db);
	return rc;
}


void catalogue_file_error(char **err, const char *path, sqlite3 *db, int rc,
			  const char *msg)
{
	int prim = rc & 0xff;
	if (!msg)
		msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
	if (prim == SQLITE_CORRUPT || prim == SQLITE_NOTADB || prim == SQLITE_IOERR)
		err_set(err, _("%s: catalogue is damaged (%s); publish it again"), path, msg);
	else if (prim == SQLITE_ERROR)
		err_set(err, _("%s: not a neuvoo catalogue (%s)"), path, msg);
	else if (prim == SQLITE_NOMEM)
		err_set(err, _("%s: not enough memory to load the catalogue"), path);
	else
		err_set(err, _("%s: cannot read the catalogue (%s)"), path, msg);
}

int catalogue_file_version(sqlite3 *db, const char *path, int *version,
			   char **err)
{
	sqlite3_stmt *st = NULL;
	size_t i;
	int rc = db_user_version(db, version);
	if (rc != SQLITE_OK) {
		catalogue_file_error(err, path, db, rc, NULL);
		return -1;
	}
	if (*version > CATALOGUE_SCHEMA_VERSION) {
		err_set(err, _("%s: catalogue schema version %d is newer than this neuvoo understands (%d); update neuvoo"),
			path, *version, CATALOGUE_SCHEMA_VERSION);
		return -1;
	}
	if (*version < 1) {
		err_set(err, _("%s: not a neuvoo catalogue (schema version %d); create one with 'neuvoo catalogue init'"),
			path, *version);
		return -1;
	}
	rc = sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1",
				-1, &st, NULL);
	if (rc != SQLITE_OK) {
		catalogue_file_error(err, path, db, rc, NULL);
		return -1;
	}
	/* Every table of the schema (catalogue_fields.h) must be there. */
	for (i = 0; i < CAT_TABLE__N; i++) {
		const char *name = catalogue_fields((enum cat_table_id)i)->name;
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE) {
			err_set(err, _("%s: not a neuvoo catalogue (no table '%s')"), path,
				name);
			sqlite3_finalize(st);
			return -1;
		}
		if (rc != SQLITE_ROW) {
			catalogue_file_error(err, path, db, rc, NULL);
			sqlite3_finalize(st);
			return -1;
		}
	}
	sqlite3_finalize(st);
	/* Exactly the known tables and columns: a generated column, a view
	 * in place of a table or a trigger could make every read cost
	 * gigabytes. An older version is checked for those alone. */
	{
		char *odd = NULL;
		rc = db_schema_odd(db, *version == CATALOGUE_SCHEMA_VERSION ? catalogue_schema_reference : NULL,
				   NULL, &odd);
		if (rc != SQLITE_OK) {
			catalogue_file_error(err, path, db, rc, NULL);
			return -1;
		}
		if (odd) {
			err_set(err, _("%s: not a neuvoo catalogue (%s); publish it again with 'neuvoo catalogue import'"),
				path, odd);
			free(odd);
			return -1;
		}
	}
	return 0;
}

bool catalogue_changed(const struct catalogue *cat)
{
	struct stat st;
	if (!cat || !cat->path)
		return false;
	if (stat(cat->path, &st) != 0)
		return true;
	return st.st_dev != cat->dev || st.st_ino != cat->ino ||
	       st.st_size != cat->size || st.st_mtim.tv_sec != cat->mtime.tv_sec ||
	       st.st_mtim.tv_nsec != cat->mtime.tv_nsec;
}

int catalogue_verify_file(const char *path, char **err)
{
	struct stat st;
	sqlite3 *db = NULL;
	sqlite3_stmt *q = NULL;
	int rc;

	if (catalogue_file_precheck(path, &st, err) != 0)
		return -1;
	rc = catalogue_file_open(path, &db);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "PRAGMA integrity_check(1)", -1, &q, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(q);
		if (rc == SQLITE_ROW) {
			const char *res = (const char *)sqlite3_column_text(q, 0);
			if (res && strcmp(res, "ok") != 0) {
				err_set(err, _("%s: catalogue is damaged (%s); publish it again"),
					path, res);
				sqlite3_finalize(q);
				sqlite3_close(db);
				return -1;
			}
			rc = SQLITE_OK;
		}
	}
	if (rc != SQLITE_OK) {
		catalogue_file_error(err, path, db, rc, NULL);
		sqlite3_finalize(q);
		sqlite3_close(db);
		return -1;
	}
	sqlite3_finalize(q);
	sqlite3_close(db);
	return 0;
}
