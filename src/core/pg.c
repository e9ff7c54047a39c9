/* pg: see pg.h.
 *
 * Messages: libpq's own are several lines and sometimes translated by the
 * server; neuvoo says in its words what went wrong and what to do, with
 * libpq's first line after it for the administrator. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/pg.h"
#include "core/text.h"

struct pg {
	PGconn *conn;
	char *where;
};

/* libpq's message, its first line only. A new string. */
static char *first_line(const char *msg)
{
	size_t n;
	if (!msg)
		return xstrdup("");
	while (*msg == ' ')
		msg++;
	n = strcspn(msg, "\n");
	return xstrndup(msg, n);
}

bool pg_url_has_password(const char *url)
{
	PQconninfoOption *opts = url ? PQconninfoParse(url, NULL) : NULL, *o;
	bool yes = false;
	for (o = opts; o && o->keyword; o++)
		yes |= !strcmp(o->keyword, "password") && o->val && *o->val;
	PQconninfoFree(opts);
	return yes;
}

int pg_check_url(const char *url, char **err)
{
	PQconninfoOption *opts;
	char *msg = NULL;
	int rc = 0;

	if (!url || !*url) {
		err_set(err, "%s", _("--db needs a database: a postgresql:// URL or a connection string"));
		return -1;
	}
	opts = PQconninfoParse(url, &msg);
	if (!opts) {
		char *line = first_line(msg);
		err_set(err, _("--db: not a database URL or connection string (%s)"), line);
		free(line);
		PQfreemem(msg);
		return -1;
	}
	PQconninfoFree(opts);
	if (pg_url_has_password(url)) {
		err_set(err, "%s", _("--db: a password on the command line can be read by every user of the host; put it in ~/.pgpass or PGPASSWORD instead"));
		rc = -1;
	}
	return rc;
}

/* The server's notices ("already exists, skipping") are not the user's. */
static void quiet(void *ud, const char *msg)
{
	(void)ud;
	(void)msg;
}

int pg_connect(struct pg **out, const char *url, char **err)
{
	/* The URL comes last: what it says wins over these defaults. */
	static const char *const keys[] = {
		"application_name", "connect_timeout", "client_encoding", "dbname", NULL
	};
	const char *vals[] = { "neuvoo", "10", "UTF8", url, NULL };
	PGconn *conn;
	struct pg *db;

	*out = NULL;
	if (pg_check_url(url, err))
		return -1;
	conn = PQconnectdbParams(keys, vals, 1);
	if (!conn) {
		err_set(err, "%s", _("cannot connect to the database: out of memory"));
		return -1;
	}
	if (PQstatus(conn) != CONNECTION_OK) {
		char *line = first_line(PQerrorMessage(conn));
		if (PQconnectionUsedPassword(conn))
			err_set(err, _("cannot log in to the database as %s: wrong user name or password; check ~/.pgpass or PGPASSWORD (%s)"),
				PQuser(conn), line);
		else if (PQconnectionNeedsPassword(conn))
			err_set(err, _("the database asks a password of %s and none was given; put it in ~/.pgpass or PGPASSWORD"),
				PQuser(conn));
		else
			err_set(err, _("cannot connect to the database: %s; check the server is running and the database address (--db, or tickets-db in the configuration) is right"),
				line);
		free(line);
		PQfinish(conn);
		return -1;
	}
	PQsetNoticeProcessor(conn, quiet, NULL);
	db = xcalloc(1, sizeof *db);
	db->conn = conn;
	{
		const char *host = PQhost(conn);
		db->where = xasprintf(_("database %s on %s"), PQdb(conn),
				      host && *host ? host : "localhost");
	}
	*out = db;
	return 0;
}

void pg_free(struct pg **db)
{
	if (!db || !*db)
		return;
	PQfinish((*db)->conn);
	free((*db)->where);
	free(*db);
	*db = NULL;
}

PGconn *pg_conn(struct pg *db)
{
	return db->conn;
}

const char *pg_where(const struct pg *db)
{
	return db->where;
}

int pg_fail(struct pg *db, char **err)
{
	char *line = first_line(PQerrorMessage(db->conn));
	if (PQstatus(db->conn) != CONNECTION_OK)
		err_set(err, _("%s: the connection was lost (%s); what was being written is not kept, push again"),
			db->where, line);
	else
		err_set(err, _("%s: %s"), db->where, line);
	free(line);
	return -1;
}

PGresult *pg_query(struct pg *db, const char *sql, int n,
		   const char *const *params, char **err)
{
	/* Without parameters, PQexec: a constant script of several
	 * statements (the schema) is allowed there only. */
	PGresult *res = n ? PQexecParams(db->conn, sql, n, NULL, params, NULL, NULL, 0)
			  : PQexec(db->conn, sql);
	ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
		if (res) {
			const char *m = PQresultErrorMessage(res);
			char *line = first_line(m && *m ? m : PQerrorMessage(db->conn));
			if (PQstatus(db->conn) != CONNECTION_OK)
				pg_fail(db, err);
			else
				err_set(err, _("%s: %s"), db->where, line);
			free(line);
			PQclear(res);
		} else
			pg_fail(db, err);
		return NULL;
	}
	return res;
}

int pg_exec(struct pg *db, const char *sql, int n, const char *const *params,
	    char **err)
{
	PGresult *res = pg_query(db, sql, n, params, err);
	if (!res)
		return -1;
	PQclear(res);
	return 0;
}

/* ---- COPY in ----------------------------------------------------------- */

enum { COPY_CHUNK = 1 << 20 };

int pg_copy_begin(struct pg_copy *c, struct pg *db, const char *sql,
		  char **err)
{
	PGresult *res = PQexecParams(db->conn, sql, 0, NULL, NULL, NULL, NULL, 0);
	memset(c, 0, sizeof *c);
	c->db = db;
	c->first = true;
	if (!res || PQresultStatus(res) != PGRES_COPY_IN) {
		PQclear(res);
		return pg_fail(db, err);
	}
	PQclear(res);
	c->cap = COPY_CHUNK + 4096;
	c->buf = xmalloc(c->cap);
	return 0;
}

static void put(struct pg_copy *c, const char *s, size_t n)
{
	if (c->n + n > c->cap) {
		while (c->n + n > c->cap)
			c->cap *= 2;
		c->buf = xrealloc(c->buf, c->cap);
	}
	memcpy(c->buf + c->n, s, n);
	c->n += n;
}

static void sep(struct pg_copy *c)
{
	if (!c->first)
		put(c, "\t", 1);
	c->first = false;
}

void pg_copy_text(struct pg_copy *c, const char *v)
{
	const char *p;
	sep(c);
	if (!v) {
		put(c, "\\N", 2);
		return;
	}
	/* Text format: backslash, tab, newline and carriage return escaped. */
	for (p = v; *p; p++) {
		size_t run = strcspn(p, "\\\t\n\r");
		put(c, p, run);
		p += run;
		if (!*p)
			break;
		put(c, *p == '\\' ? "\\\\" : *p == '\t' ? "\\t" : *p == '\n' ? "\\n" : "\\r", 2);
	}
}

void pg_copy_int(struct pg_copy *c, long long v)
{
	char num[24];
	int n = snprintf(num, sizeof num, "%lld", v);
	sep(c);
	put(c, num, (size_t)n);
}

void pg_copy_time(struct pg_copy *c, long long v)
{
	if (v)
		pg_copy_int(c, v);
	else
		pg_copy_text(c, NULL);
}

static int flush(struct pg_copy *c, char **err)
{
	if (c->n && PQputCopyData(c->db->conn, c->buf, (int)c->n) != 1) {
		c->failed = 1;
		return pg_fail(c->db, err);
	}
	c->n = 0;
	return 0;
}

int pg_copy_end_row(struct pg_copy *c, char **err)
{
	put(c, "\n", 1);
	c->first = true;
	return c->n >= COPY_CHUNK ? flush(c, err) : 0;
}

int pg_copy_end(struct pg_copy *c, bool ok, char **err)
{
	PGresult *res;
	int rc = 0;
	if (ok && !c->failed && flush(c, err))
		ok = false;
	free(c->buf);
	c->buf = NULL;
	if (PQputCopyEnd(c->db->conn, ok && !c->failed ? NULL : "neuvoo: aborted") != 1)
		return ok ? pg_fail(c->db, err) : -1;
	while ((res = PQgetResult(c->db->conn))) {
		if (PQresultStatus(res) != PGRES_COMMAND_OK && rc == 0 && ok) {
			char *line = first_line(PQresultErrorMessage(res));
			if (PQstatus(c->db->conn) != CONNECTION_OK)
				pg_fail(c->db, err);
			else
				err_set(err, _("%s: %s"), c->db->where, line);
			free(line);
			rc = -1;
		}
		PQclear(res);
	}
	return ok ? rc : -1;
}

/* ---- COPY out ---------------------------------------------------------- */

static char unescape_one(char e)
{
	switch (e) {
	case 't': return '\t';
	case 'n': return '\n';
	case 'r': return '\r';
	case 'b': return '\b';
	case 'f': return '\f';
	case 'v': return '\v';
	default: return e;
	}
}

/* Split a row (no newline) into fields, unescaping in place. */
static size_t split(char *row, char **fields, size_t max)
{
	size_t n = 0;
	char *r = row, *w;
	while (n < max) {
		char *start = r;
		w = r;
		if (r[0] == '\\' && r[1] == 'N' && (r[2] == '\t' || !r[2])) {
			fields[n++] = NULL;
			r += 2;
		} else {
			while (*r && *r != '\t') {
				if (*r == '\\' && r[1]) {
					*w++ = unescape_one(r[1]);
					r += 2;
				} else
					*w++ = *r++;
			}
			fields[n++] = start;
		}
		if (!*r) {
			*w = '\0';
			break;
		}
		/* r is at the tab; end the field where it was written. */
		if (fields[n - 1])
			*w = '\0';
		r++;
	}
	return n;
}

int pg_copy_out(struct pg *db, const char *sql, size_t n_fields,
		pg_copy_row_fn fn, void *ud, char **err)
{
	PGresult *res = PQexecParams(db->conn, sql, 0, NULL, NULL, NULL, NULL, 0);
	char **fields = xcalloc(n_fields + 1, sizeof *fields);
	char *line;
	int len, stop = 0, rc = 0;

	if (!res || PQresultStatus(res) != PGRES_COPY_OUT) {
		if (res && PQstatus(db->conn) == CONNECTION_OK) {
			char *l = first_line(PQresultErrorMessage(res));
			err_set(err, _("%s: %s"), db->where, l);
			free(l);
		} else
			pg_fail(db, err);
		PQclear(res);
		free(fields);
		return -1;
	}
	PQclear(res);
	while ((len = PQgetCopyData(db->conn, &line, 0)) > 0) {
		if (!stop) {
			size_t n;
			if (len && line[len - 1] == '\n')
				line[len - 1] = '\0';
			n = split(line, fields, n_fields);
			if (n == n_fields)
				stop = fn(fields, n, ud);
		}
		PQfreemem(line);
	}
	if (len == -2)
		rc = pg_fail(db, err);
	while ((res = PQgetResult(db->conn))) {
		if (PQresultStatus(res) != PGRES_COMMAND_OK && !rc) {
			char *l = first_line(PQresultErrorMessage(res));
			err_set(err, _("%s: %s"), db->where, l);
			free(l);
			rc = -1;
		}
		PQclear(res);
	}
	free(fields);
	return rc ? rc : stop;
}
