/* stats_correct: see stats_correct.h.
 *
 * A correction is an UPDATE of the contact's own row, never a second
 * row: reports, snapshots and the merge by id then count it once without
 * knowing about corrections. Which fields changed is found by comparing
 * the stored row with the new one field by field (CONTACT_FIELDS). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/contact_fields.h"
#include "core/db.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/stats_correct.h"
#include "core/stats_priv.h"

#define CORRECT_SET_COL(name, t, k, kind, l, u) ", " #name " = ?"

static const char select_sql[] =
	"SELECT id, started_at, ended_at" CONTACT_COLUMNS " FROM contact"
	" WHERE id = ? AND session = ? AND undone_at IS NULL";
/* A day's contacts by when they were saved (ended_at): a contact
 * backdated to yesterday and saved today is one of today's to correct. */
static const char update_sql[] =
	"UPDATE contact SET corrected_at = ?, started_at = ?"
	CONTACT_FIELDS(CORRECT_SET_COL)
	" WHERE id = ? AND session = ? AND undone_at IS NULL";

/* Equal values of a field by its kind (a missing text and "" are one). */
static bool same_text(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}
#define SAME_CODE(a, b) ((a) == (b))
#define SAME_TEXT(a, b) same_text((a), (b))
#define SAME_TOPICS(a, b) ((a) == (b))
#define SAME_COUNT(a, b) ((a) == (b))
#define SAME_FLAG(a, b) ((a) == (b))

void stats_contacts_free(struct contact ***list, size_t n)
{
	size_t i;
	if (!list || !*list)
		return;
	for (i = 0; i < n; i++)
		contact_free(&(*list)[i]);
	free(*list);
	*list = NULL;
}

int stats_session_day(struct stats *st, const char *date,
		      struct contact ***out, size_t *n, char **err)
{
	static const char sql[] =
		"SELECT id, started_at, ended_at" CONTACT_COLUMNS " FROM contact"
		" WHERE session = ? AND undone_at IS NULL"
		" AND ended_at >= ? AND ended_at < ? ORDER BY rowid";
	sqlite3_stmt *s;
	time_t start, end;
	int rc;

	*out = NULL;
	*n = 0;
	if (date_local_day(date, &start, &end))
		return stats_bad_date(err, date);
	rc = db_prepare(st->db, sql, &s);
	if (rc == SQLITE_OK) {
		sqlite3_bind_text(s, 1, st->session->id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, (sqlite3_int64)start);
		sqlite3_bind_int64(s, 3, (sqlite3_int64)end);
		while ((rc = db_step(s)) == SQLITE_ROW) {
			*out = xrealloc(*out, (*n + 1) * sizeof **out);
			(*out)[(*n)++] = stats_row_contact(s);
		}
		sqlite3_finalize(s);
		rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
	}
	if (rc != SQLITE_OK) {
		stats_contacts_free(out, *n);
		*n = 0;
		stats_fail(err, st->path, st->db, rc);
		return -1;
	}
	return 0;
}

/* One "correct" event for field. */
static int note_change(struct stats *st, const char *id, time_t now,
		       const char *field, int *changed)
{
	char *detail = st->advisor && *st->advisor
		       ? xasprintf("%s by %s", field, st->advisor) : xstrdup(field);
	int rc = stats_add_event(st, "correct", now, id, detail);
	free(detail);
	(*changed)++;
	return rc;
}

/* The row of c->id (starting at start) and its topics as c has them (an
 * SQLite code). */
static int rewrite_row(struct stats *st, const struct contact *c,
		       time_t start, time_t now)
{
	struct contact bare = *c;
	sqlite3_stmt *s;
	int rc = db_prepare(st->db, update_sql, &s), i;
	if (rc != SQLITE_OK)
		return rc;
	if (st->note_days == 0)
		bare.note = NULL;	/* keeping no notes */
	sqlite3_bind_int64(s, 1, (sqlite3_int64)now);
	sqlite3_bind_int64(s, 2, (sqlite3_int64)start);
	i = stats_bind_fields(s, 3, &bare);
	sqlite3_bind_text(s, i, c->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, i + 1, st->session->id, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return rc;
	rc = db_prepare(st->db, "DELETE FROM contact_topic WHERE contact_id = ?", &s);
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_bind_text(s, 1, c->id, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? stats_put_topics(st, c) : rc;
}

int stats_correct(struct stats *st, const struct contact *c, time_t now,
		  int *changed, char **err)
{
	struct contact *old = NULL;
	sqlite3_stmt *s = NULL;
	int rc;

	*changed = 0;
	if (!c->id) {
		err_set(err, "%s", _("this contact was never saved, so it cannot be corrected"));
		return -1;
	}
	if (stats_check_same(st, err))
		return -1;
	rc = db_exec(st->db, "BEGIN IMMEDIATE");
	if (rc == SQLITE_OK)
		rc = db_prepare(st->db, select_sql, &s);
	if (rc != SQLITE_OK)
		goto fail;
	sqlite3_bind_text(s, 1, c->id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, st->session->id, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE) {
		sqlite3_finalize(s);
		stats_rollback(st);
		err_set(err, "%s", _("the contact is undone or not of this session, so it cannot be corrected"));
		return -1;
	}
	if (rc != SQLITE_ROW)
		goto fail;
	old = stats_row_contact(s);
	sqlite3_finalize(s);
	s = NULL;
	rc = SQLITE_OK;
	/* The start too: a contact backdated (or not) afterwards. */
	if (c->started_at && old->started_at != c->started_at)
		rc = note_change(st, c->id, now, "started_at", changed);
#define CORRECT_DIFF(name, t, k, kind, l, u) \
	if (rc == SQLITE_OK && !SAME_##kind(old->name, c->name)) \
		rc = note_change(st, c->id, now, #name, changed);
	CONTACT_FIELDS(CORRECT_DIFF)
#undef CORRECT_DIFF
	if (rc != SQLITE_OK)
		goto fail;
	/* Nothing changed: nothing written but the draft's end. */
	if (*changed > 0)
		rc = rewrite_row(st, c, c->started_at ? c->started_at : old->started_at, now);
	if (rc == SQLITE_OK)
		rc = stats_delete_draft(st);
	if (rc == SQLITE_OK)
		rc = db_exec(st->db, "COMMIT");
	if (rc != SQLITE_OK)
		goto fail;
	contact_free(&old);
	return 0;
fail:
	sqlite3_finalize(s);
	stats_fail(err, st->path, st->db, rc);
	stats_rollback(st);
	contact_free(&old);
	*changed = 0;
	return -1;
}

int stats_undo_id(struct stats *st, const char *id, time_t now, char **err)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (stats_check_same(st, err))
		return -1;
	rc = db_exec(st->db, "BEGIN IMMEDIATE");
	if (rc == SQLITE_OK)
		rc = db_prepare(st->db, "UPDATE contact SET undone_at = ?"
				" WHERE id = ? AND session = ? AND undone_at IS NULL", &s);
	if (rc != SQLITE_OK)
		goto fail;
	sqlite3_bind_int64(s, 1, (sqlite3_int64)now);
	sqlite3_bind_text(s, 2, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, st->session->id, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	s = NULL;
	if (rc != SQLITE_DONE)
		goto fail;
	if (sqlite3_changes(st->db) == 0) {
		stats_rollback(st);
		err_set(err, "%s", _("nothing to undo: that contact is undone already or not of this session"));
		return 1;
	}
	rc = stats_add_event(st, "undo", now, id, st->advisor);
	if (rc == SQLITE_OK)
		rc = db_exec(st->db, "COMMIT");
	if (rc != SQLITE_OK)
		goto fail;
	return 0;
fail:
	sqlite3_finalize(s);
	stats_fail(err, st->path, st->db, rc);
	stats_rollback(st);
	return -1;
}
