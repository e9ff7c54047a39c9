/* catalogue: see catalogue.h. The read side.
 *
 * The file is opened through a URI with mode=ro&immutable=1: SQLite then
 * takes no locks and never looks for a journal or WAL, so desks can read a
 * catalogue in a folder they cannot write, and an admin's rename over it
 * never disturbs a reader. Everything is loaded into memory and the
 * database is closed again at once; catalogue_changed() watches the file.
 *
 * Before SQLite sees the file, its header is read by hand so that a missing,
 * foreign or cut-short file gets a plain sentence instead of a SQLite code.
 * Rows that cannot be used (a bad time, an unknown topic) are skipped and
 * remembered in cat->problems for `catalogue check`; a desk keeps working
 * with the rest. Writing (publish, init, migrations) is in
 * catalogue_schema.c.
 *
 * Memory: dozens of desks share a server, so a session must stay within a
 * few megabytes even with 10,000 services. A loaded catalogue therefore
 * keeps its strings and small arrays in an arena of a few large blocks
 * (one malloc per string would double the size), sizes its record arrays
 * from a count first, and shares what repeats: a service's language codes
 * point at the language table's, and equal short strings (municipality,
 * labels, dates) and equal hours or language lists are stored once,
 * through small lossy caches whose size does not grow with the catalogue.
 * SQLite reads through a small page cache, and what the loader freed goes
 * back to the system at the end.
 *
 * A desk opens the catalogue lean: what only the details window shows is
 * read for one service at a time over the read-only connection the desk
 * keeps (so details always match the loaded version), and descriptions,
 * which only the search needs in memory, are kept as their folded words:
 * each service's distinct word ids, as varints, into one vocabulary. A
 * paragraph of text becomes a few dozen bytes. */
#include <config.h>

#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdalign.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/catalogue.h"
#include "core/codes.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/text.h"

/* ---- small helpers ------------------------------------------------------- */

static const char *const org_kinds[ORG__N] = { "city", "public", "ngo", "other" };
static const char *const appt_names[] = { "no", "yes", "sometimes" };
static const char *const res_kinds[RES__N] = { "colleague", "interpreting" };

static void add_problem(struct catalogue *cat, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void add_problem(struct catalogue *cat, const char *fmt, ...)
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

/* Index of s in names[n], or -1. */
static int name_index(const char *const *names, int n, const char *s)
{
	int i;
	if (!s)
		return -1;
	for (i = 0; i < n; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}

/* A stored time must be exactly "HH:MM"; 24:00 only as a closing time. */
static int db_time(const char *s, int closing)
{
	int m;
	if (!s || strlen(s) != 5 || s[2] != ':')
		return -1;
	m = hours_parse_time(s);
	if (m == 1440 && !closing)
		return -1;
	return m;
}

/* ---- the arena ------------------------------------------------------------ */

struct arena_block {
	struct arena_block *next;
	char *used, *end;	/* free space: [used, end) */
	max_align_t data[];
};

struct cat_arena {
	struct arena_block *blocks;	/* newest first */
	size_t next_size;
};

#define ARENA_FIRST (32 * 1024)
#define ARENA_MAX (1024 * 1024)

static struct cat_arena *arena_new(void)
{
	struct cat_arena *a = xcalloc(1, sizeof *a);
	a->next_size = ARENA_FIRST;
	return a;
}

/* size bytes aligned to align (a power of two), never NULL. Blocks grow
 * to ARENA_MAX; large ones are mapped by malloc on their own, so the
 * unused end of the last block is never touched and costs no memory. */
static void *arena_alloc(struct cat_arena *a, size_t size, size_t align)
{
	struct arena_block *b = a->blocks;
	uintptr_t p;

	if (b) {
		p = ((uintptr_t)b->used + align - 1) & ~(uintptr_t)(align - 1);
		if (p + size <= (uintptr_t)b->end && p + size >= p) {
			b->used = (char *)(p + size);
			return (void *)p;
		}
	}
	{
		size_t want = a->next_size;
		if (size + align > want)
			want = size + align;
		b = xmalloc(sizeof *b + want);
		b->used = (char *)b->data;
		b->end = (char *)b->data + want;
		b->next = a->blocks;
		a->blocks = b;
		if (a->next_size < ARENA_MAX)
			a->next_size *= 2;
	}
	p = ((uintptr_t)b->used + align - 1) & ~(uintptr_t)(align - 1);
	b->used = (char *)(p + size);
	return (void *)p;
}

static char *arena_strndup(struct cat_arena *a, const char *s, size_t n)
{
	char *d = arena_alloc(a, n + 1, 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

static bool arena_has(const struct cat_arena *a, const void *p)
{
	const struct arena_block *b;
	for (b = a ? a->blocks : NULL; b; b = b->next)
		if ((const char *)p >= (const char *)b->data && (const char *)p < b->end)
			return true;
	return false;
}

static void arena_free(struct cat_arena **pa)
{
	struct arena_block *b, *next;
	if (!*pa)
		return;
	for (b = (*pa)->blocks; b; b = next) {
		next = b->next;
		free(b);
	}
	free(*pa);
	*pa = NULL;
}

/* ---- memory ------------------------------------------------------------- */

void cat_text_free(struct cat_text *t)
{
	int k;
	if (!t)
		return;
	for (k = 0; k < CAT__NLANG; k++) {
		free(t->v[k]);
		t->v[k] = NULL;
	}
}

/* Free p unless it lives in the catalogue's arena. */
static void drop(const struct catalogue *cat, void *p)
{
	if (p && !arena_has(cat->arena, p))
		free(p);
}

static void text_drop(const struct catalogue *cat, struct cat_text *t)
{
	int k;
	for (k = 0; k < CAT__NLANG; k++)
		drop(cat, t->v[k]);
}

static void hours_drop(const struct catalogue *cat, struct hours *h)
{
	drop(cat, h->spans);
	drop(cat, h->ex);
}

static void org_free(const struct catalogue *cat, struct cat_org *o)
{
	drop(cat, o->id);
	text_drop(cat, &o->name);
	drop(cat, o->web);
	drop(cat, o->municipality);
}

static void info_free(const struct catalogue *cat, struct cat_service_info *in)
{
	size_t i;
	text_drop(cat, &in->description);
	text_drop(cat, &in->eligibility);
	for (i = 0; in->phones && i < in->n_phones; i++) {
		drop(cat, in->phones[i].number);
		text_drop(cat, &in->phones[i].label);
	}
	drop(cat, in->phones);
	drop(cat, in->email);
	drop(cat, in->web);
	drop(cat, in->address);
	drop(cat, in->municipality);
	drop(cat, in->verified);
}

static void service_free(const struct catalogue *cat, struct cat_service *s)
{
	size_t i;
	drop(cat, s->id);
	text_drop(cat, &s->name);
	text_drop(cat, &s->description);
	drop(cat, s->keywords);
	for (i = 0; s->languages && i < s->n_languages; i++)
		drop(cat, s->languages[i]);
	drop(cat, s->languages);
	hours_drop(cat, &s->hours);
	if (s->info) {
		info_free(cat, s->info);
		drop(cat, s->info);
	}
}

static void language_free(const struct catalogue *cat, struct cat_language *l)
{
	drop(cat, l->code);
	text_drop(cat, &l->name);
	drop(cat, l->native);
}

static void resource_free(const struct catalogue *cat, struct cat_resource *r)
{
	size_t i;
	drop(cat, r->id);
	text_drop(cat, &r->name);
	for (i = 0; r->languages && i < r->n_languages; i++) {
		drop(cat, r->languages[i].code);
		drop(cat, r->languages[i].dialects);
	}
	drop(cat, r->languages);
	drop(cat, r->unit);
	drop(cat, r->phone);
	drop(cat, r->email);
	drop(cat, r->web);
	hours_drop(cat, &r->hours);
	text_drop(cat, &r->note);
}

static void details_free(struct cat_details **pd);

void catalogue_free(struct catalogue **pcat)
{
	struct catalogue *cat;
	size_t i;
	if (!pcat || !*pcat)
		return;
	cat = *pcat;
	for (i = 0; i < cat->n_orgs; i++)
		org_free(cat, &cat->orgs[i]);
	for (i = 0; i < cat->n_services; i++)
		service_free(cat, &cat->services[i]);
	for (i = 0; i < cat->n_languages; i++)
		language_free(cat, &cat->languages[i]);
	for (i = 0; i < cat->n_resources; i++)
		resource_free(cat, &cat->resources[i]);
	for (i = 0; i < cat->n_problems; i++)
		free(cat->problems[i]);
	free(cat->orgs);
	free(cat->services);
	free(cat->languages);
	free(cat->resources);
	free(cat->problems);
	drop(cat, cat->path);
	drop(cat, cat->name);
	drop(cat, cat->published);
	details_free(&cat->details);
	wordset_free(&cat->vocab);
	arena_free(&cat->arena);
	free(cat);
	*pcat = NULL;
}

struct catalogue *catalogue_new(void)
{
	struct catalogue *cat = xcalloc(1, sizeof *cat);
	int i;
	cat->version = CATALOGUE_SCHEMA_VERSION;
	for (i = 0; i < TOPIC__N; i++)
		cat->topic_order[i] = i;
	return cat;
}

/* Grow an array by one zeroed element; returns the new element. */
static void *grow(void **arr, size_t *n, size_t size)
{
	char *p;
	*arr = xrealloc(*arr, (*n + 1) * size);
	p = (char *)*arr + *n * size;
	memset(p, 0, size);
	(*n)++;
	return p;
}

struct cat_org *catalogue_add_org(struct catalogue *cat)
{
	return grow((void **)&cat->orgs, &cat->n_orgs, sizeof *cat->orgs);
}

struct cat_service *catalogue_add_service(struct catalogue *cat)
{
	struct cat_service *s = grow((void **)&cat->services, &cat->n_services,
				     sizeof *cat->services);
	s->info = xcalloc(1, sizeof *s->info);
	return s;
}

struct cat_language *catalogue_add_language(struct catalogue *cat)
{
	return grow((void **)&cat->languages, &cat->n_languages, sizeof *cat->languages);
}

struct cat_resource *catalogue_add_resource(struct catalogue *cat)
{
	return grow((void **)&cat->resources, &cat->n_resources, sizeof *cat->resources);
}

/* ---- look-ups ------------------------------------------------------------ */

enum cat_lang catalogue_lang(const char *lang)
{
	/* "sv_FI.UTF-8" and "sv" alike: only the language part counts. */
	if (lang && lang[0] && lang[1] && (lang[2] == '\0' || lang[2] == '_' ||
					   lang[2] == '-' || lang[2] == '.')) {
		if (!strncmp(lang, "sv", 2))
			return CAT_SV;
		if (!strncmp(lang, "en", 2))
			return CAT_EN;
	}
	return CAT_FI;
}

static int present(const char *s)
{
	return s && s[0];
}

const char *catalogue_text(const struct cat_text *t, const char *lang)
{
	static const enum cat_lang order[] = { CAT_FI, CAT_EN, CAT_SV };
	size_t k;
	if (!t)
		return "";
	if (present(t->v[catalogue_lang(lang)]))
		return t->v[catalogue_lang(lang)];
	for (k = 0; k < sizeof order / sizeof order[0]; k++)
		if (present(t->v[order[k]]))
			return t->v[order[k]];
	return "";
}

const struct cat_language *catalogue_language(const struct catalogue *cat,
					      const char *code)
{
	size_t lo = 0, hi;
	if (!cat || !code)
		return NULL;
	hi = cat->n_languages;
	/* Sorted by code when loaded; catalogues built in memory may not be,
	 * so a miss in the binary search falls back to a scan. */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(code, cat->languages[mid].code ? cat->languages[mid].code : "");
		if (c == 0)
			return &cat->languages[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	for (lo = 0; lo < cat->n_languages; lo++)
		if (cat->languages[lo].code && !strcmp(cat->languages[lo].code, code))
			return &cat->languages[lo];
	return NULL;
}

long catalogue_service_index(const struct catalogue *cat, const char *id)
{
	size_t i;
	if (!cat || !id)
		return -1;
	for (i = 0; i < cat->n_services; i++)
		if (cat->services[i].id && !strcmp(cat->services[i].id, id))
			return (long)i;
	return -1;
}

const struct cat_org *catalogue_service_org(const struct catalogue *cat,
					    const struct cat_service *s)
{
	if (!cat || !s || s->org >= cat->n_orgs)
		return NULL;
	return &cat->orgs[s->org];
}

bool catalogue_service_speaks(const struct cat_service *s, const char *lang)
{
	size_t i;
	if (!s || !lang)
		return false;
	for (i = 0; i < s->n_languages; i++)
		if (s->languages[i] && !strcmp(s->languages[i], lang))
			return true;
	return false;
}

bool catalogue_resource_speaks(const struct cat_resource *r, const char *lang)
{
	size_t i;
	if (!r || !lang)
		return false;
	for (i = 0; i < r->n_languages; i++)
		if (r->languages[i].code && !strcmp(r->languages[i].code, lang))
			return true;
	return false;
}

/* ---- opening ------------------------------------------------------------- */

/* "file:" URI of path with everything but unreserved characters and '/'
 * percent-encoded, so '?', '#', '%' and spaces in a path stay a path. */
static char *path_uri(const char *path, const char *query)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(path), i, k = 0;
	char *enc = xmalloc(n * 3 + 1), *uri;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)path[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
		    c == '~' || c == '/') {
			enc[k++] = (char)c;
		} else {
			enc[k++] = '%';
			enc[k++] = hex[c >> 4];
			enc[k++] = hex[c & 15];
		}
	}
	enc[k] = '\0';
	uri = xasprintf("file:%s?%s", enc, query);
	free(enc);
	return uri;
}

/* Read the SQLite header by hand: a missing, unreadable, foreign or
 * cut-short file is explained here in words. */
static int precheck(const char *path, struct stat *st, char **err)
{
	unsigned char h[100];
	FILE *f;
	size_t got;
	unsigned long page, pages, counter, valid_for;

	if (stat(path, st) != 0) {
		if (errno == ENOENT)
			err_set(err, _("%s: no catalogue here; create one with 'neuvoo catalogue init'"),
				path);
		else
			err_set(err, _("%s: cannot read the catalogue: %s"), path, strerror(errno));
		return -1;
	}
	if (S_ISDIR(st->st_mode)) {
		err_set(err, _("%s: is a folder, not a catalogue; give the catalogue file"), path);
		return -1;
	}
	f = fopen(path, "rb");
	if (!f) {
		err_set(err, _("%s: cannot read the catalogue: %s; check its permissions"),
			path, strerror(errno));
		return -1;
	}
	got = fread(h, 1, sizeof h, f);
	fclose(f);
	if (got < 16 || memcmp(h, "SQLite format 3", 16) != 0) {
		err_set(err, _("%s: not a neuvoo catalogue (not an SQLite database)"), path);
		return -1;
	}
	if (got < sizeof h) {
		err_set(err, _("%s: catalogue is damaged (the file is cut short); publish it again"),
			path);
		return -1;
	}
	page = (unsigned long)h[16] << 8 | h[17];
	if (page == 1)
		page = 65536;
	pages = (unsigned long)h[28] << 24 | (unsigned long)h[29] << 16 |
		(unsigned long)h[30] << 8 | h[31];
	counter = (unsigned long)h[24] << 24 | (unsigned long)h[25] << 16 |
		  (unsigned long)h[26] << 8 | h[27];
	valid_for = (unsigned long)h[92] << 24 | (unsigned long)h[93] << 16 |
		    (unsigned long)h[94] << 8 | h[95];
	/* The page count in the header is only trustworthy when the change
	 * counter matches the "version valid for" field. */
	if (page < 512 || (page & (page - 1)) != 0 ||
	    (pages && counter == valid_for &&
	     (uint64_t)st->st_size < (uint64_t)pages * page) ||
	    st->st_size % (off_t)page != 0) {
		err_set(err, _("%s: catalogue is damaged (the file is cut short); publish it again"),
			path);
		return -1;
	}
	return 0;
}

/* One line for a failed SQLite call while reading; msg NULL takes the
 * connection's last message. */
static void read_error_msg(char **err, const char *path, sqlite3 *db, int rc,
			   const char *msg)
{
	int prim = rc & 0xff;
	if (!msg)
		msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
	if (prim == SQLITE_CORRUPT || prim == SQLITE_NOTADB || prim == SQLITE_IOERR)
		err_set(err, _("%s: catalogue is damaged (%s); publish it again"), path, msg);
	else if (prim == SQLITE_ERROR)
		err_set(err, _("%s: not a neuvoo catalogue (%s)"), path, msg);
	else if (prim == SQLITE_NOMEM)
		err_set(err, _("%s: not enough memory to load the catalogue"), path);
	else
		err_set(err, _("%s: cannot read the catalogue (%s)"), path, msg);
}

static void read_error(char **err, const char *path, sqlite3 *db, int rc)
{
	read_error_msg(err, path, db, rc, NULL);
}

/* Lossy caches: a fixed number of slots by hash, a new value taking over a
 * slot. Equal values mostly come close together or are very common, so
 * this finds most repeats at a fixed, small cost. */
#define STR_SLOTS 4096
#define ARR_SLOTS 512

struct arr_slot {
	const void *p;
	size_t bytes;
};

struct loader {
	sqlite3 *db;
	struct catalogue *cat;
	struct cat_arena *arena;
	/* Record indexes sorted by id, for resolving child rows. */
	uint32_t *org_ids, *svc_ids, *res_ids;
	size_t n_org_ids, n_svc_ids, n_res_ids;
	size_t cap_orgs, cap_services, cap_languages, cap_resources;
	size_t svc_hint;	/* the service of the last child row */
	const char **strs;	/* STR_SLOTS shared strings */
	struct arr_slot *arrs;	/* ARR_SLOTS shared arrays */
	int rc;			/* first SQLite failure */
	char *msg;		/* and its message */
	bool lean;		/* services without their details */
	/* Lean: a service's description word ids while they are sorted. */
	uint32_t *wids;
	size_t wcap;
};

static uint32_t hash_bytes(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint32_t h = 2166136261u;
	while (n--) {
		h ^= *s++;
		h *= 16777619u;
	}
	return h;
}

/* Column i as a string of the arena; NULL for SQL NULL. */
static char *col_str(struct loader *L, sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	return t ? arena_strndup(L->arena, t, strlen(t)) : NULL;
}

/* The same for a value that often repeats: stored once when seen lately. */
static char *col_shared(struct loader *L, sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	const char **slot;
	size_t n;

	if (!t)
		return NULL;
	n = strlen(t);
	slot = &L->strs[hash_bytes(t, n) % STR_SLOTS];
	if (*slot && !strncmp(*slot, t, n) && (*slot)[n] == '\0')
		return (char *)*slot;
	*slot = arena_strndup(L->arena, t, n);
	return (char *)*slot;
}

/* A text's three languages; a translation equal to an earlier one (a
 * proper name, an untranslated text) shares its string. */
static void col_text3(struct loader *L, sqlite3_stmt *st, int i,
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
			t->v[k] = shared ? col_shared(L, st, i + k) : col_str(L, st, i + k);
	}
}

/* n elements of size bytes as an arena array, shared with an equal array
 * stored lately. */
static void *shared_array(struct loader *L, const void *v, size_t n,
			  size_t size, size_t align)
{
	size_t bytes = n * size;
	struct arr_slot *slot = &L->arrs[hash_bytes(v, bytes) % ARR_SLOTS];
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
static void *joined(struct loader *L, const void *old, size_t n_old,
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
static void *next_record(void **arr, size_t *n, size_t *cap, size_t size)
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
static void *fit(void *arr, size_t n, size_t cap, size_t size)
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
static sqlite3_stmt *prep(struct loader *L, const char *sql)
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

/* Step; SQLITE_ROW gives 1, SQLITE_DONE 0, failure -1 (remembered). */
static int step(struct loader *L, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc != SQLITE_DONE)
		fail(L, rc);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* ---- resolving ids -------------------------------------------------------- */

struct id_view {
	const char *base;	/* records */
	size_t stride, offset;	/* record size, offset of the id pointer */
};

static const char *view_id(const struct id_view *v, uint32_t i)
{
	return *(char *const *)(v->base + (size_t)i * v->stride + v->offset);
}

static int id_cmp(const void *a, const void *b, void *ctx)
{
	const struct id_view *v = ctx;
	return strcmp(view_id(v, *(const uint32_t *)a), view_id(v, *(const uint32_t *)b));
}

/* The indexes of the records that have an id, sorted by id. */
static uint32_t *ids_sort(const struct id_view *v, size_t n, size_t *count)
{
	uint32_t *x = xmalloc((n ? n : 1) * sizeof *x);
	size_t i, k = 0;
	for (i = 0; i < n; i++)
		if (view_id(v, (uint32_t)i))
			x[k++] = (uint32_t)i;
	qsort_r(x, k, sizeof *x, id_cmp, (void *)v);
	*count = k;
	return x;
}

static long ids_find(const struct id_view *v, const uint32_t *x, size_t n,
		     const char *id)
{
	size_t lo = 0, hi = n;
	if (!id)
		return -1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(id, view_id(v, x[mid]));
		if (c == 0)
			return x[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

static struct id_view org_view(const struct catalogue *cat)
{
	struct id_view v = { (const char *)cat->orgs, sizeof *cat->orgs,
			     offsetof(struct cat_org, id) };
	return v;
}

static struct id_view svc_view(const struct catalogue *cat)
{
	struct id_view v = { (const char *)cat->services, sizeof *cat->services,
			     offsetof(struct cat_service, id) };
	return v;
}

static struct id_view res_view(const struct catalogue *cat)
{
	struct id_view v = { (const char *)cat->resources, sizeof *cat->resources,
			     offsetof(struct cat_resource, id) };
	return v;
}

/* The index of the service a child row names, or -1 (a problem is noted).
 * Child rows mostly come in the services' order: the last service and the
 * one after it are tried before searching. */
static long row_service(struct loader *L, sqlite3_stmt *st, const char *table)
{
	const struct catalogue *cat = L->cat;
	const char *id = (const char *)sqlite3_column_text(st, 0);
	struct id_view v = svc_view(cat);
	size_t h = L->svc_hint;
	long i;

	if (id && h < cat->n_services && cat->services[h].id &&
	    !strcmp(cat->services[h].id, id))
		return (long)h;
	if (id && h + 1 < cat->n_services && cat->services[h + 1].id &&
	    !strcmp(cat->services[h + 1].id, id)) {
		L->svc_hint = h + 1;
		return (long)h + 1;
	}
	i = ids_find(&v, L->svc_ids, L->n_svc_ids, id);
	if (i < 0) {
		add_problem(L->cat, _("%s: a row names service '%s', which does not exist"),
			    table, id ? id : "");
		return -1;
	}
	L->svc_hint = (size_t)i;
	return i;
}

static long row_resource(struct loader *L, sqlite3_stmt *st, const char *table)
{
	const char *id = (const char *)sqlite3_column_text(st, 0);
	struct id_view v = res_view(L->cat);
	long i = ids_find(&v, L->res_ids, L->n_res_ids, id);
	if (i < 0)
		add_problem(L->cat, _("%s: a row names resource '%s', which does not exist"),
			    table, id ? id : "");
	return i;
}

/* ---- child rows in runs ------------------------------------------------- */

/* The rows of a child table that belong to one record, gathered while
 * they come one after another, then stored as one exact arena array. */
struct run;
typedef void (*run_store_fn)(struct loader *L, struct run *r);

struct run {
	long owner;		/* record index, -1 before the first row */
	unsigned char *v;
	size_t n, cap, size;
	run_store_fn store;
};

static void run_flush(struct loader *L, struct run *r)
{
	if (r->owner >= 0 && r->n)
		r->store(L, r);
	r->n = 0;
}

/* A zeroed element for owner's run. */
static void *run_next(struct loader *L, struct run *r, long owner)
{
	void *p;
	if (owner != r->owner) {
		run_flush(L, r);
		r->owner = owner;
	}
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->v = xrealloc(r->v, r->cap * r->size);
	}
	p = r->v + r->n * r->size;
	memset(p, 0, r->size);
	r->n++;
	return p;
}

static void run_end(struct loader *L, struct run *r)
{
	run_flush(L, r);
	free(r->v);
	r->v = NULL;
}

static void store_spans(struct loader *L, struct hours *h, struct run *r)
{
	if (h->n_spans)
		h->spans = joined(L, h->spans, h->n_spans, r->v, r->n, r->size,
				  alignof(struct hours_span));
	else
		h->spans = shared_array(L, r->v, r->n, r->size,
					alignof(struct hours_span));
	h->n_spans += r->n;
}

static void store_service_spans(struct loader *L, struct run *r)
{
	store_spans(L, &L->cat->services[r->owner].hours, r);
}

static void store_resource_spans(struct loader *L, struct run *r)
{
	store_spans(L, &L->cat->resources[r->owner].hours, r);
}

static void store_service_languages(struct loader *L, struct run *r)
{
	struct cat_service *s = &L->cat->services[r->owner];
	if (s->n_languages)
		s->languages = joined(L, s->languages, s->n_languages, r->v, r->n,
				      r->size, alignof(char *));
	else
		s->languages = shared_array(L, r->v, r->n, r->size, alignof(char *));
	s->n_languages += r->n;
}

static void store_phones(struct loader *L, struct run *r)
{
	struct cat_service_info *in = L->cat->services[r->owner].info;
	in->phones = joined(L, in->phones, in->n_phones, r->v, r->n, r->size,
			    alignof(struct cat_phone));
	in->n_phones += r->n;
}

static void store_resource_languages(struct loader *L, struct run *r)
{
	struct cat_resource *res = &L->cat->resources[r->owner];
	res->languages = joined(L, res->languages, res->n_languages, r->v, r->n,
				r->size, alignof(struct cat_res_lang));
	res->n_languages += r->n;
}

static void run_init(struct run *r, size_t size, run_store_fn store)
{
	memset(r, 0, sizeof *r);
	r->owner = -1;
	r->size = size;
	r->store = store;
}

/* ---- the tables ----------------------------------------------------------- */

/* Row counts, so that the record arrays are allocated once and exactly. */
static void count_rows(struct loader *L)
{
	sqlite3_stmt *st = prep(L, "SELECT (SELECT count(*) FROM organisation), "
				"(SELECT count(*) FROM service), "
				"(SELECT count(*) FROM language), "
				"(SELECT count(*) FROM resource)");
	struct catalogue *cat = L->cat;
	if (!st)
		return;
	if (step(L, st) > 0) {
		L->cap_orgs = (size_t)sqlite3_column_int64(st, 0);
		L->cap_services = (size_t)sqlite3_column_int64(st, 1);
		L->cap_languages = (size_t)sqlite3_column_int64(st, 2);
		L->cap_resources = (size_t)sqlite3_column_int64(st, 3);
	}
	sqlite3_finalize(st);
	if (L->cap_orgs)
		cat->orgs = xcalloc(L->cap_orgs, sizeof *cat->orgs);
	if (L->cap_services)
		cat->services = xcalloc(L->cap_services, sizeof *cat->services);
	if (L->cap_languages)
		cat->languages = xcalloc(L->cap_languages, sizeof *cat->languages);
	if (L->cap_resources)
		cat->resources = xcalloc(L->cap_resources, sizeof *cat->resources);
}

static void load_meta(struct loader *L)
{
	sqlite3_stmt *st = prep(L, "SELECT key, value FROM meta");
	if (!st)
		return;
	while (step(L, st) > 0) {
		const char *key = (const char *)sqlite3_column_text(st, 0);
		if (!key)
			continue;
		if (!strcmp(key, "name"))
			L->cat->name = col_str(L, st, 1);
		else if (!strcmp(key, "published"))
			L->cat->published = col_str(L, st, 1);
	}
	sqlite3_finalize(st);
}

static int lang_cmp(const void *a, const void *b)
{
	const struct cat_language *x = a, *y = b;
	return strcmp(x->code ? x->code : "", y->code ? y->code : "");
}

static void load_languages(struct loader *L)
{
	struct catalogue *cat = L->cat;
	sqlite3_stmt *st = prep(L, "SELECT code, name_fi, name_sv, name_en, native "
				"FROM language ORDER BY code");
	if (!st)
		return;
	while (step(L, st) > 0) {
		struct cat_language *l = next_record((void **)&cat->languages,
						     &cat->n_languages,
						     &L->cap_languages, sizeof *l);
		l->code = col_str(L, st, 0);
		col_text3(L, st, 1, &l->name, false);
		l->native = col_str(L, st, 4);
	}
	sqlite3_finalize(st);
	/* SQL's ORDER BY uses the column collation; make it bytewise. */
	if (cat->n_languages > 1)	/* qsort(NULL, 0) is undefined */
		qsort(cat->languages, cat->n_languages, sizeof *cat->languages, lang_cmp);
}

/* A service's language code: the language table's own string when it has
 * the code, so that 10,000 services do not keep 10,000 copies of "fi". */
static char *language_code(struct loader *L, sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	const struct cat_language *l = t ? catalogue_language(L->cat, t) : NULL;
	return l ? l->code : col_shared(L, st, i);
}

static void load_orgs(struct loader *L)
{
	struct catalogue *cat = L->cat;
	struct id_view v;
	sqlite3_stmt *st = prep(L, "SELECT id, kind, name_fi, name_sv, name_en, web, "
				"municipality FROM organisation ORDER BY rowid");
	if (!st)
		return;
	while (step(L, st) > 0) {
		struct cat_org *o = next_record((void **)&cat->orgs, &cat->n_orgs,
						&L->cap_orgs, sizeof *o);
		const char *kind = (const char *)sqlite3_column_text(st, 1);
		int k = name_index(org_kinds, ORG__N, kind);
		o->id = col_str(L, st, 0);
		if (k < 0) {
			add_problem(cat, _("organisation '%s': unknown kind '%s' (city, public, ngo, other)"),
				    o->id ? o->id : "", kind ? kind : "");
			k = ORG_OTHER;
		}
		o->kind = (enum org_kind)k;
		col_text3(L, st, 2, &o->name, false);
		o->web = col_shared(L, st, 5);
		o->municipality = col_shared(L, st, 6);
	}
	sqlite3_finalize(st);
	cat->orgs = fit(cat->orgs, cat->n_orgs, L->cap_orgs, sizeof *cat->orgs);
	v = org_view(cat);
	L->org_ids = ids_sort(&v, cat->n_orgs, &L->n_org_ids);
}

/* ---- a lean catalogue's description words ------------------------------- */

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

/* The distinct folded words of the three texts in columns i..i+2: how
 * many, then the ids in increasing order as gaps, all varints, in the
 * arena; NULL without any. */
static const unsigned char *col_words(struct loader *L, sqlite3_stmt *st, int i)
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

/* A service's appointment code; a bad one is a problem (when loading the
 * whole catalogue) and reads as "no". */
static enum appointment col_appointment(struct loader *L, sqlite3_stmt *st,
					int i, const char *id)
{
	const char *appt = (const char *)sqlite3_column_text(st, i);
	int a = name_index(appt_names, 3, appt);
	if (a < 0 && L)
		add_problem(L->cat, _("service '%s': appointment '%s' is not one of no, yes, sometimes"),
			    id ? id : "", appt ? appt : "");
	return a < 0 ? APPT_NO : (enum appointment)a;
}

static void load_services(struct loader *L)
{
	struct catalogue *cat = L->cat;
	struct id_view ov = org_view(cat), sv;
	struct cat_service_info *infos = NULL;
	size_t n_infos = 0;
	/* A lean catalogue reads only what lists, ranks and searches need. */
	sqlite3_stmt *st = prep(L, L->lean
		? "SELECT id, organisation_id, name_fi, name_sv, name_en, "
		  "NULL, NULL, NULL, keywords FROM service ORDER BY rowid"
		: "SELECT id, organisation_id, name_fi, name_sv, name_en, "
		  "description_fi, description_sv, description_en, keywords, "
		  "eligibility_fi, eligibility_sv, eligibility_en, email, "
		  "web, address, municipality, appointment, verified "
		  "FROM service ORDER BY rowid");
	if (!st)
		return;
	if (!L->lean && L->cap_services) {
		n_infos = L->cap_services;
		infos = arena_alloc(L->arena, n_infos * sizeof *infos,
				    alignof(struct cat_service_info));
		memset(infos, 0, n_infos * sizeof *infos);
	}
	while (step(L, st) > 0) {
		struct cat_service *s = next_record((void **)&cat->services,
						    &cat->n_services,
						    &L->cap_services, sizeof *s);
		const char *org = (const char *)sqlite3_column_text(st, 1);
		long oi = ids_find(&ov, L->org_ids, L->n_org_ids, org);
		s->id = col_str(L, st, 0);
		if (oi < 0) {
			add_problem(cat, _("service '%s': organisation '%s' does not exist"),
				    s->id ? s->id : "", org ? org : "");
			s->org = SIZE_MAX;
		} else
			s->org = (size_t)oi;
		col_text3(L, st, 2, &s->name, false);
		s->keywords = col_shared(L, st, 8);
		if (L->lean)
			continue;	/* words: catalogue_load_words() */
		col_text3(L, st, 5, &s->description, false);
		/* The count said how many rows; a row more (the file cannot
		 * change under an immutable open) gets an info of its own. */
		s->info = cat->n_services <= n_infos
			? &infos[cat->n_services - 1]
			: xcalloc(1, sizeof *s->info);
		col_text3(L, st, 9, &s->info->eligibility, true);
		s->info->email = col_shared(L, st, 12);
		s->info->web = col_shared(L, st, 13);
		s->info->address = col_shared(L, st, 14);
		s->info->municipality = col_shared(L, st, 15);
		s->info->appointment = col_appointment(L, st, 16, s->id);
		s->info->verified = col_shared(L, st, 17);
	}
	sqlite3_finalize(st);
	cat->services = fit(cat->services, cat->n_services, L->cap_services,
			    sizeof *cat->services);
	sv = svc_view(cat);
	L->svc_ids = ids_sort(&sv, cat->n_services, &L->n_svc_ids);
}

/* Weekly hours of services or resources: rows (owner id, weekday 1-7,
 * "HH:MM", "HH:MM"). */
static void load_hours(struct loader *L, bool resources)
{
	struct catalogue *cat = L->cat;
	struct run run;
	sqlite3_stmt *st;
	long i;

	run_init(&run, sizeof(struct hours_span),
		 resources ? store_resource_spans : store_service_spans);
	st = prep(L, resources
		  ? "SELECT resource_id, weekday, opens, closes FROM resource_hours ORDER BY rowid"
		  : "SELECT service_id, weekday, opens, closes FROM service_hours ORDER BY rowid");
	while (st && step(L, st) > 0) {
		int day = sqlite3_column_int(st, 1);
		const char *o = (const char *)sqlite3_column_text(st, 2);
		const char *c = (const char *)sqlite3_column_text(st, 3);
		int open = db_time(o, 0), close = db_time(c, 1);
		struct hours_span *sp;
		i = resources ? row_resource(L, st, "resource_hours")
			      : row_service(L, st, "service_hours");
		if (i < 0)
			continue;
		if (open < 0 || close < 0 || !hours_span_ok(day - 1, open, close)) {
			if (resources)
				add_problem(cat, _("resource '%s': hours on weekday %d, '%s'-'%s', are not valid (HH:MM, opening before closing)"),
					    cat->resources[i].id, day, o ? o : "", c ? c : "");
			else
				add_problem(cat, _("service '%s': hours on weekday %d, '%s'-'%s', are not valid (HH:MM, opening before closing)"),
					    cat->services[i].id, day, o ? o : "", c ? c : "");
			continue;
		}
		sp = run_next(L, &run, i);
		sp->day = (uint8_t)(day - 1);
		sp->open = (uint16_t)open;
		sp->close = (uint16_t)close;
	}
	sqlite3_finalize(st);
	run_end(L, &run);
}

static void load_service_children(struct loader *L)
{
	struct catalogue *cat = L->cat;
	struct run run;
	sqlite3_stmt *st;
	long i;

	st = prep(L, "SELECT service_id, topic FROM service_topic ORDER BY rowid");
	while (st && step(L, st) > 0) {
		const char *code = (const char *)sqlite3_column_text(st, 1);
		int t;
		if ((i = row_service(L, st, "service_topic")) < 0)
			continue;
		t = code ? codes_find(CODES_TOPIC, code) : -1;
		if (t < 0 || t >= TOPIC__N)
			add_problem(cat, _("service '%s': unknown topic '%s'"),
				    cat->services[i].id, code ? code : "");
		else
			cat->services[i].topics |= (topic_set)1 << t;
	}
	sqlite3_finalize(st);

	run_init(&run, sizeof(char *), store_service_languages);
	st = prep(L, "SELECT service_id, language FROM service_language ORDER BY rowid");
	while (st && step(L, st) > 0) {
		if ((i = row_service(L, st, "service_language")) < 0)
			continue;
		*(char **)run_next(L, &run, i) = language_code(L, st, 1);
	}
	sqlite3_finalize(st);
	run_end(L, &run);

	/* The primary key's order: a service's phones come together. A lean
	 * catalogue fetches them with the rest of the details. */
	run_init(&run, sizeof(struct cat_phone), store_phones);
	st = L->lean ? NULL
		: prep(L, "SELECT service_id, number, label_fi, label_sv, label_en "
		       "FROM service_phone ORDER BY service_id, position");
	while (st && step(L, st) > 0) {
		struct cat_phone *p;
		if ((i = row_service(L, st, "service_phone")) < 0)
			continue;
		p = run_next(L, &run, i);
		p->number = col_str(L, st, 1);
		col_text3(L, st, 2, &p->label, true);
	}
	sqlite3_finalize(st);
	run_end(L, &run);

	load_hours(L, false);

	/* Exceptions are few: plain allocations (catalogue_free frees what is
	 * not in the arena). */
	st = prep(L, "SELECT service_id, date, opens, closes FROM service_exception "
		  "ORDER BY rowid");
	while (st && step(L, st) > 0) {
		const char *date = (const char *)sqlite3_column_text(st, 1);
		const char *o = (const char *)sqlite3_column_text(st, 2);
		const char *c = (const char *)sqlite3_column_text(st, 3);
		struct cat_service *s;
		int rc;
		if ((i = row_service(L, st, "service_exception")) < 0)
			continue;
		s = &cat->services[i];
		if (!o && !c)
			rc = hours_add_exception(&s->hours, date, true, 0, 0);
		else if (!o || !c || db_time(o, 0) < 0 || db_time(c, 1) < 0)
			rc = -1;
		else
			rc = hours_add_exception(&s->hours, date, false, db_time(o, 0),
						 db_time(c, 1));
		if (rc != 0)
			add_problem(cat, _("service '%s': exception on '%s' is not valid (a YYYY-MM-DD date, and HH:MM times or none for closed)"),
				    s->id, date ? date : "");
	}
	sqlite3_finalize(st);
}

/* "in-person,phone" into MOD_* bits; -1 on an unknown word. */
static int parse_modality(const char *s, unsigned *out)
{
	static const char *const names[] = { "in-person", "phone", "video", "on-site" };
	*out = 0;
	while (s && *s) {
		size_t n = strcspn(s, ","), k;
		int found = 0;
		while (n && *s == ' ') {
			s++;
			n--;
		}
		for (k = 0; k < 4; k++)
			if (strlen(names[k]) == n && !strncmp(s, names[k], n)) {
				*out |= 1u << k;
				found = 1;
			}
		if (!found && n)
			return -1;
		s += n;
		if (*s == ',')
			s++;
	}
	return 0;
}

static void load_resources(struct loader *L)
{
	struct catalogue *cat = L->cat;
	struct cat_resource *r;
	struct id_view v;
	struct run run;
	long i;
	sqlite3_stmt *st = prep(L,
		"SELECT id, kind, name_fi, name_sv, name_en, unit, phone, email, web, "
		"modality, lead_minutes, note_fi, note_sv, note_en "
		"FROM resource ORDER BY rowid");
	while (st && step(L, st) > 0) {
		const char *kind = (const char *)sqlite3_column_text(st, 1);
		const char *mod = (const char *)sqlite3_column_text(st, 9);
		int k = name_index(res_kinds, RES__N, kind);
		r = next_record((void **)&cat->resources, &cat->n_resources,
				&L->cap_resources, sizeof *r);
		r->id = col_str(L, st, 0);
		if (k < 0) {
			add_problem(cat, _("resource '%s': unknown kind '%s' (colleague, interpreting)"),
				    r->id ? r->id : "", kind ? kind : "");
			k = RES_INTERPRETING;
		}
		r->kind = (enum res_kind)k;
		col_text3(L, st, 2, &r->name, false);
		r->unit = col_shared(L, st, 5);
		r->phone = col_shared(L, st, 6);
		r->email = col_shared(L, st, 7);
		r->web = col_shared(L, st, 8);
		if (parse_modality(mod, &r->modality) != 0)
			add_problem(cat, _("resource '%s': modality '%s' has an unknown word (in-person, phone, video, on-site)"),
				    r->id ? r->id : "", mod);
		r->lead_minutes = sqlite3_column_int(st, 10);
		col_text3(L, st, 11, &r->note, true);
	}
	sqlite3_finalize(st);
	cat->resources = fit(cat->resources, cat->n_resources, L->cap_resources,
			     sizeof *cat->resources);
	v = res_view(cat);
	L->res_ids = ids_sort(&v, cat->n_resources, &L->n_res_ids);

	run_init(&run, sizeof(struct cat_res_lang), store_resource_languages);
	st = prep(L, "SELECT resource_id, language, dialects FROM resource_language "
		  "ORDER BY rowid");
	while (st && step(L, st) > 0) {
		struct cat_res_lang *l;
		if ((i = row_resource(L, st, "resource_language")) < 0)
			continue;
		l = run_next(L, &run, i);
		l->code = language_code(L, st, 1);
		l->dialects = col_shared(L, st, 2);
	}
	sqlite3_finalize(st);
	run_end(L, &run);

	load_hours(L, true);
}

static void load_topic_order(struct loader *L)
{
	struct catalogue *cat = L->cat;
	int seen[TOPIC__N] = { 0 }, n = 0, t;
	sqlite3_stmt *st = prep(L, "SELECT topic FROM topic_order ORDER BY position, topic");
	while (st && step(L, st) > 0) {
		const char *code = (const char *)sqlite3_column_text(st, 0);
		t = code ? codes_find(CODES_TOPIC, code) : -1;
		if (t < 0 || t >= TOPIC__N) {
			add_problem(cat, _("topic_order: unknown topic '%s'"), code ? code : "");
			continue;
		}
		if (!seen[t]) {
			seen[t] = 1;
			cat->topic_order[n++] = t;
		}
	}
	sqlite3_finalize(st);
	/* Topics the table leaves out follow in code order. */
	for (t = 0; t < TOPIC__N; t++)
		if (!seen[t])
			cat->topic_order[n++] = t;
}

/* The tables a version-1 catalogue must have. */
static const char *const required_tables[] = {
	"meta", "language", "organisation", "service", "service_topic",
	"service_language", "service_phone", "service_hours", "service_exception",
	"resource", "resource_language", "resource_hours", "topic_order",
};

static int check_version(sqlite3 *db, const char *path, int *version, char **err)
{
	sqlite3_stmt *st = NULL;
	size_t i;
	int rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		*version = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK) {
		read_error(err, path, db, rc);
		return -1;
	}
	if (*version > CATALOGUE_SCHEMA_VERSION) {
		err_set(err, _("%s: catalogue schema version %d is newer than this neuvoo understands (%d); update neuvoo"),
			path, *version, CATALOGUE_SCHEMA_VERSION);
		return -1;
	}
	if (*version < 1) {
		err_set(err, _("%s: not a neuvoo catalogue (schema version %d); create one with 'neuvoo catalogue init'"),
			path, *version);
		return -1;
	}
	rc = sqlite3_prepare_v2(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1",
				-1, &st, NULL);
	if (rc != SQLITE_OK) {
		read_error(err, path, db, rc);
		return -1;
	}
	for (i = 0; i < sizeof required_tables / sizeof required_tables[0]; i++) {
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, required_tables[i], -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE) {
			err_set(err, _("%s: not a neuvoo catalogue (no table '%s')"), path,
				required_tables[i]);
			sqlite3_finalize(st);
			return -1;
		}
		if (rc != SQLITE_ROW) {
			read_error(err, path, db, rc);
			sqlite3_finalize(st);
			return -1;
		}
	}
	sqlite3_finalize(st);
	return 0;
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
	cat_text_free(&d->info.description);
	cat_text_free(&d->info.eligibility);
	for (i = 0; i < d->info.n_phones; i++) {
		free(d->info.phones[i].number);
		cat_text_free(&d->info.phones[i].label);
	}
	free(d->info.phones);
	free(d->info.email);
	free(d->info.web);
	free(d->info.address);
	free(d->info.municipality);
	free(d->info.verified);
	memset(&d->info, 0, sizeof d->info);
	d->index = SIZE_MAX;
}

static void details_free(struct cat_details **pd)
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

static char *dup_col(sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);
	return t ? xstrdup(t) : NULL;
}

static void dup_text3(sqlite3_stmt *st, int i, struct cat_text *t)
{
	int k;
	for (k = 0; k < CAT__NLANG; k++)
		t->v[k] = dup_col(st, i + k);
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
		dup_text3(d->svc, 0, &d->info.description);
		dup_text3(d->svc, 3, &d->info.eligibility);
		d->info.email = dup_col(d->svc, 6);
		d->info.web = dup_col(d->svc, 7);
		d->info.address = dup_col(d->svc, 8);
		d->info.municipality = dup_col(d->svc, 9);
		d->info.appointment = col_appointment(NULL, d->svc, 10, id);
		d->info.verified = dup_col(d->svc, 11);
		rc = SQLITE_DONE;
	}
	sqlite3_reset(d->svc);
	if (rc != SQLITE_DONE) {
		read_error(err, cat->path, d->db, rc);
		details_clear(d);
		return -1;
	}
	sqlite3_reset(d->phones);
	sqlite3_bind_text(d->phones, 1, id ? id : "", -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(d->phones)) == SQLITE_ROW) {
		struct cat_phone *p;
		d->info.phones = xrealloc(d->info.phones, (d->info.n_phones + 1) *
					  sizeof *d->info.phones);
		p = &d->info.phones[d->info.n_phones++];
		p->number = dup_col(d->phones, 0);
		dup_text3(d->phones, 1, &p->label);
	}
	sqlite3_reset(d->phones);
	if (rc != SQLITE_DONE) {
		read_error(err, cat->path, d->db, rc);
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

int catalogue_load_words(struct catalogue *cat, char **err)
{
	struct loader L;
	sqlite3_stmt *st;
	size_t k = 0;

	if (!cat || !cat->words_pending)
		return 0;
	memset(&L, 0, sizeof L);
	L.db = cat->details->db;
	L.cat = cat;
	L.arena = cat->arena;
	L.rc = SQLITE_OK;
	/* The rows in the order the services were loaded (the file cannot
	 * have changed under the immutable connection). */
	st = prep(&L, "SELECT description_fi, description_sv, description_en "
		  "FROM service ORDER BY rowid");
	while (st && k < cat->n_services && step(&L, st) > 0)
		cat->services[k++].words = col_words(&L, st, 0);
	sqlite3_finalize(st);
	wordset_compact(&cat->vocab);
	free(L.wids);
	cat->words_pending = false;
	if (L.rc != SQLITE_OK) {
		read_error_msg(err, cat->path, L.db, L.rc, L.msg);
		free(L.msg);
		return -1;
	}
	return 0;
}

/* Keep db for a lean catalogue's details: statements prepared now, so a
 * details look-up later is two indexed reads. */
static int details_keep(struct catalogue *cat, sqlite3 *db, char **err)
{
	struct cat_details *d = xcalloc(1, sizeof *d);
	int rc;
	d->db = db;
	d->index = SIZE_MAX;
	rc = sqlite3_prepare_v2(db, "SELECT description_fi, description_sv, "
				"description_en, eligibility_fi, eligibility_sv, "
				"eligibility_en, email, web, address, municipality, "
				"appointment, verified FROM service WHERE id = ?1",
				-1, &d->svc, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "SELECT number, label_fi, label_sv, "
					"label_en FROM service_phone WHERE service_id = ?1 "
					"ORDER BY position", -1, &d->phones, NULL);
	/* Details are read one service at a time: a few pages suffice. */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "PRAGMA cache_size = -32", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		read_error(err, cat->path, db, rc);
		d->db = NULL;
		details_free(&d);
		return -1;
	}
	cat->details = d;
	return 0;
}

static int open_file(const char *path, bool lean, struct catalogue **out,
		     char **err)
{
	struct stat st;
	struct loader L;
	sqlite3 *db = NULL;
	char *uri;
	int rc, version = 0;

	*out = NULL;
	if (!path || !*path) {
		err_set(err, _("no catalogue file given; set one with --catalogue FILE"));
		return -1;
	}
	if (precheck(path, &st, err) != 0)
		return -1;
	uri = path_uri(path, "mode=ro&immutable=1");
	rc = sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
	free(uri);
	/* A page cache of 64 KiB while loading: every table is read once from
	 * start to end, so a small cache reads as fast as the default 2 MiB,
	 * whose pages would count in the session's peak memory. */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "PRAGMA cache_size = -64", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		read_error(err, path, db, rc);
		sqlite3_close(db);
		return -1;
	}
	if (check_version(db, path, &version, err) != 0) {
		sqlite3_close(db);
		return -1;
	}

	memset(&L, 0, sizeof L);
	L.db = db;
	L.cat = catalogue_new();
	L.cat->path = xstrdup(path);
	L.cat->version = version;
	L.cat->arena = L.arena = arena_new();
	L.strs = xcalloc(STR_SLOTS, sizeof *L.strs);
	L.arrs = xcalloc(ARR_SLOTS, sizeof *L.arrs);
	L.rc = SQLITE_OK;
	L.lean = lean;
	count_rows(&L);
	load_meta(&L);
	load_languages(&L);
	load_orgs(&L);
	load_services(&L);
	load_service_children(&L);
	load_resources(&L);
	load_topic_order(&L);
	free(L.org_ids);
	free(L.svc_ids);
	free(L.res_ids);
	free(L.strs);
	free(L.arrs);
	if (L.rc != SQLITE_OK) {
		read_error_msg(err, path, db, L.rc, L.msg);
		free(L.msg);
		sqlite3_close(db);
		catalogue_free(&L.cat);
		return -1;
	}
	if (!lean)
		sqlite3_close(db);
	else if (details_keep(L.cat, db, err) != 0) {
		sqlite3_close(db);
		catalogue_free(&L.cat);
		return -1;
	} else
		L.cat->words_pending = L.cat->n_services > 0;
#ifdef __GLIBC__
	/* The page cache and the loader's scratch memory were freed between
	 * the catalogue's blocks; hand those pages back. */
	malloc_trim(0);
#endif

	L.cat->dev = st.st_dev;
	L.cat->ino = st.st_ino;
	L.cat->mtime = st.st_mtim;
	L.cat->size = st.st_size;
	*out = L.cat;
	return 0;
}

int catalogue_open(const char *path, struct catalogue **out, char **err)
{
	return open_file(path, false, out, err);
}

int catalogue_open_lean(const char *path, struct catalogue **out, char **err)
{
	return open_file(path, true, out, err);
}

bool catalogue_changed(const struct catalogue *cat)
{
	struct stat st;
	if (!cat || !cat->path)
		return false;
	if (stat(cat->path, &st) != 0)
		return true;
	return st.st_dev != cat->dev || st.st_ino != cat->ino ||
	       st.st_size != cat->size || st.st_mtim.tv_sec != cat->mtime.tv_sec ||
	       st.st_mtim.tv_nsec != cat->mtime.tv_nsec;
}

int catalogue_verify_file(const char *path, char **err)
{
	struct stat st;
	sqlite3 *db = NULL;
	sqlite3_stmt *q = NULL;
	char *uri;
	int rc;

	if (precheck(path, &st, err) != 0)
		return -1;
	uri = path_uri(path, "mode=ro&immutable=1");
	rc = sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
	free(uri);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "PRAGMA integrity_check(1)", -1, &q, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(q);
		if (rc == SQLITE_ROW) {
			const char *res = (const char *)sqlite3_column_text(q, 0);
			if (res && strcmp(res, "ok") != 0) {
				err_set(err, _("%s: catalogue is damaged (%s); publish it again"),
					path, res);
				sqlite3_finalize(q);
				sqlite3_close(db);
				return -1;
			}
			rc = SQLITE_OK;
		}
	}
	if (rc != SQLITE_OK) {
		read_error(err, path, db, rc);
		sqlite3_finalize(q);
		sqlite3_close(db);
		return -1;
	}
	sqlite3_finalize(q);
	sqlite3_close(db);
	return 0;
}
