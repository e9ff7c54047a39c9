/* catalogue_import: what every import shares, whatever its source (HSDS,
 * PTV, TPR): the options, the list of problems an importer found, and the
 * one decision whether a freshly read catalogue may be published.
 *
 * An importer only reads: it builds a catalogue in memory and adds a
 * problem for every row or record it could not read (a record lost) and a
 * note for what is worth saying but loses nothing read ("3 inactive
 * services not imported"). catalogue_import_finish() then applies the
 * rules of `catalogue import`, the same for every source:
 *
 *  - any problem: nothing is published (exit 1), unless keep_going;
 *  - add: the fresh records are merged into the current catalogue (the
 *    same id: the fresh record wins); else the fresh catalogue replaces it;
 *  - a result with no services is never published;
 *  - a result with under half the services of the catalogue it replaces
 *    is published only with force;
 *  - dry_run: everything is read and decided, nothing written.
 *
 * Problems are kept in the order found, each one line: "FILE:LINE: what"
 * for line-based files, "FILE: item N (ID): what" for JSON records. */
#ifndef NEUVOO_CATALOGUE_IMPORT_H
#define NEUVOO_CATALOGUE_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/catalogue.h"

struct import_opts {
	bool add;		/* merge into the current catalogue */
	bool dry_run;		/* decide, write nothing */
	bool keep_going;	/* publish despite problems */
	bool force;		/* publish despite losing over half */
	bool verbose;		/* say which records --add replaced */
};

struct import_log {
	char **problems;	/* records lost: block publishing */
	size_t n_problems;
	char **notes;		/* said, never blocking */
	size_t n_notes;
};

void import_log_init(struct import_log *log);
void import_log_clear(struct import_log *log);
/* A problem or a note, formatted (sanitized when kept: it holds data). */
void import_log_problem(struct import_log *log, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void import_log_note(struct import_log *log, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* "FILE:LINE: what" and "FILE: item N (ID): what" (id may be NULL:
 * "FILE: item N: what"); n counts from 1. */
void import_log_at_line(struct import_log *log, const char *file,
			unsigned long line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void import_log_at_item(struct import_log *log, const char *file,
			unsigned long n, const char *id, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* A warn callback (csv, hsds) that adds each message as a problem; ctx is
 * the struct import_log. */
void import_log_warn(void *log, const char *msg);

/* Records of each kind, for "would publish" and the summary. */
struct import_counts {
	size_t orgs, services, languages, resources;
};
void import_count(const struct catalogue *cat, struct import_counts *c);

/* What catalogue_import_finish() decided. */
enum import_verdict {
	IMPORT_PUBLISHED,	/* written (or, dry run, would be) */
	IMPORT_REFUSED_PROBLEMS,
	IMPORT_REFUSED_EMPTY,
	IMPORT_REFUSED_SHRINK,
};

struct import_result {
	enum import_verdict verdict;
	bool written;		/* false for a dry run or a refusal */
	struct import_counts fresh;	/* read from the source */
	struct import_counts result;	/* what is (or would be) published */
	bool had_old;		/* a current catalogue was read */
	size_t old_services;
	size_t replaced;	/* --add: records of the same id replaced */
};

/* Decide on *fresh (taken over and freed) and the log, and publish to path
 * unless refused or a dry run. say (may be NULL) gets the per-record lines
 * of verbose. Returns 0 when published (or a dry run that would publish);
 * 1 when refused, with *err the one line saying why and what to do; -1
 * on a failure to read the current catalogue (with add) or to write,
 * with *err. res is filled in every case. */
int catalogue_import_finish(struct catalogue **fresh,
			    const struct import_log *log,
			    const struct import_opts *opts, const char *path,
			    void (*say)(void *ctx, const char *msg), void *ctx,
			    struct import_result *res, char **err);

#endif
