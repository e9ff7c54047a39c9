/* test_hsds: importing the sample HSDS 1.x and 3.x packages, bad rows,
 * and export followed by import giving back the same catalogue. */
#include <config.h>

#include "util.h"

#include <sys/stat.h>

#include "core/catalogue.h"
#include "core/catalogue_import.h"
#include "core/codes.h"
#include "core/err.h"
#include "core/hours.h"
#include "core/hsds.h"
#include "core/service_details.h"

struct warns {
	char **msg;
	size_t n;
};

static void collect(void *ctx, const char *msg)
{
	struct warns *w = ctx;
	w->msg = realloc(w->msg, (w->n + 1) * sizeof *w->msg);
	assert_non_null(w->msg);
	w->msg[w->n++] = strdup(msg);
}

static void warns_free(struct warns *w)
{
	size_t i;
	for (i = 0; i < w->n; i++)
		free(w->msg[i]);
	free(w->msg);
	w->msg = NULL;
	w->n = 0;
}

/* True when some warning names FILE:LINE: (file as a path suffix) and
 * contains word. */
static bool warned(const struct warns *w, const char *file_line,
		   const char *word)
{
	size_t i;
	char *pat = xasprintf("/%s: ", file_line);
	bool found = false;
	for (i = 0; i < w->n; i++)
		if (strstr(w->msg[i], pat) && (!word || strstr(w->msg[i], word)))
			found = true;
	free(pat);
	return found;
}

static void dump_warns(const struct warns *w)
{
	size_t i;
	for (i = 0; i < w->n; i++)
		print_message("# warning: %s\n", w->msg[i]);
}

static char *data_dir(const char *name)
{
	const char *top = getenv("top_srcdir");
	return xasprintf("%s/tests/data/%s", top ? top : ".", name);
}

static const struct cat_service *svc(const struct catalogue *cat,
				     const char *id)
{
	long i = catalogue_service_index(cat, id);
	assert_true(i >= 0);
	return &cat->services[i];
}

static void assert_str_or_null(const char *a, const char *b)
{
	if (!a || !b) {
		if (a != b)
			print_message("# \"%s\" vs \"%s\"\n", a ? a : "(null)",
				      b ? b : "(null)");
		assert_true(a == b);
	} else {
		assert_string_equal(a, b);
	}
}

static void assert_span(const struct hours *h, size_t i, int day, int open,
			int close)
{
	assert_true(i < h->n_spans);
	assert_int_equal(h->spans[i].day, day);
	assert_int_equal(h->spans[i].open, open);
	assert_int_equal(h->spans[i].close, close);
}

static void assert_ex(const struct hours *h, size_t i, const char *date,
		      bool closed, int open, int close)
{
	assert_true(i < h->n_ex);
	assert_string_equal(h->ex[i].date, date);
	assert_int_equal(h->ex[i].closed, closed);
	if (!closed) {
		assert_int_equal(h->ex[i].open, open);
		assert_int_equal(h->ex[i].close, close);
	}
}

/* ---- equality of whole catalogues ---- */

static void text_eq(const struct cat_text *a, const struct cat_text *b)
{
	int i;
	for (i = 0; i < CAT__NLANG; i++)
		assert_str_or_null(a->v[i], b->v[i]);
}

static void hours_eq(const struct hours *a, const struct hours *b)
{
	size_t i;
	assert_int_equal(a->n_spans, b->n_spans);
	for (i = 0; i < a->n_spans; i++) {
		assert_int_equal(a->spans[i].day, b->spans[i].day);
		assert_int_equal(a->spans[i].open, b->spans[i].open);
		assert_int_equal(a->spans[i].close, b->spans[i].close);
	}
	assert_int_equal(a->n_ex, b->n_ex);
	for (i = 0; i < a->n_ex; i++) {
		assert_string_equal(a->ex[i].date, b->ex[i].date);
		assert_int_equal(a->ex[i].closed, b->ex[i].closed);
		assert_int_equal(a->ex[i].open, b->ex[i].open);
		assert_int_equal(a->ex[i].close, b->ex[i].close);
	}
}

static void catalogue_eq(const struct catalogue *a, const struct catalogue *b)
{
	size_t i, j;
	assert_int_equal(a->version, b->version);
	assert_str_or_null(a->name, b->name);
	assert_str_or_null(a->published, b->published);
	assert_memory_equal(a->topic_order, b->topic_order,
			    sizeof a->topic_order);

	assert_int_equal(a->n_orgs, b->n_orgs);
	for (i = 0; i < a->n_orgs; i++) {
		const struct cat_org *x = &a->orgs[i], *y = &b->orgs[i];
		assert_string_equal(x->id, y->id);
		assert_int_equal(x->kind, y->kind);
		text_eq(&x->name, &y->name);
		assert_str_or_null(x->web, y->web);
		assert_str_or_null(x->municipality, y->municipality);
	}

	assert_int_equal(a->n_services, b->n_services);
	for (i = 0; i < a->n_services; i++) {
		const struct cat_service *x = &a->services[i];
		const struct cat_service *y = &b->services[i];
		assert_string_equal(x->id, y->id);
		assert_int_equal(x->org, y->org);
		text_eq(&x->name, &y->name);
		text_eq(&x->description, &y->description);
		text_eq(&x->info->eligibility, &y->info->eligibility);
		assert_str_or_null(x->keywords, y->keywords);
		assert_int_equal(x->topics, y->topics);
		assert_int_equal(x->n_languages, y->n_languages);
		for (j = 0; j < x->n_languages; j++)
			assert_string_equal(x->languages[j], y->languages[j]);
		assert_int_equal(x->info->n_phones, y->info->n_phones);
		for (j = 0; j < x->info->n_phones; j++) {
			assert_string_equal(x->info->phones[j].number,
					    y->info->phones[j].number);
			text_eq(&x->info->phones[j].label, &y->info->phones[j].label);
		}
		assert_str_or_null(x->info->email, y->info->email);
		assert_str_or_null(x->info->web, y->info->web);
		assert_str_or_null(x->info->address, y->info->address);
		assert_str_or_null(x->info->municipality, y->info->municipality);
		assert_int_equal(x->info->appointment, y->info->appointment);
		hours_eq(&x->hours, &y->hours);
		assert_str_or_null(x->info->verified, y->info->verified);
	}

	assert_int_equal(a->n_languages, b->n_languages);
	for (i = 0; i < a->n_languages; i++) {
		const struct cat_language *x = &a->languages[i];
		const struct cat_language *y = &b->languages[i];
		assert_string_equal(x->code, y->code);
		text_eq(&x->name, &y->name);
		assert_str_or_null(x->native, y->native);
	}

	assert_int_equal(a->n_resources, b->n_resources);
	for (i = 0; i < a->n_resources; i++) {
		const struct cat_resource *x = &a->resources[i];
		const struct cat_resource *y = &b->resources[i];
		assert_string_equal(x->id, y->id);
		assert_int_equal(x->kind, y->kind);
		text_eq(&x->name, &y->name);
		assert_int_equal(x->n_languages, y->n_languages);
		for (j = 0; j < x->n_languages; j++) {
			assert_string_equal(x->languages[j].code,
					    y->languages[j].code);
			assert_str_or_null(x->languages[j].dialects,
					   y->languages[j].dialects);
		}
		assert_str_or_null(x->unit, y->unit);
		assert_str_or_null(x->phone, y->phone);
		assert_str_or_null(x->email, y->email);
		assert_str_or_null(x->web, y->web);
		assert_int_equal(x->modality, y->modality);
		assert_int_equal(x->lead_minutes, y->lead_minutes);
		hours_eq(&x->hours, &y->hours);
		text_eq(&x->note, &y->note);
	}
}

/* ---- the sample packages ---- */

static void test_import_hsds1(void **state)
{
	struct warns w = { 0 };
	struct catalogue *cat = NULL;
	const struct cat_service *s;
	char *dir = data_dir("hsds1"), *err = NULL;
	(void)state;

	assert_int_equal(hsds_import(dir, &cat, collect, &w, &err), 0);
	assert_null(err);
	assert_non_null(cat);
	dump_warns(&w);

	/* Organisations: x_kind read where given, else other; the city of
	 * an organisation's location as its municipality. */
	assert_int_equal(cat->n_orgs, 3);
	assert_string_equal(cat->orgs[0].id, "org-city");
	assert_int_equal(cat->orgs[0].kind, ORG_CITY);
	assert_string_equal(cat->orgs[0].name.v[CAT_FI], "Esimerkkikaupunki");
	assert_null(cat->orgs[0].name.v[CAT_SV]);
	assert_string_equal(cat->orgs[0].web, "https://city.example/");
	assert_string_equal(cat->orgs[0].municipality, "Helsinki");
	assert_int_equal(cat->orgs[1].kind, ORG_PUBLIC);
	assert_null(cat->orgs[1].municipality);
	assert_int_equal(cat->orgs[2].kind, ORG_OTHER);

	/* Services in file order; the inactive, nameless and orphan ones
	 * are gone. */
	assert_int_equal(cat->n_services, 4);
	assert_string_equal(cat->services[0].id, "svc-info");
	assert_string_equal(cat->services[1].id, "svc-housing");
	assert_string_equal(cat->services[2].id, "svc-benefits");
	assert_string_equal(cat->services[3].id, "svc-club");
	assert_true(catalogue_service_index(cat, "svc-old") < 0);

	s = svc(cat, "svc-info");
	assert_int_equal(s->org, 0);
	assert_string_equal(s->name.v[CAT_FI], "Neuvontapiste");
	assert_string_equal(s->description.v[CAT_FI],
			    "Yleisneuvontaa kaupungin palveluista, monella kielellä.");
	assert_string_equal(s->info->email, "info@city.example");
	assert_string_equal(s->info->web, "https://city.example/info");
	assert_int_equal(s->info->n_phones, 2);
	assert_string_equal(s->info->phones[0].number, "+358 9 000 0001");
	assert_string_equal(s->info->phones[0].label.v[CAT_FI], "Neuvonta");
	assert_string_equal(s->info->phones[1].number, "+358 9 000 0002 (12)");
	assert_null(s->info->phones[1].label.v[CAT_FI]);
	assert_int_equal(s->n_languages, 4);
	assert_string_equal(s->languages[0], "fi");
	assert_string_equal(s->languages[3], "so");
	/* Weekday 1 is Monday. */
	assert_int_equal(s->hours.n_spans, 5);
	assert_span(&s->hours, 0, 0, 9 * 60, 16 * 60);
	assert_span(&s->hours, 3, 3, 9 * 60, 18 * 60);
	assert_span(&s->hours, 4, 4, 9 * 60, 15 * 60);
	/* A closed holiday range is one closed day each. */
	assert_int_equal(s->hours.n_ex, 4);
	assert_ex(&s->hours, 0, "2026-12-24", true, 0, 0);
	assert_ex(&s->hours, 2, "2026-12-26", true, 0, 0);
	assert_ex(&s->hours, 3, "2026-12-31", false, 600, 840);
	assert_string_equal(s->info->address, "Esimerkkikatu 1, 00100 Helsinki");
	assert_string_equal(s->info->municipality, "Helsinki");
	assert_int_equal(s->info->appointment, APPT_NO);
	assert_null(s->info->verified);

	s = svc(cat, "svc-housing");
	assert_int_equal(s->hours.n_spans, 1);
	assert_span(&s->hours, 0, 1, 8 * 60 + 15, 11 * 60 + 30);
	assert_null(s->info->address);

	s = svc(cat, "svc-benefits");
	assert_string_equal(s->description.v[CAT_FI],
			    "Neuvontaa \"perustoimeentulotuesta\" ja muista etuuksista.");
	assert_int_equal(s->n_languages, 2);
	assert_string_equal(s->languages[0], "fi");
	assert_string_equal(s->languages[1], "sv");
	assert_string_equal(s->info->phones[0].label.v[CAT_FI], "Etuudet ruotsiksi");

	s = svc(cat, "svc-club");
	assert_string_equal(s->description.v[CAT_FI], "Kerho\nkahdella rivillä");
	assert_string_equal(s->info->eligibility.v[CAT_FI],
			    "Ages 15-29; Residents of the sample city");
	assert_string_equal(s->info->address, "Mallitie 5, 2. krs, 00930 Helsinki");
	/* The Saturday row names the service at its location. */
	assert_int_equal(s->hours.n_spans, 1);
	assert_span(&s->hours, 0, 5, 600, 840);
	assert_int_equal(s->info->n_phones, 0);
	assert_int_equal(s->n_languages, 1);

	/* Languages met in the rows, sorted, named by their codes. */
	assert_int_equal(cat->n_languages, 5);
	assert_string_equal(cat->languages[0].code, "ar");
	assert_string_equal(cat->languages[4].code, "sv");
	assert_string_equal(catalogue_text(&cat->languages[3].name, "en"), "so");

	/* Each broken row: one warning naming its file and line. */
	assert_true(warned(&w, "services.csv:6", "no name"));
	assert_true(warned(&w, "services.csv:7", "org-missing"));
	assert_true(warned(&w, "phones.csv:6", "svc-nope"));
	assert_true(warned(&w, "phones.csv:8", "number"));
	assert_true(warned(&w, "languages.csv:9", NULL));
	assert_true(warned(&w, "regular_schedules.csv:8", NULL));
	assert_true(warned(&w, "holiday_schedules.csv:4", "2026-13-01"));
	assert_true(warned(&w, "service_at_location.csv:4", "loc-nowhere"));
	assert_int_equal(w.n, 8);

	warns_free(&w);
	catalogue_free(&cat);
	free(dir);
}

static void test_import_hsds3(void **state)
{
	struct warns w = { 0 };
	struct catalogue *cat = NULL;
	const struct cat_service *s;
	const struct cat_resource *r;
	char *dir = data_dir("hsds3"), *err = NULL;
	(void)state;

	assert_int_equal(hsds_import(dir, &cat, collect, &w, &err), 0);
	assert_null(err);
	dump_warns(&w);

	assert_string_equal(cat->name, "Sample catalogue");
	assert_string_equal(cat->published, "2026-03-01T10:00:00+02:00");

	assert_int_equal(cat->n_orgs, 2);
	assert_string_equal(cat->orgs[0].name.v[CAT_SV], "Exempelstaden");
	assert_string_equal(cat->orgs[0].municipality, "Helsinki");
	/* name_fi wins over the plain name, and an empty name_sv is no
	 * name; an x_municipality column, even empty, is not guessed at. */
	assert_string_equal(cat->orgs[1].name.v[CAT_FI], "Esimerkkiyhdistys");
	assert_null(cat->orgs[1].name.v[CAT_SV]);
	assert_string_equal(cat->orgs[1].name.v[CAT_EN], "Sample Association");
	assert_null(cat->orgs[1].municipality);
	assert_int_equal(cat->orgs[1].kind, ORG_NGO);

	/* s4 (unknown organisation) and s5 (broken quoting) are skipped;
	 * a temporarily closed service stays. */
	assert_int_equal(cat->n_services, 3);

	s = svc(cat, "s1");
	assert_string_equal(s->name.v[CAT_FI], "Palveluneuvonta");
	assert_string_equal(s->name.v[CAT_SV], "Servicerådgivning");
	assert_string_equal(s->name.v[CAT_EN], "Service advice");
	assert_string_equal(s->description.v[CAT_SV], "Rådgivning, handledning");
	assert_string_equal(s->keywords, "neuvonta rådgivning advice");
	assert_int_equal(s->topics, (1u << TOPIC_HOUSING) |
			 (1u << TOPIC_MOVING) | (1u << TOPIC_DIGITAL));
	assert_int_equal(s->info->appointment, APPT_NO);
	assert_string_equal(s->info->verified, "2026-02-01");
	assert_int_equal(s->info->n_phones, 2);
	assert_string_equal(s->info->phones[0].label.v[CAT_SV], "Rådgivning");
	assert_string_equal(s->info->phones[0].label.v[CAT_EN], "Advice");
	assert_null(s->info->phones[1].label.v[CAT_FI]);
	assert_null(s->info->phones[1].label.v[CAT_EN]);
	assert_int_equal(s->n_languages, 4);
	assert_string_equal(s->languages[3], "so");
	/* byday MO,TU,WE,TH is four spans; a dated row without times is a
	 * closed day, with times an open one. */
	assert_int_equal(s->hours.n_spans, 5);
	assert_span(&s->hours, 0, 0, 495, 960);
	assert_span(&s->hours, 3, 3, 495, 960);
	assert_span(&s->hours, 4, 4, 495, 840);
	assert_int_equal(s->hours.n_ex, 2);
	assert_ex(&s->hours, 0, "2026-06-19", true, 0, 0);
	assert_ex(&s->hours, 1, "2026-12-31", false, 600, 780);
	assert_string_equal(s->info->address, "Esimerkkikatu 1, 00100 Helsinki");

	s = svc(cat, "s2");
	assert_null(s->name.v[CAT_SV]);
	assert_string_equal(s->name.v[CAT_EN], "Employment services");
	assert_int_equal(s->info->appointment, APPT_YES);
	assert_null(s->info->verified);
	assert_string_equal(s->info->phones[0].label.v[CAT_EN],
			    "Employment in English");
	assert_null(s->info->phones[0].label.v[CAT_FI]);
	/* A language given by name only, and an unknown code. */
	assert_int_equal(s->n_languages, 2);
	assert_string_equal(s->languages[0], "uk");
	assert_string_equal(s->languages[1], "ti");
	/* Monthly and fortnightly rules are not weekly hours. */
	assert_int_equal(s->hours.n_spans, 0);
	assert_null(s->info->address);

	s = svc(cat, "s3");
	assert_string_equal(s->info->eligibility.v[CAT_FI], "7–12-vuotiaat");
	assert_null(s->info->eligibility.v[CAT_SV]);
	assert_string_equal(s->info->eligibility.v[CAT_EN], "Ages 7-12");
	assert_int_equal(s->topics, (1u << TOPIC_FAMILIES) |
			 (1u << TOPIC_LEISURE));
	assert_int_equal(s->info->appointment, APPT_SOMETIMES);
	assert_int_equal(s->hours.n_spans, 2);
	assert_span(&s->hours, 1, 3, 17 * 60, 19 * 60 + 30);
	/* The physical address wins over the postal one. */
	assert_string_equal(s->info->address, "Mallitie 5, 02100 Espoo");
	assert_string_equal(s->info->municipality, "Espoo");

	/* x_languages plus what rows brought (ti, ku), sorted. */
	assert_int_equal(cat->n_languages, 8);
	assert_string_equal(cat->languages[0].code, "ar");
	assert_string_equal(cat->languages[0].native, "العربية");
	assert_string_equal(cat->languages[3].code, "ku");
	assert_string_equal(cat->languages[6].code, "ti");
	assert_string_equal(cat->languages[6].name.v[CAT_EN], "Tigrinya");
	assert_string_equal(cat->languages[6].name.v[CAT_FI], "Tigrinya");
	assert_string_equal(cat->languages[3].name.v[CAT_FI], "ku");
	assert_string_equal(cat->languages[3].name.v[CAT_EN], "ku");
	assert_string_equal(cat->languages[7].name.v[CAT_SV], "ukrainska");

	assert_int_equal(cat->n_resources, 2);
	r = &cat->resources[0];
	assert_string_equal(r->id, "r1");
	assert_int_equal(r->kind, RES_COLLEAGUE);
	assert_string_equal(r->name.v[CAT_EN], "Advisor (Somali)");
	assert_int_equal(r->modality, MOD_INPERSON | MOD_PHONE);
	assert_int_equal(r->n_languages, 1);
	assert_int_equal(r->hours.n_spans, 2);
	assert_span(&r->hours, 1, 2, 9 * 60, 12 * 60);
	r = &cat->resources[1];
	assert_int_equal(r->kind, RES_INTERPRETING);
	assert_int_equal(r->modality, MOD_PHONE | MOD_VIDEO);
	assert_int_equal(r->lead_minutes, 60);
	assert_string_equal(r->note.v[CAT_EN], "Book ahead");
	assert_null(r->note.v[CAT_SV]);
	assert_int_equal(r->n_languages, 2);
	assert_string_equal(r->languages[1].code, "ku");
	assert_string_equal(r->languages[1].dialects, "Sorani, Kurmanji");
	assert_int_equal(r->hours.n_spans, 5);

	assert_true(warned(&w, "service.csv:4", "knitting"));
	assert_true(warned(&w, "service.csv:5", "o3"));
	assert_true(warned(&w, "service.csv:6", "quote"));
	assert_true(warned(&w, "language.csv:8", NULL));
	assert_true(warned(&w, "schedule.csv:6", "MONTHLY"));
	assert_true(warned(&w, "schedule.csv:8", "interval"));
	assert_true(warned(&w, "x_resources.csv:4", "r3"));
	assert_true(warned(&w, "x_resource_languages.csv:5", "r9"));
	assert_int_equal(w.n, 8);

	warns_free(&w);
	catalogue_free(&cat);
	free(dir);
}

static void test_required_files(void **state)
{
	struct catalogue *cat = NULL;
	char *dir = util_tmpdir(), *err = NULL, *p;
	(void)state;

	p = util_write(dir, "services.csv", "id,organization_id,name\n");
	free(p);
	assert_int_not_equal(hsds_import(dir, &cat, NULL, NULL, &err), 0);
	assert_null(cat);
	assert_non_null(strstr(err, "organization"));
	free(err);
	err = NULL;

	p = util_write(dir, "organizations.csv", "id,name\n");
	free(p);
	p = xasprintf("%s/services.csv", dir);
	assert_int_equal(unlink(p), 0);
	free(p);
	assert_int_not_equal(hsds_import(dir, &cat, NULL, NULL, &err), 0);
	assert_non_null(strstr(err, "service.csv"));
	free(err);
	err = NULL;

	/* Not a folder at all. */
	p = xasprintf("%s/organizations.csv", dir);
	assert_int_not_equal(hsds_import(p, &cat, NULL, NULL, &err), 0);
	assert_non_null(strstr(err, "folder"));
	free(err);
	free(p);
	util_rmtree(&dir);
}

static void test_bad_rows_and_unknown_columns(void **state)
{
	struct warns w = { 0 };
	struct catalogue *cat = NULL;
	char *dir = util_tmpdir(), *err = NULL, *p;
	(void)state;

	/* Columns in another order, unknown ones, mixed case. */
	p = util_write(dir, "organizations.csv",
		       "Colour,NAME,Id\n"
		       "blue,Sample org,o1\n"
		       "red,\"Broken,o2\n"); /* never closed: to the end */
	free(p);
	p = util_write(dir, "services.csv",
		       "id,whatever,organization_id,name,status\n"
		       "a,1,o1,First,active\n"		/* 2 */
		       "b,2,o1,Sec\"ond,active\n"	/* 3: stray quote */
		       "c,3,o1,Third,active,extra\n"	/* 4: too many */
		       ",4,o1,No id,active\n"		/* 5 */
		       "a,5,o1,Again,active\n"		/* 6: id twice */
		       "d,6,o1,\"Multi\nline\",\n"	/* 7-8 */
		       "e,7,o1,\xc3\x28,active\n"	/* 9: bad UTF-8 */
		       "f,8,o1,Last,ACTIVE\n");		/* 10 */
	free(p);
	assert_int_equal(hsds_import(dir, &cat, collect, &w, &err), 0);
	dump_warns(&w);
	assert_int_equal(cat->n_orgs, 1);
	assert_string_equal(cat->orgs[0].id, "o1");
	assert_string_equal(cat->orgs[0].name.v[CAT_FI], "Sample org");
	assert_int_equal(cat->n_services, 3);
	assert_string_equal(cat->services[0].name.v[CAT_FI], "First");
	assert_string_equal(cat->services[1].name.v[CAT_FI], "Multi\nline");
	assert_string_equal(cat->services[2].id, "f");
	assert_true(warned(&w, "organizations.csv:3", NULL));
	assert_true(warned(&w, "services.csv:3", "quote"));
	assert_true(warned(&w, "services.csv:4", "header"));
	assert_true(warned(&w, "services.csv:5", "id"));
	assert_true(warned(&w, "services.csv:6", "twice"));
	assert_true(warned(&w, "services.csv:9", "UTF-8"));
	assert_int_equal(w.n, 6);
	warns_free(&w);
	catalogue_free(&cat);
	util_rmtree(&dir);
}

/* ---- export and back ---- */

static void set_text(struct cat_text *t, const char *fi, const char *sv,
		     const char *en)
{
	t->v[CAT_FI] = xstrdup(fi);
	t->v[CAT_SV] = xstrdup(sv);
	t->v[CAT_EN] = xstrdup(en);
}

static void add_lang(struct catalogue *cat, const char *code, const char *fi,
		     const char *sv, const char *en, const char *native)
{
	struct cat_language *l = catalogue_add_language(cat);
	l->code = xstrdup(code);
	set_text(&l->name, fi, sv, en);
	l->native = xstrdup(native);
}

static void add_phone(struct cat_service *s, const char *number,
		      const char *fi, const char *sv, const char *en)
{
	s->info->phones = xrealloc(s->info->phones, (s->info->n_phones + 1) * sizeof *s->info->phones);
	memset(&s->info->phones[s->info->n_phones], 0, sizeof *s->info->phones);
	s->info->phones[s->info->n_phones].number = xstrdup(number);
	set_text(&s->info->phones[s->info->n_phones].label, fi, sv, en);
	s->info->n_phones++;
}

static void add_svc_lang(struct cat_service *s, const char *code)
{
	s->languages = xrealloc(s->languages,
				(s->n_languages + 1) * sizeof *s->languages);
	s->languages[s->n_languages++] = xstrdup(code);
}

static struct catalogue *rich_catalogue(void)
{
	struct catalogue *cat = catalogue_new();
	struct cat_org *o;
	struct cat_service *s;
	struct cat_resource *r;
	int i;

	cat->name = xstrdup("Sample, \"round trip\"");
	cat->published = xstrdup("2026-04-01T08:00:00+03:00");
	/* A topic order other than the default. */
	for (i = 0; i < TOPIC__N; i++)
		cat->topic_order[i] = TOPIC__N - 1 - i;

	add_lang(cat, "ar", "arabia", "arabiska", "Arabic", "العربية");
	add_lang(cat, "en", "englanti", "engelska", "English", NULL);
	add_lang(cat, "fi", "suomi", "finska", "Finnish", "suomi");
	add_lang(cat, "ku", "kurdi", NULL, "Kurdish", NULL);
	add_lang(cat, "so", "somali", "somaliska", "Somali", "Soomaali");
	add_lang(cat, "sv", "ruotsi", "svenska", "Swedish", "svenska");
	add_lang(cat, "zh", NULL, NULL, "Chinese", "中文");

	o = catalogue_add_org(cat);
	o->id = xstrdup("city");
	o->kind = ORG_CITY;
	set_text(&o->name, "Esimerkkikaupunki", "Exempelstaden", "Sample City");
	o->web = xstrdup("https://city.example/");
	o->municipality = xstrdup("Helsinki");
	o = catalogue_add_org(cat);
	o->id = xstrdup("ngo");
	o->kind = ORG_NGO;
	set_text(&o->name, NULL, NULL, "Only English, Ltd.");
	o = catalogue_add_org(cat);
	o->id = xstrdup("pub");
	o->kind = ORG_PUBLIC;
	set_text(&o->name, "Virasto", NULL, NULL);
	o->municipality = xstrdup("Vantaa");
	o = catalogue_add_org(cat);
	o->id = xstrdup("other");
	o->kind = ORG_OTHER;
	set_text(&o->name, "Muu", "Annan", "Other");

	s = catalogue_add_service(cat);
	s->id = xstrdup("svc-1");
	s->org = 0;
	set_text(&s->name, "Neuvonta", "Rådgivning", "Advice");
	set_text(&s->description, "Rivi yksi\nrivi \"kaksi\", pilkulla",
		 "Rad ett\r\nrad två", "Line one, two");
	set_text(&s->info->eligibility, "Kaikki", NULL, "Everyone; adults, too");
	s->keywords = xstrdup("neuvonta rådgivning advice");
	s->topics = (1u << TOPIC_HOUSING) | (1u << TOPIC_OTHER);
	add_svc_lang(s, "fi");
	add_svc_lang(s, "sv");
	add_svc_lang(s, "en");
	add_svc_lang(s, "so");
	add_phone(s, "+358 9 000 0301", "Neuvonta", "Rådgivning", "Advice");
	add_phone(s, "+358 9 000 0302", NULL, NULL, NULL);
	add_phone(s, "+358 9 000 0303", NULL, "Bara svenska", NULL);
	s->info->email = xstrdup("advice@city.example");
	s->info->web = xstrdup("https://city.example/advice?a=1,b=2");
	s->info->address = xstrdup("Esimerkkikatu 1, 00100 Helsinki");
	s->info->municipality = xstrdup("Helsinki");
	s->info->appointment = APPT_SOMETIMES;
	hours_add_span(&s->hours, 0, 8 * 60 + 15, 12 * 60);
	hours_add_span(&s->hours, 0, 13 * 60, 16 * 60);
	hours_add_span(&s->hours, 1, 8 * 60 + 15, 12 * 60);
	hours_add_span(&s->hours, 2, 8 * 60 + 15, 12 * 60);
	hours_add_span(&s->hours, 3, 10 * 60, 19 * 60);
	hours_add_span(&s->hours, 6, 0, 1440);
	hours_add_exception(&s->hours, "2026-12-24", true, 0, 0);
	hours_add_exception(&s->hours, "2026-12-31", false, 10 * 60, 14 * 60);
	hours_add_exception(&s->hours, "2027-01-01", false, 0, 1440);
	s->info->verified = xstrdup("2026-03-15");

	s = catalogue_add_service(cat);
	s->id = xstrdup("svc-2");
	s->org = 1;
	set_text(&s->name, NULL, NULL, "English only");
	s->topics = 0;
	s->info->appointment = APPT_YES;
	s->info->municipality = xstrdup("Espoo");	/* no street address */

	s = catalogue_add_service(cat);
	s->id = xstrdup("svc-3");
	s->org = 2;
	set_text(&s->name, "Etuudet", "Förmåner", NULL);
	set_text(&s->description, NULL, "Endast svenska", NULL);
	s->topics = (1u << TOPIC__N) - 1;
	add_svc_lang(s, "ar");
	add_svc_lang(s, "zh");
	s->info->address = xstrdup("Mallitie 5 B 12");	/* no municipality */
	s->info->appointment = APPT_NO;
	hours_add_exception(&s->hours, "2026-05-01", true, 0, 0);

	s = catalogue_add_service(cat);
	s->id = xstrdup("svc-4");
	s->org = 3;
	set_text(&s->name, " Spaces around ", NULL, NULL);

	r = catalogue_add_resource(cat);
	r->id = xstrdup("res-1");
	r->kind = RES_COLLEAGUE;
	set_text(&r->name, "Neuvoja 2", "Rådgivare 2", "Desk 2 advisor");
	r->languages = xcalloc(2, sizeof *r->languages);
	r->languages[0].code = xstrdup("so");
	r->languages[1].code = xstrdup("ar");
	r->languages[1].dialects = xstrdup("Levantine, Gulf");
	r->n_languages = 2;
	r->unit = xstrdup("Neuvontapiste");
	r->phone = xstrdup("+358 9 000 0399");
	r->modality = MOD_INPERSON | MOD_PHONE;
	hours_add_span(&r->hours, 0, 9 * 60, 12 * 60);
	hours_add_span(&r->hours, 2, 9 * 60, 12 * 60);
	hours_add_span(&r->hours, 2, 13 * 60, 15 * 60);
	hours_add_exception(&r->hours, "2026-12-24", true, 0, 0);
	set_text(&r->note, "Vain aamuisin", NULL, "Mornings only");

	r = catalogue_add_resource(cat);
	r->id = xstrdup("res-2");
	r->kind = RES_INTERPRETING;
	set_text(&r->name, "Puhelintulkkaus", "Telefontolkning",
		 "Phone interpreting");
	r->languages = xcalloc(1, sizeof *r->languages);
	r->languages[0].code = xstrdup("ku");
	r->languages[0].dialects = xstrdup("Sorani, Kurmanji");
	r->n_languages = 1;
	r->email = xstrdup("booking@interp.example");
	r->web = xstrdup("https://interp.example/");
	r->modality = MOD_PHONE | MOD_VIDEO | MOD_ONSITE;
	r->lead_minutes = 1440;

	r = catalogue_add_resource(cat);
	r->id = xstrdup("res-3");
	r->kind = RES_INTERPRETING;
	set_text(&r->name, NULL, NULL, "Bare");
	return cat;
}

static void test_round_trip(void **state)
{
	struct warns w = { 0 };
	struct catalogue *cat = rich_catalogue(), *back = NULL, *again = NULL;
	char *dir = util_tmpdir(), *out = xasprintf("%s/export", dir);
	char *err = NULL, *p;
	struct stat st;
	(void)state;

	assert_int_equal(hsds_export(cat, out, &err), 0);
	assert_null(err);
	assert_int_equal(stat(out, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0755);
	p = xasprintf("%s/service.csv", out);
	assert_int_equal(stat(p, &st), 0);
	free(p);
	p = xasprintf("%s/schedule.csv", out);
	assert_int_equal(stat(p, &st), 0);
	free(p);

	assert_int_equal(hsds_import(out, &back, collect, &w, &err), 0);
	dump_warns(&w);
	assert_int_equal(w.n, 0);
	catalogue_eq(cat, back);

	/* Exporting over an old export replaces it and leaves no
	 * temporary files behind. */
	assert_int_equal(hsds_export(back, out, &err), 0);
	assert_int_equal(hsds_import(out, &again, collect, &w, &err), 0);
	assert_int_equal(w.n, 0);
	catalogue_eq(cat, again);
	p = xasprintf("ls -a '%s' | grep -q tmp", out);
	assert_int_not_equal(system(p), 0);
	free(p);

	catalogue_free(&again);
	catalogue_free(&back);
	catalogue_free(&cat);
	free(out);
	util_rmtree(&dir);
}

static void test_export_into_a_file_fails(void **state)
{
	struct catalogue *cat = rich_catalogue();
	char *dir = util_tmpdir(), *err = NULL;
	char *file = util_write(dir, "plain", "x\n");
	char *sub = xasprintf("%s/sub", file);
	(void)state;
	assert_int_not_equal(hsds_export(cat, file, &err), 0);
	assert_non_null(strstr(err, file));
	free(err);
	err = NULL;
	assert_int_not_equal(hsds_export(cat, sub, &err), 0);
	assert_non_null(err);
	free(err);
	free(sub);
	free(file);
	catalogue_free(&cat);
	util_rmtree(&dir);
}

/* Open Referral's own sample habits: languages by English name, phones
 * tied to a service at a location (in a file read before it in the
 * alphabet), to a location or to an organisation, inactive services
 * counted. */
static void test_sample_package_habits(void **state)
{
	char *dir = util_tmpdir(), *err = NULL, *f, *data;
	struct catalogue *cat = NULL;
	struct import_log log;
	const struct cat_service *s;
	const char *top = getenv("top_srcdir");
	(void)state;

	data = xasprintf("%s/data", top ? top : ".");
	setenv("NEUVOO_DATADIR", data, 1);
	free(data);
	f = util_write(dir, "organizations.csv", "id,name\no1,Kunta\no2,Yhdistys\n");
	free(f);
	f = util_write(dir, "services.csv",
		       "id,organization_id,name,status\n"
		       "s1,o1,Oma puhelin,active\n"
		       "s2,o1,Toimipisteen puhelin,active\n"
		       "s3,o1,Sijainnin puhelin,active\n"
		       "s4,o2,Organisaation puhelin,active\n"
		       "s5,o1,Lakkautettu,inactive\n"
		       "s6,o1,Myos lakkautettu,defunct\n");
	free(f);
	f = util_write(dir, "locations.csv", "id,organization_id,name\nloc1,o1,A\nloc2,o1,B\n");
	free(f);
	f = util_write(dir, "service_at_location.csv",
		       "id,service_id,location_id\nsal2,s2,loc2\nsal3,s3,loc1\n");
	free(f);
	f = util_write(dir, "phones.csv",
		       "id,service_id,service_at_location_id,location_id,organization_id,number\n"
		       "p1,s1,,,,09 111\n"
		       "p2,,sal2,,,09 222\n"
		       "p3,,,loc1,,09 333\n"
		       "p4,,,,o2,09 444\n"
		       "p5,,,,o1,09 555\n");
	free(f);
	f = util_write(dir, "languages.csv",
		       "id,service_id,language\nl1,s1,English\nl2,s1,Spanish\nl3,s2,fi\nl4,s4,Klingon\n");
	free(f);
	/* 1.x taxonomy: names mapped to topics, one term with no topic. */
	f = util_write(dir, "taxonomy.csv",
		       "id,name,parent_id,vocabulary\n"
		       "t1,Housing,,sample\nt2,Mental Health,,sample\nt3,Knitting,,sample\n");
	free(f);
	f = util_write(dir, "services_taxonomy.csv",
		       "id,service_id,taxonomy_id,taxonomy_detail\n"
		       "x1,s1,t1,\nx2,s1,t2,\nx3,s2,t3,\nx4,s5,t1,\n");
	free(f);

	import_log_init(&log);
	assert_int_equal(hsds_import_log(dir, &cat, &log, &err), 0);
	/* Only the language nobody can map is a problem. */
	assert_int_equal(log.n_problems, 1);
	assert_non_null(strstr(log.problems[0], "languages.csv:5: "));
	assert_int_equal(log.n_notes, 2);
	assert_non_null(strstr(log.notes[0], "2 inactive services not imported"));
	assert_non_null(strstr(log.notes[1], "1 taxonomy term gives no topic"));

	s = svc(cat, "s1");
	assert_int_equal(s->n_languages, 2);
	assert_true(catalogue_service_speaks(s, "en"));
	assert_true(catalogue_service_speaks(s, "es"));
	assert_int_equal(s->info->n_phones, 1);
	assert_string_equal(s->info->phones[0].number, "09 111");
	assert_int_equal(s->topics, ((topic_set)1 << codes_find(CODES_TOPIC, "housing")) |
				    ((topic_set)1 << codes_find(CODES_TOPIC, "health")));
	s = svc(cat, "s2");
	assert_int_equal(s->topics, 0);
	assert_true(catalogue_service_speaks(s, "fi"));
	assert_int_equal(s->info->n_phones, 1);
	assert_string_equal(s->info->phones[0].number, "09 222");
	/* No phone of its own: its location's, not its organisation's. */
	s = svc(cat, "s3");
	assert_int_equal(s->info->n_phones, 1);
	assert_string_equal(s->info->phones[0].number, "09 333");
	s = svc(cat, "s4");
	assert_int_equal(s->info->n_phones, 1);
	assert_string_equal(s->info->phones[0].number, "09 444");
	assert_int_equal(cat->n_services, 4);

	import_log_clear(&log);
	catalogue_free(&cat);
	unsetenv("NEUVOO_DATADIR");
	util_rmtree(&dir);
}

/* 3.x taxonomy: terms by code or name, attributes linked to services. */
static void test_taxonomy_terms_3(void **state)
{
	char *dir = util_tmpdir(), *err = NULL, *f, *data;
	struct catalogue *cat = NULL;
	struct import_log log;
	const char *top = getenv("top_srcdir");
	(void)state;

	data = xasprintf("%s/data", top ? top : ".");
	setenv("NEUVOO_DATADIR", data, 1);
	free(data);
	f = util_write(dir, "organization.csv", "id,name\no1,Kunta\n");
	free(f);
	f = util_write(dir, "service.csv",
		       "id,organization_id,name,last_modified,assured_date\n"
		       "s1,o1,Palvelu,2025-10-01T08:30:00Z,\n"
		       "s2,o1,Tarkistettu,2025-10-01T08:30:00Z,2026-02-03\n");
	free(f);
	f = util_write(dir, "location.csv", "id,name\nl1,Haaparanda\n");
	free(f);
	f = util_write(dir, "service_at_location.csv", "id,service_id,location_id\nsl1,s1,l1\n");
	free(f);
	f = util_write(dir, "address.csv",
		       "id,location_id,address_1,city,postal_code,country,address_type\n"
		       "ad1,l1,Storgatan 1,Haparanda,95331,SE,physical\n");
	free(f);
	f = util_write(dir, "taxonomy_term.csv",
		       "id,code,name,taxonomy\nk1,employment,Jobs,x\nk2,,Child Care,x\n"
		       "k3,,Accessibility,x\n");
	free(f);
	/* A phone's own languages, kept in its label. */
	f = util_write(dir, "phone.csv", "id,service_id,number\nph1,s1,09 100\nph2,s1,09 200\n");
	free(f);
	f = util_write(dir, "language.csv",
		       "id,service_id,phone_id,name,code\n"
		       "g1,s1,,Finnish,fi\ng2,,ph1,English,en\ng3,,ph1,Spanish,\n");
	free(f);
	f = util_write(dir, "attribute.csv",
		       "id,link_id,taxonomy_term_id,link_type,link_entity,value\n"
		       "a1,s1,k1,,service,\na2,s1,k2,,service,\na3,l1,k3,,location,wheelchair\n"
		       "a4,s1,k9,,service,\n"
		       "a5,ph1,k1,,phone,\n"
		       "a6,x1,k1,,frobnicator,\n");
	free(f);
	import_log_init(&log);
	assert_int_equal(hsds_import_log(dir, &cat, &log, &err), 0);
	assert_int_equal(log.n_problems, 2);
	assert_non_null(strstr(log.problems[0], "attribute.csv:5: unknown taxonomy_term_id"));
	assert_non_null(strstr(log.problems[1], "attribute.csv:7: attribute of an unknown link_type \"frobnicator\""));
	{
		/* A phone's attribute has no place: counted, not a problem. */
		size_t k;
		bool noted = false;
		for (k = 0; k < log.n_notes; k++)
			if (strstr(log.notes[k], "1 attribute of organisations, phones"))
				noted = true;
		assert_true(noted);
	}
	{
		const struct cat_service *s1 = svc(cat, "s1");
		assert_int_equal(s1->n_languages, 1);
		assert_string_equal(s1->languages[0], "fi");
		assert_int_equal(s1->info->n_phones, 2);
		assert_string_equal(s1->info->phones[0].label.v[CAT_EN], "English, Spanish");
		assert_null(s1->info->phones[1].label.v[CAT_EN]);
		/* The register's modification date stands in for a check. */
		assert_string_equal(s1->info->verified, "2025-10-01");
		assert_string_equal(svc(cat, "s2")->info->verified, "2026-02-03");
		/* The terms and the location's attribute with its value: a
		 * line of the details and search keywords. */
		assert_string_equal(s1->info->attributes,
				    "Jobs; Child Care; Accessibility: wheelchair");
		assert_non_null(strstr(s1->keywords, "wheelchair"));
		assert_non_null(strstr(s1->keywords, "Child Care"));
		/* The country as given, not Finland. */
		assert_string_equal(s1->info->address, "Storgatan 1, 95331 Haparanda, SE");
		/* And in its parts, the country kept as the file gives it. */
		assert_string_equal(s1->info->street.v[CAT_FI], "Storgatan 1");
		assert_string_equal(s1->info->postal_code, "95331");
		assert_string_equal(s1->info->post_office.v[CAT_FI], "Haparanda");
		assert_string_equal(s1->info->country, "SE");
		{
			char *a = service_details_address(s1->info, "en");
			assert_string_equal(a, "Storgatan 1, 95331 Haparanda, SE");
			free(a);
		}
	}
	assert_int_equal(svc(cat, "s1")->topics,
			 ((topic_set)1 << codes_find(CODES_TOPIC, "employment")) |
			 ((topic_set)1 << codes_find(CODES_TOPIC, "daycare")));
	import_log_clear(&log);
	catalogue_free(&cat);
	unsetenv("NEUVOO_DATADIR");
	util_rmtree(&dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_import_hsds1),
		cmocka_unit_test(test_import_hsds3),
		cmocka_unit_test(test_required_files),
		cmocka_unit_test(test_bad_rows_and_unknown_columns),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_export_into_a_file_fails),
		cmocka_unit_test(test_sample_package_habits),
		cmocka_unit_test(test_taxonomy_terms_3),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
