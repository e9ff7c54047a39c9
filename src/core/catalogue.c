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
 * catalogue_schema.c. */
#include <config.h>

#include <errno.h>
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

static char *col_str(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? xstrdup((const char *)t) : NULL;
}

static void col_text3(sqlite3_stmt *st, int i, struct cat_text *t)
{
	int k;
	for (k = 0; k < CAT__NLANG; k++)
		t->v[k] = col_str(st, i + k);
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

/* Sorted (id, index) pairs for resolving references while loading. */
struct idx {
	const char *id;
	size_t i;
};

static int idx_cmp(const void *a, const void *b)
{
	return strcmp(((const struct idx *)a)->id, ((const struct idx *)b)->id);
}

/* Index the records that have an id; *count gets how many. */
static struct idx *idx_build(const void *base, size_t n, size_t stride,
			     size_t id_offset, size_t *count)
{
	struct idx *x = xmalloc((n ? n : 1) * sizeof *x);
	size_t i, k = 0;
	for (i = 0; i < n; i++) {
		const char *id = *(char *const *)((const char *)base + i * stride + id_offset);
		if (!id)
			continue;
		x[k].id = id;
		x[k].i = i;
		k++;
	}
	qsort(x, k, sizeof *x, idx_cmp);
	*count = k;
	return x;
}

static long idx_find(const struct idx *x, size_t n, const char *id)
{
	struct idx key, *hit;
	if (!id || !n)
		return -1;
	key.id = id;
	key.i = 0;
	hit = bsearch(&key, x, n, sizeof *x, idx_cmp);
	return hit ? (long)hit->i : -1;
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

static void org_free(struct cat_org *o)
{
	free(o->id);
	cat_text_free(&o->name);
	free(o->web);
	free(o->municipality);
}

static void service_free(struct cat_service *s)
{
	size_t i;
	free(s->id);
	cat_text_free(&s->name);
	cat_text_free(&s->description);
	cat_text_free(&s->eligibility);
	free(s->keywords);
	for (i = 0; i < s->n_languages; i++)
		free(s->languages[i]);
	free(s->languages);
	for (i = 0; i < s->n_phones; i++) {
		free(s->phones[i].number);
		cat_text_free(&s->phones[i].label);
	}
	free(s->phones);
	free(s->email);
	free(s->web);
	free(s->address);
	free(s->municipality);
	hours_clear(&s->hours);
	free(s->verified);
}

static void language_free(struct cat_language *l)
{
	free(l->code);
	cat_text_free(&l->name);
	free(l->native);
}

static void resource_free(struct cat_resource *r)
{
	size_t i;
	free(r->id);
	cat_text_free(&r->name);
	for (i = 0; i < r->n_languages; i++) {
		free(r->languages[i].code);
		free(r->languages[i].dialects);
	}
	free(r->languages);
	free(r->unit);
	free(r->phone);
	free(r->email);
	free(r->web);
	hours_clear(&r->hours);
	cat_text_free(&r->note);
}

void catalogue_free(struct catalogue **pcat)
{
	struct catalogue *cat;
	size_t i;
	if (!pcat || !*pcat)
		return;
	cat = *pcat;
	for (i = 0; i < cat->n_orgs; i++)
		org_free(&cat->orgs[i]);
	for (i = 0; i < cat->n_services; i++)
		service_free(&cat->services[i]);
	for (i = 0; i < cat->n_languages; i++)
		language_free(&cat->languages[i]);
	for (i = 0; i < cat->n_resources; i++)
		resource_free(&cat->resources[i]);
	for (i = 0; i < cat->n_problems; i++)
		free(cat->problems[i]);
	free(cat->orgs);
	free(cat->services);
	free(cat->languages);
	free(cat->resources);
	free(cat->problems);
	free(cat->path);
	free(cat->name);
	free(cat->published);
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
	return grow((void **)&cat->services, &cat->n_services, sizeof *cat->services);
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

struct loader {
	sqlite3 *db;
	struct catalogue *cat;
	struct idx *orgs, *services, *resources;
	size_t n_orgs, n_services, n_resources;	/* entries in each index */
	int rc;			/* first SQLite failure */
	char *msg;		/* and its message */
};

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

static void load_meta(struct loader *L)
{
	sqlite3_stmt *st = prep(L, "SELECT key, value FROM meta");
	if (!st)
		return;
	while (step(L, st) > 0) {
		const char *key = (const char *)sqlite3_column_text(st, 0);
		if (!key)
			continue;
		if (!strcmp(key, "name")) {
			free(L->cat->name);
			L->cat->name = col_str(st, 1);
		} else if (!strcmp(key, "published")) {
			free(L->cat->published);
			L->cat->published = col_str(st, 1);
		}
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
	sqlite3_stmt *st = prep(L, "SELECT code, name_fi, name_sv, name_en, native "
				"FROM language ORDER BY code");
	if (!st)
		return;
	while (step(L, st) > 0) {
		struct cat_language *l = catalogue_add_language(L->cat);
		l->code = col_str(st, 0);
		col_text3(st, 1, &l->name);
		l->native = col_str(st, 4);
	}
	sqlite3_finalize(st);
	/* SQL's ORDER BY uses the column collation; make it bytewise. */
	qsort(L->cat->languages, L->cat->n_languages, sizeof *L->cat->languages, lang_cmp);
}

static void load_orgs(struct loader *L)
{
	struct catalogue *cat = L->cat;
	sqlite3_stmt *st = prep(L, "SELECT id, kind, name_fi, name_sv, name_en, web, "
				"municipality FROM organisation ORDER BY rowid");
	if (!st)
		return;
	while (step(L, st) > 0) {
		struct cat_org *o = catalogue_add_org(cat);
		const char *kind = (const char *)sqlite3_column_text(st, 1);
		int k = name_index(org_kinds, ORG__N, kind);
		o->id = col_str(st, 0);
		if (k < 0) {
			add_problem(cat, _("organisation '%s': unknown kind '%s' (city, public, ngo, other)"),
				    o->id ? o->id : "", kind ? kind : "");
			k = ORG_OTHER;
		}
		o->kind = (enum org_kind)k;
		col_text3(st, 2, &o->name);
		o->web = col_str(st, 5);
		o->municipality = col_str(st, 6);
	}
	sqlite3_finalize(st);
	L->orgs = idx_build(cat->orgs, cat->n_orgs, sizeof *cat->orgs,
			    offsetof(struct cat_org, id), &L->n_orgs);
}

static void load_services(struct loader *L)
{
	struct catalogue *cat = L->cat;
	sqlite3_stmt *st = prep(L,
		"SELECT id, organisation_id, name_fi, name_sv, name_en, "
		"description_fi, description_sv, description_en, "
		"eligibility_fi, eligibility_sv, eligibility_en, keywords, email, "
		"web, address, municipality, appointment, verified "
		"FROM service ORDER BY rowid");
	if (!st)
		return;
	while (step(L, st) > 0) {
		struct cat_service *s = catalogue_add_service(cat);
		const char *org = (const char *)sqlite3_column_text(st, 1);
		const char *appt = (const char *)sqlite3_column_text(st, 16);
		long oi = idx_find(L->orgs, L->n_orgs, org);
		int a = name_index(appt_names, 3, appt);
		s->id = col_str(st, 0);
		if (oi < 0) {
			add_problem(cat, _("service '%s': organisation '%s' does not exist"),
				    s->id ? s->id : "", org ? org : "");
			s->org = SIZE_MAX;
		} else
			s->org = (size_t)oi;
		col_text3(st, 2, &s->name);
		col_text3(st, 5, &s->description);
		col_text3(st, 8, &s->eligibility);
		s->keywords = col_str(st, 11);
		s->email = col_str(st, 12);
		s->web = col_str(st, 13);
		s->address = col_str(st, 14);
		s->municipality = col_str(st, 15);
		if (a < 0) {
			add_problem(cat, _("service '%s': appointment '%s' is not one of no, yes, sometimes"),
				    s->id ? s->id : "", appt ? appt : "");
			a = APPT_NO;
		}
		s->appointment = (enum appointment)a;
		s->verified = col_str(st, 17);
	}
	sqlite3_finalize(st);
	L->services = idx_build(cat->services, cat->n_services, sizeof *cat->services,
				offsetof(struct cat_service, id), &L->n_services);
}

/* The service a child row belongs to, or NULL (a problem is noted). */
static struct cat_service *row_service(struct loader *L, sqlite3_stmt *st,
				       const char *table)
{
	const char *id = (const char *)sqlite3_column_text(st, 0);
	long i = idx_find(L->services, L->n_services, id);
	if (i < 0) {
		add_problem(L->cat, _("%s: a row names service '%s', which does not exist"),
			    table, id ? id : "");
		return NULL;
	}
	return &L->cat->services[i];
}

static struct cat_resource *row_resource(struct loader *L, sqlite3_stmt *st,
					 const char *table)
{
	const char *id = (const char *)sqlite3_column_text(st, 0);
	long i = idx_find(L->resources, L->n_resources, id);
	if (i < 0) {
		add_problem(L->cat, _("%s: a row names resource '%s', which does not exist"),
			    table, id ? id : "");
		return NULL;
	}
	return &L->cat->resources[i];
}

static void load_service_children(struct loader *L)
{
	struct catalogue *cat = L->cat;
	struct cat_service *s;
	sqlite3_stmt *st;

	st = prep(L, "SELECT service_id, topic FROM service_topic ORDER BY rowid");
	while (st && step(L, st) > 0) {
		const char *code = (const char *)sqlite3_column_text(st, 1);
		int t;
		if (!(s = row_service(L, st, "service_topic")))
			continue;
		t = code ? codes_find(CODES_TOPIC, code) : -1;
		if (t < 0 || t >= TOPIC__N)
			add_problem(cat, _("service '%s': unknown topic '%s'"), s->id,
				    code ? code : "");
		else
			s->topics |= (topic_set)1 << t;
	}
	sqlite3_finalize(st);

	st = prep(L, "SELECT service_id, language FROM service_language ORDER BY rowid");
	while (st && step(L, st) > 0) {
		if (!(s = row_service(L, st, "service_language")))
			continue;
		s->languages = xrealloc(s->languages,
					(s->n_languages + 1) * sizeof *s->languages);
		s->languages[s->n_languages++] = col_str(st, 1);
	}
	sqlite3_finalize(st);

	st = prep(L, "SELECT service_id, number, label_fi, label_sv, label_en "
		  "FROM service_phone ORDER BY service_id, position");
	while (st && step(L, st) > 0) {
		struct cat_phone *p;
		if (!(s = row_service(L, st, "service_phone")))
			continue;
		p = grow((void **)&s->phones, &s->n_phones, sizeof *s->phones);
		p->number = col_str(st, 1);
		col_text3(st, 2, &p->label);
	}
	sqlite3_finalize(st);

	st = prep(L, "SELECT service_id, weekday, opens, closes FROM service_hours "
		  "ORDER BY rowid");
	while (st && step(L, st) > 0) {
		int day = sqlite3_column_int(st, 1);
		const char *o = (const char *)sqlite3_column_text(st, 2);
		const char *c = (const char *)sqlite3_column_text(st, 3);
		int open = db_time(o, 0), close = db_time(c, 1);
		if (!(s = row_service(L, st, "service_hours")))
			continue;
		if (open < 0 || close < 0 || day < 1 || day > 7 ||
		    hours_add_span(&s->hours, day - 1, open, close) != 0)
			add_problem(cat, _("service '%s': hours on weekday %d, '%s'-'%s', are not valid (HH:MM, opening before closing)"),
				    s->id, day, o ? o : "", c ? c : "");
	}
	sqlite3_finalize(st);

	st = prep(L, "SELECT service_id, date, opens, closes FROM service_exception "
		  "ORDER BY rowid");
	while (st && step(L, st) > 0) {
		const char *date = (const char *)sqlite3_column_text(st, 1);
		const char *o = (const char *)sqlite3_column_text(st, 2);
		const char *c = (const char *)sqlite3_column_text(st, 3);
		int rc;
		if (!(s = row_service(L, st, "service_exception")))
			continue;
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
	sqlite3_stmt *st = prep(L,
		"SELECT id, kind, name_fi, name_sv, name_en, unit, phone, email, web, "
		"modality, lead_minutes, note_fi, note_sv, note_en "
		"FROM resource ORDER BY rowid");
	while (st && step(L, st) > 0) {
		const char *kind = (const char *)sqlite3_column_text(st, 1);
		const char *mod = (const char *)sqlite3_column_text(st, 9);
		int k = name_index(res_kinds, RES__N, kind);
		r = catalogue_add_resource(cat);
		r->id = col_str(st, 0);
		if (k < 0) {
			add_problem(cat, _("resource '%s': unknown kind '%s' (colleague, interpreting)"),
				    r->id ? r->id : "", kind ? kind : "");
			k = RES_INTERPRETING;
		}
		r->kind = (enum res_kind)k;
		col_text3(st, 2, &r->name);
		r->unit = col_str(st, 5);
		r->phone = col_str(st, 6);
		r->email = col_str(st, 7);
		r->web = col_str(st, 8);
		if (parse_modality(mod, &r->modality) != 0)
			add_problem(cat, _("resource '%s': modality '%s' has an unknown word (in-person, phone, video, on-site)"),
				    r->id ? r->id : "", mod);
		r->lead_minutes = sqlite3_column_int(st, 10);
		col_text3(st, 11, &r->note);
	}
	sqlite3_finalize(st);
	L->resources = idx_build(cat->resources, cat->n_resources, sizeof *cat->resources,
				 offsetof(struct cat_resource, id), &L->n_resources);

	st = prep(L, "SELECT resource_id, language, dialects FROM resource_language "
		  "ORDER BY rowid");
	while (st && step(L, st) > 0) {
		struct cat_res_lang *l;
		if (!(r = row_resource(L, st, "resource_language")))
			continue;
		l = grow((void **)&r->languages, &r->n_languages, sizeof *r->languages);
		l->code = col_str(st, 1);
		l->dialects = col_str(st, 2);
	}
	sqlite3_finalize(st);

	st = prep(L, "SELECT resource_id, weekday, opens, closes FROM resource_hours "
		  "ORDER BY rowid");
	while (st && step(L, st) > 0) {
		int day = sqlite3_column_int(st, 1);
		const char *o = (const char *)sqlite3_column_text(st, 2);
		const char *c = (const char *)sqlite3_column_text(st, 3);
		int open = db_time(o, 0), close = db_time(c, 1);
		if (!(r = row_resource(L, st, "resource_hours")))
			continue;
		if (open < 0 || close < 0 || day < 1 || day > 7 ||
		    hours_add_span(&r->hours, day - 1, open, close) != 0)
			add_problem(cat, _("resource '%s': hours on weekday %d, '%s'-'%s', are not valid (HH:MM, opening before closing)"),
				    r->id, day, o ? o : "", c ? c : "");
	}
	sqlite3_finalize(st);
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

int catalogue_open(const char *path, struct catalogue **out, char **err)
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
	L.rc = SQLITE_OK;
	load_meta(&L);
	load_languages(&L);
	load_orgs(&L);
	load_services(&L);
	load_service_children(&L);
	load_resources(&L);
	load_topic_order(&L);
	free(L.orgs);
	free(L.services);
	free(L.resources);
	if (L.rc != SQLITE_OK) {
		read_error_msg(err, path, db, L.rc, L.msg);
		free(L.msg);
		sqlite3_close(db);
		catalogue_free(&L.cat);
		return -1;
	}
	sqlite3_close(db);

	L.cat->dev = st.st_dev;
	L.cat->ino = st.st_ino;
	L.cat->mtime = st.st_mtim;
	L.cat->size = st.st_size;
	*out = L.cat;
	return 0;
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
