/* catalogue_load: what the files of the catalogue's read side share
 * (catalogue_file.c: the file; catalogue_cells.c: the column readers;
 * catalogue_load.c: the tables; catalogue_lean.c: a desk's details and
 * words). Private to them and to
 * catalogue.c: other modules use catalogue.h. */
#ifndef NEUVOO_CATALOGUE_LOAD_H
#define NEUVOO_CATALOGUE_LOAD_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "core/arena.h"
#include "core/catalogue.h"
#include "core/err.h"
#include "core/hash.h"

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

/* ---- catalogue_cells.c --------------------------------------------------- */

/* Lossy caches: a fixed number of slots by hash, a new value taking over a
 * slot. Equal values mostly come close together or are very common, so
 * this finds most repeats at a fixed, small cost. */
#define STR_SLOTS 4096
#define ARR_SLOTS 512

/* A stored time must be exactly "HH:MM"; 24:00 only as a closing time. */
int catalogue_loader_time(const char *s, int closing);
/* The code of list in column i as its index, or -1. */
int catalogue_loader_code(sqlite3_stmt *st, int i, enum code_list list);
/* n elements as an arena array, shared with an equal array seen lately. */
void *catalogue_loader_shared_array(struct loader *L, const void *v, size_t n,
				    size_t size, size_t align);
/* old followed by add in a new arena array. */
void *catalogue_loader_joined(struct loader *L, const void *old, size_t n_old,
			      const void *add, size_t n_add, size_t size,
			      size_t align);
/* The column readers, inline: a load calls them for every cell. */

/* t as a string of the loader's arena (malloc'd without one). */
static inline char *catalogue_loader_copy(struct loader *L, const char *t)
{
	return L->arena ? arena_strndup(L->arena, t, strlen(t)) : xstrdup(t);
}

/* Column i as a string of the arena; NULL for SQL NULL. */
static inline char *catalogue_loader_str(struct loader *L, sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	return t ? catalogue_loader_copy(L, t) : NULL;
}

/* The same for a value that often repeats: stored once when seen lately. */
static inline char *catalogue_loader_shared(struct loader *L, sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	const char **slot;
	size_t n;

	if (!t)
		return NULL;
	if (!L->strs)
		return catalogue_loader_copy(L, t);
	n = strlen(t);
	slot = &L->strs[hash32(t, n) % STR_SLOTS];
	if (*slot && !strncmp(*slot, t, n) && (*slot)[n] == '\0')
		return (char *)*slot;
	*slot = arena_strndup(L->arena, t, n);
	return (char *)*slot;
}

/* A text's three languages; a translation equal to an earlier one (a
 * proper name, an untranslated text) shares its string when they live in
 * the arena (malloc'd ones are freed one by one: never shared). */
static inline void catalogue_loader_text(struct loader *L, sqlite3_stmt *st, int i,
					  struct cat_text *t, bool shared)
{
	int k, j;
	for (k = 0; k < CAT__NLANG; k++) {
		const char *v = (const char *)sqlite3_column_text(st, i + k);
		t->v[k] = NULL;
		for (j = 0; v && L->arena && j < k; j++)
			if (t->v[j] && !strcmp(t->v[j], v))
				t->v[k] = t->v[j];
		if (v && !t->v[k])
			t->v[k] = shared ? catalogue_loader_shared(L, st, i + k) : catalogue_loader_str(L, st, i + k);
	}
}

/* The next zeroed record of an array sized from a count (grows when the
 * table has more rows), and giving back what it did not use. */
void *catalogue_loader_next(void **arr, size_t *n, size_t *cap, size_t size);
void *catalogue_loader_fit(void *arr, size_t n, size_t cap, size_t size);

void catalogue_loader_problem(struct catalogue *cat, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
sqlite3_stmt *catalogue_loader_prep(struct loader *L, const char *sql);
/* SQLITE_ROW gives 1, SQLITE_DONE 0, failure -1 (remembered in L). */
int catalogue_loader_step(struct loader *L, sqlite3_stmt *st);
/* The fields of table t whose where is in the mask (1 << CW_*), as a
 * loader reads them from a CAT_SELECT of t: worked out once a table, so
 * that a row is one short loop (FT_OWN and FT_CODE fields are the
 * table's own). */
#define CAT_PLAN_MAX 32
struct cat_plan {
	size_t n;
	struct cat_plan_field {
		enum cat_ftype type;
		enum cat_where where;
		int col;
		size_t offset;
	} f[CAT_PLAN_MAX];
};
void catalogue_loader_plan(struct cat_plan *p, enum cat_table_id t,
			   unsigned wheres);
void catalogue_loader_row(struct loader *L, sqlite3_stmt *st,
			  const struct cat_plan *p, void *rec, void *info);
/* Both at once, for a single row. Fields of table t whose where is in the mask (1 << CW_*) from the row
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
