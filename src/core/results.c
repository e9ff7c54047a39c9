/* results: see results.h.
 *
 * Schema (version 1), codes and ids as text:
 *   attempt        one row per graded attempt; (trainee, scenario, attempt)
 *                  is unique, the attempt number is given inside the
 *                  recording transaction so two sessions cannot take the
 *                  same one
 *   attempt_item   (attempt_id, position): each graded item of an attempt
 * Training is never on the path of a customer contact, so a failure here
 * is reported and the trainee can try again; it never touches a desk's
 * statistics file. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/db.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/paths.h"
#include "core/results.h"

struct results {
	sqlite3 *db;
	char *path;
};

static const char schema_sql[] =
	"CREATE TABLE IF NOT EXISTS attempt ("
	" id INTEGER PRIMARY KEY,"
	" trainee TEXT NOT NULL,"
	" scenario TEXT NOT NULL,"
	" attempt INTEGER NOT NULL,"
	" started_at INTEGER NOT NULL,"
	" ended_at INTEGER NOT NULL,"
	" seconds INTEGER NOT NULL,"
	" score INTEGER NOT NULL,"
	" earned INTEGER NOT NULL,"
	" possible INTEGER NOT NULL,"
	" penalty INTEGER NOT NULL,"
	" UNIQUE (trainee, scenario, attempt));"
	"CREATE TABLE IF NOT EXISTS attempt_item ("
	" attempt_id INTEGER NOT NULL REFERENCES attempt(id),"
	" position INTEGER NOT NULL,"
	" item TEXT NOT NULL,"
	" matched INTEGER NOT NULL,"
	" weight INTEGER NOT NULL,"
	" points INTEGER NOT NULL,"
	" expected TEXT NOT NULL,"
	" got TEXT NOT NULL,"
	" PRIMARY KEY (attempt_id, position)) WITHOUT ROWID;"
	"PRAGMA user_version = 1;";

/* A new file's tables (db_open runs this once). */
static int create_schema(sqlite3 *db)
{
	return sqlite3_exec(db, schema_sql, NULL, NULL, NULL);
}

/* One line naming the file and what to do; never a bare SQLite code
 * (db.h). */
static void fail_rc(char **err, const char *path, sqlite3 *db, int rc)
{
	db_error(err, path, db, rc, DB_RESULTS);
}

/* writing: the file is for recording attempts (else only for reading). */
static int open_file(struct results **out, const char *path, bool writing,
		     char **err)
{
	const struct db_spec spec = {
		DB_RESULTS, RESULTS_SCHEMA_VERSION, create_schema, false, !writing,
		NULL, false
	};
	struct results *r = xcalloc(1, sizeof *r);

	r->path = xstrdup(path);
	if (db_open(path, &spec, &r->db, err) != 0) {
		results_close(&r);
		return -1;
	}
	*out = r;
	return 0;
}

int results_open(struct results **out, const char *dir, char **err)
{
	char *path;
	int fd, rc;

	*out = NULL;
	if (paths_mkdir_p(dir, 0700, err) != 0)
		return -1;
	path = paths_join(dir, RESULTS_FILE);
	/* Created 0600 before SQLite sees it: its -wal and -shm files take
	 * the database file's mode. */
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		if (errno == ENOSPC || errno == EDQUOT)
			err_set(err, _("%s: the disk is full; free some space and try again"), path);
		else
			err_set(err, _("%s: cannot create the file: %s; check the folder's permissions or set training-dir in neuvoo.conf"),
				path, strerror(errno));
		free(path);
		return -1;
	}
	close(fd);
	rc = open_file(out, path, true, err);
	free(path);
	return rc;
}

int results_open_file(struct results **out, const char *path, char **err)
{
	struct stat st;
	*out = NULL;
	/* A folder given for merging is one that holds results.db. */
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		char *in = paths_join(path, RESULTS_FILE);
		int rc;
		if (stat(in, &st) != 0) {
			err_set(err, _("%s: cannot read: %s"), in, strerror(errno));
			free(in);
			return -1;
		}
		rc = open_file(out, in, false, err);
		free(in);
		return rc;
	}
	if (stat(path, &st) != 0) {
		err_set(err, _("%s: cannot read: %s"), path, strerror(errno));
		return -1;
	}
	return open_file(out, path, false, err);
}

int results_open_existing(struct results **out, const char *dir, char **err)
{
	char *path = paths_join(dir, RESULTS_FILE);
	struct stat st;
	int rc;

	*out = NULL;
	if (stat(path, &st) != 0) {
		if (errno == ENOENT) {
			free(path);
			return 1;
		}
		err_set(err, _("%s: cannot read: %s"), path, strerror(errno));
		free(path);
		return -1;
	}
	rc = open_file(out, path, false, err);
	free(path);
	return rc;
}

void results_close(struct results **rp)
{
	if (!rp || !*rp)
		return;
	sqlite3_close((*rp)->db);
	free((*rp)->path);
	free(*rp);
	*rp = NULL;
}

const char *results_path(const struct results *r)
{
	return r->path;
}

static int prepare(struct results *r, const char *sql, sqlite3_stmt **s,
		   char **err)
{
	int rc = sqlite3_prepare_v2(r->db, sql, -1, s, NULL);
	if (rc != SQLITE_OK)
		fail_rc(err, r->path, r->db, rc);
	return rc;
}

int results_count(struct results *r, const char *trainee, const char *scenario,
		  int *count, char **err)
{
	sqlite3_stmt *s;
	int rc;
	*count = 0;
	if (prepare(r, "SELECT count(*) FROM attempt WHERE trainee = ? AND scenario = ?",
		    &s, err) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(s, 1, trainee, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, scenario, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*count = sqlite3_column_int(s, 0);
	else
		fail_rc(err, r->path, r->db, rc);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? 0 : -1;
}

int results_record(struct results *r, struct results_attempt *a,
		   const struct grade *g, char **err)
{
	sqlite3_stmt *s = NULL;
	int rc;
	size_t i;

	a->seconds = a->ended_at > a->started_at ? (int)(a->ended_at - a->started_at) : 0;
	a->score = g->score;
	rc = sqlite3_exec(r->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		fail_rc(err, r->path, r->db, rc);
		return -1;
	}
	if (prepare(r, "SELECT coalesce(max(attempt), 0) + 1 FROM attempt"
		    " WHERE trainee = ? AND scenario = ?", &s, err) != SQLITE_OK)
		goto fail;
	sqlite3_bind_text(s, 1, a->trainee, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, a->scenario, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(s)) != SQLITE_ROW) {
		fail_rc(err, r->path, r->db, rc);
		goto fail;
	}
	a->attempt = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);

	if (prepare(r, "INSERT INTO attempt (trainee, scenario, attempt, started_at,"
		    " ended_at, seconds, score, earned, possible, penalty)"
		    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", &s, err) != SQLITE_OK)
		goto fail;
	sqlite3_bind_text(s, 1, a->trainee, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, a->scenario, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, a->attempt);
	sqlite3_bind_int64(s, 4, (sqlite3_int64)a->started_at);
	sqlite3_bind_int64(s, 5, (sqlite3_int64)a->ended_at);
	sqlite3_bind_int(s, 6, a->seconds);
	sqlite3_bind_int(s, 7, a->score);
	sqlite3_bind_int(s, 8, g->earned);
	sqlite3_bind_int(s, 9, g->possible);
	sqlite3_bind_int(s, 10, g->penalty);
	if ((rc = sqlite3_step(s)) != SQLITE_DONE) {
		fail_rc(err, r->path, r->db, rc);
		goto fail;
	}
	a->id = sqlite3_last_insert_rowid(r->db);
	sqlite3_finalize(s);

	if (prepare(r, "INSERT INTO attempt_item (attempt_id, position, item,"
		    " matched, weight, points, expected, got)"
		    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", &s, err) != SQLITE_OK)
		goto fail;
	for (i = 0; i < g->n_items; i++) {
		const struct grade_item *it = &g->items[i];
		char *key = grade_item_key(it);
		sqlite3_reset(s);
		sqlite3_bind_int64(s, 1, a->id);
		sqlite3_bind_int(s, 2, (int)i);
		sqlite3_bind_text(s, 3, key, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(s, 4, it->matched);
		sqlite3_bind_int(s, 5, it->weight);
		sqlite3_bind_int(s, 6, it->points);
		sqlite3_bind_text(s, 7, it->expected ? it->expected : "", -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 8, it->got ? it->got : "", -1, SQLITE_STATIC);
		free(key);
		if ((rc = sqlite3_step(s)) != SQLITE_DONE) {
			fail_rc(err, r->path, r->db, rc);
			goto fail;
		}
	}
	sqlite3_finalize(s);
	s = NULL;
	if ((rc = sqlite3_exec(r->db, "COMMIT", NULL, NULL, NULL)) != SQLITE_OK) {
		fail_rc(err, r->path, r->db, rc);
		goto fail;
	}
	return 0;
fail:
	sqlite3_finalize(s);
	sqlite3_exec(r->db, "ROLLBACK", NULL, NULL, NULL);
	a->id = 0;
	a->attempt = 0;
	return -1;
}

int results_reset(struct results *r, const char *trainee, int *removed,
		  char **err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	*removed = 0;
	if ((rc = sqlite3_exec(r->db, "BEGIN IMMEDIATE", NULL, NULL, NULL)) != SQLITE_OK) {
		fail_rc(err, r->path, r->db, rc);
		return -1;
	}
	if (prepare(r, "DELETE FROM attempt_item WHERE attempt_id IN"
		    " (SELECT id FROM attempt WHERE trainee = ?)", &s, err) != SQLITE_OK)
		goto fail;
	sqlite3_bind_text(s, 1, trainee, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(s)) != SQLITE_DONE) {
		fail_rc(err, r->path, r->db, rc);
		goto fail;
	}
	sqlite3_finalize(s);
	if (prepare(r, "DELETE FROM attempt WHERE trainee = ?", &s, err) != SQLITE_OK)
		goto fail;
	sqlite3_bind_text(s, 1, trainee, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(s)) != SQLITE_DONE) {
		fail_rc(err, r->path, r->db, rc);
		goto fail;
	}
	*removed = sqlite3_changes(r->db);
	sqlite3_finalize(s);
	s = NULL;
	if ((rc = sqlite3_exec(r->db, "COMMIT", NULL, NULL, NULL)) != SQLITE_OK) {
		fail_rc(err, r->path, r->db, rc);
		goto fail;
	}
	return 0;
fail:
	sqlite3_finalize(s);
	sqlite3_exec(r->db, "ROLLBACK", NULL, NULL, NULL);
	*removed = 0;
	return -1;
}

static char *col_text(sqlite3_stmt *s, int i)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	return xstrdup(t ? (const char *)t : "");
}

/* Steps s to its end, each row made an item of size bytes by fill
 * (zeroed first) in the growing array *v of *n. s is finalised. 0, or -1
 * with *err (*v then holds the rows read so far, for the caller to free). */
static int read_rows(struct results *r, sqlite3_stmt *s, size_t size,
		     void (*fill)(sqlite3_stmt *s, void *item), void **v,
		     size_t *n, char **err)
{
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		void *item;
		if (*n == cap) {
			cap = cap ? 2 * cap : 16;
			*v = xrealloc(*v, cap * size);
		}
		item = (char *)*v + (*n)++ * size;
		memset(item, 0, size);
		fill(s, item);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		fail_rc(err, r->path, r->db, rc);
		return -1;
	}
	return 0;
}

static void fill_attempt(sqlite3_stmt *s, void *item)
{
	struct results_attempt *a = item;
	a->id = sqlite3_column_int64(s, 0);
	a->trainee = col_text(s, 1);
	a->scenario = col_text(s, 2);
	a->attempt = sqlite3_column_int(s, 3);
	a->started_at = (time_t)sqlite3_column_int64(s, 4);
	a->ended_at = (time_t)sqlite3_column_int64(s, 5);
	a->seconds = sqlite3_column_int(s, 6);
	a->score = sqlite3_column_int(s, 7);
}

int results_list(struct results *r, struct results_attempt **out, size_t *n,
		 char **err)
{
	sqlite3_stmt *s;
	void *v = NULL;

	*out = NULL;
	*n = 0;
	if (prepare(r, "SELECT id, trainee, scenario, attempt, started_at, ended_at,"
		    " seconds, score FROM attempt ORDER BY trainee, scenario, attempt",
		    &s, err) != SQLITE_OK)
		return -1;
	if (read_rows(r, s, sizeof **out, fill_attempt, &v, n, err) != 0) {
		*out = v;
		results_list_free(out, *n);
		*n = 0;
		return -1;
	}
	*out = v;
	return 0;
}

void results_list_free(struct results_attempt **a, size_t n)
{
	size_t i;
	if (!a || !*a)
		return;
	for (i = 0; i < n; i++) {
		free((*a)[i].trainee);
		free((*a)[i].scenario);
		results_items_free(&(*a)[i].items, (*a)[i].n_items);
	}
	free(*a);
	*a = NULL;
}

static void fill_item(sqlite3_stmt *s, void *item)
{
	struct results_item *it = item;
	it->item = col_text(s, 0);
	it->matched = sqlite3_column_int(s, 1) != 0;
	it->weight = sqlite3_column_int(s, 2);
	it->points = sqlite3_column_int(s, 3);
	it->expected = col_text(s, 4);
	it->got = col_text(s, 5);
}

int results_items(struct results *r, long long attempt_id,
		  struct results_item **out, size_t *n, char **err)
{
	sqlite3_stmt *s;
	void *v = NULL;

	*out = NULL;
	*n = 0;
	if (prepare(r, "SELECT item, matched, weight, points, expected, got"
		    " FROM attempt_item WHERE attempt_id = ? ORDER BY position",
		    &s, err) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(s, 1, attempt_id);
	if (read_rows(r, s, sizeof **out, fill_item, &v, n, err) != 0) {
		*out = v;
		results_items_free(out, *n);
		*n = 0;
		return -1;
	}
	*out = v;
	return 0;
}

void results_items_free(struct results_item **items, size_t n)
{
	size_t i;
	if (!items || !*items)
		return;
	for (i = 0; i < n; i++) {
		free((*items)[i].item);
		free((*items)[i].expected);
		free((*items)[i].got);
	}
	free(*items);
	*items = NULL;
}
