/* pg_read: see pg_read.h.
 *
 * Speed: a million contacts come out as one COPY (...) TO STDOUT in text,
 * split in place; nothing is kept but the row at hand. The query's values
 * (period, desks, organisations) go into temporary tables with bound
 * parameters, because COPY takes none; the COPY's own text is constant. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/contact_fields.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/pg_read.h"
#include "core/stats.h"

#define READ_FIRST_FIELD 10
#define READ_N (READ_FIRST_FIELD + 0 CONTACT_FIELDS(READ_ONE))
#define READ_ONE(name, t, k, kind, l, use) CONTACT_IF_READ(use, + 1)

/* JIT compiling the scan costs more than it saves on a report's one
 * pass over the rows. */
static const char query_sql[] =
	"SET jit = off;"
	"CREATE TEMP TABLE IF NOT EXISTS report_q"
	" (from_t bigint, to_t bigint, with_undone boolean);"
	"CREATE TEMP TABLE IF NOT EXISTS report_desk (name text);"
	"CREATE TEMP TABLE IF NOT EXISTS report_org (name text);"
	"TRUNCATE report_q, report_desk, report_org;";
static const char set_period_sql[] = "INSERT INTO report_q VALUES ($1, $2, $3)";
static const char add_desk_sql[] = "INSERT INTO report_desk VALUES ($1)";
static const char add_org_sql[] = "INSERT INTO report_org VALUES ($1)";
#define ORG_WHERE(col) \
	"(NOT EXISTS (SELECT 1 FROM report_org) OR " col " IN (SELECT name FROM report_org))"
/* The COPY of the rows: the columns (see rows_sql), then this. */
#define ROWS_FROM(ORDER) \
	" FROM contact c, report_q q" \
	" WHERE c.started_at >= q.from_t AND c.started_at < q.to_t" \
	" AND (q.with_undone OR c.undone_at IS NULL)" \
	" AND " ORG_WHERE("c.organisation") \
	" AND (NOT EXISTS (SELECT 1 FROM report_desk) OR c.desk IN (SELECT name FROM report_desk))" \
	ORDER ") TO STDOUT"
/* [q->ordered]: a writer that streams wants the files' merge order
 * (start, desk, id, compared as bytes); the counts need no order. */
static const char *const rows_from[2] = {
	ROWS_FROM(""),
	ROWS_FROM(" ORDER BY c.started_at, c.desk COLLATE \"C\", c.id COLLATE \"C\""),
};
#define READ_OWN "COPY (SELECT organisation, id, desk, advisor, started_at," \
	" ended_at, tz_offset, undone_at, saved_at, corrected_at"
/* Each field as a column of the SELECT, and whether readers get it. */
#define FIELD_COL(name, t, k, kind, l, use) [CONTACT_F_##name] = ", " #name,
static const char *const field_col[CONTACT_F__N] = { CONTACT_FIELDS(FIELD_COL) };
#undef FIELD_COL
#define FIELD_READ(name, t, k, kind, l, use) \
	[CONTACT_F_##name] = 0 CONTACT_IF_READ(use, + 1),
static const bool field_read[CONTACT_F__N] = { CONTACT_FIELDS(FIELD_READ) };
#undef FIELD_READ

/* The COPY statement of q: made only of the literals above, so no data
 * is in it; a field the consumer does not read (q->fields) is NULL, which
 * spares the server most of the text of a million rows. */
static char *rows_sql(const struct report_query *q)
{
	size_t len = strlen(READ_OWN) + strlen(rows_from[1]) + 1;
	char *sql;
	int f;
	for (f = 0; f < CONTACT_F__N; f++)
		len += strlen(field_col[f]) + 6;
	sql = xmalloc(len);
	strcpy(sql, READ_OWN);
	for (f = 0; f < CONTACT_F__N; f++)
		if (field_read[f])
			strcat(sql, !q || !q->fields || (q->fields & CONTACT_FIELD_BIT(f))
				    ? field_col[f] : ", NULL");
	strcat(sql, rows_from[q && q->ordered]);
	return sql;
}

static const char sign_offs_sql[] =
	"SELECT organisation, date, action, at, nullif(by, '') FROM sign_off"
	" WHERE " ORG_WHERE("organisation") " ORDER BY organisation, at, date, action";

/* The query's values into the temporary tables. */
static int set_query(struct pg *db, const struct report_query *q,
		     const struct pg_filter *f, char **err)
{
	char from[24], to[24];
	const char *p[3] = { from, to, q && q->include_undone ? "true" : "false" };
	size_t i;
	snprintf(from, sizeof from, "%lld", q ? (long long)q->from : 0LL);
	snprintf(to, sizeof to, "%lld", q ? (long long)q->to : 0LL);
	if (pg_exec(db, query_sql, 0, NULL, err) || pg_exec(db, set_period_sql, 3, p, err))
		return -1;
	for (i = 0; q && i < q->n_desks; i++)
		if (pg_exec(db, add_desk_sql, 1, &q->desks[i], err))
			return -1;
	for (i = 0; f && i < f->n_organisations; i++)
		if (pg_exec(db, add_org_sql, 1, &f->organisations[i], err))
			return -1;
	return 0;
}

/* The sign-offs of one organisation. */
struct org_signoffs {
	char *organisation;
	struct stats_signoffs so;
	struct stats_late late;
};

struct orgs {
	struct org_signoffs *v;
	size_t n, last;
};

/* Every sign-off of the filter's organisations: by organisation, or all
 * in one (all_in_one, for the days' closed or not). */
static int load_signoffs(struct pg *db, bool all_in_one, struct orgs *o,
			 char **err)
{
	PGresult *res = pg_query(db, sign_offs_sql, 0, NULL, err);
	int i;
	memset(o, 0, sizeof *o);
	if (!res)
		return -1;
	for (i = 0; i < PQntuples(res); i++) {
		const char *org = all_in_one ? "" : PQgetvalue(res, i, 0);
		const char *date = PQgetvalue(res, i, 1);
		struct stats_signoff *s;
		struct org_signoffs *g;
		if (!o->n || strcmp(o->v[o->n - 1].organisation, org)) {
			o->v = xrealloc(o->v, (o->n + 1) * sizeof *o->v);
			g = &o->v[o->n++];
			memset(g, 0, sizeof *g);
			g->organisation = xstrdup(org);
		}
		g = &o->v[o->n - 1];
		if (strlen(date) != DATE_LEN - 1)
			continue;
		g->so.v = xrealloc(g->so.v, (g->so.n + 1) * sizeof *g->so.v);
		s = &g->so.v[g->so.n++];
		memcpy(s->date, date, DATE_LEN);
		s->action = strcmp(PQgetvalue(res, i, 2), "reopen") ? STATS_CLOSE : STATS_REOPEN;
		s->at = (time_t)strtoll(PQgetvalue(res, i, 3), NULL, 10);
		s->by = PQgetisnull(res, i, 4) ? NULL : xstrdup(PQgetvalue(res, i, 4));
	}
	PQclear(res);
	for (i = 0; i < (int)o->n; i++)
		stats_late_init(&o->v[i].late, &o->v[i].so);
	return 0;
}

static void orgs_clear(struct orgs *o)
{
	size_t i;
	for (i = 0; i < o->n; i++) {
		stats_late_clear(&o->v[i].late);
		stats_signoffs_clear(&o->v[i].so);
		free(o->v[i].organisation);
	}
	free(o->v);
	memset(o, 0, sizeof *o);
}

static struct org_signoffs *find_org(struct orgs *o, const char *org)
{
	size_t i;
	if (o->last < o->n && !strcmp(o->v[o->last].organisation, org))
		return &o->v[o->last];
	for (i = 0; i < o->n; i++)
		if (!strcmp(o->v[i].organisation, org)) {
			o->last = i;
			return &o->v[i];
		}
	return NULL;
}

struct reader {
	struct orgs orgs;
	report_row_fn fn;
	void *ud;
};

static time_t num(const char *s)
{
	return s ? (time_t)strtoll(s, NULL, 10) : 0;
}

static int read_row(char **f, size_t n, void *ud)
{
	struct reader *rd = ud;
	struct stats_row row;
	struct org_signoffs *g;
	size_t i = READ_FIRST_FIELD;
	(void)n;
	if (!f[1])
		return 0;
	memset(&row, 0, sizeof row);
	row.file = "";
	row.id = f[1];
	row.desk = f[2];
	row.advisor = f[3];
	row.started_at = num(f[4]);
	row.ended_at = num(f[5]);
	row.tz_offset = (long)num(f[6]);
	row.undone_at = num(f[7]);
	row.saved_at = num(f[8]);
	row.corrected_at = num(f[9]);
#define READ_FIELD(name, t, k, kind, l, use) CONTACT_IF_READ(use, row.name = f[i++];)
	CONTACT_FIELDS(READ_FIELD)
#undef READ_FIELD
	(void)i;
	g = find_org(&rd->orgs, f[0] ? f[0] : "");
	row.late = g && stats_late_check(&g->late, &row);
	return rd->fn(&row, rd->ud);
}

int pg_report_scan(struct pg *db, const struct report_query *q,
		   const struct pg_filter *f, report_row_fn fn, void *ud,
		   char **err)
{
	struct reader rd;
	char *sql;
	int rc;
	memset(&rd, 0, sizeof rd);
	rd.fn = fn;
	rd.ud = ud;
	if (set_query(db, q, f, err) || load_signoffs(db, false, &rd.orgs, err))
		return -1;
	sql = rows_sql(q);
	rc = pg_copy_out(db, sql, READ_N, read_row, &rd, err);
	free(sql);
	orgs_clear(&rd.orgs);
	return rc;
}

int pg_report_days_load(struct report_days *out, struct pg *db,
			const struct pg_filter *f, const char *from_date,
			const char *to_date, char **err)
{
	struct orgs o;
	struct stats_signoffs none = { NULL, 0 };
	int rc;
	out->v = NULL;
	out->n = 0;
	if (set_query(db, NULL, f, err) || load_signoffs(db, true, &o, err))
		return -1;
	rc = report_days_make(out, o.n ? &o.v[0].so : &none, from_date, to_date, err);
	orgs_clear(&o);
	return rc;
}
