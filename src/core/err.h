/* err: error messages that travel up to main.
 *
 * Functions that can fail return an int status (0 ok, nonzero failure) and
 * take `char **err`; on failure they set *err to a newly allocated one-line
 * message (file and line first where there is one) and the caller decides
 * what to do with it. Only main prints and exits. */
#ifndef NEUVOO_ERR_H
#define NEUVOO_ERR_H

#include <stdarg.h>

/* Exit statuses of the contract (DESIGN.md). */
enum {
	EXIT_OK = 0,
	EXIT_RUNTIME = 1,	/* file unreadable, disk full, catalogue corrupt */
	EXIT_USAGE = 2		/* usage or configuration error */
};

/* Replace *err (if err is not NULL) with a formatted message. */
void err_set(char **err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void err_vset(char **err, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
/* Prefix an existing message: "prefix: old". */
void err_prefix(char **err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void err_free(char **err);

/* xmalloc-style helpers: abort with a message on out-of-memory, which is the
 * one failure neuvoo does not try to survive. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);	/* NULL stays NULL */
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
