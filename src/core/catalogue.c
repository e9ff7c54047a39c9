/* catalogue: see catalogue.h. The model: records, their memory, and the
 * look-ups every reader uses. Loading from the file is catalogue_load.c
 * (with catalogue_file.c and, for a desk, catalogue_lean.c); writing is
 * catalogue_publish.c.
 *
 * A loaded catalogue keeps its strings and small arrays in an arena
 * (core/arena) and shares what repeats, so freeing frees only what is not
 * in the arena: records built or changed in memory (import, tests) hold
 * malloc'd strings, and both kinds mix. */
#include <config.h>

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>

#include "core/arena.h"
#include "core/catalogue.h"
#include "core/catalogue_load.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/strmap.h"

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

static void drop_string(void *cat, char **s)
{
	drop(cat, *s);
}

/* The strings of table t's fields in rec and info (the field table),
 * then what the record holds besides. */
static void fields_drop(const struct catalogue *cat, enum cat_table_id t,
			unsigned wheres, void *rec, void *info)
{
	catalogue_fields_strings(t, wheres, rec, info, drop_string, (void *)cat);
}

static void org_free(const struct catalogue *cat, struct cat_org *o)
{
	fields_drop(cat, CAT_TABLE_organisation, CAT_WHERES_ALL, o, NULL);
}

static void info_free(const struct catalogue *cat, struct cat_service_info *in)
{
	size_t i;
	fields_drop(cat, CAT_TABLE_service, 1u << CW_INFO, NULL, in);
	/* A lean service's details hold its description. */
	text_drop(cat, &in->description);
	for (i = 0; in->phones && i < in->n_phones; i++)
		fields_drop(cat, CAT_TABLE_service_phone, CAT_WHERES_ALL,
			    &in->phones[i], NULL);
	drop(cat, in->phones);
}

static void service_free(const struct catalogue *cat, struct cat_service *s)
{
	size_t i;
	fields_drop(cat, CAT_TABLE_service, CAT_WHERES_ALL & ~(1u << CW_INFO), s, NULL);
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
	fields_drop(cat, CAT_TABLE_language, CAT_WHERES_ALL, l, NULL);
}

static void resource_free(const struct catalogue *cat, struct cat_resource *r)
{
	size_t i;
	fields_drop(cat, CAT_TABLE_resource, CAT_WHERES_ALL, r, NULL);
	for (i = 0; r->languages && i < r->n_languages; i++) {
		drop(cat, r->languages[i].code);
		fields_drop(cat, CAT_TABLE_resource_language, CAT_WHERES_ALL,
			    &r->languages[i], NULL);
	}
	drop(cat, r->languages);
	hours_drop(cat, &r->hours);
}

void catalogue_free(struct catalogue **pcat)
{
	struct catalogue *cat;
	size_t i;
	if (!pcat || !*pcat)
		return;
	cat = *pcat;
	for (i = 0; i < cat->n_orgs; i++)
		org_free(cat, &cat->orgs[i]);
	/* Mapped records own nothing (their strings and arrays are the
	 * file's); the array is the file's too unless it was copied. */
	for (i = 0; !cat->index_map && i < cat->n_services; i++)
		service_free(cat, &cat->services[i]);
	if (cat->index_map && cat->services == cat->mapped_services)
		cat->services = NULL;
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
	free(cat->index_problem);
	if (cat->index_map)
		munmap(cat->index_map, cat->index_map_len);
	drop(cat, cat->path);
	drop(cat, cat->name);
	drop(cat, cat->published);
	drop(cat, cat->publish_id);
	catalogue_details_free(&cat->details);
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
	int k;
	/* "sv_FI.UTF-8" and "sv" alike: only the language part counts. */
	if (lang && lang[0] && lang[1] && (lang[2] == '\0' || lang[2] == '_' ||
					   lang[2] == '-' || lang[2] == '.'))
		for (k = 0; k < CAT__NLANG; k++)
			if (!strncmp(lang, catalogue_lang_code(k), 2))
				return (enum cat_lang)k;
	return CAT_FI;
}

bool catalogue_lang_code_ok(const char *code)
{
	size_t n = code ? strlen(code) : 0, i;
	if (n < 2 || n > 3)
		return false;
	for (i = 0; i < n; i++)
		if (code[i] < 'a' || code[i] > 'z')
			return false;
	return true;
}

static int present(const char *s)
{
	return s && s[0];
}

/* The catalogue's language of lang ("sv_FI" is sv), if it has one. */
static bool cat_lang_of(const char *lang, enum cat_lang *out)
{
	int k;
	if (!lang || !lang[0] || !lang[1] || (lang[2] != '\0' && lang[2] != '_'
					    && lang[2] != '-' && lang[2] != '.'))
		return false;
	for (k = 0; k < CAT__NLANG; k++)
		if (!strncmp(lang, catalogue_lang_code(k), 2)) {
			*out = (enum cat_lang)k;
			return true;
		}
	return false;
}

const char *catalogue_text(const struct cat_text *t, const char *lang)
{
	static const enum cat_lang any[] = { CAT_FI, CAT_EN, CAT_SV };
	const char *const *chain = i18n_text_fallback();
	enum cat_lang k;
	size_t i;
	if (!t)
		return "";
	if (cat_lang_of(lang, &k) && present(t->v[k]))
		return t->v[k];
	for (i = 0; chain[i]; i++)
		if (cat_lang_of(chain[i], &k) && present(t->v[k]))
			return t->v[k];
	for (i = 0; i < sizeof any / sizeof any[0]; i++)
		if (present(t->v[any[i]]))
			return t->v[any[i]];
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


/* ---- merging ------------------------------------------------------------- */

static int cmp_language(const void *a, const void *b)
{
	const struct cat_language *x = a, *y = b;
	return strcmp(x->code ? x->code : "", y->code ? y->code : "");
}

/* One kind of record, for merging it generically. */
struct kind_ops {
	enum cat_table_id table;
	size_t size, id_off;
	void *(*add)(struct catalogue *cat);	/* a zeroed record at the end */
	void (*free)(const struct catalogue *cat, void *rec);
	void **(*arr)(struct catalogue *cat, size_t **n);
};

static void *add_org(struct catalogue *c) { return catalogue_add_org(c); }
static void *add_language(struct catalogue *c) { return catalogue_add_language(c); }
static void *add_resource(struct catalogue *c) { return catalogue_add_resource(c); }
/* The record moved in brings its own info. */
static void *add_service(struct catalogue *c)
{
	struct cat_service *s = catalogue_add_service(c);
	free(s->info);
	s->info = NULL;
	return s;
}
static void free_org(const struct catalogue *c, void *r) { org_free(c, r); }
static void free_service(const struct catalogue *c, void *r) { service_free(c, r); }
static void free_language(const struct catalogue *c, void *r) { language_free(c, r); }
static void free_resource(const struct catalogue *c, void *r) { resource_free(c, r); }
static void **arr_orgs(struct catalogue *c, size_t **n) { *n = &c->n_orgs; return (void **)&c->orgs; }
static void **arr_services(struct catalogue *c, size_t **n) { *n = &c->n_services; return (void **)&c->services; }
static void **arr_languages(struct catalogue *c, size_t **n) { *n = &c->n_languages; return (void **)&c->languages; }
static void **arr_resources(struct catalogue *c, size_t **n) { *n = &c->n_resources; return (void **)&c->resources; }

static const struct kind_ops kinds[] = {
	{ CAT_TABLE_organisation, sizeof(struct cat_org),
	  offsetof(struct cat_org, id), add_org, free_org, arr_orgs },
	{ CAT_TABLE_service, sizeof(struct cat_service),
	  offsetof(struct cat_service, id), add_service, free_service, arr_services },
	{ CAT_TABLE_language, sizeof(struct cat_language),
	  offsetof(struct cat_language, code), add_language, free_language, arr_languages },
	{ CAT_TABLE_resource, sizeof(struct cat_resource),
	  offsetof(struct cat_resource, id), add_resource, free_resource, arr_resources },
};

static const char *rec_id(const struct kind_ops *k, const void *arr, size_t i)
{
	return *(char *const *)((const char *)arr + i * k->size + k->id_off);
}

/* Replace or append each of from's records of one kind, zeroing it in
 * from so that freeing from frees nothing of it. map (when given) gets
 * where from's record i went. Returns the replaced count. */
static size_t merge_kind(const struct kind_ops *k, struct catalogue *into,
			 struct catalogue *from, size_t *map,
			 void (*replaced)(void *ctx, enum cat_table_id t,
					  const char *id),
			 void *ctx)
{
	struct strmap m = { 0 };
	size_t *n_into, *n_from, i, n = 0;
	void **a_into = k->arr(into, &n_into), **a_from = k->arr(from, &n_from);

	for (i = 0; i < *n_into; i++)
		strmap_put(&m, rec_id(k, *a_into, i), i);
	for (i = 0; i < *n_from; i++) {
		char *src = (char *)*a_from + i * k->size, *dst;
		const char *id = rec_id(k, *a_from, i);
		size_t at;
		if (id && strmap_get(&m, id, &at)) {
			dst = (char *)*a_into + at * k->size;
			if (replaced)
				replaced(ctx, k->table, id);
			k->free(into, dst);
			n++;
		} else {
			at = *n_into;
			dst = k->add(into);
			strmap_put(&m, id, at);
		}
		memcpy(dst, src, k->size);
		memset(src, 0, k->size);
		if (map)
			map[i] = at;
	}
	strmap_clear(&m);
	return n;
}

size_t catalogue_merge(struct catalogue *into, struct catalogue **pfrom,
		       void (*replaced)(void *ctx, enum cat_table_id t,
					const char *id),
		       void *ctx)
{
	struct catalogue *from = *pfrom;
	size_t n = 0, i, k, *orgmap;

	orgmap = xcalloc(from->n_orgs ? from->n_orgs : 1, sizeof *orgmap);
	for (k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		n += merge_kind(&kinds[k], into, from,
				kinds[k].table == CAT_TABLE_organisation ? orgmap : NULL,
				replaced, ctx);
		if (kinds[k].table != CAT_TABLE_organisation)
			continue;
		/* Services point at organisations by index: into's now. */
		for (i = 0; i < from->n_services; i++)
			from->services[i].org = from->services[i].org < from->n_orgs
				? orgmap[from->services[i].org] : (size_t)-1;
	}
	free(orgmap);
	if (into->n_languages > 1)
		qsort(into->languages, into->n_languages,
		      sizeof *into->languages, cmp_language);
	/* The records moved keep their strings in from's arena: into has
	 * its blocks now. */
	if (!into->arena) {
		into->arena = from->arena;
		from->arena = NULL;
	} else {
		arena_adopt(into->arena, &from->arena);
	}
	if (from->name) {
		drop(into, into->name);
		into->name = from->name;
		from->name = NULL;
	}
	catalogue_free(pfrom);
	return n;
}

static bool any_text(const struct cat_text *t)
{
	int k;
	for (k = 0; k < CAT__NLANG; k++)
		if (t->v[k] && *t->v[k])
			return true;
	return false;
}

bool catalogue_country_finland(const char *cc)
{
	return !cc || !*cc || !strcasecmp(cc, "FI") || !strcasecmp(cc, "FIN") ||
	       !strcasecmp(cc, "Finland") || !strcasecmp(cc, "Suomi");
}

bool catalogue_info_has_address(const struct cat_service_info *in)
{
	return in->address || in->municipality || in->street_number ||
	       in->postal_code || in->municipality_code || in->country ||
	       any_text(&in->street) || any_text(&in->post_office) ||
	       any_text(&in->municipality_name);
}

/* ---- compaction ----------------------------------------------------------- */

#define COMPACT_SLOTS 4096

struct compact {
	struct catalogue *cat;
	const char **slots;	/* lossy: strings seen lately, by hash */
};

static void compact_string(void *ctx, char **s)
{
	struct compact *c = ctx;
	const char **slot;
	size_t n;
	if (!*s)
		return;
	n = strlen(*s);
	slot = &c->slots[hash32(*s, n) % COMPACT_SLOTS];
	if (!*slot || strcmp(*slot, *s))
		*slot = arena_strndup(c->cat->arena, *s, n);
	free(*s);
	*s = (char *)*slot;
}

void catalogue_compact_services(struct catalogue *cat, size_t from)
{
	struct compact c;
	size_t i, j;
	int k;
	if (from >= cat->n_services)
		return;
	if (!cat->arena)
		cat->arena = arena_new();
	c.cat = cat;
	c.slots = xcalloc(COMPACT_SLOTS, sizeof *c.slots);
	for (i = from; i < cat->n_services; i++) {
		struct cat_service *s = &cat->services[i];
		for (k = 0; k < CAT__NLANG; k++)
			compact_string(&c, &s->name.v[k]);
		catalogue_fields_strings(CAT_TABLE_service,
					 (1u << CW_WORDS) | (1u << CW_INFO), s,
					 s->info, compact_string, &c);
		for (j = 0; j < s->n_languages; j++)
			compact_string(&c, &s->languages[j]);
		for (j = 0; s->info && j < s->info->n_phones; j++)
			catalogue_fields_strings(CAT_TABLE_service_phone, CAT_WHERES_ALL,
						 &s->info->phones[j], NULL,
						 compact_string, &c);
	}
	free(c.slots);
}
