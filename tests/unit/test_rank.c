/* test_rank: the order the desk shows services, languages and interpreting
 * resources in, at a fixed moment (Monday 2 March 2026, 10:00). */
#include <config.h>

#include "util.h"

#include "core/catalogue.h"
#include "core/err.h"
#include "core/hours.h"
#include "core/rank.h"

#define BIT(t) ((topic_set)1 << (t))

/* Monday 2026-03-02 10:00 local time. */
static struct tm monday_10(void)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = 2026 - 1900;
	tm.tm_mon = 2;
	tm.tm_mday = 2;
	tm.tm_hour = 10;
	tm.tm_wday = 1;
	tm.tm_isdst = -1;
	return tm;
}

static void set_hours(struct hours *h, const char *text)
{
	char *err = NULL;
	if (hours_parse(h, text, &err) != 0)
		fail_msg("hours '%s': %s", text, err ? err : "?");
}

static char **langs(const char *a, const char *b, size_t *n)
{
	char **v = xcalloc(2, sizeof *v);
	*n = 0;
	if (a)
		v[(*n)++] = xstrdup(a);
	if (b)
		v[(*n)++] = xstrdup(b);
	return v;
}

static struct cat_service *add_service(struct catalogue *cat, const char *id,
				       const char *name, topic_set topics,
				       const char *l1, const char *l2,
				       const char *hours)
{
	struct cat_service *s = catalogue_add_service(cat);
	s->id = xstrdup(id);
	s->name.v[CAT_FI] = xstrdup(name);
	s->topics = topics;
	s->languages = langs(l1, l2, &s->n_languages);
	if (hours)
		set_hours(&s->hours, hours);
	return s;
}

/* Services: a mix of topics, languages and hours. Names sort a < b < ... */
static struct catalogue *service_cat(void)
{
	struct catalogue *cat = catalogue_new();
	struct cat_org *o = catalogue_add_org(cat);
	o->id = xstrdup("org");
	o->name.v[CAT_FI] = xstrdup("Kaupunki");
	/* closed now, speaks so */
	add_service(cat, "a", "Asumisneuvonta", BIT(TOPIC_HOUSING), "fi", "so",
		    "mo-fr 12-16");
	/* open now, fi only */
	add_service(cat, "b", "Bussikortit", BIT(TOPIC_TRANSPORT), "fi", NULL,
		    "mo-fr 8-16");
	/* unknown hours, speaks so */
	add_service(cat, "c", "Chat-neuvonta", BIT(TOPIC_DIGITAL), "so", NULL,
		    NULL);
	/* open now, speaks so, two topics */
	add_service(cat, "d", "Digituki", BIT(TOPIC_DIGITAL) | BIT(TOPIC_HOUSING),
		    "so", "en", "mo 9-11");
	/* closed today (an exception), fi */
	add_service(cat, "e", "Etsivä asuntotyö", BIT(TOPIC_HOUSING), "fi", NULL,
		    "mo-fr 8-16; 2026-03-02 closed");
	/* unknown hours, fi */
	add_service(cat, "f", "Asuntopalvelut", BIT(TOPIC_HOUSING), "fi", NULL,
		    NULL);
	return cat;
}

static void assert_ids(const struct catalogue *cat,
		       const struct rank_service *r, size_t n,
		       const char *const *want, size_t nwant)
{
	size_t i;
	assert_int_equal(n, nwant);
	for (i = 0; i < n; i++)
		assert_string_equal(cat->services[r[i].index].id, want[i]);
}

static void test_services_order_language_then_open(void **state)
{
	struct catalogue *cat = service_cat();
	struct search *s = search_new(cat, "fi");
	struct tm now = monday_10();
	struct rank_service *r = NULL;
	size_t n;
	/* speaks so: open d, unknown c, closed a; then the rest: open b,
	 * unknown f, closed e. */
	const char *want[] = { "d", "c", "a", "b", "f", "e" };
	/* No language: only open now, then name (Asum.. < Asunt.. < ...). */
	const char *want_any[] = { "b", "d", "f", "c", "a", "e" };
	(void)state;

	n = rank_services(cat, s, "", 0, "so", &now, &r);
	assert_ids(cat, r, n, want, 6);
	assert_true(r[0].speaks);
	assert_int_equal(r[0].open, HOURS_OPEN);
	assert_int_equal(r[1].open, HOURS_UNKNOWN);
	assert_int_equal(r[2].open, HOURS_CLOSED);
	assert_false(r[3].speaks);
	assert_int_equal(r[5].open, HOURS_CLOSED);
	free(r);

	n = rank_services(cat, s, NULL, 0, NULL, &now, &r);
	assert_ids(cat, r, n, want_any, 6);
	free(r);

	search_free(&s);
	catalogue_free(&cat);
}

static void test_services_topics(void **state)
{
	struct catalogue *cat = service_cat();
	struct search *s = search_new(cat, "fi");
	struct tm now = monday_10();
	struct rank_service *r = NULL;
	size_t n;
	const char *housing[] = { "d", "a", "f", "e" };
	const char *either[] = { "d", "c", "b" };
	(void)state;

	n = rank_services(cat, s, "", BIT(TOPIC_HOUSING), "so", &now, &r);
	assert_ids(cat, r, n, housing, 4);
	free(r);
	/* Several ticked topics: a service with any of them. */
	n = rank_services(cat, s, "", BIT(TOPIC_TRANSPORT) | BIT(TOPIC_DIGITAL),
			  "fi", &now, &r);
	/* fi: b (open); then not fi: d (open), c (unknown). */
	assert_int_equal(n, 3);
	assert_string_equal(cat->services[r[0].index].id, "b");
	free(r);
	n = rank_services(cat, s, "", BIT(TOPIC_TRANSPORT) | BIT(TOPIC_DIGITAL),
			  "so", &now, &r);
	assert_ids(cat, r, n, either, 3);
	free(r);
	/* A topic no service has. */
	n = rank_services(cat, s, "", BIT(TOPIC_HEALTH), "so", &now, &r);
	assert_int_equal(n, 0);
	free(r);

	search_free(&s);
	catalogue_free(&cat);
}

/* Among equals, more of the ticked topics first: before the language. */
static void test_services_more_topics_first(void **state)
{
	struct catalogue *cat = service_cat();
	struct search *s = search_new(cat, "fi");
	struct tm now = monday_10();
	struct rank_service *r = NULL;
	size_t n;
	/* d has both ticked topics but does not speak fi; then the fi ones
	 * (unknown f before closed a, e), then c (so). */
	const char *want[] = { "d", "f", "a", "e", "c" };
	/* One topic ticked: d is one of many. */
	const char *one[] = { "f", "a", "e", "d" };
	(void)state;

	n = rank_services(cat, s, "", BIT(TOPIC_HOUSING) | BIT(TOPIC_DIGITAL),
			  "fi", &now, &r);
	assert_ids(cat, r, n, want, 5);
	free(r);
	n = rank_services(cat, s, "", BIT(TOPIC_HOUSING), "fi", &now, &r);
	assert_ids(cat, r, n, one, 4);
	free(r);
	/* With a query the tier still comes first: "asu" is a name prefix
	 * of a and f, a word of e's name, and d has no "asu". */
	n = rank_services(cat, s, "asu", BIT(TOPIC_HOUSING) | BIT(TOPIC_DIGITAL),
			  "fi", &now, &r);
	assert_true(n >= 3);
	assert_string_equal(cat->services[r[0].index].id, "f");
	assert_string_equal(cat->services[r[1].index].id, "a");
	free(r);

	search_free(&s);
	catalogue_free(&cat);
}

static void test_services_query_tier_first(void **state)
{
	struct catalogue *cat = service_cat();
	struct search *s = search_new(cat, "fi");
	struct tm now = monday_10();
	struct rank_service *r = NULL;
	size_t n;
	/* "asun": name prefix f (unknown, fi); then a, whose name's part
	 * "asumis" has the base form "asua", one of "asun" ("I live"); then
	 * e, a name's word that starts so (closed). Tier beats the language
	 * and opening hours. */
	const char *want[] = { "f", "a", "e" };
	/* Without the language the topic filter still applies. */
	(void)state;

	n = rank_services(cat, s, "asun", 0, "so", &now, &r);
	assert_ids(cat, r, n, want, 3);
	assert_int_equal(r[0].tier, SEARCH_NAME_PREFIX);
	assert_int_equal(r[1].tier, SEARCH_NAME_PART);
	assert_int_equal(r[2].tier, SEARCH_NAME_START);
	free(r);

	/* "neuvonta": a (name "Asumisneuvonta", a compound part) and c (a
	 * word of the name "Chat-neuvonta"): c first although a, like c,
	 * speaks so. */
	n = rank_services(cat, s, "neuvonta", 0, "so", &now, &r);
	assert_int_equal(n, 2);
	assert_string_equal(cat->services[r[0].index].id, "c");
	assert_string_equal(cat->services[r[1].index].id, "a");
	free(r);

	/* Same tier: the language decides, then hours. "as" is a name prefix
	 * of a and f: a speaks so. */
	n = rank_services(cat, s, "as", BIT(TOPIC_HOUSING), "so", &now, &r);
	assert_true(n >= 2);
	assert_string_equal(cat->services[r[0].index].id, "a");
	assert_string_equal(cat->services[r[1].index].id, "f");
	free(r);

	/* Without a search engine of its own, rank builds one. */
	n = rank_services(cat, NULL, "digituki", 0, NULL, &now, &r);
	assert_int_equal(n, 1);
	assert_string_equal(cat->services[r[0].index].id, "d");
	free(r);

	search_free(&s);
	catalogue_free(&cat);
}

/* ---- languages ---------------------------------------------------------- */

static void add_lang(struct catalogue *cat, const char *code, const char *fi,
		     const char *sv, const char *en, const char *native)
{
	struct cat_language *l = catalogue_add_language(cat);
	l->code = xstrdup(code);
	l->name.v[CAT_FI] = xstrdup(fi);
	l->name.v[CAT_SV] = xstrdup(sv);
	l->name.v[CAT_EN] = xstrdup(en);
	l->native = xstrdup(native);
}

static struct catalogue *language_cat(void)
{
	struct catalogue *cat = catalogue_new();
	add_lang(cat, "ar", "arabia", "arabiska", "Arabic", "العربية");
	add_lang(cat, "en", "englanti", "engelska", "English", "English");
	add_lang(cat, "et", "viro", "estniska", "Estonian", "eesti");
	add_lang(cat, "fi", "suomi", "finska", "Finnish", "suomi");
	add_lang(cat, "hy", "armenia", "armeniska", "Armenian", "հայերեն");
	add_lang(cat, "ru", "venäjä", "ryska", "Russian", "русский");
	add_lang(cat, "sl", "sloveeni", "slovenska", "Slovenian", "slovenščina");
	add_lang(cat, "so", "somali", "somaliska", "Somali", "Soomaali");
	add_lang(cat, "sv", "ruotsi", "svenska", "Swedish", "svenska");
	add_lang(cat, "ckb", "soranî", "sorani", "Central Kurdish", "کوردیی ناوەندی");
	add_lang(cat, "kmr", "kurmandži", "nordkurdiska", "Kurmanji", "Kurmancî");
	return cat;
}

static const char *lang_at(const struct catalogue *cat, const size_t *v,
			   size_t i)
{
	return cat->languages[v[i]].code;
}

static void test_languages_find_somali(void **state)
{
	struct catalogue *cat = language_cat();
	const char *queries[] = { "so", "som", "soomaali", "SOMALI", "Somaliska" };
	size_t *v = NULL, n, i;
	(void)state;

	for (i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		n = rank_languages(cat, queries[i], "en", &v);
		assert_true(n >= 1);
		assert_string_equal(lang_at(cat, v, 0), "so");
		free(v);
	}
	/* "so" also finds Sorani by its names, after the exact code. */
	n = rank_languages(cat, "so", "en", &v);
	assert_int_equal(n, 2);
	assert_string_equal(lang_at(cat, v, 1), "ckb");
	free(v);
	catalogue_free(&cat);
}

static void test_languages_by_finnish_name(void **state)
{
	struct catalogue *cat = language_cat();
	size_t *v = NULL, n;
	(void)state;

	/* "ven": Russian by its Finnish name first; Slovenian and Swedish
	 * ("svenska") only contain it. */
	n = rank_languages(cat, "ven", "en", &v);
	assert_int_equal(n, 3);
	assert_string_equal(lang_at(cat, v, 0), "ru");
	assert_string_equal(lang_at(cat, v, 1), "sl");
	assert_string_equal(lang_at(cat, v, 2), "sv");
	free(v);

	/* Exact code, then name prefix (Arabic, Armenian by English name in
	 * the UI language). */
	n = rank_languages(cat, "ar", "en", &v);
	assert_int_equal(n, 2);
	assert_string_equal(lang_at(cat, v, 0), "ar");
	assert_string_equal(lang_at(cat, v, 1), "hy");
	free(v);

	/* A word prefix beats a substring, whatever the names: "kurd"
	 * starts the second word of "Central Kurdish" (Sorani) and is only
	 * inside "nordkurdiska" (Kurmanji, "kurmandži" sorts first in fi). */
	n = rank_languages(cat, "kurd", "fi", &v);
	assert_int_equal(n, 2);
	assert_string_equal(lang_at(cat, v, 0), "ckb");
	assert_string_equal(lang_at(cat, v, 1), "kmr");
	free(v);
	n = rank_languages(cat, "nska", "en", &v);
	/* Substrings only (Swedish names), by English name. */
	assert_int_equal(n, 3);
	assert_string_equal(lang_at(cat, v, 0), "fi");
	assert_string_equal(lang_at(cat, v, 1), "sl");
	assert_string_equal(lang_at(cat, v, 2), "sv");
	free(v);

	n = rank_languages(cat, "klingon", "en", &v);
	assert_int_equal(n, 0);
	free(v);
	catalogue_free(&cat);
}

static void test_languages_empty_query(void **state)
{
	struct catalogue *cat = language_cat();
	size_t *v = NULL, n;
	const char *en[] = { "fi", "sv", "en", "ar", "hy", "ckb", "et", "kmr",
			     "ru", "sl", "so" };
	/* In Finnish: arabia, armenia, kurmandži, sloveeni, somali, soranî,
	 * venäjä, viro. */
	const char *fi[] = { "fi", "sv", "en", "ar", "hy", "kmr", "sl", "so",
			     "ckb", "ru", "et" };
	size_t i;
	(void)state;

	n = rank_languages(cat, "", "en", &v);
	assert_int_equal(n, 11);
	for (i = 0; i < n; i++)
		assert_string_equal(lang_at(cat, v, i), en[i]);
	free(v);
	n = rank_languages(cat, NULL, "fi", &v);
	assert_int_equal(n, 11);
	for (i = 0; i < n; i++)
		assert_string_equal(lang_at(cat, v, i), fi[i]);
	free(v);
	catalogue_free(&cat);
}

/* ---- resources ---------------------------------------------------------- */

static void add_res(struct catalogue *cat, const char *id, const char *name,
		    const char *l1, const char *l2, int lead, const char *hours)
{
	struct cat_resource *r = catalogue_add_resource(cat);
	r->id = xstrdup(id);
	r->name.v[CAT_FI] = xstrdup(name);
	r->name.v[CAT_EN] = xstrdup(name);
	r->languages = xcalloc(2, sizeof *r->languages);
	r->languages[r->n_languages++].code = xstrdup(l1);
	if (l2)
		r->languages[r->n_languages++].code = xstrdup(l2);
	r->lead_minutes = lead;
	if (hours)
		set_hours(&r->hours, hours);
}

static void test_resources(void **state)
{
	struct catalogue *cat = catalogue_new();
	struct tm now = monday_10();
	struct rank_resource *r = NULL;
	size_t n, i;
	/* so: available now first, by lead time (0 before 15, although
	 * "Walk-in ..." sorts last by name; equal lead by name), then the
	 * rest by lead time ("Shift ..." before "Booked ..."). */
	const char *want[] = { "desk2", "phone", "video", "later", "booked" };
	(void)state;

	add_res(cat, "later", "Shift colleague", "so", "ar", 0, "mo-fr 13-16");
	add_res(cat, "booked", "Booked interpreting", "so", NULL, 1440, NULL);
	add_res(cat, "phone", "Phone interpreting", "so", NULL, 15, "mo-su 0-24");
	add_res(cat, "desk2", "Walk-in desk colleague", "so", "fi", 0, "mo 9-12");
	add_res(cat, "video", "Video interpreting", "so", NULL, 15, "mo-fr 8-18");
	add_res(cat, "ar-only", "Arabic desk", "ar", NULL, 0, "mo 8-16");

	n = rank_resources(cat, "so", &now, &r);
	assert_int_equal(n, 5);
	for (i = 0; i < n; i++)
		assert_string_equal(cat->resources[r[i].index].id, want[i]);
	assert_true(r[0].available);
	assert_true(r[2].available);
	assert_false(r[3].available);
	assert_false(r[4].available);
	free(r);

	/* Every resource without a language; ar: the Arabic desk is open. */
	n = rank_resources(cat, NULL, &now, &r);
	assert_int_equal(n, 6);
	free(r);
	n = rank_resources(cat, "ar", &now, &r);
	assert_int_equal(n, 2);
	assert_string_equal(cat->resources[r[0].index].id, "ar-only");
	assert_string_equal(cat->resources[r[1].index].id, "later");
	free(r);
	n = rank_resources(cat, "xx", &now, &r);
	assert_int_equal(n, 0);
	free(r);
	catalogue_free(&cat);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_services_order_language_then_open),
		cmocka_unit_test(test_services_topics),
		cmocka_unit_test(test_services_query_tier_first),
		cmocka_unit_test(test_services_more_topics_first),
		cmocka_unit_test(test_languages_find_somali),
		cmocka_unit_test(test_languages_by_finnish_name),
		cmocka_unit_test(test_languages_empty_query),
		cmocka_unit_test(test_resources),
	};
	setenv("LANGUAGE", "en", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
