/* tickets_sqlite: the ticket store as one SQLite file shared by every
 * desk and queue of the unit (tickets_store.h).
 *
 * Many writers, one file: unlike a desk's statistics, a ticket is taken
 * and closed by others than the desk that made it, so the file is the
 * unit's: in a shared set-up `neuvoo doctor --fix` makes the folder
 * root:GROUP 3770 (setgid: the -wal and -shm SQLite makes get the group;
 * sticky: nobody removes or renames the file or another's -wal) and the
 * file root:GROUP 0660 (every member reads and writes it, nobody else
 * anything). Without a group (one user) it is 0600 in a 0700 folder.
 * The folder and file rules are sharedir's, as for the statistics.
 *
 * Each step is one IMMEDIATE transaction with a conditional UPDATE, so
 * two users taking a ticket at once: one gets it, the other is told who
 * has it. The contact details are in their own table, deleted at their
 * retention with secure_delete on and the log truncated afterwards, so
 * neither the file nor its -wal keeps them. */
#include <config.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/db.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "core/sharedir.h"
#include "core/tickets_store.h"

struct store {
	sqlite3 *db;
	char *path;
	/* Erased details may still be in the log: empty it at the close. */
	bool truncate_pending;
};

/* Empty the log (its older copies of erased rows): false while a reader
 * still needs it. */
static bool truncate_log(struct store *s)
{
	int log = -1, done = -1;
	int rc = sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_TRUNCATE,
					   &log, &done);
	return rc == SQLITE_OK && log == 0;
}

static const char schema_sql[] =
	"CREATE TABLE IF NOT EXISTS ticket ("
	" id INTEGER PRIMARY KEY,"
	" created_at INTEGER NOT NULL, created_by TEXT NOT NULL, desk TEXT,"
	" assignee_kind TEXT NOT NULL, assignee TEXT NOT NULL,"
	" language TEXT NOT NULL, topics TEXT NOT NULL DEFAULT '',"
	" due_at INTEGER NOT NULL, status TEXT NOT NULL DEFAULT 'open',"
	" taken_by TEXT, taken_at INTEGER, first_call_at INTEGER,"
	" closed_at INTEGER, attempts INTEGER NOT NULL DEFAULT 0,"
	" passes INTEGER NOT NULL DEFAULT 0, erased_at INTEGER);"
	"CREATE INDEX IF NOT EXISTS ticket_status ON ticket(status, due_at);"
	/* The personal part: one row a ticket until it is erased. */
	"CREATE TABLE IF NOT EXISTS ticket_contact ("
	" ticket INTEGER PRIMARY KEY NOT NULL,"
	" phone TEXT, email TEXT, note TEXT);"
	"CREATE TABLE IF NOT EXISTS audit ("
	" id INTEGER PRIMARY KEY, ticket INTEGER NOT NULL,"
	" at INTEGER NOT NULL, user TEXT NOT NULL, action TEXT NOT NULL,"
	" detail TEXT);"
	"CREATE INDEX IF NOT EXISTS audit_ticket ON audit(ticket);"
	"PRAGMA user_version = 1;";

static int create_schema(sqlite3 *db)
{
	return sqlite3_exec(db, schema_sql, NULL, NULL, NULL);
}

static void fail(char **err, struct store *s, int rc)
{
	db_error(err, s->path, s->db, rc, DB_TICKETS);
}

/* ---- opening ------------------------------------------------------------ */

/* In a shared set-up the file must be the group's, writable by it and by
 * nobody else: a file made by hand with another mode would lock the
 * others out, or let everyone read it. */
static int check_shared(const char *path, gid_t gid, char **err)
{
	struct stat sb;
	if (gid == (gid_t)-1 || lstat(path, &sb) != 0)
		return 0;
	if (sb.st_mode & 0007) {
		err_set(err, _("%s: the ticket file is readable by others; run 'chmod o-rwx' on it, or 'neuvoo doctor --fix' as root"), path);
		return -1;
	}
	if (sb.st_gid != gid || (sb.st_mode & 0060) != 0060) {
		err_set(err, _("%s: the ticket file is not readable and writable by the configured group; run 'neuvoo doctor --fix' as root"), path);
		return -1;
	}
	return 0;
}

static void store_close(void *h)
{
	struct store *s = h;
	if (!s)
		return;
	if (s->truncate_pending)
		truncate_log(s);
	/* Closing last checkpoints and removes the -wal where it may (in a
	 * sticky folder only its owner may; then it stays, emptied). */
	sqlite3_close_v2(s->db);
	free(s->path);
	free(s);
}

static const char *store_path(void *h)
{
	return ((struct store *)h)->path;
}

/* ---- statements --------------------------------------------------------- */

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v && *v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

static char *col_str(sqlite3_stmt *st, int i)
{
	const unsigned char *v = sqlite3_column_text(st, i);
	return v ? xstrdup((const char *)v) : NULL;
}

/* Run a prepared statement to its end (no rows wanted). */
static int run(sqlite3_stmt *st)
{
	int rc = db_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? SQLITE_OK : rc;
}

static int audit(struct store *s, long id, time_t at, const char *user,
		 const char *action, const char *detail)
{
	sqlite3_stmt *st;
	int rc = db_prepare(s->db, "INSERT INTO audit (ticket, at, user, action, detail)"
			    " VALUES (?1, ?2, ?3, ?4, ?5)", &st);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)at);
	bind_text(st, 3, user);
	bind_text(st, 4, action);
	bind_text(st, 5, detail);
	return run(st);
}

static int begin(struct store *s, char **err)
{
	int rc = db_exec(s->db, "BEGIN IMMEDIATE");
	if (rc != SQLITE_OK)
		fail(err, s, rc);
	return rc == SQLITE_OK ? 0 : -1;
}

/* COMMIT after rc (an SQLite code), or ROLLBACK with the message. */
static int finish(struct store *s, int rc, char **err)
{
	if (rc == SQLITE_OK)
		rc = db_exec(s->db, "COMMIT");
	if (rc == SQLITE_OK)
		return 0;
	fail(err, s, rc);
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/* ---- operations ----------------------------------------------------------- */

static int store_create(void *h, const struct ticket_new *n, const char *phone,
			enum ticket_assignee to, const char *value, time_t now,
			const char *user, long *id, char **err)
{
	struct store *s = h;
	sqlite3_stmt *st;
	char *topics = codes_topics_join(n->topics);
	int rc;

	if (begin(s, err)) {
		free(topics);
		return -1;
	}
	rc = db_prepare(s->db, "INSERT INTO ticket (created_at, created_by, desk,"
			" assignee_kind, assignee, language, topics, due_at)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", &st);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, (sqlite3_int64)now);
		bind_text(st, 2, user);
		bind_text(st, 3, n->desk);
		bind_text(st, 4, tickets_assignee_prefix(to));
		bind_text(st, 5, value);
		bind_text(st, 6, n->language);
		sqlite3_bind_text(st, 7, topics ? topics : "", -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 8, (sqlite3_int64)n->due_at);
		rc = run(st);
	}
	free(topics);
	*id = (long)sqlite3_last_insert_rowid(s->db);
	if (rc == SQLITE_OK)
		rc = db_prepare(s->db, "INSERT INTO ticket_contact (ticket, phone, email, note)"
				" VALUES (?1, ?2, ?3, ?4)", &st);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, *id);
		bind_text(st, 2, phone);
		bind_text(st, 3, n->email);
		bind_text(st, 4, n->note);
		rc = run(st);
	}
	if (rc == SQLITE_OK)
		rc = audit(s, *id, now, user, "create", NULL);
	return finish(s, rc, err);
}

#define TICKET_COLS "id, created_at, due_at, taken_at, first_call_at," \
	" closed_at, created_by, desk, assignee_kind, assignee, language," \
	" topics, status, taken_by, attempts, passes, erased_at"

static void read_row(sqlite3_stmt *st, struct ticket *k)
{
	char *kind = col_str(st, 8), *status = col_str(st, 12);
	int i;
	memset(k, 0, sizeof *k);
	k->id = (long)sqlite3_column_int64(st, 0);
	k->created_at = (time_t)sqlite3_column_int64(st, 1);
	k->due_at = (time_t)sqlite3_column_int64(st, 2);
	k->taken_at = (time_t)sqlite3_column_int64(st, 3);
	k->first_call_at = (time_t)sqlite3_column_int64(st, 4);
	k->closed_at = (time_t)sqlite3_column_int64(st, 5);
	k->created_by = col_str(st, 6);
	k->desk = col_str(st, 7);
	k->to = TICKET_TO_UNIT;
	for (i = 0; kind && i < TICKET_TO__N; i++)
		if (!strcmp(kind, tickets_assignee_prefix((enum ticket_assignee)i)))
			k->to = (enum ticket_assignee)i;
	k->assignee = col_str(st, 9);
	k->language = col_str(st, 10);
	k->topics = col_str(st, 11);
	i = tickets_status_find(status);
	k->status = i < 0 ? TICKET_OPEN : (enum ticket_status)i;
	k->taken_by = col_str(st, 13);
	k->attempts = sqlite3_column_int(st, 14);
	k->passes = sqlite3_column_int(st, 15);
	k->erased = sqlite3_column_type(st, 16) != SQLITE_NULL;
	if (!k->assignee)
		k->assignee = xstrdup("");
	if (!k->language)
		k->language = xstrdup("");
	if (!k->topics)
		k->topics = xstrdup("");
	free(kind);
	free(status);
}

static int store_list(void *h, const struct tickets_filter *f, time_t now,
		      struct ticket **rows, size_t *n, char **err)
{
	struct store *s = h;
	sqlite3_stmt *st;
	size_t cap = 0;
	char *kind = NULL, *value = NULL;
	const char *colon = f->assignee ? strchr(f->assignee, ':') : NULL;
	int rc;

	*rows = NULL;
	*n = 0;
	if (f->assignee) {
		kind = colon ? xstrndup(f->assignee, (size_t)(colon - f->assignee))
			     : xstrdup(f->assignee);
		value = colon ? xstrdup(colon + 1) : NULL;
	}
	rc = db_prepare(s->db, "SELECT " TICKET_COLS " FROM ticket"
			" WHERE (?1 OR status IN ('open', 'taken'))"
			" AND (?2 IS NULL OR assignee_kind = ?2)"
			" AND (?3 IS NULL OR assignee = ?3)"
			" AND (?4 IS NULL OR language = ?4)"
			" AND (NOT ?5 OR (status IN ('open', 'taken') AND due_at < ?6))"
			" ORDER BY due_at, id", &st);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int(st, 1, f->closed);
		bind_text(st, 2, kind);
		bind_text(st, 3, value);
		bind_text(st, 4, f->language);
		sqlite3_bind_int(st, 5, f->overdue);
		sqlite3_bind_int64(st, 6, (sqlite3_int64)now);
		while ((rc = db_step(st)) == SQLITE_ROW) {
			if (*n == cap) {
				cap = cap ? cap * 2 : 16;
				*rows = xrealloc(*rows, cap * sizeof **rows);
			}
			read_row(st, &(*rows)[(*n)++]);
		}
		sqlite3_finalize(st);
	}
	free(kind);
	free(value);
	if (rc == SQLITE_DONE)
		return 0;
	tickets_rows_free(rows, *n);
	*n = 0;
	fail(err, s, rc);
	return -1;
}

/* The contact details of id (and the audited read), inside a transaction. */
static int read_contact(struct store *s, long id, time_t now, const char *user,
			struct ticket_contact **c)
{
	sqlite3_stmt *st;
	int rc = db_prepare(s->db, "SELECT phone, email, note FROM ticket_contact"
			    " WHERE ticket = ?1", &st);
	*c = NULL;
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(st, 1, id);
	rc = db_step(st);
	if (rc == SQLITE_ROW) {
		*c = xcalloc(1, sizeof **c);
		(*c)->phone = col_str(st, 0);
		(*c)->email = col_str(st, 1);
		(*c)->note = col_str(st, 2);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rc;
	return *c ? audit(s, id, now, user, "read", NULL) : SQLITE_OK;
}

/* Why a step did not change the ticket: *refused and *err, or *mine
 * (taken by this user already); an SQLite code back. */
static int refusal(struct store *s, const struct ticket_step *stp,
		   bool *refused, bool *mine, char **err)
{
	sqlite3_stmt *st;
	char *status = NULL, *by = NULL;
	int rc = db_prepare(s->db, "SELECT status, taken_by FROM ticket WHERE id = ?1", &st);
	*mine = *refused = false;
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_int64(st, 1, stp->id);
	rc = db_step(st);
	if (rc == SQLITE_ROW) {
		status = col_str(st, 0);
		by = col_str(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rc;
	*refused = tickets_store_refusal(stp->id, status, by, stp->user, mine,
					 err) != 0;
	free(status);
	free(by);
	return SQLITE_OK;
}

/* The conditional UPDATE of each step: it changes the ticket only while
 * it is open, or taken by this user (?2). */
static const char *const step_sql[] = {
	[TICKET_OP_TAKE] =
		"UPDATE ticket SET status = 'taken', taken_by = ?2, taken_at = ?3"
		" WHERE id = ?1 AND status = 'open'",
	[TICKET_OP_DONE] =
		"UPDATE ticket SET status = 'done', closed_at = ?3,"
		" first_call_at = coalesce(first_call_at, ?3),"
		" taken_by = coalesce(taken_by, ?2), taken_at = coalesce(taken_at, ?3)"
		" WHERE id = ?1 AND (status = 'open' OR (status = 'taken' AND taken_by = ?2))",
	[TICKET_OP_UNREACHABLE] =
		"UPDATE ticket SET attempts = attempts + 1,"
		" first_call_at = coalesce(first_call_at, ?3),"
		" status = CASE WHEN attempts + 1 >= ?4 THEN 'unreachable' ELSE 'open' END,"
		" closed_at = CASE WHEN attempts + 1 >= ?4 THEN ?3 END,"
		" taken_by = CASE WHEN attempts + 1 >= ?4 THEN coalesce(taken_by, ?2) END,"
		" taken_at = CASE WHEN attempts + 1 >= ?4 THEN coalesce(taken_at, ?3) END"
		" WHERE id = ?1 AND (status = 'open' OR (status = 'taken' AND taken_by = ?2))",
	[TICKET_OP_PASS] =
		"UPDATE ticket SET assignee_kind = ?5, assignee = ?6, status = 'open',"
		" taken_by = NULL, taken_at = NULL, passes = passes + 1"
		" WHERE id = ?1 AND (status = 'open' OR (status = 'taken' AND taken_by = ?2))",
};
static const char *const step_action[] = {
	[TICKET_OP_TAKE] = "take", [TICKET_OP_DONE] = "done",
	[TICKET_OP_UNREACHABLE] = "unreachable", [TICKET_OP_PASS] = "pass",
};

static int store_step(void *h, struct ticket_step *stp,
		      struct ticket_contact **c, char **err)
{
	struct store *s = h;
	sqlite3_stmt *st;
	char *detail = NULL;
	bool mine = false;
	int rc;

	if (begin(s, err))
		return -1;
	rc = db_prepare(s->db, step_sql[stp->op], &st);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, stp->id);
		bind_text(st, 2, stp->user);
		sqlite3_bind_int64(st, 3, (sqlite3_int64)stp->now);
		sqlite3_bind_int(st, 4, TICKETS_MAX_ATTEMPTS);
		bind_text(st, 5, tickets_assignee_prefix(stp->to));
		bind_text(st, 6, stp->value);
		rc = run(st);
	}
	if (rc == SQLITE_OK && sqlite3_changes(s->db) == 0) {
		bool refused;
		rc = refusal(s, stp, &refused, &mine, err);
		/* Taking one's own ticket again only shows it again. */
		if (rc == SQLITE_OK && (refused || stp->op != TICKET_OP_TAKE)) {
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			return 1;
		}
	}
	if (rc == SQLITE_OK && stp->op == TICKET_OP_UNREACHABLE
	    && db_prepare(s->db, "SELECT attempts, status FROM ticket WHERE id = ?1",
			  &st) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, stp->id);
		if (db_step(st) == SQLITE_ROW) {
			const unsigned char *status = sqlite3_column_text(st, 1);
			stp->attempts = sqlite3_column_int(st, 0);
			stp->closed = status && !strcmp((const char *)status, "unreachable");
		}
		sqlite3_finalize(st);
		detail = xasprintf("%d", stp->attempts);
	}
	if (stp->op == TICKET_OP_PASS)
		detail = tickets_assignee_text(stp->to, stp->value);
	if (rc == SQLITE_OK && !mine)
		rc = audit(s, stp->id, stp->now, stp->user, step_action[stp->op], detail);
	free(detail);
	if (rc == SQLITE_OK && c)
		rc = read_contact(s, stp->id, stp->now, stp->user, c);
	if (finish(s, rc, err)) {
		if (c)
			tickets_contact_free(c);
		return -1;
	}
	return 0;
}

static int store_contact(void *h, long id, time_t now, const char *user,
			 struct ticket_contact **c, char **err)
{
	struct store *s = h;
	int rc;
	if (begin(s, err))
		return -1;
	rc = read_contact(s, id, now, user, c);
	if (finish(s, rc, err)) {
		tickets_contact_free(c);
		return -1;
	}
	if (!*c) {
		err_set(err, _("ticket %ld has no contact details (no such ticket, or they were erased after closing)"), id);
		return 1;
	}
	return 0;
}

/* Which tickets' details go: closed at the cutoff or before, not yet
 * erased. */
#define EXPIRED " FROM ticket WHERE closed_at IS NOT NULL AND closed_at <= ?1" \
	" AND erased_at IS NULL"

static int store_erase(void *h, time_t cutoff, time_t now, const char *user,
		       size_t *n, char **err)
{
	static const char *const sql[] = {
		"INSERT INTO audit (ticket, at, user, action)"
		" SELECT id, ?2, ?3, 'erase'" EXPIRED,
		"DELETE FROM ticket_contact WHERE ticket IN (SELECT id" EXPIRED ")",
		"UPDATE ticket SET erased_at = ?2 WHERE id IN (SELECT id" EXPIRED ")",
	};
	struct store *s = h;
	sqlite3_stmt *st;
	size_t i;
	int rc = SQLITE_OK;

	*n = 0;
	if (begin(s, err))
		return -1;
	for (i = 0; i < sizeof sql / sizeof *sql && rc == SQLITE_OK; i++) {
		rc = db_prepare(s->db, sql[i], &st);
		if (rc != SQLITE_OK)
			break;
		sqlite3_bind_int64(st, 1, (sqlite3_int64)cutoff);
		if (sqlite3_bind_parameter_count(st) >= 2)
			sqlite3_bind_int64(st, 2, (sqlite3_int64)now);
		if (sqlite3_bind_parameter_count(st) >= 3)
			bind_text(st, 3, user);
		rc = run(st);
		if (i == 0 && rc == SQLITE_OK)
			*n = (size_t)sqlite3_changes(s->db);
	}
	if (finish(s, rc, err))
		return -1;
	/* The deleted rows' pages are zeroed (secure_delete); the log that
	 * held their older copies is emptied once nobody reads it. */
	if (*n && !truncate_log(s))
		s->truncate_pending = true;
	return 0;
}

static int store_audit(void *h, long id, struct ticket_audit **rows, size_t *n,
		       char **err)
{
	struct store *s = h;
	sqlite3_stmt *st;
	size_t cap = 0;
	int rc = db_prepare(s->db, "SELECT ticket, at, user, action, detail FROM audit"
			    " WHERE ?1 = 0 OR ticket = ?1 ORDER BY id", &st);
	*rows = NULL;
	*n = 0;
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, id);
		while ((rc = db_step(st)) == SQLITE_ROW) {
			struct ticket_audit *a;
			if (*n == cap) {
				cap = cap ? cap * 2 : 16;
				*rows = xrealloc(*rows, cap * sizeof **rows);
			}
			a = &(*rows)[(*n)++];
			a->ticket = (long)sqlite3_column_int64(st, 0);
			a->at = (time_t)sqlite3_column_int64(st, 1);
			a->user = col_str(st, 2);
			a->action = col_str(st, 3);
			a->detail = col_str(st, 4);
		}
		sqlite3_finalize(st);
	}
	if (rc == SQLITE_DONE)
		return 0;
	tickets_audit_free(rows, *n);
	*n = 0;
	fail(err, s, rc);
	return -1;
}

static const struct tickets_backend sqlite_backend = {
	store_create, store_list, store_step, store_contact, store_erase,
	store_audit, store_path, store_close,
};

int tickets_sqlite_open(const struct tickets_opts *o,
			const struct tickets_backend **be, void **h,
			char **err)
{
	static const struct db_spec spec = {
		DB_TICKETS, TICKETS_SCHEMA_VERSION, create_schema, true, false,
		NULL, true
	};
	struct store *s;
	gid_t gid;
	mode_t umask_was;
	bool shared;
	int rc;

	if (sharedir_group(o->group, &gid, err))
		return -1;
	shared = gid != (gid_t)-1;
	if (sharedir_make(o->dir, shared ? 03770 : 0700, gid, err)
	    || sharedir_check_folder(o->dir, SHAREDIR_TICKETS, err))
		return -1;
	s = xcalloc(1, sizeof *s);
	s->path = paths_join(o->dir, TICKETS_FILE_NAME);
	if (sharedir_create_file(s->path, shared ? 0660 : 0600, gid, err)
	    || sharedir_check_file(s->path, SHAREDIR_TICKETS, !shared, err)
	    || check_shared(s->path, gid, err)) {
		store_close(s);
		return -1;
	}
	/* Another member's first open while SQLite was still putting the
	 * mode of the -wal and -shm right was left read-only ("cannot
	 * write" for both of two users opening at once); db_open's first
	 * read is what makes them. */
	umask_was = sharedir_umask_keep(gid, 060);
	rc = db_open(s->path, &spec, &s->db, err);
	umask(umask_was);
	if (rc) {
		store_close(s);
		return -1;
	}
	/* Deleted contact details are overwritten, not left in free pages;
	 * a log that starts over is cut to nothing first, so no old copy
	 * of a page lingers past its end. */
	sqlite3_exec(s->db, "PRAGMA secure_delete = ON", NULL, NULL, NULL);
	sqlite3_exec(s->db, "PRAGMA journal_size_limit = 0", NULL, NULL, NULL);
	sharedir_give_group(s->path, gid);
	*be = &sqlite_backend;
	*h = s;
	return 0;
}
