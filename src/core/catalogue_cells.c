/* catalogue_cells: the loader's column readers (see catalogue_load.c):
 * a column as a string of the arena, or shared with an equal one seen
 * lately through a lossy cache; small arrays shared or joined in the
 * arena; record arrays sized from a count; a table's fields by the field
 * table; the first SQLite failure remembered, so a load reads on and
 * reports once. */
#include <config.h>

#include <stdalign.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/arena.h"
#include "core/catalogue.h"
#include "core/catalogue_load.h"
#include "core/codes.h"
#include "core/err.h"
#include "core/hash.h"
#include "core/hours.h"
#include "core/i18n.h"

void catalogue_loader_problem(struct catalogue *cat, const char *fmt, ...)
{
	va_list ap;
	char *msg = NULL;
	va_start(ap, fmt);
	err_vset(&msg, fmt, ap);
	va_end(ap);
	cat->problems = xrealloc(cat->problems,
				 (cat->n_problems + 1) * sizeof *cat->problems);
	cat->problems[cat->n_problems++] = msg;
}

/* A stored time must be exactly "HH:MM"; 24:00 only as a closing time. */
int catalogue_loader_time(const char *s, int closing)
{
	int m;
	if (!s || strlen(s) != 5 || s[2] != ':')
		return -1;
	m = hours_parse_time(s);
	if (m == 1440 && !closing)
		return -1;
	return m;
}

/* The code of list in column i as its index, or -1. */
int catalogue_loader_code(sqlite3_stmt *st, int i, enum code_list list)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	return s ? codes_find(list, s) : -1;
}

/* Column i as a string of the arena; NULL for SQL NULL. */
char *catalogue_loader_str(struct loader *L, sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	if (!t)
		return NULL;
	return L->arena ? arena_strndup(L->arena, t, strlen(t)) : xstrdup(t);
}

/* The same for a value that often repeats: stored once when seen lately. */
char *catalogue_loader_shared(struct loader *L, sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	const char **slot;
	size_t n;

	if (!t || !L->strs)
		return catalogue_loader_str(L, st, i);
	n = strlen(t);
	slot = &L->strs[hash32(t, n) % STR_SLOTS];
	if (*slot && !strncmp(*slot, t, n) && (*slot)[n] == '\0')
		return (char *)*slot;
	*slot = arena_strndup(L->arena, t, n);
	return (char *)*slot;
}

/* A text's three languages; a translation equal to an earlier one (a
 * proper name, an untranslated text) shares its string. */
void catalogue_loader_text(struct loader *L, sqlite3_stmt *st, int i,
			   struct cat_text *t, bool shared)
{
	int k, j;
	for (k = 0; k < CAT__NLANG; k++) {
		const char *v = (const char *)sqlite3_column_text(st, i + k);
		t->v[k] = NULL;
		for (j = 0; v && j < k; j++)
			if (t->v[j] && !strcmp(t->v[j], v))
				t->v[k] = t->v[j];
		if (v && !t->v[k])
			t->v[k] = shared ? catalogue_loader_shared(L, st, i + k) : catalogue_loader_str(L, st, i + k);
	}
}

/* n elements of size bytes as an arena array, shared with an equal array
 * stored lately. */
void *catalogue_loader_shared_array(struct loader *L, const void *v, size_t n,
			  size_t size, size_t align)
{
	size_t bytes = n * size;
	struct arr_slot *slot = &L->arrs[hash32(v, bytes) % ARR_SLOTS];
	void *p;

	if (slot->p && slot->bytes == bytes && !memcmp(slot->p, v, bytes))
		return (void *)slot->p;
	p = arena_alloc(L->arena, bytes, align);
	memcpy(p, v, bytes);
	slot->p = p;
	slot->bytes = bytes;
	return p;
}

/* old (n_old elements) followed by add (n_add) in a new arena array: a
 * parent whose child rows do not come together in the table. */
void *catalogue_loader_joined(struct loader *L, const void *old, size_t n_old,
		    const void *add, size_t n_add, size_t size, size_t align)
{
	char *p = arena_alloc(L->arena, (n_old + n_add) * size, align);
	if (n_old)
		memcpy(p, old, n_old * size);
	memcpy(p + n_old * size, add, n_add * size);
	return p;
}

/* The next record of an array sized from a count; grows should the table
 * have more rows than counted. */
void *catalogue_loader_next(void **arr, size_t *n, size_t *cap, size_t size)
{
	char *p;
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		*arr = xrealloc(*arr, *cap * size);
	}
	p = (char *)*arr + *n * size;
	memset(p, 0, size);
	(*n)++;
	return p;
}

/* Give back what a record array did not use. */
void *catalogue_loader_fit(void *arr, size_t n, size_t cap, size_t size)
{
	if (n == cap || !arr)
		return arr;
	if (n == 0) {
		free(arr);
		return NULL;
	}
	return xrealloc(arr, n * size);
}

static void fail(struct loader *L, int rc)
{
	if (L->rc != SQLITE_OK)
		return;
	L->rc = rc;
	L->msg = xstrdup(sqlite3_errmsg(L->db));
}

/* Prepare sql; on failure remember the code and return NULL. */
sqlite3_stmt *catalogue_loader_prep(struct loader *L, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int rc;
	if (L->rc != SQLITE_OK)
		return NULL;
	rc = sqlite3_prepare_v2(L->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		fail(L, rc);
		sqlite3_finalize(st);
		return NULL;
	}
	return st;
}

int catalogue_loader_step(struct loader *L, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE)
		fail(L, rc);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* ---- fields by the field table ------------------------------------------ */

void catalogue_loader_fields(struct loader *L, sqlite3_stmt *st,
			     enum cat_table_id t, unsigned wheres, void *rec,
			     void *info)
{
	const struct cat_table *tb = catalogue_fields(t);
	size_t k;
	int c = 0;
	for (k = 0; k < tb->n_fields; c += CAT_FIELD_COLUMNS(&tb->fields[k]), k++) {
		const struct cat_field *f = &tb->fields[k];
		void *p;
		if (!(wheres & (1u << f->where)) ||
		    !(p = catalogue_field_ptr(f, rec, info)))
			continue;
		switch (f->type) {
		case FT_STR:
			*(char **)p = catalogue_loader_str(L, st, c);
			break;
		case FT_SHARED:
			*(char **)p = catalogue_loader_shared(L, st, c);
			break;
		case FT_TEXT:
		case FT_STEXT:
			catalogue_loader_text(L, st, c, p, f->type == FT_STEXT);
			break;
		case FT_INT:
			*(int *)p = sqlite3_column_int(st, c);
			break;
		case FT_CODE:
		case FT_OWN:
			break;
		}
	}
}

enum appointment catalogue_loader_appointment(struct loader *L,
					      sqlite3_stmt *st, int i,
					      const char *id)
{
	int a = catalogue_loader_code(st, i, CODES_APPOINTMENT);
	if (a < 0 && L) {
		const char *appt = (const char *)sqlite3_column_text(st, i);
		catalogue_loader_problem(L->cat, _("service '%s': appointment '%s' is not one of no, yes, sometimes"),
			    id ? id : "", appt ? appt : "");
	}
	return a < 0 ? APPT_NO : (enum appointment)a;
}

