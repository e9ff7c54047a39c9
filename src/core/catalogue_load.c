/* catalogue_load: see catalogue.h (catalogue_open). The loader: every
 * table of the file into memory, in one pass each.
 *
 * The record tables' columns come from the field table
 * (catalogue_fields.h): the SELECTs are made from it and
 * catalogue_loader_row() stores each column in its member, so only
 * what a table does beyond that (ids that refer, codes with their
 * messages, child rows) is written here. Rows that cannot be used (a bad
 * time, an unknown topic) are skipped and remembered in cat->problems for
 * `catalogue check`; a desk keeps working with the rest.
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
 * back to the system at the end. */
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

#include <sqlite3.h>

#include "core/arena.h"
#include "core/catalogue.h"
#include "core/catalogue_load.h"
#include "core/codes.h"
#include "core/err.h"
#include "core/hash.h"
#include "core/i18n.h"
#include "core/search_index.h"

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
		catalogue_loader_problem(L->cat, _("%s: a row names service '%s', which does not exist"),
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
		catalogue_loader_problem(L->cat, _("%s: a row names resource '%s', which does not exist"),
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
		h->spans = catalogue_loader_joined(L, h->spans, h->n_spans, r->v, r->n, r->size,
				  alignof(struct hours_span));
	else
		h->spans = catalogue_loader_shared_array(L, r->v, r->n, r->size,
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
		s->languages = catalogue_loader_joined(L, s->languages, s->n_languages, r->v, r->n,
				      r->size, alignof(char *));
	else
		s->languages = catalogue_loader_shared_array(L, r->v, r->n, r->size, alignof(char *));
	s->n_languages += r->n;
}

static void store_phones(struct loader *L, struct run *r)
{
	struct cat_service_info *in = L->cat->services[r->owner].info;
	in->phones = catalogue_loader_joined(L, in->phones, in->n_phones, r->v, r->n, r->size,
			    alignof(struct cat_phone));
	in->n_phones += r->n;
}

static void store_resource_languages(struct loader *L, struct run *r)
{
	struct cat_resource *res = &L->cat->resources[r->owner];
	res->languages = catalogue_loader_joined(L, res->languages, res->n_languages, r->v, r->n,
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
	sqlite3_stmt *st = catalogue_loader_prep(L, "SELECT (SELECT count(*) FROM organisation), "
				"(SELECT count(*) FROM language), "
				"(SELECT count(*) FROM resource)");
	struct catalogue *cat = L->cat;
	if (!st)
		return;
	if (catalogue_loader_step(L, st) > 0) {
		L->cap_orgs = (size_t)sqlite3_column_int64(st, 0);
		L->cap_languages = (size_t)sqlite3_column_int64(st, 1);
		L->cap_resources = (size_t)sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	if (L->cap_orgs)
		cat->orgs = xcalloc(L->cap_orgs, sizeof *cat->orgs);
	if (L->cap_languages)
		cat->languages = xcalloc(L->cap_languages, sizeof *cat->languages);
	if (L->cap_resources)
		cat->resources = xcalloc(L->cap_resources, sizeof *cat->resources);
}

static void load_meta(struct loader *L)
{
	sqlite3_stmt *st = catalogue_loader_prep(L, CAT_SELECT(meta, CAT_T_META));
	if (!st)
		return;
	while (catalogue_loader_step(L, st) > 0) {
		const char *key = (const char *)sqlite3_column_text(st, 0);
		if (!key)
			continue;
		if (!strcmp(key, "name"))
			L->cat->name = catalogue_loader_str(L, st, 1);
		else if (!strcmp(key, "published"))
			L->cat->published = catalogue_loader_str(L, st, 1);
		else if (!strcmp(key, "publish-id"))
			L->cat->publish_id = catalogue_loader_str(L, st, 1);
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
	sqlite3_stmt *st = catalogue_loader_prep(L, CAT_SELECT(language, CAT_T_LANGUAGE) " ORDER BY code");
	struct cat_plan plan;
	catalogue_loader_plan(&plan, CAT_TABLE_language, CAT_WHERES_ALL);
	if (!st)
		return;
	while (catalogue_loader_step(L, st) > 0) {
		struct cat_language *l = catalogue_loader_next((void **)&cat->languages,
						     &cat->n_languages,
						     &L->cap_languages, sizeof *l);
		catalogue_loader_row(L, st, &plan, l, NULL);
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
	return l ? l->code : catalogue_loader_shared(L, st, i);
}

static void load_orgs(struct loader *L)
{
	struct catalogue *cat = L->cat;
	struct id_view v;
	int c_kind = catalogue_field_column(CAT_TABLE_organisation, "kind");
	struct cat_plan plan;
	sqlite3_stmt *st = catalogue_loader_prep(L, CAT_SELECT(organisation, CAT_T_ORGANISATION)
				" ORDER BY rowid");
	if (!st)
		return;
	catalogue_loader_plan(&plan, CAT_TABLE_organisation, CAT_WHERES_ALL);
	while (catalogue_loader_step(L, st) > 0) {
		struct cat_org *o = catalogue_loader_next((void **)&cat->orgs, &cat->n_orgs,
						&L->cap_orgs, sizeof *o);
		int k = catalogue_loader_code(st, c_kind, CODES_ORG_KIND);
		catalogue_loader_row(L, st, &plan, o, NULL);
		if (k < 0) {
			const char *kind = (const char *)sqlite3_column_text(st, c_kind);
			catalogue_loader_problem(cat, _("organisation '%s': unknown kind '%s' (city, public, ngo, other)"),
				    o->id ? o->id : "", kind ? kind : "");
			k = ORG_OTHER;
		}
		o->kind = (enum org_kind)k;
	}
	sqlite3_finalize(st);
	cat->orgs = catalogue_loader_fit(cat->orgs, cat->n_orgs, L->cap_orgs, sizeof *cat->orgs);
	v = org_view(cat);
	L->org_ids = ids_sort(&v, cat->n_orgs, &L->n_org_ids);
}

/* The services' count (a walk over an index of the table: milliseconds
 * at 100,000 services, which a mapped catalogue does without). */
static void count_services(struct loader *L)
{
	sqlite3_stmt *st = catalogue_loader_prep(L, "SELECT count(*) FROM service");
	if (!st)
		return;
	if (catalogue_loader_step(L, st) > 0)
		L->cap_services = (size_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (L->cap_services)
		L->cat->services = xcalloc(L->cap_services, sizeof *L->cat->services);
}

static void load_services(struct loader *L)
{
	struct catalogue *cat = L->cat;
	struct id_view ov = org_view(cat), sv;
	struct cat_service_info *infos = NULL;
	size_t n_infos = 0;
	int c_org = catalogue_field_column(CAT_TABLE_service, "organisation_id");
	int c_appt = catalogue_field_column(CAT_TABLE_service, "appointment");
	struct cat_plan plan;
	/* A lean catalogue reads only what lists, ranks and searches need
	 * (the same columns, NULL for the others). */
	sqlite3_stmt *st = catalogue_loader_prep(L, L->lean
		? "SELECT " CAT_LEAN_COLUMNS(CAT_T_SERVICE) " FROM service ORDER BY rowid"
		: L->cat->version < 2
		? CAT_SELECT_V1(service, CAT_T_SERVICE) " ORDER BY rowid"
		: CAT_SELECT(service, CAT_T_SERVICE) " ORDER BY rowid");
	if (!st)
		return;
	catalogue_loader_plan(&plan, CAT_TABLE_service,
			      L->lean ? 1u << CW_REC : CAT_WHERES_ALL);
	if (!L->lean && L->cap_services) {
		n_infos = L->cap_services;
		infos = arena_alloc(L->arena, n_infos * sizeof *infos,
				    alignof(struct cat_service_info));
		memset(infos, 0, n_infos * sizeof *infos);
	}
	while (catalogue_loader_step(L, st) > 0) {
		struct cat_service *s = catalogue_loader_next((void **)&cat->services,
						    &cat->n_services,
						    &L->cap_services, sizeof *s);
		const char *org = (const char *)sqlite3_column_text(st, c_org);
		long oi = ids_find(&ov, L->org_ids, L->n_org_ids, org);
		if (!L->lean)
			/* The count said how many rows; a row more (the file
			 * cannot change under an immutable open) gets an info
			 * of its own. */
			s->info = cat->n_services <= n_infos
				? &infos[cat->n_services - 1]
				: xcalloc(1, sizeof *s->info);
		/* Lean: descriptions come as words (catalogue_load_words). */
		catalogue_loader_row(L, st, &plan, s, s->info);
		if (oi < 0) {
			catalogue_loader_problem(cat, _("service '%s': organisation '%s' does not exist"),
				    s->id ? s->id : "", org ? org : "");
			s->org = SIZE_MAX;
		} else
			s->org = (size_t)oi;
		if (!L->lean)
			s->info->appointment = catalogue_loader_appointment(L, st, c_appt, s->id);
	}
	sqlite3_finalize(st);
	cat->services = catalogue_loader_fit(cat->services, cat->n_services, L->cap_services,
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
	st = catalogue_loader_prep(L, resources
		  ? CAT_SELECT(resource_hours, CAT_T_RESOURCE_HOURS) " ORDER BY rowid"
		  : CAT_SELECT(service_hours, CAT_T_SERVICE_HOURS) " ORDER BY rowid");
	while (st && catalogue_loader_step(L, st) > 0) {
		int day = sqlite3_column_int(st, 1);
		const char *o = (const char *)sqlite3_column_text(st, 2);
		const char *c = (const char *)sqlite3_column_text(st, 3);
		int open = catalogue_loader_time(o, 0), close = catalogue_loader_time(c, 1);
		struct hours_span *sp;
		i = resources ? row_resource(L, st, "resource_hours")
			      : row_service(L, st, "service_hours");
		if (i < 0)
			continue;
		if (open < 0 || close < 0 || !hours_span_ok(day - 1, open, close)) {
			if (resources)
				catalogue_loader_problem(cat, _("resource '%s': hours on weekday %d, '%s'-'%s', are not valid (HH:MM, opening before closing)"),
					    cat->resources[i].id, day, o ? o : "", c ? c : "");
			else
				catalogue_loader_problem(cat, _("service '%s': hours on weekday %d, '%s'-'%s', are not valid (HH:MM, opening before closing)"),
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
	struct cat_plan plan;
	long i;

	st = catalogue_loader_prep(L, CAT_SELECT(service_topic, CAT_T_SERVICE_TOPIC) " ORDER BY rowid");
	while (st && catalogue_loader_step(L, st) > 0) {
		const char *code = (const char *)sqlite3_column_text(st, 1);
		int t;
		if ((i = row_service(L, st, "service_topic")) < 0)
			continue;
		t = code ? codes_find(CODES_TOPIC, code) : -1;
		if (t < 0 || t >= TOPIC__N)
			catalogue_loader_problem(cat, _("service '%s': unknown topic '%s'"),
				    cat->services[i].id, code ? code : "");
		else
			cat->services[i].topics |= (topic_set)1 << t;
	}
	sqlite3_finalize(st);

	run_init(&run, sizeof(char *), store_service_languages);
	st = catalogue_loader_prep(L, CAT_SELECT(service_language, CAT_T_SERVICE_LANGUAGE)
		  " ORDER BY rowid");
	while (st && catalogue_loader_step(L, st) > 0) {
		if ((i = row_service(L, st, "service_language")) < 0)
			continue;
		*(char **)run_next(L, &run, i) = language_code(L, st, 1);
	}
	sqlite3_finalize(st);
	run_end(L, &run);

	/* The primary key's order: a service's phones come together. A lean
	 * catalogue fetches them with the rest of the details. */
	run_init(&run, sizeof(struct cat_phone), store_phones);
	catalogue_loader_plan(&plan, CAT_TABLE_service_phone, CAT_WHERES_ALL);
	st = L->lean ? NULL
		: catalogue_loader_prep(L, CAT_SELECT(service_phone, CAT_T_SERVICE_PHONE)
		       " ORDER BY service_id, position");
	while (st && catalogue_loader_step(L, st) > 0) {
		struct cat_phone *p;
		if ((i = row_service(L, st, "service_phone")) < 0)
			continue;
		p = run_next(L, &run, i);
		catalogue_loader_row(L, st, &plan, p, NULL);
	}
	sqlite3_finalize(st);
	run_end(L, &run);

	load_hours(L, false);

	/* Exceptions are few: plain allocations (catalogue_free frees what is
	 * not in the arena). */
	st = catalogue_loader_prep(L, CAT_SELECT(service_exception, CAT_T_SERVICE_EXCEPTION)
		  " ORDER BY rowid");
	while (st && catalogue_loader_step(L, st) > 0) {
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
		else if (!o || !c || catalogue_loader_time(o, 0) < 0 || catalogue_loader_time(c, 1) < 0)
			rc = -1;
		else
			rc = hours_add_exception(&s->hours, date, false, catalogue_loader_time(o, 0),
						 catalogue_loader_time(c, 1));
		if (rc != 0)
			catalogue_loader_problem(cat, _("service '%s': exception on '%s' is not valid (a YYYY-MM-DD date, and HH:MM times or none for closed)"),
				    s->id, date ? date : "");
	}
	sqlite3_finalize(st);
}

static void load_resources(struct loader *L)
{
	struct catalogue *cat = L->cat;
	struct cat_resource *r;
	struct id_view v;
	struct run run;
	long i;
	int c_kind = catalogue_field_column(CAT_TABLE_resource, "kind");
	int c_mod = catalogue_field_column(CAT_TABLE_resource, "modality");
	sqlite3_stmt *st = catalogue_loader_prep(L, CAT_SELECT(resource, CAT_T_RESOURCE) " ORDER BY rowid");
	struct cat_plan plan;
	catalogue_loader_plan(&plan, CAT_TABLE_resource, CAT_WHERES_ALL);
	while (st && catalogue_loader_step(L, st) > 0) {
		const char *mod = (const char *)sqlite3_column_text(st, c_mod);
		int k = catalogue_loader_code(st, c_kind, CODES_RES_KIND);
		r = catalogue_loader_next((void **)&cat->resources, &cat->n_resources,
				&L->cap_resources, sizeof *r);
		catalogue_loader_row(L, st, &plan, r, NULL);
		if (k < 0) {
			const char *kind = (const char *)sqlite3_column_text(st, c_kind);
			catalogue_loader_problem(cat, _("resource '%s': unknown kind '%s' (colleague, interpreting)"),
				    r->id ? r->id : "", kind ? kind : "");
			k = RES_INTERPRETING;
		}
		r->kind = (enum res_kind)k;
		if (codes_parse_bits(CODES_MODALITY, mod, ",", &r->modality) != 0)
			catalogue_loader_problem(cat, _("resource '%s': modality '%s' has an unknown word (in-person, phone, video, on-site)"),
				    r->id ? r->id : "", mod);
	}
	sqlite3_finalize(st);
	cat->resources = catalogue_loader_fit(cat->resources, cat->n_resources, L->cap_resources,
			     sizeof *cat->resources);
	v = res_view(cat);
	L->res_ids = ids_sort(&v, cat->n_resources, &L->n_res_ids);

	run_init(&run, sizeof(struct cat_res_lang), store_resource_languages);
	catalogue_loader_plan(&plan, CAT_TABLE_resource_language, CAT_WHERES_ALL);
	st = catalogue_loader_prep(L, CAT_SELECT(resource_language, CAT_T_RESOURCE_LANGUAGE)
		  " ORDER BY rowid");
	while (st && catalogue_loader_step(L, st) > 0) {
		struct cat_res_lang *l;
		if ((i = row_resource(L, st, "resource_language")) < 0)
			continue;
		l = run_next(L, &run, i);
		l->code = language_code(L, st, 1);
		catalogue_loader_row(L, st, &plan, l, NULL);
	}
	sqlite3_finalize(st);
	run_end(L, &run);

	load_hours(L, true);
}

static void load_topic_order(struct loader *L)
{
	struct catalogue *cat = L->cat;
	int seen[TOPIC__N] = { 0 }, n = 0, t;
	sqlite3_stmt *st = catalogue_loader_prep(L, CAT_SELECT(topic_order, CAT_T_TOPIC_ORDER)
				" ORDER BY position, topic");
	while (st && catalogue_loader_step(L, st) > 0) {
		const char *code = (const char *)sqlite3_column_text(st, 0);
		t = code ? codes_find(CODES_TOPIC, code) : -1;
		if (t < 0 || t >= TOPIC__N) {
			catalogue_loader_problem(cat, _("topic_order: unknown topic '%s'"), code ? code : "");
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

/* A lean catalogue's services from its published index file, mapped
 * (core/catalogue_map): true when they are there. A refused file is
 * remembered for the search to say; the services then come from SQLite. */
static bool map_services(struct loader *L)
{
	struct catalogue *cat = L->cat;
	char *err = NULL;
	int rc;
	if (L->rc != SQLITE_OK)
		return false;
	rc = search_index_map_records(cat, &err);
	if (rc < 0)
		cat->index_problem = err;
	if (rc <= 0)
		return false;
	cat->services = cat->mapped_services;
	return true;
}

static int open_file(const char *path, bool lean, struct catalogue **out,
		     char **err)
{
	struct stat st;
	struct loader L;
	sqlite3 *db = NULL;
	int rc, version = 0;

	*out = NULL;
	if (!path || !*path) {
		err_set(err, _("no catalogue file given; set one with --catalogue FILE"));
		return -1;
	}
	if (catalogue_file_precheck(path, &st, err) != 0)
		return -1;
	rc = catalogue_file_open(path, &db);
	/* A page cache of 64 KiB while loading: every table is read once from
	 * start to end, so a small cache reads as fast as the default 2 MiB,
	 * whose pages would count in the session's peak memory. */
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "PRAGMA cache_size = -64", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		catalogue_file_error(err, path, db, rc, NULL);
		sqlite3_close(db);
		return -1;
	}
	if (catalogue_file_version(db, path, &version, err) != 0) {
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
	L.cat->dev = st.st_dev;
	L.cat->ino = st.st_ino;
	L.cat->mtime = st.st_mtim;
	L.cat->size = st.st_size;
	count_rows(&L);
	load_meta(&L);
	load_languages(&L);
	load_orgs(&L);
	if (!lean || !map_services(&L)) {
		count_services(&L);
		load_services(&L);
		load_service_children(&L);
	}
	load_resources(&L);
	load_topic_order(&L);
	free(L.org_ids);
	free(L.svc_ids);
	free(L.res_ids);
	free(L.strs);
	free(L.arrs);
	if (L.rc != SQLITE_OK) {
		catalogue_file_error(err, path, db, L.rc, L.msg);
		free(L.msg);
		sqlite3_close(db);
		catalogue_free(&L.cat);
		return -1;
	}
	if (!lean)
		sqlite3_close(db);
	else if (catalogue_lean_keep(L.cat, db, err) != 0) {
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

