/* stats_snapshot: see stats_snapshot.h.
 *
 * The copy goes into a new empty file created first with the desk's mode
 * and group, so it is never readable by more than the desk's file, through
 * SQLite's backup API from the reader's connection (VACUUM INTO would
 * open its target through the reader's no-create VFS). Dropping notes
 * uses secure_delete and a VACUUM of the copy, so no note stays behind
 * in a free page. */
#include <config.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/db.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/sharedir.h"
#include "core/stats_priv.h"
#include "core/stats_snapshot.h"

static int copy_fail(char **err, const char *to, sqlite3 *db, int rc)
{
	err_set(err, _("%s: cannot write the snapshot: %s"), to,
		db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
	return -1;
}

/* The copy's notes: all gone, or those ended before the retention. */
static int drop_notes(sqlite3 *db, const struct stats_snapshot_opts *o)
{
	sqlite3_stmt *s;
	sqlite3_int64 cutoff = INT64_MAX;
	int rc;
	if (o->keep_notes && o->note_retention_days > 0)
		cutoff = (sqlite3_int64)time(NULL) - (sqlite3_int64)o->note_retention_days * 86400;
	rc = db_exec(db, "PRAGMA secure_delete = ON");
	if (rc == SQLITE_OK)
		rc = db_prepare(db, "UPDATE contact SET note = NULL"
				" WHERE note IS NOT NULL AND ended_at < ?", &s);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(s, 1, cutoff);
	rc = db_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return rc;
	/* The draft being typed has a note too: it never leaves the host. */
	rc = db_exec(db, "UPDATE draft SET note = NULL WHERE note IS NOT NULL");
	if (rc != SQLITE_OK)
		return rc;
	return db_exec(db, "VACUUM");
}

int stats_snapshot(const char *from, const char *to,
		   const struct stats_snapshot_opts *o, char **err)
{
	sqlite3 *src = NULL, *dst = NULL;
	gid_t gid;
	char *tmp;
	int rc;

	if (sharedir_group(o->group, &gid, err))
		return -1;
	if (db_open_reader(from, DB_STATS, &src, err))
		return -1;
	tmp = xasprintf("%s.tmp%ld", to, (long)getpid());
	unlink(tmp);
	if (sharedir_create_file(tmp, gid != (gid_t)-1 ? 0640 : 0600, gid, err)) {
		sqlite3_close(src);
		free(tmp);
		return -1;
	}
	/* The backup API copies the pages the reader sees (its -wal
	 * included) in one read transaction: a consistent copy, written
	 * through a connection of our own to the new file. */
	rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_backup *bk = sqlite3_backup_init(dst, "main", src, "main");
		if (!bk)
			rc = sqlite3_errcode(dst);
		else {
			while ((rc = sqlite3_backup_step(bk, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED)
				db_nap(1);
			rc = sqlite3_backup_finish(bk);
		}
	}
	if (rc != SQLITE_OK) {
		err_set(err, _("%s: cannot copy the file: %s"), from,
			dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
		goto fail;
	}
	if (rc == SQLITE_OK)
		rc = db_exec(dst, "PRAGMA journal_mode = DELETE");
	if (rc == SQLITE_OK)
		rc = drop_notes(dst, o);
	if (rc != SQLITE_OK) {
		copy_fail(err, to, dst, rc);
		goto fail;
	}
	if (sqlite3_close(dst) != SQLITE_OK) {
		dst = NULL;
		err_set(err, _("%s: cannot write the snapshot: %s"), to, strerror(errno ? errno : EIO));
		goto fail;
	}
	dst = NULL;
	if (rename(tmp, to) != 0) {
		err_set(err, _("%s: cannot write the snapshot: %s"), to, strerror(errno));
		goto fail;
	}
	sqlite3_close(src);
	free(tmp);
	return 0;
fail:
	sqlite3_close(dst);
	sqlite3_close(src);
	unlink(tmp);
	{
		char *j = xasprintf("%s-journal", tmp);
		unlink(j);
		free(j);
	}
	free(tmp);
	return -1;
}
