/* catalogue_lean: a desk's lean catalogue (catalogue_open_lean): what
 * only the details window shows is read for one service at a time over
 * the read-only connection the desk keeps (so details always match the
 * loaded version), and descriptions, which only the search needs in
 * memory, are kept as their folded words: each service's distinct word
 * ids, as varints, into one vocabulary. A paragraph of text becomes a few
 * dozen bytes. The columns are the field table's (catalogue_fields.h). */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/arena.h"
#include "core/catalogue.h"
#include "core/catalogue_load.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/wordset.h"

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

static size_t put_varint(unsigned char *p, uint32_t v)
{
	size_t n = 0;
	while (v >= 0x80) {
		p[n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	p[n++] = (unsigned char)v;
	return n;
}

static uint32_t get_varint(const unsigned char **p)
{
	uint32_t v = 0;
	int shift = 0;
	while (**p & 0x80) {
		v |= (uint32_t)(**p & 0x7f) << shift;
		shift += 7;
		(*p)++;
	}
	v |= (uint32_t)**p << shift;
	(*p)++;
	return v;
}

/* The distinct folded words of the three texts in columns i..: how many,
 * then the ids in increasing order as gaps, all varints, in the arena. */
const unsigned char *catalogue_lean_words(struct loader *L, sqlite3_stmt *st,
					  int i)
{
	size_t n = 0, m = 0, k, len = 0;
	unsigned char *tmp, *out;
	for (k = 0; k < CAT__NLANG; k++) {
		const char *t = (const char *)sqlite3_column_text(st, i + (int)k);
		char *f;
		size_t a = 0, flen;
		if (!t || !*t)
			continue;
		f = text_fold(t, true);
		flen = strlen(f);
		while (a < flen) {
			size_t b = a;
			while (b < flen && f[b] != ' ')
				b++;
			if (b > a) {
				if (n == L->wcap) {
					L->wcap = L->wcap ? L->wcap * 2 : 64;
					L->wids = xrealloc(L->wids, L->wcap * sizeof *L->wids);
				}
				L->wids[n++] = wordset_add(&L->cat->vocab, f + a, b - a);
			}
			a = b + 1;
		}
		free(f);
	}
	if (!n)
		return NULL;
	qsort(L->wids, n, sizeof *L->wids, cmp_u32);
	for (k = 0; k < n; k++)
		if (!m || L->wids[k] != L->wids[m - 1])
			L->wids[m++] = L->wids[k];
	tmp = xmalloc(5 * (m + 1));
	len = put_varint(tmp, (uint32_t)m);
	for (k = 0; k < m; k++)
		len += put_varint(tmp + len, k ? L->wids[k] - L->wids[k - 1] : L->wids[0]);
	out = arena_alloc(L->arena, len, 1);
	memcpy(out, tmp, len);
	free(tmp);
	return out;
}

void catalogue_service_words(const struct catalogue *cat,
			     const struct cat_service *s,
			     void (*fn)(void *arg, const char *w, size_t len),
			     void *arg)
{
	const unsigned char *p;
	uint32_t n, k, id = 0;
	if (!cat || !s || !s->words)
		return;
	p = s->words;
	n = get_varint(&p);
	for (k = 0; k < n; k++) {
		const char *w;
		id += get_varint(&p);
		if (id >= cat->vocab.n)
			return;
		w = wordset_word(&cat->vocab, id);
		fn(arg, w, strlen(w));
	}
}

/* A lean catalogue's connection and its one-service cache. */
struct cat_details {
	sqlite3 *db;
	sqlite3_stmt *svc, *phones;
	size_t index;		/* the service cached; SIZE_MAX: none */
	struct cat_service_info info;
};

static void details_clear(struct cat_details *d)
{
	size_t i;
	catalogue_fields_free(CAT_TABLE_service, 1u << CW_INFO, NULL, &d->info);
	cat_text_free(&d->info.description);
	for (i = 0; i < d->info.n_phones; i++)
		catalogue_fields_free(CAT_TABLE_service_phone, CAT_WHERES_ALL,
				      &d->info.phones[i], NULL);
	free(d->info.phones);
	memset(&d->info, 0, sizeof d->info);
	d->index = SIZE_MAX;
}

void catalogue_details_free(struct cat_details **pd)
{
	struct cat_details *d = *pd;
	if (!d)
		return;
	details_clear(d);
	sqlite3_finalize(d->svc);
	sqlite3_finalize(d->phones);
	sqlite3_close(d->db);
	free(d);
	*pd = NULL;
}

/* Fetch service i's details into the cache. */
static int details_fetch(struct catalogue *cat, size_t i, char **err)
{
	struct cat_details *d = cat->details;
	const char *id = cat->services[i].id;
	int rc;

	details_clear(d);
	sqlite3_reset(d->svc);
	sqlite3_bind_text(d->svc, 1, id ? id : "", -1, SQLITE_STATIC);
	rc = sqlite3_step(d->svc);
	if (rc == SQLITE_ROW) {
		/* The details as malloc'd strings: no arena, nothing shared. */
		struct loader L;
		memset(&L, 0, sizeof L);
		L.db = d->db;
		L.cat = cat;
		catalogue_loader_fields(&L, d->svc, CAT_TABLE_service, 1u << CW_INFO,
					NULL, &d->info);
		/* A lean service's description is in the details. */
		catalogue_loader_text(&L, d->svc,
				      catalogue_field_column(CAT_TABLE_service, "description"),
				      &d->info.description, false);
		d->info.appointment = catalogue_loader_appointment(
			NULL, d->svc, catalogue_field_column(CAT_TABLE_service, "appointment"), id);
		rc = SQLITE_DONE;
	}
	sqlite3_reset(d->svc);
	if (rc != SQLITE_DONE) {
		catalogue_file_error(err, cat->path, d->db, rc, NULL);
		details_clear(d);
		return -1;
	}
	sqlite3_reset(d->phones);
	sqlite3_bind_text(d->phones, 1, id ? id : "", -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(d->phones)) == SQLITE_ROW) {
		struct cat_phone *p;
		struct loader L;
		memset(&L, 0, sizeof L);
		L.db = d->db;
		L.cat = cat;
		d->info.phones = xrealloc(d->info.phones, (d->info.n_phones + 1) *
					  sizeof *d->info.phones);
		p = &d->info.phones[d->info.n_phones++];
		memset(p, 0, sizeof *p);
		catalogue_loader_fields(&L, d->phones, CAT_TABLE_service_phone,
					1u << CW_REC, p, NULL);
	}
	sqlite3_reset(d->phones);
	if (rc != SQLITE_DONE) {
		catalogue_file_error(err, cat->path, d->db, rc, NULL);
		details_clear(d);
		return -1;
	}
	d->index = i;
	return 0;
}

bool catalogue_whole(const struct catalogue *cat)
{
	size_t i;
	for (i = 0; cat && i < cat->n_services; i++)
		if (!cat->services[i].info)
			return false;
	return true;
}

const struct cat_service_info *catalogue_service_info(struct catalogue *cat,
						      size_t i, char **err)
{
	if (!cat || i >= cat->n_services) {
		err_set(err, _("no such service in the catalogue"));
		return NULL;
	}
	if (cat->services[i].info)
		return cat->services[i].info;
	if (!cat->details) {
		err_set(err, _("%s: the service's details are not loaded"), cat->path);
		return NULL;
	}
	if (cat->details->index != i && details_fetch(cat, i, err) != 0)
		return NULL;
	return &cat->details->info;
}

int catalogue_each_phone(struct catalogue *cat,
			 void (*fn)(void *arg, const char *number), void *arg,
			 char **err)
{
	sqlite3_stmt *st = NULL;
	size_t i, k;
	int rc;

	if (!cat)
		return 0;
	if (!cat->details) {
		for (i = 0; i < cat->n_services; i++) {
			const struct cat_service_info *in = cat->services[i].info;
			for (k = 0; in && k < in->n_phones; k++)
				if (in->phones[k].number)
					fn(arg, in->phones[k].number);
		}
		return 0;
	}
	rc = sqlite3_prepare_v2(cat->details->db,
				"SELECT number FROM service_phone", -1, &st, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *n = (const char *)sqlite3_column_text(st, 0);
		if (n)
			fn(arg, n);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		catalogue_file_error(err, cat->path, cat->details->db, rc, NULL);
		return -1;
	}
	return 0;
}

int catalogue_load_words(struct catalogue *cat, char **err)
{
	struct loader L;
	sqlite3_stmt *st;
	size_t k = 0;
	int c;

	if (!cat || !cat->words_pending)
		return 0;
	/* Mapped records are read-only: the words go into a private copy of
	 * the array (its strings and arrays stay the file's). Only a search
	 * built in memory needs them, which a mapped index spares. */
	if (cat->services && cat->services == cat->mapped_services) {
		struct cat_service *copy = xmalloc(cat->n_services * sizeof *copy);
		memcpy(copy, cat->services, cat->n_services * sizeof *copy);
		cat->services = copy;
	}
	memset(&L, 0, sizeof L);
	L.db = cat->details->db;
	L.cat = cat;
	L.arena = cat->arena;
	L.rc = SQLITE_OK;
	/* The rows in the order the services were loaded (the file cannot
	 * have changed under the immutable connection). */
	/* The descriptions alone (after the rowid): a whole row of NULLs
	 * would cost a register each for every service. */
	st = catalogue_loader_prep(&L, "SELECT rowid" CAT_ONLY_WORDS_COLUMNS(CAT_T_SERVICE)
				   " FROM service ORDER BY rowid");
	c = 1;
	while (st && k < cat->n_services && catalogue_loader_step(&L, st) > 0)
		cat->services[k++].words = catalogue_lean_words(&L, st, c);
	sqlite3_finalize(st);
	wordset_compact(&cat->vocab);
	free(L.wids);
	cat->words_pending = false;
	if (L.rc != SQLITE_OK) {
		catalogue_file_error(err, cat->path, L.db, L.rc, L.msg);
		free(L.msg);
		return -1;
	}
	return 0;
}

/* Keep db for a lean catalogue's details: statements prepared now, so a
 * details look-up later is two indexed reads. */
int catalogue_lean_keep(struct catalogue *cat, sqlite3 *db, char **err)
{
	struct cat_details *d = xcalloc(1, sizeof *d);
	int rc;
	d->db = db;
	d->index = SIZE_MAX;
	rc = sqlite3_prepare_v2(db, cat->version < 2
				? "SELECT " CAT_DETAILS_V1_COLUMNS(CAT_T_SERVICE)
				  " FROM service WHERE id = ?1"
				: "SELECT " CAT_DETAILS_COLUMNS(CAT_T_SERVICE)
				  " FROM service WHERE id = ?1", -1, &d->svc, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, CAT_SELECT(service_phone, CAT_T_SERVICE_PHONE)
					" WHERE service_id = ?1 ORDER BY position",
					-1, &d->phones, NULL);
	/* Details are read one service at a time: a few pages suffice. */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "PRAGMA cache_size = -32", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		catalogue_file_error(err, cat->path, db, rc, NULL);
		d->db = NULL;
		catalogue_details_free(&d);
		return -1;
	}
	cat->details = d;
	return 0;
}

