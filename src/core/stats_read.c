/* stats_read: see stats_read.h.
 *
 * Speed: a report over a million contacts reads each file's contact table
 * once, sequentially (topics come with the row as the stored ;-joined
 * codes, no join). "+started_at" keeps SQLite off the index when most of
 * the file is in the period, where a sequential scan of the table beats
 * an index walk with a look-up per row. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/stats_priv.h"
#include "core/stats_read.h"

/* SAVED: when the contact was saved (schema 1 had only ended_at); LATER:
 * the time of its last correction and the fields of schema 3 (older
 * files: their old values). */
#define SCAN_COLS(SAVED, LATER) \
	"SELECT id, desk, advisor, started_at, ended_at, tz_offset, undone_at, " \
	SAVED ", " LATER " FROM contact"
#define SCAN_FIRST_FIELD 9
#define SCAN_SQL(SAVED, LATER) { \
	{ SCAN_COLS(SAVED, LATER) " WHERE started_at >= ?1 AND started_at < ?2", \
	  SCAN_COLS(SAVED, LATER) " WHERE +started_at >= ?1 AND +started_at < ?2" }, \
	{ SCAN_COLS(SAVED, LATER) " WHERE started_at >= ?1 AND started_at < ?2 AND undone_at IS NULL", \
	  SCAN_COLS(SAVED, LATER) " WHERE +started_at >= ?1 AND +started_at < ?2 AND undone_at IS NULL" } }
/* In time order, for cursors: [kept only]. */
#define ORDER_SQL(SAVED, LATER) { \
	SCAN_COLS(SAVED, LATER) " WHERE started_at >= ?1 AND started_at < ?2" \
		" ORDER BY started_at, desk, id", \
	SCAN_COLS(SAVED, LATER) " WHERE started_at >= ?1 AND started_at < ?2" \
		" AND undone_at IS NULL ORDER BY started_at, desk, id" }
#define OLD_LATER "NULL" CONTACT_READ_COLUMNS_V2
/* [schema version - 1][kept only][full scan] */
static const char *const scan_sql[STATS_SCHEMA_VERSION][2][2] = {
	SCAN_SQL("ended_at", OLD_LATER),
	SCAN_SQL("coalesce(saved_at, ended_at)", OLD_LATER),
	SCAN_SQL("coalesce(saved_at, ended_at)", "corrected_at" CONTACT_READ_COLUMNS),
};
static const char *const order_sql[STATS_SCHEMA_VERSION][2] = {
	ORDER_SQL("ended_at", OLD_LATER),
	ORDER_SQL("coalesce(saved_at, ended_at)", OLD_LATER),
	ORDER_SQL("coalesce(saved_at, ended_at)", "corrected_at" CONTACT_READ_COLUMNS),
};
static const char span_sql[] =
	"SELECT (SELECT min(started_at) FROM contact),"
	" (SELECT max(started_at) FROM contact)";
static const char undone_sql[] =
	"SELECT id FROM contact WHERE undone_at IS NOT NULL"
	" AND started_at >= ?1 AND started_at < ?2";

int stats_reader_open(struct stats_reader **out, const char *path, char **err)
{
	struct stats_reader *r;
	sqlite3 *db = NULL;
	int rc, version = 0;

	*out = NULL;
	if (db_open_reader(path, DB_STATS, &db, err) != 0)
		return -1;
	rc = db_user_version(db, &version);
	if (rc != SQLITE_OK) {
		stats_fail(err, path, db, rc);
		sqlite3_close(db);
		return -1;
	}
	if (version > STATS_SCHEMA_VERSION || version == 0) {
		db_version_error(err, path, DB_STATS, version, STATS_SCHEMA_VERSION);
		sqlite3_close(db);
		return -1;
	}
	r = xcalloc(1, sizeof *r);
	r->db = db;
	r->path = xstrdup(path);
	r->version = version;
	*out = r;
	return 0;
}

void stats_reader_free(struct stats_reader **r)
{
	if (!r || !*r)
		return;
	sqlite3_close((*r)->db);
	free((*r)->path);
	free(*r);
	*r = NULL;
}

const char *stats_reader_path(const struct stats_reader *r)
{
	return r->path;
}

int stats_reader_version(const struct stats_reader *r)
{
	return r->version;
}

static int scan_error(char **err, const struct stats_reader *r, int rc)
{
	int p = rc & 0xff;
	if (p == SQLITE_CORRUPT || p == SQLITE_NOTADB)
		err_set(err, _("%s: the file is damaged or is not a neuvoo statistics file; it is left out: restore a good copy or take it out of the folder"), r->path);
	else if (p == SQLITE_ERROR)
		err_set(err, _("%s: not a neuvoo statistics file (%s); leave it out"),
			r->path, sqlite3_errmsg(r->db));
	else
		err_set(err, _("%s: cannot read the file: %s"), r->path, sqlite3_errmsg(r->db));
	return -1;
}

/* 1 when a third or more of the file's time span lies in [from, to)
 * (contacts are spread evenly enough over time for this to pick the
 * faster plan). */
static int mostly_in(sqlite3 *db, time_t from, time_t to)
{
	sqlite3_stmt *s;
	int full = 0;
	if (sqlite3_prepare_v2(db, span_sql, -1, &s, NULL) != SQLITE_OK)
		return 0;
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_type(s, 0) != SQLITE_NULL) {
		long long lo = sqlite3_column_int64(s, 0), hi = sqlite3_column_int64(s, 1);
		long long a = lo > (long long)from ? lo : (long long)from;
		long long b = hi < (long long)to ? hi : (long long)to;
		full = b >= a && (b - a + 1) * 3 >= hi - lo + 1;
	}
	sqlite3_finalize(s);
	return full;
}

size_t stats_reader_expect(struct stats_reader *r, time_t from, time_t to)
{
	sqlite3_stmt *s;
	size_t n = 0;
	if (mostly_in(r->db, from, to)
	    && sqlite3_prepare_v2(r->db, "SELECT max(rowid) FROM contact", -1, &s, NULL) == SQLITE_OK) {
		if (sqlite3_step(s) == SQLITE_ROW)
			n = (size_t)sqlite3_column_int64(s, 0);
		sqlite3_finalize(s);
	}
	return n;
}

int stats_reader_corrected(struct stats_reader *r, stats_id_fn fn, void *ud,
			   char **err)
{
	sqlite3_stmt *s;
	int rc;
	if (r->version < 3)	/* no corrections before schema 3 */
		return 0;
	rc = sqlite3_prepare_v2(r->db, "SELECT id FROM contact WHERE corrected_at IS NOT NULL",
				-1, &s, NULL);
	if (rc == SQLITE_OK) {
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			const char *id = (const char *)sqlite3_column_text(s, 0);
			if (id)
				fn(id, ud);
		}
		sqlite3_finalize(s);
	}
	return rc == SQLITE_DONE ? 0 : scan_error(err, r, rc);
}

int stats_reader_undone(struct stats_reader *r, time_t from, time_t to,
			stats_id_fn fn, void *ud, char **err)
{
	sqlite3_stmt *s;
	int rc = sqlite3_prepare_v2(r->db, undone_sql, -1, &s, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(s, 1, (sqlite3_int64)from);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)to);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
			const char *id = (const char *)sqlite3_column_text(s, 0);
			if (id)
				fn(id, ud);
		}
		sqlite3_finalize(s);
	}
	return rc == SQLITE_DONE ? 0 : scan_error(err, r, rc);
}

static const char *col(sqlite3_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(s, i);
}

/* A field's stored text by its kind: topics are "" when none. */
#define col_CODE col
#define col_TEXT col
#define col_COUNT col
#define col_FLAG col
static const char *col_TOPICS(sqlite3_stmt *s, int i)
{
	const char *v = col(s, i);
	return v ? v : "";
}

/* The row of a step of s (a scan_sql or order_sql statement); false for a
 * row without an id (skipped). */
static bool fill_row(sqlite3_stmt *s, struct stats_row *row)
{
	int i = SCAN_FIRST_FIELD;
	row->id = col(s, 0);
	if (!row->id)
		return false;
	row->desk = col(s, 1);
	row->advisor = col(s, 2);
	row->started_at = (time_t)sqlite3_column_int64(s, 3);
	row->ended_at = (time_t)sqlite3_column_int64(s, 4);
	row->tz_offset = (long)sqlite3_column_int64(s, 5);
	row->undone_at = (time_t)sqlite3_column_int64(s, 6);
	row->saved_at = (time_t)sqlite3_column_int64(s, 7);
	row->corrected_at = (time_t)sqlite3_column_int64(s, 8);
#define READ_FIELD(name, t, k, kind, l, use) \
	CONTACT_IF_READ(use, row->name = col_##kind(s, i++);)
	CONTACT_FIELDS(READ_FIELD)
#undef READ_FIELD
	(void)i;
	return true;
}

int stats_reader_contacts(struct stats_reader *r, time_t from, time_t to,
			  bool include_undone, stats_row_fn fn, void *ud,
			  char **err)
{
	struct stats_row row;
	sqlite3_stmt *s;
	int rc, result = 0;

	rc = sqlite3_prepare_v2(r->db, scan_sql[r->version - 1][!include_undone]
				[mostly_in(r->db, from, to)], -1, &s, NULL);
	if (rc != SQLITE_OK)
		return scan_error(err, r, rc);
	sqlite3_bind_int64(s, 1, (sqlite3_int64)from);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)to);
	memset(&row, 0, sizeof row);
	row.file = r->path;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (!fill_row(s, &row))
			continue;
		if ((result = fn(&row, ud)) != 0)
			break;
	}
	sqlite3_finalize(s);
	if (!result && rc != SQLITE_DONE)
		result = scan_error(err, r, rc);
	return result;
}

struct stats_cursor {
	struct stats_reader *r;
	sqlite3_stmt *s;
	struct stats_row row;
};

int stats_reader_cursor(struct stats_reader *r, time_t from, time_t to,
			bool include_undone, struct stats_cursor **out, char **err)
{
	struct stats_cursor *c;
	sqlite3_stmt *s;
	int rc;

	*out = NULL;
	/* A cursor of many open at once: a small page cache each and no
	 * memory map (mapped pages count as the process's memory) keep fifty
	 * of them within a few megabytes. */
	sqlite3_exec(r->db, "PRAGMA cache_size = -256", NULL, NULL, NULL);
	sqlite3_exec(r->db, "PRAGMA mmap_size = 0", NULL, NULL, NULL);
	rc = sqlite3_prepare_v2(r->db, order_sql[r->version - 1][!include_undone], -1, &s, NULL);
	if (rc != SQLITE_OK)
		return scan_error(err, r, rc);
	sqlite3_bind_int64(s, 1, (sqlite3_int64)from);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)to);
	c = xcalloc(1, sizeof *c);
	c->r = r;
	c->s = s;
	c->row.file = r->path;
	*out = c;
	return 0;
}

int stats_cursor_next(struct stats_cursor *c, const struct stats_row **row,
		      char **err)
{
	int rc;
	*row = NULL;
	while ((rc = sqlite3_step(c->s)) == SQLITE_ROW)
		if (fill_row(c->s, &c->row)) {
			*row = &c->row;
			return 1;
		}
	return rc == SQLITE_DONE ? 0 : scan_error(err, c->r, rc);
}

void stats_cursor_free(struct stats_cursor **c)
{
	if (!c || !*c)
		return;
	sqlite3_finalize((*c)->s);
	free(*c);
	*c = NULL;
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

int stats_reader_day(struct stats_reader *r, const char *date,
		     struct stats_day_info *out, char **err)
{
	sqlite3_stmt *s;
	time_t start, end;
	int rc;

	memset(out, 0, sizeof *out);
	if (date_local_day(date, &start, &end))
		return stats_bad_date(err, date);
	/* A draft that never started (no key pressed yet) counts by the time
	 * it was last written. (Version 1 had one row at most, version 2
	 * one a session: the same query reads both.) */
	rc = db_prepare(r->db, "SELECT count(*), min(t) FROM (SELECT CASE WHEN"
			" started_at > 0 THEN started_at ELSE updated_at END AS t"
			" FROM draft) WHERE t >= ? AND t < ?", &s);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(s, 1, (sqlite3_int64)start);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)end);
		rc = db_step(s);
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
	rc = db_prepare(r->db, "SELECT kind, at, contact_id, detail FROM events"
			" WHERE at >= ? AND at < ? ORDER BY at, id", &s);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(s, 1, (sqlite3_int64)start);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)end);
		rc = db_step(s);
		while (rc == SQLITE_ROW) {
			struct stats_event *e;
			out->events = xrealloc(out->events,
					       (out->n_events + 1) * sizeof *out->events);
			e = &out->events[out->n_events++];
			e->kind = stats_col_str(s, 0);
			if (!e->kind)
				e->kind = xstrdup("");
			e->at = (time_t)sqlite3_column_int64(s, 1);
			e->contact_id = stats_col_str(s, 2);
			e->detail = stats_col_str(s, 3);
			rc = sqlite3_step(s);
		}
		sqlite3_finalize(s);
	}
	if (rc != SQLITE_DONE)
		goto fail;
	return 0;
fail:
	stats_day_info_clear(out);
	return stats_read_fail(err, r->path, r->db, rc);
}

int stats_reader_notes(struct stats_reader *r, time_t from, time_t to,
		       stats_note_fn fn, void *ud, char **err)
{
	sqlite3_stmt *s;
	int rc, stop = 0;

	rc = db_prepare(r->db, "SELECT id, note FROM contact WHERE started_at >= ?"
			" AND started_at < ? AND note IS NOT NULL AND note <> ''"
			" ORDER BY started_at, id", &s);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(s, 1, (sqlite3_int64)from);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)to);
		rc = db_step(s);
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
		return stats_read_fail(err, r->path, r->db, rc);
	return 0;
}

int stats_reader_events(struct stats_reader *r, long long after,
			stats_event_fn fn, void *ud, char **err)
{
	sqlite3_stmt *s;
	int rc, stop = 0;

	rc = db_prepare(r->db, "SELECT id, kind, at, contact_id, detail FROM events"
			" WHERE id > ? ORDER BY id", &s);
	if (rc == SQLITE_OK) {
		sqlite3_bind_int64(s, 1, (sqlite3_int64)after);
		rc = db_step(s);
		while (rc == SQLITE_ROW && !stop) {
			struct stats_event e;
			e.kind = (char *)sqlite3_column_text(s, 1);
			e.at = (time_t)sqlite3_column_int64(s, 2);
			e.contact_id = (char *)sqlite3_column_text(s, 3);
			e.detail = (char *)sqlite3_column_text(s, 4);
			if (e.kind)
				stop = fn((long long)sqlite3_column_int64(s, 0), &e, ud);
			rc = stop ? SQLITE_DONE : sqlite3_step(s);
		}
		sqlite3_finalize(s);
	}
	if (rc != SQLITE_DONE)
		return stats_read_fail(err, r->path, r->db, rc);
	return stop;
}
