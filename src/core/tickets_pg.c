/* tickets_pg: the ticket store in the national PostgreSQL database
 * (tickets_store.h), for hosts of several organisations that hand
 * tickets to each other (configuration: tickets-db).
 *
 * The tables are the schema's version 2 (pg_schema.c), made by stats
 * push --init. Each ticket records the organisation that made it and its
 * holder, the organisation whose queue has it: a host sees, steps and
 * reads the details of only the tickets its organisation holds; a
 * ticket made for org:ID, or passed to it, is in that organisation's
 * queue. Within an
 * organisation the assignee (unit:NAME, desk:NAME, lang:LL ...) says who
 * of it should call, as in the SQLite store.
 *
 * Each step is one transaction with a conditional UPDATE ... RETURNING:
 * two hosts taking one ticket at once, the second waits for the first's
 * row lock, finds the ticket no longer open and is told who has it.
 * Every statement is a constant with bound parameters. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/pg.h"
#include "core/pg_schema.h"
#include "core/tickets_store.h"

struct store {
	struct pg *db;
	char *org;	/* this host's organisation, "" for none */
};

/* Whole numbers as parameters' text. */
struct nums {
	char v[4][24];
};

static const char *num(struct nums *n, int i, long long v)
{
	snprintf(n->v[i], sizeof n->v[i], "%lld", v);
	return n->v[i];
}

static const char *opt(const char *s)
{
	return s && *s ? s : NULL;
}

static char *get_str(PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) ? NULL : xstrdup(PQgetvalue(r, row, col));
}

static long long get_int(PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) ? 0 : atoll(PQgetvalue(r, row, col));
}

static int begin(struct store *s, char **err)
{
	return pg_exec(s->db, "BEGIN", 0, NULL, err);
}

/* COMMIT after ok, else ROLLBACK (*err kept from the failure). */
static int finish(struct store *s, int rc, char **err)
{
	if (rc == 0)
		return pg_exec(s->db, "COMMIT", 0, NULL, err);
	if (PQstatus(pg_conn(s->db)) == CONNECTION_OK) {
		char *ignore = NULL;
		pg_exec(s->db, "ROLLBACK", 0, NULL, &ignore);
		err_free(&ignore);
	}
	return rc;
}

static int audit(struct store *s, long id, time_t at, const char *user,
		 const char *action, const char *detail, char **err)
{
	struct nums n;
	const char *p[6] = { num(&n, 0, id), num(&n, 1, (long long)at), s->org,
			     user, action, detail };
	return pg_exec(s->db, "INSERT INTO ticket_audit (ticket, at, organisation,"
		       " username, action, detail) VALUES ($1, $2, $3, $4, $5, $6)",
		       6, p, err);
}

/* ---- operations --------------------------------------------------------- */

static int store_create(void *h, const struct ticket_new *nw, const char *phone,
			enum ticket_assignee to, const char *value, time_t now,
			const char *user, long *id, char **err)
{
	struct store *s = h;
	struct nums n;
	char *topics = codes_topics_join(nw->topics);
	const char *p[9] = { s->org, num(&n, 0, (long long)now), user,
			     opt(nw->desk), tickets_assignee_prefix(to), value,
			     nw->language, topics ? topics : "",
			     num(&n, 1, (long long)nw->due_at) };
	PGresult *r;
	int rc = begin(s, err);

	if (rc == 0) {
		r = pg_query(s->db, "INSERT INTO ticket (organisation, holder,"
			     " created_at, created_by, desk, assignee_kind, assignee,"
			     " language, topics, due_at)"
			     " VALUES ($1, CASE WHEN $5 = 'org' THEN $6 ELSE $1 END,"
			     " $2, $3, $4, $5, $6, $7, $8, $9)"
			     " RETURNING id", 9, p, err);
		rc = r && PQntuples(r) == 1 ? 0 : -1;
		if (rc == 0)
			*id = (long)get_int(r, 0, 0);
		PQclear(r);
	}
	free(topics);
	if (rc == 0) {
		const char *c[4] = { num(&n, 2, *id), opt(phone), opt(nw->email),
				     opt(nw->note) };
		rc = pg_exec(s->db, "INSERT INTO ticket_contact (ticket, phone, email, note)"
			     " VALUES ($1, $2, $3, $4)", 4, c, err);
	}
	if (rc == 0)
		rc = audit(s, *id, now, user, "create", NULL, err);
	return finish(s, rc, err);
}

static void read_row(PGresult *r, int row, struct ticket *k)
{
	const char *kind = PQgetvalue(r, row, 8);
	int i;
	memset(k, 0, sizeof *k);
	k->id = (long)get_int(r, row, 0);
	k->created_at = (time_t)get_int(r, row, 1);
	k->due_at = (time_t)get_int(r, row, 2);
	k->taken_at = (time_t)get_int(r, row, 3);
	k->first_call_at = (time_t)get_int(r, row, 4);
	k->closed_at = (time_t)get_int(r, row, 5);
	k->created_by = get_str(r, row, 6);
	k->desk = get_str(r, row, 7);
	k->to = TICKET_TO_UNIT;
	for (i = 0; i < TICKET_TO__N; i++)
		if (!strcmp(kind, tickets_assignee_prefix((enum ticket_assignee)i)))
			k->to = (enum ticket_assignee)i;
	k->assignee = xstrdup(PQgetvalue(r, row, 9));
	k->language = xstrdup(PQgetvalue(r, row, 10));
	k->topics = xstrdup(PQgetvalue(r, row, 11));
	i = tickets_status_find(PQgetvalue(r, row, 12));
	k->status = i < 0 ? TICKET_OPEN : (enum ticket_status)i;
	k->taken_by = get_str(r, row, 13);
	k->attempts = (int)get_int(r, row, 14);
	k->passes = (int)get_int(r, row, 15);
	k->erased = !PQgetisnull(r, row, 16);
}

static int store_list(void *h, const struct tickets_filter *f, time_t now,
		      struct ticket **rows, size_t *n, char **err)
{
	struct store *s = h;
	struct nums nm;
	char *kind = NULL, *value = NULL;
	const char *colon = f->assignee ? strchr(f->assignee, ':') : NULL;
	PGresult *r;
	int i;

	*rows = NULL;
	*n = 0;
	if (f->assignee) {
		kind = colon ? xstrndup(f->assignee, (size_t)(colon - f->assignee))
			     : xstrdup(f->assignee);
		value = colon ? xstrdup(colon + 1) : NULL;
	}
	{
		const char *p[7] = { f->closed ? "t" : "f", kind, value,
				     f->language, f->overdue ? "t" : "f",
				     num(&nm, 0, (long long)now), s->org };
		/* The columns in read_row's order. */
		r = pg_query(s->db, "SELECT id, created_at, due_at, taken_at,"
			     " first_call_at, closed_at, created_by, desk,"
			     " assignee_kind, assignee, language, topics, status,"
			     " taken_by, attempts, passes, erased_at FROM ticket"
			     " WHERE holder = $7"
			     " AND ($1::boolean OR status IN ('open', 'taken'))"
			     " AND ($2::text IS NULL OR assignee_kind = $2)"
			     " AND ($3::text IS NULL OR assignee = $3)"
			     " AND ($4::text IS NULL OR language = $4)"
			     " AND (NOT $5::boolean OR (status IN ('open', 'taken')"
			     " AND due_at < $6::bigint))"
			     " ORDER BY due_at, id", 7, p, err);
	}
	free(kind);
	free(value);
	if (!r)
		return -1;
	*n = (size_t)PQntuples(r);
	*rows = *n ? xcalloc(*n, sizeof **rows) : NULL;
	for (i = 0; i < PQntuples(r); i++)
		read_row(r, i, &(*rows)[i]);
	PQclear(r);
	return 0;
}

/* The contact details of id (and the audited read), in a transaction. */
static int read_contact(struct store *s, long id, time_t now, const char *user,
			struct ticket_contact **c, char **err)
{
	struct nums n;
	const char *p[2] = { num(&n, 0, id), s->org };
	PGresult *r = pg_query(s->db, "SELECT c.phone, c.email, c.note"
			       " FROM ticket_contact c JOIN ticket t ON t.id = c.ticket"
			       " WHERE c.ticket = $1 AND t.holder = $2", 2, p, err);
	*c = NULL;
	if (!r)
		return -1;
	if (PQntuples(r) == 1) {
		*c = xcalloc(1, sizeof **c);
		(*c)->phone = get_str(r, 0, 0);
		(*c)->email = get_str(r, 0, 1);
		(*c)->note = get_str(r, 0, 2);
	}
	PQclear(r);
	return *c ? audit(s, id, now, user, "read", NULL, err) : 0;
}

/* Why a step did not change the ticket: 1 with *err, or 0 with *mine
 * (taken by this user already); -1 on failure. */
static int refusal(struct store *s, const struct ticket_step *stp, bool *mine,
		   char **err)
{
	struct nums n;
	const char *p[2] = { num(&n, 0, stp->id), s->org };
	PGresult *r = pg_query(s->db, "SELECT status, taken_by FROM ticket"
			       " WHERE id = $1 AND holder = $2", 2, p, err);
	const char *status, *by;
	int rc;

	*mine = false;
	if (!r)
		return -1;
	status = PQntuples(r) == 1 ? PQgetvalue(r, 0, 0) : NULL;
	by = status && !PQgetisnull(r, 0, 1) ? PQgetvalue(r, 0, 1) : NULL;
	rc = tickets_store_refusal(stp->id, status, by, stp->user, mine, err);
	PQclear(r);
	return rc;
}

/* The conditional UPDATE of each step, as in tickets_sqlite.c: it changes
 * the ticket only while it is this organisation's ($4) and open, or
 * taken by this user ($2). $1 id, $3 now; unreachable: $5 the most
 * attempts; pass: $5 the kind, $6 the value (org:ID changes the holder). */
#define MAY_STEP " WHERE id = $1 AND holder = $4 AND (status = 'open'" \
	" OR (status = 'taken' AND taken_by = $2))"
static const struct { const char *sql; int n; const char *action; } step_sql[] = {
	[TICKET_OP_TAKE] = {
		"UPDATE ticket SET status = 'taken', taken_by = $2, taken_at = $3"
		" WHERE id = $1 AND holder = $4 AND status = 'open'"
		" RETURNING attempts, status", 4, "take" },
	[TICKET_OP_DONE] = {
		"UPDATE ticket SET status = 'done', closed_at = $3,"
		" first_call_at = coalesce(first_call_at, $3),"
		" taken_by = coalesce(taken_by, $2), taken_at = coalesce(taken_at, $3)"
		MAY_STEP " RETURNING attempts, status", 4, "done" },
	[TICKET_OP_UNREACHABLE] = {
		"UPDATE ticket SET attempts = attempts + 1,"
		" first_call_at = coalesce(first_call_at, $3),"
		" status = CASE WHEN attempts + 1 >= $5::integer THEN 'unreachable' ELSE 'open' END,"
		" closed_at = CASE WHEN attempts + 1 >= $5::integer THEN $3::bigint END,"
		" taken_by = CASE WHEN attempts + 1 >= $5::integer THEN coalesce(taken_by, $2) END,"
		" taken_at = CASE WHEN attempts + 1 >= $5::integer THEN coalesce(taken_at, $3) END"
		MAY_STEP " RETURNING attempts, status", 5, "unreachable" },
	[TICKET_OP_PASS] = {
		"UPDATE ticket SET assignee_kind = $5, assignee = $6, status = 'open',"
		" holder = CASE WHEN $5 = 'org' THEN $6 ELSE holder END,"
		" taken_by = NULL, taken_at = NULL, passes = passes + 1"
		/* $3 unused but typed: the parameters are numbered in a row. */
		MAY_STEP " RETURNING attempts, status, $3::bigint", 6, "pass" },
};

static int store_step(void *h, struct ticket_step *stp,
		      struct ticket_contact **c, char **err)
{
	struct store *s = h;
	struct nums n;
	const char *p[6] = { num(&n, 0, stp->id), stp->user,
			     num(&n, 1, (long long)stp->now), s->org,
			     stp->op == TICKET_OP_PASS ? tickets_assignee_prefix(stp->to)
			     : num(&n, 2, TICKETS_MAX_ATTEMPTS), stp->value };
	char *detail = NULL;
	bool mine = false;
	PGresult *r;
	int rc = begin(s, err);

	if (rc)
		return -1;
	r = pg_query(s->db, step_sql[stp->op].sql, step_sql[stp->op].n, p, err);
	if (!r)
		return finish(s, -1, err);
	if (PQntuples(r) == 0) {
		rc = refusal(s, stp, &mine, err);
		/* Taking one's own ticket again only shows it again. */
		if (rc || stp->op != TICKET_OP_TAKE) {
			PQclear(r);
			finish(s, -1, err);
			return rc < 0 ? -1 : 1;
		}
	} else if (stp->op == TICKET_OP_UNREACHABLE) {
		stp->attempts = (int)get_int(r, 0, 0);
		stp->closed = !strcmp(PQgetvalue(r, 0, 1), "unreachable");
		detail = xasprintf("%d", stp->attempts);
	}
	PQclear(r);
	if (stp->op == TICKET_OP_PASS)
		detail = tickets_assignee_text(stp->to, stp->value);
	if (!mine)
		rc = audit(s, stp->id, stp->now, stp->user, step_sql[stp->op].action,
			   detail, err);
	free(detail);
	if (rc == 0 && c)
		rc = read_contact(s, stp->id, stp->now, stp->user, c, err);
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
	int rc = begin(s, err);
	if (rc == 0)
		rc = read_contact(s, id, now, user, c, err);
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

/* The tickets this organisation ($2) holds, closed at the cutoff ($1)
 * or before, their details not yet erased: each organisation's
 * retention applies to the tickets it holds. */
#define EXPIRED " FROM ticket WHERE holder = $2 AND closed_at IS NOT NULL" \
	" AND closed_at <= $1::bigint AND erased_at IS NULL"

static int store_erase(void *h, time_t cutoff, time_t now, const char *user,
		       size_t *n, char **err)
{
	/* $3 now, $4 the user. */
	static const char audit_sql[] =
		"INSERT INTO ticket_audit (ticket, at, organisation, username, action)"
		" SELECT id, $3::bigint, $2, $4, 'erase'" EXPIRED;
	static const char delete_sql[] =
		"DELETE FROM ticket_contact WHERE ticket IN (SELECT id" EXPIRED ")";
	static const char mark_sql[] =
		"UPDATE ticket SET erased_at = $3::bigint WHERE id IN (SELECT id" EXPIRED ")";
	struct store *s = h;
	struct nums nm;
	const char *p[4] = { num(&nm, 0, (long long)cutoff), s->org,
			     num(&nm, 1, (long long)now), user };
	PGresult *r;
	int rc = begin(s, err);

	*n = 0;
	if (rc)
		return -1;
	r = pg_query(s->db, audit_sql, 4, p, err);
	if (!r)
		return finish(s, -1, err);
	*n = (size_t)atoll(PQcmdTuples(r));
	PQclear(r);
	if (pg_exec(s->db, delete_sql, 2, p, err)
	    || pg_exec(s->db, mark_sql, 3, p, err))
		rc = -1;
	return finish(s, rc, err);
}

static int store_audit(void *h, long id, struct ticket_audit **rows, size_t *n,
		       char **err)
{
	struct store *s = h;
	struct nums nm;
	const char *p[2] = { num(&nm, 0, id), s->org };
	PGresult *r = pg_query(s->db, "SELECT a.ticket, a.at, a.username, a.action,"
			       " a.detail FROM ticket_audit a JOIN ticket t ON t.id = a.ticket"
			       " WHERE ($1::bigint = 0 OR a.ticket = $1) AND t.holder = $2"
			       " ORDER BY a.id", 2, p, err);
	int i;

	*rows = NULL;
	*n = 0;
	if (!r)
		return -1;
	*n = (size_t)PQntuples(r);
	*rows = *n ? xcalloc(*n, sizeof **rows) : NULL;
	for (i = 0; i < PQntuples(r); i++) {
		struct ticket_audit *a = &(*rows)[i];
		a->ticket = (long)get_int(r, i, 0);
		a->at = (time_t)get_int(r, i, 1);
		a->user = get_str(r, i, 2);
		a->action = get_str(r, i, 3);
		a->detail = get_str(r, i, 4);
	}
	PQclear(r);
	return 0;
}

static const char *store_path(void *h)
{
	return pg_where(((struct store *)h)->db);
}

static void store_close(void *h)
{
	struct store *s = h;
	if (!s)
		return;
	pg_free(&s->db);
	free(s->org);
	free(s);
}

static const struct tickets_backend pg_backend = {
	store_create, store_list, store_step, store_contact, store_erase,
	store_audit, store_path, store_close,
};

int tickets_pg_open(const struct tickets_opts *o,
		    const struct tickets_backend **be, void **h, char **err)
{
	struct store *s = xcalloc(1, sizeof *s);
	s->org = xstrdup(o->organisation ? o->organisation : "");
	if (pg_connect(&s->db, o->db, err) || pg_schema_check(s->db, err)) {
		store_close(s);
		return -1;
	}
	*be = &pg_backend;
	*h = s;
	return 0;
}
