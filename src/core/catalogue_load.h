/* catalogue_load: what the files of the catalogue's read side share
 * (catalogue_file.c: the file; catalogue_load.c: the loader;
 * catalogue_lean.c: a desk's details and words). Private to them and to
 * catalogue.c: other modules use catalogue.h. */
#ifndef NEUVOO_CATALOGUE_LOAD_H
#define NEUVOO_CATALOGUE_LOAD_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "core/catalogue.h"

struct arr_slot {
	const void *p;
	size_t bytes;
};

/* One load (or one lean read) in progress. */
struct loader {
	sqlite3 *db;
	struct catalogue *cat;
	struct arena *arena;	/* NULL: strings are malloc'd */
	/* Record indexes sorted by id, for resolving child rows. */
	uint32_t *org_ids, *svc_ids, *res_ids;
	size_t n_org_ids, n_svc_ids, n_res_ids;
	size_t cap_orgs, cap_services, cap_languages, cap_resources;
	size_t svc_hint;	/* the service of the last child row */
	const char **strs;	/* shared strings (NULL: none shared) */
	struct arr_slot *arrs;	/* shared arrays */
	int rc;			/* first SQLite failure */
	char *msg;		/* and its message */
	bool lean;		/* services without their details */
	/* Lean: a service's description word ids while they are sorted. */
	uint32_t *wids;
	size_t wcap;
};

/* ---- catalogue_file.c --------------------------------------------------- */

/* Explain a missing, unreadable, foreign or cut-short file in words;
 * fills *st. */
int catalogue_file_precheck(const char *path, struct stat *st, char **err);
/* Open read-only and immutable (no locks, no journal or WAL looked for). */
int catalogue_file_open(const char *path, sqlite3 **db);
/* The schema version, refusing newer files and files without every
 * table of the schema. */
int catalogue_file_version(sqlite3 *db, const char *path, int *version,
			   char **err);
/* One line for a failed SQLite call while reading; msg NULL takes the
 * connection's last message. */
void catalogue_file_error(char **err, const char *path, sqlite3 *db, int rc,
			  const char *msg);

/* ---- catalogue_load.c ---------------------------------------------------- */

void catalogue_loader_problem(struct catalogue *cat, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
sqlite3_stmt *catalogue_loader_prep(struct loader *L, const char *sql);
/* SQLITE_ROW gives 1, SQLITE_DONE 0, failure -1 (remembered in L). */
int catalogue_loader_step(struct loader *L, sqlite3_stmt *st);
/* The three languages of a text from columns i.. */
void catalogue_loader_text(struct loader *L, sqlite3_stmt *st, int i,
			   struct cat_text *t, bool shared);
/* Fields of table t whose where is in the mask (1 << CW_*) from the row
 * of a CAT_SELECT of t into rec and info (FT_OWN and FT_CODE fields are
 * the table's own). */
void catalogue_loader_fields(struct loader *L, sqlite3_stmt *st,
			     enum cat_table_id t, unsigned wheres, void *rec,
			     void *info);
/* A service's appointment code in column i; a bad one is a problem
 * (when L is given) and reads as "no". */
enum appointment catalogue_loader_appointment(struct loader *L,
					      sqlite3_stmt *st, int i,
					      const char *id);

/* ---- catalogue_lean.c ---------------------------------------------------- */

/* The distinct folded words of the texts in columns i.. (varints in the
 * arena; NULL without any). */
const unsigned char *catalogue_lean_words(struct loader *L, sqlite3_stmt *st,
					  int i);
/* Keep db open for a lean catalogue's details. */
int catalogue_lean_keep(struct catalogue *cat, sqlite3 *db, char **err);
void catalogue_details_free(struct cat_details **d);

#endif
