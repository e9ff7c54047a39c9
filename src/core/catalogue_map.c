/* catalogue_map: see catalogue_map.h.
 *
 * Section layout (native byte order and struct layout: the file is made
 * and read by one build on one server, and its format number changes
 * with the structs):
 *
 *   head     number of services, offsets and lengths of the parts (64)
 *   records  struct cat_service[n]
 *   arrays   language lists (char *[]), struct hours_span[],
 *            struct hours_exception[], 8-byte aligned
 *   strings  NUL-terminated, the last byte of the part a NUL
 *
 * A pointer is checked by its range alone: a string pointer inside the
 * strings part ends at a NUL inside it, so the check never reads the
 * strings, and 100,000 records are checked in a few milliseconds. What
 * repeats in the loaded catalogue (a language's code, a shared hours or
 * language array) is one pointer there and is written once here. */
#include <config.h>

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalogue_map.h"
#include "core/codes.h"
#include "core/err.h"
#include "core/hash.h"
#include "core/hours.h"

struct map_head {
	uint64_t n;
	uint64_t rec_off, arr_off, arr_len, str_off, str_len;
	uint64_t layout;	/* layout(): the structs as this build has them */
	uint64_t reserved;
};

/* The sizes and offsets the section's bytes depend on: a build whose
 * structs differ (a field added to a record) refuses the file instead of
 * misreading it, whatever the format number says. */
static uint64_t layout(void)
{
	const uint64_t v[] = {
		sizeof(struct cat_service), offsetof(struct cat_service, id),
		offsetof(struct cat_service, org), offsetof(struct cat_service, name),
		offsetof(struct cat_service, description),
		offsetof(struct cat_service, words),
		offsetof(struct cat_service, keywords),
		offsetof(struct cat_service, topics),
		offsetof(struct cat_service, languages),
		offsetof(struct cat_service, n_languages),
		offsetof(struct cat_service, hours), offsetof(struct cat_service, info),
		sizeof(struct hours), sizeof(struct hours_span),
		sizeof(struct hours_exception), CAT__NLANG, TOPIC__N,
	};
	return hash64(v, sizeof v);
}

/* ---- building ------------------------------------------------------------- */

struct blob {
	unsigned char *p;
	size_t len, cap;
};

/* Source pointer -> offset in its part, so what the loaded catalogue
 * shares is written once. */
struct seen {
	const void **key;
	uint64_t *off;
	size_t n, cap;
};

struct builder {
	struct blob arr, str;
	struct seen seen;
	uintptr_t arr_at, str_at;	/* where the parts will be read */
};

static void *blob_put(struct blob *b, const void *p, size_t len, size_t align)
{
	size_t at = (b->len + align - 1) / align * align;
	if (at + len > b->cap) {
		b->cap = (at + len) * 2 + 256;
		b->p = xrealloc(b->p, b->cap);
	}
	memset(b->p + b->len, 0, at - b->len);
	if (p)
		memcpy(b->p + at, p, len);
	b->len = at + len;
	return b->p + at;
}

static size_t seen_slot(const struct seen *s, const void *k)
{
	size_t h = (size_t)(((uintptr_t)k >> 3) * 0x9e3779b97f4a7c15ull);
	size_t i = h & (s->cap - 1);
	while (s->key[i] && s->key[i] != k)
		i = (i + 1) & (s->cap - 1);
	return i;
}

static bool seen_get(const struct seen *s, const void *k, uint64_t *off)
{
	size_t i;
	if (!s->cap)
		return false;
	i = seen_slot(s, k);
	if (!s->key[i])
		return false;
	*off = s->off[i];
	return true;
}

static void seen_put(struct seen *s, const void *k, uint64_t off)
{
	size_t i;
	if (2 * (s->n + 1) > s->cap) {
		struct seen g = { 0 };
		g.cap = s->cap ? s->cap * 2 : 1024;
		g.key = xcalloc(g.cap, sizeof *g.key);
		g.off = xcalloc(g.cap, sizeof *g.off);
		for (i = 0; i < s->cap; i++)
			if (s->key[i]) {
				size_t j = seen_slot(&g, s->key[i]);
				g.key[j] = s->key[i];
				g.off[j] = s->off[i];
			}
		g.n = s->n;
		free(s->key);
		free(s->off);
		*s = g;
	}
	i = seen_slot(s, k);
	if (!s->key[i])
		s->n++;
	s->key[i] = k;
	s->off[i] = off;
}

static char *put_str(struct builder *b, const char *s)
{
	uint64_t off;
	if (!s)
		return NULL;
	if (!seen_get(&b->seen, s, &off)) {
		off = b->str.len;
		blob_put(&b->str, s, strlen(s) + 1, 1);
		seen_put(&b->seen, s, off);
	}
	return (char *)(b->str_at + off);
}

/* An array of n elements of size bytes; fix, when given, rewrites the
 * copy's pointers (a language list's strings). */
static void *put_arr(struct builder *b, const void *p, size_t n, size_t size,
		     void (*fix)(struct builder *b, void *copy, size_t n))
{
	uint64_t off;
	if (!p || !n)
		return NULL;
	if (!seen_get(&b->seen, p, &off)) {
		void *copy = blob_put(&b->arr, p, n * size, 8);
		off = (uint64_t)((unsigned char *)copy - b->arr.p);
		if (fix)
			fix(b, copy, n);
		seen_put(&b->seen, p, off);
	}
	return (void *)(b->arr_at + off);
}

static void fix_codes(struct builder *b, void *copy, size_t n)
{
	char **v = copy;
	size_t i;
	for (i = 0; i < n; i++)
		v[i] = put_str(b, v[i]);
}

/* Spans and exceptions field by field: their padding bytes are zero in
 * the file (the same catalogue gives the same bytes). */
static void fix_spans(struct builder *b, void *copy, size_t n)
{
	struct hours_span *v = copy, x;
	size_t i;
	(void)b;
	for (i = 0; i < n; i++) {
		memset(&x, 0, sizeof x);
		x.day = v[i].day;
		x.open = v[i].open;
		x.close = v[i].close;
		memcpy(&v[i], &x, sizeof x);
	}
}

static void fix_exceptions(struct builder *b, void *copy, size_t n)
{
	struct hours_exception *v = copy, x;
	size_t i, k;
	(void)b;
	for (i = 0; i < n; i++) {
		memset(&x, 0, sizeof x);
		for (k = 0; k + 1 < sizeof x.date && v[i].date[k]; k++)
			x.date[k] = v[i].date[k];
		x.closed = v[i].closed;
		x.open = v[i].open;
		x.close = v[i].close;
		memcpy(&v[i], &x, sizeof x);
	}
}

/* The records with their pointers for the parts at b's addresses. */
static void build_records(struct builder *b, const struct catalogue *cat,
			  struct cat_service *rec)
{
	size_t i, l;
	for (i = 0; i < cat->n_services; i++) {
		const struct cat_service *s = &cat->services[i];
		struct cat_service *r = &rec[i];
		memset(r, 0, sizeof *r);
		r->id = put_str(b, s->id);
		r->org = s->org;
		for (l = 0; l < CAT__NLANG; l++)
			r->name.v[l] = put_str(b, s->name.v[l]);
		r->keywords = put_str(b, s->keywords);
		r->topics = s->topics;
		r->n_languages = s->languages ? s->n_languages : 0;
		r->languages = put_arr(b, s->languages, r->n_languages,
				       sizeof *s->languages, fix_codes);
		r->hours.n_spans = s->hours.spans ? s->hours.n_spans : 0;
		r->hours.spans = put_arr(b, s->hours.spans, r->hours.n_spans,
					 sizeof *s->hours.spans, fix_spans);
		r->hours.n_ex = s->hours.ex ? s->hours.n_ex : 0;
		r->hours.ex = put_arr(b, s->hours.ex, r->hours.n_ex,
				      sizeof *s->hours.ex, fix_exceptions);
	}
}

static void builder_reset(struct builder *b)
{
	free(b->arr.p);
	free(b->str.p);
	free(b->seen.key);
	free(b->seen.off);
	memset(b, 0, sizeof *b);
}

void *catalogue_map_build(const struct catalogue *cat, uintptr_t at,
			  size_t *len)
{
	struct builder b;
	struct map_head h;
	struct cat_service *rec = xcalloc(cat->n_services ? cat->n_services : 1,
					  sizeof *rec);
	unsigned char *out;

	memset(&h, 0, sizeof h);
	h.n = cat->n_services;
	h.layout = layout();
	h.rec_off = sizeof h;
	h.arr_off = h.rec_off + h.n * sizeof *rec;
	/* A first pass measures the arrays, so that the second knows where
	 * the strings will be. */
	memset(&b, 0, sizeof b);
	build_records(&b, cat, rec);
	h.arr_len = (b.arr.len + 7) / 8 * 8;
	h.str_off = h.arr_off + h.arr_len;
	builder_reset(&b);
	b.arr_at = at + h.arr_off;
	b.str_at = at + h.str_off;
	build_records(&b, cat, rec);
	blob_put(&b.str, "", 1, 1);	/* the part ends with a NUL */
	h.str_len = b.str.len;

	*len = h.str_off + h.str_len;
	out = xcalloc(1, *len);
	memcpy(out, &h, sizeof h);
	memcpy(out + h.rec_off, rec, h.n * sizeof *rec);
	if (b.arr.len)	/* memcpy from NULL is undefined even for 0 */
		memcpy(out + h.arr_off, b.arr.p, b.arr.len);
	memcpy(out + h.str_off, b.str.p, b.str.len);
	builder_reset(&b);
	free(rec);
	return out;
}

/* ---- checking ------------------------------------------------------------- */

struct part {
	uintptr_t lo, hi;	/* [lo, hi) */
};

static bool in_str(const struct part *p, const char *s)
{
	return !s || ((uintptr_t)s >= p->lo && (uintptr_t)s < p->hi);
}

/* n elements of size bytes at a (NULL when n is 0) inside the part. */
static bool in_arr(const struct part *p, const void *a, uint64_t n, size_t size)
{
	uintptr_t x = (uintptr_t)a;
	if (!n)
		return !a;
	return x >= p->lo && x % 8 == 0 && n <= (p->hi - x) / size;
}

const char *catalogue_map_check(const void *sec, size_t len, size_t n,
				size_t n_orgs)
{
	struct map_head h;
	struct part arr, str;
	const struct cat_service *rec;
	const unsigned char *m = sec;
	uintptr_t base = (uintptr_t)sec;
	size_t i, k;

	if (len < sizeof h || base % 8)
		return "records";
	memcpy(&h, sec, sizeof h);
	if (h.layout != layout())
		return "layout";
	if (h.n != n || h.rec_off != sizeof h ||
	    h.n > (len - h.rec_off) / sizeof *rec ||
	    h.arr_off != h.rec_off + h.n * sizeof *rec || h.arr_off % 8 ||
	    h.arr_len > len - h.arr_off || h.str_off != h.arr_off + h.arr_len ||
	    h.str_len < 1 || h.str_len != len - h.str_off ||
	    m[len - 1] != '\0')
		return "records";
	arr.lo = base + h.arr_off;
	arr.hi = arr.lo + h.arr_len;
	str.lo = base + h.str_off;
	str.hi = str.lo + h.str_len;
	rec = (const void *)(m + h.rec_off);
	for (i = 0; i < n; i++) {
		const struct cat_service *s = &rec[i];
		const struct hours *hs = &s->hours;
		/* An array shared with the service before was checked with it. */
		bool same_langs = i && s->languages == rec[i - 1].languages &&
				  s->n_languages == rec[i - 1].n_languages;
		bool same_spans = i && hs->spans == rec[i - 1].hours.spans &&
				  hs->n_spans == rec[i - 1].hours.n_spans;
		bool ok = in_str(&str, s->id) && in_str(&str, s->keywords) &&
			  (s->org < n_orgs || s->org == SIZE_MAX) && !s->words &&
			  !s->info && !(s->topics >> TOPIC__N) &&
			  in_arr(&arr, s->languages, s->n_languages, sizeof(char *)) &&
			  in_arr(&arr, hs->spans, hs->n_spans, sizeof *hs->spans) &&
			  in_arr(&arr, hs->ex, hs->n_ex, sizeof *hs->ex);
		for (k = 0; ok && k < CAT__NLANG; k++)
			ok = in_str(&str, s->name.v[k]) && !s->description.v[k];
		for (k = 0; ok && !same_langs && k < s->n_languages; k++)
			ok = s->languages[k] && in_str(&str, s->languages[k]);
		for (k = 0; ok && !same_spans && k < hs->n_spans; k++)
			ok = hours_span_ok(hs->spans[k].day, hs->spans[k].open,
					   hs->spans[k].close);
		for (k = 0; ok && k < hs->n_ex; k++) {
			const struct hours_exception *e = &hs->ex[k];
			unsigned char closed;
			memcpy(&closed, &e->closed, 1);
			ok = e->date[sizeof e->date - 1] == '\0' && closed <= 1 &&
			     e->open <= 24 * 60 && e->close <= 24 * 60;
		}
		if (!ok)
			return "records";
	}
	return NULL;
}

struct cat_service *catalogue_map_services(const void *sec)
{
	return (struct cat_service *)((const unsigned char *)sec + sizeof(struct map_head));
}
