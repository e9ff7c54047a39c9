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

void catalogue_loader_plan(struct cat_plan *p, enum cat_table_id t,
			   unsigned wheres)
{
	const struct cat_table *tb = catalogue_fields(t);
	size_t k;
	int c = 0;
	p->n = 0;
	for (k = 0; k < tb->n_fields; c += CAT_FIELD_COLUMNS(&tb->fields[k]), k++) {
		const struct cat_field *f = &tb->fields[k];
		if (!(wheres & (1u << f->where)) || f->type == FT_OWN ||
		    f->type == FT_CODE || p->n == CAT_PLAN_MAX)
			continue;
		p->f[p->n].type = f->type;
		p->f[p->n].where = f->where;
		p->f[p->n].col = c;
		p->f[p->n].offset = f->offset;
		p->n++;
	}
}

void catalogue_loader_row(struct loader *L, sqlite3_stmt *st,
			  const struct cat_plan *p, void *rec, void *info)
{
	size_t k;
	for (k = 0; k < p->n; k++) {
		const struct cat_plan_field *f = &p->f[k];
		char *base = f->where == CW_INFO ? info : rec;
		void *m;
		if (!base)
			continue;
		m = base + f->offset;
		switch (f->type) {
		case FT_STR:
			*(char **)m = catalogue_loader_str(L, st, f->col);
			break;
		case FT_SHARED:
			*(char **)m = catalogue_loader_shared(L, st, f->col);
			break;
		case FT_TEXT:
		case FT_STEXT:
			catalogue_loader_text(L, st, f->col, m, f->type == FT_STEXT);
			break;
		case FT_INT:
			*(int *)m = sqlite3_column_int(st, f->col);
			break;
		case FT_CODE:
		case FT_OWN:
			break;
		}
	}
}

void catalogue_loader_fields(struct loader *L, sqlite3_stmt *st,
			     enum cat_table_id t, unsigned wheres, void *rec,
			     void *info)
{
	struct cat_plan p;
	catalogue_loader_plan(&p, t, wheres);
	catalogue_loader_row(L, st, &p, rec, info);
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

