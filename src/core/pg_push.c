/* pg_push: see pg_push.h.
 *
 * The columns COPYed and merged are contact_fields.h's (the fields
 * readers get, never the note) after the statistics' own; the merge's
 * SET list is made from the same X-macro. */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/contact_fields.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/pg_push.h"
#include "core/stats.h"

/* Contacts saved, undone or corrected this long before the last push's
 * latest are sent again: a desk's clock set back a little loses nothing. */
#define PUSH_MARGIN 3600

#define PUSH_COLS "id, organisation, desk, advisor, started_at, ended_at," \
	" tz_offset, saved_at, undone_at, corrected_at" CONTACT_READ_COLUMNS
/* The row pushed wins when it was corrected later. */
#define NEWER "coalesce(excluded.corrected_at, 0) > coalesce(c.corrected_at, 0)"
#define SET_FIELD(name, t, k, kind, l, use) CONTACT_IF_READ(use, \
	", " #name " = CASE WHEN " NEWER " THEN excluded." #name " ELSE c." #name " END")

static const char stage_sql[] =
	"CREATE TEMP TABLE IF NOT EXISTS stage_contact"
	" (LIKE contact INCLUDING DEFAULTS) ON COMMIT DELETE ROWS;"
	"CREATE TEMP TABLE IF NOT EXISTS stage_event (LIKE event) ON COMMIT DELETE ROWS;"
	"CREATE TEMP TABLE IF NOT EXISTS stage_sign_off"
	" (LIKE sign_off INCLUDING DEFAULTS) ON COMMIT DELETE ROWS;";
static const char copy_contact_sql[] =
	"COPY stage_contact (" PUSH_COLS ") FROM STDIN";
static const char merge_contact_sql[] =
	"INSERT INTO contact AS c (" PUSH_COLS ") SELECT " PUSH_COLS
	" FROM stage_contact ON CONFLICT (id) DO UPDATE SET"
	" undone_at = coalesce(c.undone_at, excluded.undone_at),"
	" corrected_at = CASE WHEN " NEWER " THEN excluded.corrected_at ELSE c.corrected_at END"
	CONTACT_FIELDS(SET_FIELD)
	" WHERE (c.undone_at IS NULL AND excluded.undone_at IS NOT NULL) OR " NEWER;
static const char copy_event_sql[] =
	"COPY stage_event (organisation, source, id, kind, at, contact_id, detail) FROM STDIN";
static const char merge_event_sql[] =
	"INSERT INTO event SELECT organisation, source, id, kind, at, contact_id, detail"
	" FROM stage_event ON CONFLICT DO NOTHING";
static const char copy_sign_off_sql[] =
	"COPY stage_sign_off (organisation, date, action, at, by) FROM STDIN";
static const char merge_sign_off_sql[] =
	"INSERT INTO sign_off SELECT organisation, date, action, at, by"
	" FROM stage_sign_off ON CONFLICT DO NOTHING";
static const char pushed_sql[] =
	"SELECT path, organisation, state, watermark, last_event FROM pushed_file"
	" WHERE host = $1";
static const char record_sql[] =
	"INSERT INTO pushed_file (host, path, organisation, state, watermark,"
	" last_event, contacts) VALUES ($1, $2, $3, $4, $5, $6, $7)"
	" ON CONFLICT (host, path) DO UPDATE SET organisation = excluded.organisation,"
	" state = excluded.state, watermark = excluded.watermark,"
	" last_event = excluded.last_event,"
	" contacts = pushed_file.contacts + excluded.contacts, pushed_at = now()";

struct pushed {
	char *path, *organisation, *state;
	long long watermark, last_event;
};

struct pg_push {
	struct pg *db;
	char *host, *organisation;
	struct pushed *v;
	size_t n;
	struct pg_push_counts counts;
};

int pg_push_new(struct pg_push **out, struct pg *db, const char *host,
		const char *organisation, char **err)
{
	struct pg_push *p;
	PGresult *res;
	const char *params[1] = { host };
	int i;

	*out = NULL;
	if (pg_exec(db, stage_sql, 0, NULL, err)
	    || !(res = pg_query(db, pushed_sql, 1, params, err)))
		return -1;
	p = xcalloc(1, sizeof *p);
	p->db = db;
	p->host = xstrdup(host);
	p->organisation = xstrdup(organisation ? organisation : "");
	p->n = (size_t)PQntuples(res);
	p->v = xcalloc(p->n + 1, sizeof *p->v);
	for (i = 0; i < (int)p->n; i++) {
		p->v[i].path = xstrdup(PQgetvalue(res, i, 0));
		p->v[i].organisation = xstrdup(PQgetvalue(res, i, 1));
		p->v[i].state = xstrdup(PQgetvalue(res, i, 2));
		p->v[i].watermark = strtoll(PQgetvalue(res, i, 3), NULL, 10);
		p->v[i].last_event = strtoll(PQgetvalue(res, i, 4), NULL, 10);
	}
	PQclear(res);
	*out = p;
	return 0;
}

int pg_push_finish(struct pg_push *p, char **err)
{
	/* Autovacuum would analyse too, later; the owner's push does it now
	 * (for another role the server skips it with a notice). */
	if (p->counts.contacts < 10000)
		return 0;
	return pg_exec(p->db, "ANALYZE contact", 0, NULL, err);
}

void pg_push_free(struct pg_push **p)
{
	size_t i;
	if (!p || !*p)
		return;
	for (i = 0; i < (*p)->n; i++) {
		free((*p)->v[i].path);
		free((*p)->v[i].organisation);
		free((*p)->v[i].state);
	}
	free((*p)->v);
	free((*p)->host);
	free((*p)->organisation);
	free(*p);
	*p = NULL;
}

const struct pg_push_counts *pg_push_counts(const struct pg_push *p)
{
	return &p->counts;
}

/* "dev:ino size mtime wal-size wal-mtime": what changes when the file's
 * contents may have (the inode part says it is the same file). */
static char *file_state(const char *path)
{
	struct stat st, w;
	char *wal = xasprintf("%s-wal", path), *s;
	bool has_wal = stat(wal, &w) == 0;
	free(wal);
	if (stat(path, &st) != 0)
		return NULL;
	s = xasprintf("%llu:%llu %lld %lld.%09ld %lld %lld.%09ld",
		      (unsigned long long)st.st_dev, (unsigned long long)st.st_ino,
		      (long long)st.st_size, (long long)st.st_mtim.tv_sec,
		      st.st_mtim.tv_nsec, has_wal ? (long long)w.st_size : -1LL,
		      has_wal ? (long long)w.st_mtim.tv_sec : 0LL,
		      has_wal ? w.st_mtim.tv_nsec : 0L);
	return s;
}

static bool same_inode(const char *a, const char *b)
{
	size_t n = strcspn(a, " ");
	return n == strcspn(b, " ") && !strncmp(a, b, n);
}

/* ---- the rows ------------------------------------------------------------ */

struct sender {
	struct pg_copy copy;
	const struct pg_push *p;
	const char *source;	/* the file's name: the events' key */
	long long since, watermark;
	size_t n;
	char **err;
};

static long long changed_at(const struct stats_row *r)
{
	long long t = (long long)r->saved_at;
	if ((long long)r->undone_at > t)
		t = (long long)r->undone_at;
	if ((long long)r->corrected_at > t)
		t = (long long)r->corrected_at;
	return t;
}

static int send_contact(const struct stats_row *r, void *ud)
{
	struct sender *s = ud;
	long long t = changed_at(r);
	if (t > s->watermark)
		s->watermark = t;
	if (t < s->since)
		return 0;
	pg_copy_text(&s->copy, r->id);
	pg_copy_text(&s->copy, s->p->organisation);
	pg_copy_text(&s->copy, r->desk ? r->desk : "");
	pg_copy_text(&s->copy, r->advisor);
	pg_copy_int(&s->copy, (long long)r->started_at);
	pg_copy_int(&s->copy, (long long)r->ended_at);
	pg_copy_int(&s->copy, (long long)r->tz_offset);
	pg_copy_time(&s->copy, (long long)r->saved_at);
	pg_copy_time(&s->copy, (long long)r->undone_at);
	pg_copy_time(&s->copy, (long long)r->corrected_at);
#define SEND_FIELD(name, t, k, kind, l, use) \
	CONTACT_IF_READ(use, pg_copy_text(&s->copy, r->name);)
	CONTACT_FIELDS(SEND_FIELD)
#undef SEND_FIELD
	s->n++;
	return pg_copy_end_row(&s->copy, s->err) ? 1 : 0;
}

static int send_event(long long id, const struct stats_event *e, void *ud)
{
	struct sender *s = ud;
	if (id > s->watermark)
		s->watermark = id;
	pg_copy_text(&s->copy, s->p->organisation);
	pg_copy_text(&s->copy, s->source);
	pg_copy_int(&s->copy, id);
	pg_copy_text(&s->copy, e->kind);
	pg_copy_int(&s->copy, (long long)e->at);
	pg_copy_text(&s->copy, e->contact_id);
	pg_copy_text(&s->copy, e->detail);
	s->n++;
	return pg_copy_end_row(&s->copy, s->err) ? 1 : 0;
}

/* ---- one file ------------------------------------------------------------ */

static const struct pushed *find_pushed(const struct pg_push *p, const char *path)
{
	size_t i;
	for (i = 0; i < p->n; i++)
		if (!strcmp(p->v[i].path, path))
			return &p->v[i];
	return NULL;
}

static void rollback(struct pg *db)
{
	char *ignore = NULL;
	if (PQstatus(pg_conn(db)) == CONNECTION_OK)
		pg_exec(db, "ROLLBACK", 0, NULL, &ignore);
	err_free(&ignore);
}

/* The file's rows, in the transaction: contacts, events, sign-offs. A
 * file failure is 1, the database's 2. */
static int send_file(struct pg_push *p, struct stats_reader *r,
		     const struct pushed *before, bool whole, const char *source,
		     long long *watermark, long long *last_event, size_t *contacts,
		     char **err)
{
	struct sender s;
	struct stats_signoffs so = { NULL, 0 };
	size_t i;
	int rc;

	memset(&s, 0, sizeof s);
	s.p = p;
	s.source = source;
	s.err = err;
	s.since = whole ? LLONG_MIN : before->watermark - PUSH_MARGIN;
	s.watermark = whole ? 0 : before->watermark;
	if (pg_copy_begin(&s.copy, p->db, copy_contact_sql, err))
		return 2;
	rc = stats_reader_contacts(r, 0, (time_t)INT64_MAX, true, send_contact, &s, err);
	if (pg_copy_end(&s.copy, rc == 0, err))
		return rc < 0 ? 1 : 2;
	if (pg_exec(p->db, merge_contact_sql, 0, NULL, err))
		return 2;
	*watermark = s.watermark;
	*contacts = s.n;
	p->counts.contacts += s.n;

	s.n = 0;
	s.watermark = whole ? 0 : before->last_event;
	if (pg_copy_begin(&s.copy, p->db, copy_event_sql, err))
		return 2;
	rc = stats_reader_events(r, s.watermark, send_event, &s, err);
	if (pg_copy_end(&s.copy, rc == 0, err))
		return rc < 0 ? 1 : 2;
	if (pg_exec(p->db, merge_event_sql, 0, NULL, err))
		return 2;
	*last_event = s.watermark;
	p->counts.events += s.n;

	if (stats_reader_signoffs(r, &so, err))
		return 1;
	rc = pg_copy_begin(&s.copy, p->db, copy_sign_off_sql, err);
	for (i = 0; i < so.n && !rc; i++) {
		pg_copy_text(&s.copy, p->organisation);
		pg_copy_text(&s.copy, so.v[i].date);
		pg_copy_text(&s.copy, so.v[i].action == STATS_REOPEN ? "reopen" : "close");
		pg_copy_int(&s.copy, (long long)so.v[i].at);
		pg_copy_text(&s.copy, so.v[i].by ? so.v[i].by : "");
		rc = pg_copy_end_row(&s.copy, err);
	}
	p->counts.sign_offs += so.n;
	stats_signoffs_clear(&so);
	if (rc || pg_copy_end(&s.copy, true, err)
	    || pg_exec(p->db, merge_sign_off_sql, 0, NULL, err))
		return 2;
	return 0;
}

int pg_push_file(struct pg_push *p, const char *path, int *kind, char **err)
{
	struct stats_reader *r = NULL;
	const struct pushed *before;
	char *real = realpath(path, NULL), *state, *base;
	long long watermark = 0, last_event = 0;
	size_t contacts = 0;
	bool whole;
	int rc;

	*kind = 0;
	state = real ? file_state(real) : NULL;
	if (!state) {
		err_set(err, _("%s: cannot read: %s"), path, strerror(errno));
		free(real);
		*kind = 1;
		return -1;
	}
	before = find_pushed(p, real);
	if (before && !strcmp(before->state, state)
	    && !strcmp(before->organisation, p->organisation)) {
		p->counts.unchanged++;
		free(state);
		free(real);
		return 0;
	}
	whole = !before || !same_inode(before->state, state)
		|| strcmp(before->organisation, p->organisation);
	if (stats_reader_open(&r, path, err)) {
		free(state);
		free(real);
		*kind = 1;
		return -1;
	}
	base = strrchr(real, '/');
	base = base ? base + 1 : real;
	if (pg_exec(p->db, "BEGIN", 0, NULL, err)) {
		rc = 2;
	} else {
		rc = send_file(p, r, before, whole, base, &watermark, &last_event,
			       &contacts, err);
		if (!rc) {
			char wm[24], le[24], n[24];
			const char *params[7] = { p->host, real, p->organisation, state, wm, le, n };
			snprintf(wm, sizeof wm, "%lld", watermark);
			snprintf(le, sizeof le, "%lld", last_event);
			snprintf(n, sizeof n, "%zu", contacts);
			if (pg_exec(p->db, record_sql, 7, params, err)
			    || pg_exec(p->db, "COMMIT", 0, NULL, err))
				rc = 2;
		}
	}
	if (rc) {
		rollback(p->db);
		*kind = rc;
	} else
		p->counts.files++;
	stats_reader_free(&r);
	free(state);
	free(real);
	return rc ? -1 : 0;
}
