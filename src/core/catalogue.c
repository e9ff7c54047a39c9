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

#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/catalogue.h"
#include "core/catalogue_load.h"
#include "core/err.h"

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

