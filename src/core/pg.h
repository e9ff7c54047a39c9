/* pg: a connection to the national statistics database (PostgreSQL,
 * through libpq), for stats push and report --db.
 *
 * neuvoo is only ever a client: it connects with a postgresql:// URL or
 * a libpq connection string, takes the password from ~/.pgpass or
 * PGPASSWORD (a password on the command line is refused: every user of
 * the host could read it), and turns libpq's failures into one line that
 * says what to do. The other pg modules: pg_schema (the tables and views,
 * their version), pg_push (desk files into the database), pg_read (the
 * report's rows out of it). Every statement is a constant string with
 * bound parameters; data travels as COPY rows, never as SQL. */
#ifndef NEUVOO_PG_H
#define NEUVOO_PG_H

#include <stdbool.h>
#include <stddef.h>

#include <libpq-fe.h>

struct pg;

/* A usage check before anything is opened: the URL parses and holds no
 * password. -1 with *err (a usage error, exit 2). */
int pg_check_url(const char *url, char **err);
/* The URL or connection string holds a password. */
bool pg_url_has_password(const char *url);
/* Connect. -1 with *err: the server cannot be reached, the user or
 * password is wrong, or a password is needed and none was found. */
int pg_connect(struct pg **out, const char *url, char **err);
void pg_free(struct pg **db);
PGconn *pg_conn(struct pg *db);
/* "database NAME on HOST" for messages (never the password). */
const char *pg_where(const struct pg *db);

/* Run a constant statement with n text parameters (NULL for SQL NULL).
 * Returns the result (PQclear it) or NULL with *err. */
PGresult *pg_query(struct pg *db, const char *sql, int n,
		   const char *const *params, char **err);
/* The same, the result not wanted. */
int pg_exec(struct pg *db, const char *sql, int n, const char *const *params,
	    char **err);
/* *err for a failure now: the connection lost, or the server's words. */
int pg_fail(struct pg *db, char **err);

/* ---- COPY in text format ----------------------------------------------- */

/* Rows for COPY ... FROM STDIN, sent a megabyte at a time. */
struct pg_copy {
	struct pg *db;
	char *buf;
	size_t n, cap;
	bool first;	/* the next field is the row's first */
	int failed;
};
/* Start sql (a COPY ... FROM STDIN). */
int pg_copy_begin(struct pg_copy *c, struct pg *db, const char *sql,
		  char **err);
/* A field: text (NULL: SQL NULL), or a whole number (its text). */
void pg_copy_text(struct pg_copy *c, const char *v);
void pg_copy_int(struct pg_copy *c, long long v);
/* A whole number, or NULL when 0 (times that are unset). */
void pg_copy_time(struct pg_copy *c, long long v);
int pg_copy_end_row(struct pg_copy *c, char **err);
/* Finish (all rows sent) or, with ok false, abort. */
int pg_copy_end(struct pg_copy *c, bool ok, char **err);

/* Read the rows of sql (a COPY (...) TO STDOUT) one at a time: fn gets the
 * fields of a row (NULL for SQL NULL), unescaped in place; a nonzero
 * return stops (and is returned). -1 with *err on failure. */
typedef int (*pg_copy_row_fn)(char **fields, size_t n, void *ud);
int pg_copy_out(struct pg *db, const char *sql, size_t n_fields,
		pg_copy_row_fn fn, void *ud, char **err);

#endif
