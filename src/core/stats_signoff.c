/* stats_signoff: see stats_signoff.h. Schema 1 had a day_close table of
 * closes only; readers read it as closes. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/db.h"
#include "core/err.h"
#include "core/paths.h"
#include "core/stats_priv.h"

static const char *const signoff_actions[] = { "close", "reopen" };

int stats_sign_off(struct stats *st, const char *date,
		   enum stats_signoff_action action, const char *by,
		   char **err)
{
	sqlite3_stmt *s = NULL;
	time_t start, end, now = time(NULL);
	int rc;

	if (date_local_day(date, &start, &end))
		return stats_bad_date(err, date);
	rc = db_exec(st->db, "BEGIN IMMEDIATE");
	if (rc == SQLITE_OK)
		rc = db_prepare(st->db, "INSERT INTO sign_off (date, action, at, by)"
				" VALUES (?, ?, ?, ?)", &s);
	if (rc != SQLITE_OK)
		goto fail;
	sqlite3_bind_text(s, 1, date, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, signoff_actions[action == STATS_REOPEN], -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, (sqlite3_int64)now);
	stats_bind_text(s, 4, by);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		goto fail;
	rc = stats_add_event(st, action == STATS_REOPEN ? "day-reopened" : "day-closed",
			     now, NULL, date);
	if (rc == SQLITE_OK)
		rc = db_exec(st->db, "COMMIT");
	if (rc != SQLITE_OK)
		goto fail;
	return 0;
fail:
	stats_fail(err, st->path, st->db, rc);
	stats_rollback(st);
	return -1;
}

char *stats_signoff_path(const char *dir, const char *user)
{
	char *name = stats_file_name("", user), *p = paths_join(dir, name);
	free(name);
	return p;
}

int stats_reader_signoffs(struct stats_reader *r, struct stats_signoffs *out,
			  char **err)
{
	static const char *const sql[] = {
		"SELECT date, 'close', closed_at, by FROM day_close",
		"SELECT date, action, at, by FROM sign_off ORDER BY at, id"
	};
	sqlite3_stmt *s;
	int rc = db_prepare(r->db, sql[r->version >= 2], &s);

	if (rc == SQLITE_OK) {
		rc = db_step(s);
		while (rc == SQLITE_ROW) {
			const char *date = (const char *)sqlite3_column_text(s, 0);
			const char *act = (const char *)sqlite3_column_text(s, 1);
			if (date && strlen(date) == 10 && act) {
				struct stats_signoff *o;
				out->v = xrealloc(out->v, (out->n + 1) * sizeof *out->v);
				o = &out->v[out->n++];
				memcpy(o->date, date, DATE_LEN);
				o->action = strcmp(act, "reopen") ? STATS_CLOSE : STATS_REOPEN;
				o->at = (time_t)sqlite3_column_int64(s, 2);
				o->by = stats_col_str(s, 3);
			}
			rc = sqlite3_step(s);
		}
		sqlite3_finalize(s);
	}
	if (rc != SQLITE_DONE)
		return stats_read_fail(err, r->path, r->db, rc);
	return 0;
}

void stats_signoffs_clear(struct stats_signoffs *s)
{
	size_t i;
	for (i = 0; i < s->n; i++)
		free(s->v[i].by);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

bool stats_signoffs_closed(const struct stats_signoffs *s, const char *date,
			   time_t t, const struct stats_signoff **last)
{
	const struct stats_signoff *best = NULL;
	size_t i;
	for (i = 0; i < s->n; i++) {
		const struct stats_signoff *o = &s->v[i];
		if (strcmp(o->date, date) || o->at > t)
			continue;
		/* The later wins; in one second the one read later, so
		 * that a file's reopening wins over its close of the same
		 * second (a file's rows come in their order). */
		if (!best || o->at >= best->at)
			best = o;
	}
	if (last)
		*last = best && best->action == STATS_CLOSE ? best : NULL;
	return best && best->action == STATS_CLOSE;
}

void stats_late_init(struct stats_late *lc, const struct stats_signoffs *so)
{
	memset(lc, 0, sizeof *lc);
	lc->so = so;
}

bool stats_late_check(struct stats_late *lc, const struct stats_row *r)
{
	size_t i;
	if (!lc->so->n)
		return false;
	if (r->started_at < lc->from || r->started_at >= lc->to) {
		date_format(r->started_at, lc->date);
		lc->day.n = 0;
		if (date_local_day(lc->date, &lc->from, &lc->to)) {
			lc->from = lc->to = 0;
			return false;
		}
		for (i = 0; i < lc->so->n; i++)
			if (!strcmp(lc->so->v[i].date, lc->date)) {
				lc->day.v = xrealloc(lc->day.v, (lc->day.n + 1) * sizeof *lc->day.v);
				lc->day.v[lc->day.n] = lc->so->v[i];
				lc->day.v[lc->day.n++].by = NULL;
			}
	}
	/* Closed in an earlier second than the save (times are seconds:
	 * a save in the very second of the close is not late). */
	return lc->day.n && stats_signoffs_closed(&lc->day, lc->date, r->saved_at - 1, NULL);
}

void stats_late_clear(struct stats_late *lc)
{
	stats_signoffs_clear(&lc->day);	/* its `by`s are NULL */
}
