/* stats_session: see stats_session.h.
 *
 * The draft journal is written on every change. Syncing it to the disk
 * each time would make typing lag on a busy server, so it is synced at
 * most every DRAFT_SYNC_SECONDS; in between, the WAL frames still reach
 * the kernel at once, which is what survives a killed process or a
 * dropped connection. A power cut loses at most these seconds of typing.
 * Taking over a dead session's draft is one transaction, so two desks
 * starting at once never both take it. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/contact_fields.h"
#include "core/db.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/stats_priv.h"

/* Sessions on one file at once, at most (a slot each). */
#define SESSION_SLOTS 4096
#define DRAFT_SYNC_SECONDS 2
/* A journal write waits this long for another program's lock; the next
 * change tries again, so typing never freezes. */
#define DRAFT_BUSY_MS 200

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
void stats_session_lock(struct stats_session *s, const char *path)
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
bool stats_slot_alive(const struct stats *st, int slot)
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

/* This session's draft out of the journal. */
int stats_delete_draft(struct stats *st)
{
	sqlite3_stmt *s;
	int rc = db_prepare(st->db, "DELETE FROM draft WHERE session = ?", &s);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_text(s, 1, st->session->id, -1, SQLITE_STATIC);
	rc = db_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* ---- the draft journal ------------------------------------------------- */

int stats_draft_put(struct stats *st, const struct contact *d, char **err)
{
	static const char sql[] =
		"INSERT OR REPLACE INTO draft (session, slot, updated_at, id,"
		" started_at" CONTACT_COLUMNS ") VALUES (?, ?, ?, ?, ?"
		CONTACT_QMARKS ")";
	sqlite3_stmt *s;
	time_t now = time(NULL);
	bool durable = now - st->draft_synced >= DRAFT_SYNC_SECONDS
		       || now < st->draft_synced;
	int rc;

	/* The file renamed away and another planted: the orphan (now
	 * someone else's name) gets no draft either, like no save. */
	if (!stats_is_same(st)) {
		err_set(err, _("%s: file replaced; restart the desk"),
			st->path);
		return -1;
	}
	if (!durable)
		db_exec(st->db, "PRAGMA synchronous = NORMAL");
	rc = db_prepare(st->db, sql, &s);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(s, 1, st->session->id, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 2, st->session->slot);
		sqlite3_bind_int64(s, 3, (sqlite3_int64)time(NULL));
		stats_bind_text(s, 4, d->id);
		sqlite3_bind_int64(s, 5, (sqlite3_int64)d->started_at);
		stats_bind_fields(s, 6, d);
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
	if (rc != SQLITE_OK) {
		stats_fail(err, st->path, st->db, rc);
		return -1;
	}
	return 0;
}

/* This session's draft into *draft (NULL when none). */
static int own_draft(struct stats *st, struct contact **draft)
{
	static const char sql[] =
		"SELECT id, started_at, 0" CONTACT_COLUMNS
		" FROM draft WHERE session = ?";
	sqlite3_stmt *s;
	int rc = db_prepare(st->db, sql, &s);

	*draft = NULL;
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_text(s, 1, st->session->id, -1, SQLITE_STATIC);
	rc = db_step(s);
	if (rc == SQLITE_ROW)
		*draft = stats_row_contact(s);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* The newest draft of a dead session becomes this session's, in one
 * transaction, so that two desks starting at once never both take it. */
static int adopt_draft(struct stats *st)
{
	sqlite3_stmt *s = NULL;
	char *victim = NULL;
	int rc = db_exec(st->db, "BEGIN IMMEDIATE");

	if (rc == SQLITE_OK)
		rc = db_prepare(st->db, "SELECT session, slot FROM draft"
			     " WHERE session <> ? ORDER BY updated_at DESC", &s);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(s, 1, st->session->id, -1, SQLITE_STATIC);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW)
			if (!stats_slot_alive(st, sqlite3_column_int(s, 1))) {
				const char *v = (const char *)sqlite3_column_text(s, 0);
				victim = xstrdup(v ? v : "");
				break;
			}
		rc = rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
		sqlite3_finalize(s);
		s = NULL;
	}
	if (rc == SQLITE_OK && victim)
		rc = db_prepare(st->db, "UPDATE draft SET session = ?, slot = ?"
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
		rc = db_exec(st->db, "COMMIT");
	if (rc != SQLITE_OK)
		stats_rollback(st);
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
		stats_fail(err, st->path, st->db, rc);
		return -1;
	}
	return 0;
}

int stats_draft_clear(struct stats *st, char **err)
{
	/* With a WHERE clause on the key: a bare DELETE empties the table's
	 * page even when there is no draft, one more synced commit after
	 * every save. */
	int rc;
	if (!stats_is_same(st))
		return 0;	/* nothing of ours to clear in the orphan */
	rc = stats_delete_draft(st);
	if (rc != SQLITE_OK) {
		stats_fail(err, st->path, st->db, rc);
		return -1;
	}
	return 0;
}
