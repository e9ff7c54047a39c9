/* test_ptv: the PTV import's mapping, from the fixture pages in
 * tests/data/ptv (invented data in the Open API's shape), and broken
 * pages: each problem names its file, item and id. */
#include <config.h>

#include "util.h"

#include <stdbool.h>
#include <sys/stat.h>

#include "core/catalogue.h"
#include "core/catalogue_check.h"
#include "core/err.h"
#include "core/hours.h"
#include "core/ptv.h"

#define CH(n) "ptv-c0ffee00-0000-4000-8000-00000000000" #n

static char *top_path(const char *rel)
{
	const char *top = getenv("top_srcdir");
	return xasprintf("%s/%s", top ? top : ".", rel);
}

static struct catalogue *import(char **paths, size_t n, char *const *munis,
				size_t nm, struct regjson_problems *probs)
{
	struct ptv_opts o = { 0 };
	struct catalogue *cat = NULL;
	char *err = NULL, *map = top_path("data/mappings/ptv-service-classes.conf");
	o.municipalities = munis;
	o.n_municipalities = nm;
	o.today = hours_date_days("2026-12-01");
	o.classes_map = map;
	if (ptv_import(paths, n, &o, &cat, probs, &err) != 0)
		print_message("# %s\n", err);
	assert_null(err);
	assert_non_null(cat);
	free(map);
	return cat;
}

static struct catalogue *fixture(char *const *munis, size_t nm,
				 struct regjson_problems *probs)
{
	char *dir = top_path("tests/data/ptv");
	struct catalogue *cat = import(&dir, 1, munis, nm, probs);
	free(dir);
	return cat;
}

static const struct cat_service *svc(const struct catalogue *cat, const char *id)
{
	long i = catalogue_service_index(cat, id);
	if (i < 0)
		print_message("# no service %s\n", id);
	assert_true(i >= 0);
	return &cat->services[i];
}

static bool has_span(const struct hours *h, int day, const char *open,
		     const char *close)
{
	uint32_t i;
	for (i = 0; i < h->n_spans; i++)
		if (h->spans[i].day == day &&
		    h->spans[i].open == hours_parse_time(open) &&
		    h->spans[i].close == hours_parse_time(close))
			return true;
	return false;
}

static const struct hours_exception *exc(const struct hours *h, const char *date)
{
	uint32_t i;
	for (i = 0; i < h->n_ex; i++)
		if (!strcmp(h->ex[i].date, date))
			return &h->ex[i];
	return NULL;
}

static void no_check_problems(struct catalogue *cat)
{
	assert_int_equal(catalogue_check(cat, NULL, NULL), 0);
}

static void dump(const struct regjson_problems *p)
{
	size_t i;
	for (i = 0; i < p->n; i++)
		print_message("# problem: %s\n", p->v[i].text);
}

static void test_channels_and_texts(void **state)
{
	struct regjson_problems probs = { 0 };
	struct catalogue *cat = fixture(NULL, 0, &probs);
	const struct cat_service *s;
	(void)state;
	dump(&probs);
	assert_int_equal(probs.n, 0);
	/* Six kept channels; the printable form is no place to send anyone. */
	assert_int_equal(cat->n_services, 6);
	assert_int_equal(catalogue_service_index(cat, CH(7)), -1);
	s = svc(cat, CH(1));
	assert_string_equal(s->name.v[CAT_FI], "Kela, Itäkeskuksen palvelupiste");
	assert_string_equal(s->name.v[CAT_SV], "FPA, Östra centrums servicepunkt");
	assert_string_equal(s->name.v[CAT_EN], "Kela, Itäkeskus service point");
	/* The register's modification date stands for the check. */
	assert_string_equal(s->info->verified, "2026-09-14");
	assert_null(svc(cat, CH(2))->info->verified);
	/* Summary, then the description. */
	assert_string_equal(s->description.v[CAT_FI],
			    "Kelan palvelupisteessä voit hoitaa Kelan etuuksiin liittyviä asioita.\n\n"
			    "Ajanvarauksella voit asioida myös tulkin välityksellä.");
	assert_non_null(strstr(s->description.v[CAT_SV], "FPA:s servicepunkt"));
	assert_null(s->description.v[CAT_EN]);
	assert_int_equal(s->n_languages, 3);
	assert_true(catalogue_service_speaks(s, "sv"));
	/* Only a Swedish name: it stands in for the Finnish one too. */
	s = svc(cat, CH(4));
	assert_string_equal(s->name.v[CAT_FI], "Yökriisipuhelin");
	no_check_problems(cat);
	regjson_problems_free(&probs);
	catalogue_free(&cat);
}

static void test_phones_address_web(void **state)
{
	struct regjson_problems probs = { 0 };
	struct catalogue *cat = fixture(NULL, 0, &probs);
	const struct cat_service *s = svc(cat, CH(1));
	(void)state;
	/* Fax left out; prefix joined without the trunk zero; labels in
	 * the phone's own language with its charge. */
	assert_int_equal(s->info->n_phones, 2);
	assert_string_equal(s->info->phones[0].number, "+358 20 692 206");
	assert_string_equal(s->info->phones[0].label.v[CAT_FI], "Perheet; pvm/mpm");
	assert_null(s->info->phones[0].label.v[CAT_SV]);
	assert_string_equal(s->info->phones[1].label.v[CAT_SV], "Familjer; lna/msa");
	assert_string_equal(s->info->address,
			    "Itäkatu 1-7, 00930 HELSINKI (sv: Östra gatan 1-7, 00930 HELSINGFORS)");
	assert_string_equal(s->info->municipality, "Helsinki");
	/* The same address in its parts, each language's own. */
	assert_string_equal(s->info->street.v[CAT_FI], "Itäkatu");
	assert_string_equal(s->info->street.v[CAT_SV], "Östra gatan");
	assert_string_equal(s->info->street_number, "1-7");
	assert_string_equal(s->info->postal_code, "00930");
	assert_string_equal(s->info->post_office.v[CAT_SV], "HELSINGFORS");
	assert_string_equal(s->info->municipality_code, "091");
	assert_string_equal(s->info->municipality_name.v[CAT_SV], "Helsingfors");
	assert_string_equal(s->info->country, "FI");
	assert_string_equal(s->info->web, "https://www.kela.fi/palvelupisteet");
	assert_null(s->info->email);
	/* A Finnish service number has no prefix; free of charge said in
	 * the phone's language. */
	s = svc(cat, CH(4));
	assert_int_equal(s->info->n_phones, 1);
	assert_string_equal(s->info->phones[0].number, "0800 90 9090");
	assert_string_equal(s->info->phones[0].label.v[CAT_FI], "maksuton");
	/* Three languages, three numbers. */
	s = svc(cat, CH(2));
	assert_int_equal(s->info->n_phones, 3);
	assert_string_equal(s->info->phones[2].label.v[CAT_EN], "In English");
	/* An e-channel's web page. */
	assert_string_equal(svc(cat, CH(5))->info->web, "https://www.kela.fi/omakela");
	regjson_problems_free(&probs);
	catalogue_free(&cat);
}

static void test_hours(void **state)
{
	struct regjson_problems probs = { 0 };
	struct catalogue *cat = fixture(NULL, 0, &probs);
	const struct cat_service *s = svc(cat, CH(1));
	const struct hours_exception *e;
	int d;
	(void)state;
	/* A split Thursday. */
	assert_true(has_span(&s->hours, 0, "9", "16"));
	assert_true(has_span(&s->hours, 3, "9", "12"));
	assert_true(has_span(&s->hours, 3, "13", "18"));
	assert_true(has_span(&s->hours, 4, "9", "14"));
	assert_int_equal(s->hours.n_spans, 6);
	/* Closed over Christmas (a range), short New Year's Eve, and a past
	 * exception left out. */
	e = exc(&s->hours, "2026-12-25");
	assert_non_null(e);
	assert_true(e->closed);
	assert_non_null(exc(&s->hours, "2026-12-24"));
	assert_non_null(exc(&s->hours, "2026-12-26"));
	e = exc(&s->hours, "2026-12-31");
	assert_non_null(e);
	assert_false(e->closed);
	assert_int_equal(e->open, 9 * 60);
	assert_int_equal(e->close, 12 * 60);
	assert_null(exc(&s->hours, "2025-05-01"));
	/* Over midnight: Friday 20-03 is Friday to 24 and Saturday to 3;
	 * Saturday 20 to Sunday 3 likewise. */
	s = svc(cat, CH(4));
	assert_true(has_span(&s->hours, 4, "20", "24"));
	assert_true(has_span(&s->hours, 5, "0", "3"));
	assert_true(has_span(&s->hours, 5, "20", "24"));
	assert_true(has_span(&s->hours, 6, "0", "3"));
	assert_int_equal(s->hours.n_spans, 4);
	/* Always open. */
	s = svc(cat, CH(5));
	for (d = 0; d < 7; d++)
		assert_true(has_span(&s->hours, d, "0", "24"));
	/* A later period (validFrom/validTo) becomes dated hours: its
	 * Monday open 9-15, its other days closed; the weekly hours stay. */
	s = svc(cat, CH(2));
	assert_true(has_span(&s->hours, 0, "8", "16"));
	assert_int_equal(s->hours.n_spans, 5);
	e = exc(&s->hours, "2027-06-07");	/* a Monday */
	assert_non_null(e);
	assert_false(e->closed);
	assert_int_equal(e->open, 9 * 60);
	e = exc(&s->hours, "2027-06-02");
	assert_non_null(e);
	assert_true(e->closed);
	assert_null(exc(&s->hours, "2027-06-08"));
	regjson_problems_free(&probs);
	catalogue_free(&cat);
}

static void test_orgs_keywords_topics(void **state)
{
	struct regjson_problems probs = { 0 };
	struct catalogue *cat = fixture(NULL, 0, &probs);
	const struct cat_service *s = svc(cat, CH(1));
	const struct cat_org *o = catalogue_service_org(cat, s);
	(void)state;
	assert_string_equal(o->name.v[CAT_FI], "Kansaneläkelaitos");
	assert_int_equal(o->kind, ORG_PUBLIC);
	o = catalogue_service_org(cat, svc(cat, CH(3)));
	assert_int_equal(o->kind, ORG_CITY);
	assert_string_equal(o->municipality, "Helsinki");
	assert_int_equal(catalogue_service_org(cat, svc(cat, CH(4)))->kind, ORG_NGO);
	/* The linked services' names (every language) and keywords. */
	assert_non_null(strstr(s->keywords, "Lapsilisä"));
	assert_non_null(strstr(s->keywords, "Barnbidrag"));
	assert_non_null(strstr(s->keywords, "perhe-etuudet"));
	/* Classes through the mapping table, by name. */
	assert_true(s->topics & ((topic_set)1 << TOPIC_FAMILIES));
	assert_true(s->topics & ((topic_set)1 << TOPIC_SOCIAL_ASSISTANCE));
	/* Linked from the service's side only. */
	s = svc(cat, CH(3));
	assert_non_null(strstr(s->keywords, "Kotoutumisen neuvonta"));
	assert_true(s->topics & ((topic_set)1 << TOPIC_MOVING));
	assert_null(svc(cat, CH(4))->keywords);
	regjson_problems_free(&probs);
	catalogue_free(&cat);
}

static void test_municipality_filter(void **state)
{
	struct regjson_problems probs = { 0 };
	char *vantaa[] = { "092" }, *helsinki[] = { "091" };
	struct catalogue *cat = fixture(vantaa, 1, &probs);
	(void)state;
	/* The channel serving Helsinki and Vantaa, and the whole country's. */
	assert_true(catalogue_service_index(cat, CH(3)) >= 0);
	assert_true(catalogue_service_index(cat, CH(2)) >= 0);
	assert_int_equal(catalogue_service_index(cat, CH(1)), -1);
	assert_int_equal(catalogue_service_index(cat, CH(6)), -1);
	assert_int_equal(cat->n_services, 4);
	catalogue_free(&cat);
	cat = fixture(helsinki, 1, &probs);
	assert_true(catalogue_service_index(cat, CH(1)) >= 0);
	assert_int_equal(catalogue_service_index(cat, CH(6)), -1);
	assert_int_equal(cat->n_services, 5);
	regjson_problems_free(&probs);
	catalogue_free(&cat);
}

static bool problem(const struct regjson_problems *p, const char *where,
		    const char *word, bool dropped)
{
	size_t i;
	for (i = 0; i < p->n; i++)
		if (strstr(p->v[i].text, where) && strstr(p->v[i].text, word) &&
		    p->v[i].dropped == dropped)
			return true;
	return false;
}

static void test_broken_pages(void **state)
{
	char *dir = util_tmpdir(), *paths[1];
	struct regjson_problems probs = { 0 };
	struct catalogue *cat;
	char *big, *doc;
	size_t n = 50u << 20;
	FILE *f;
	(void)state;
	free(util_write(dir, "a-truncated.json",
			"{\"itemList\": [{\"id\": \"x1\", \"serviceChannelType\": \"Phone\","));
	free(util_write(dir, "b-types.json",
			"{\"itemList\": ["
			"{\"id\": \"t1\", \"serviceChannelType\": \"Phone\", \"serviceChannelNames\": 7},"
			"{\"id\": \"t2\", \"serviceChannelType\": \"Phone\", \"languages\": \"fi\","
			" \"serviceChannelNames\": [{\"type\": \"Name\", \"language\": \"fi\", \"value\": 12},"
			"  {\"type\": \"Name\", \"language\": \"sv\", \"value\": \"Telefon\"}]},"
			"{\"serviceChannelType\": \"Phone\"}, 42]}"));
	free(util_write(dir, "c-utf8.json",
			"[{\"id\": \"u1\", \"serviceChannelType\": \"Phone\", \"serviceChannelNames\": ["
			"{\"type\": \"Name\", \"language\": \"fi\", \"value\": \"Rikki \xff\xfe\"},"
			"{\"type\": \"Name\", \"language\": \"en\", \"value\": \"Broken\"}]}]"));
	free(util_write(dir, "d-trailing.json", "{\"itemList\": []} }"));
	/* A 50 MB description. */
	big = xmalloc(n + 1);
	memset(big, 'a', n);
	big[n] = '\0';
	doc = xasprintf("[{\"id\": \"big\", \"serviceChannelType\": \"WebPage\","
			"\"serviceChannelNames\": [{\"type\": \"Name\", \"language\": \"fi\", \"value\": \"Iso\"}],"
			"\"serviceChannelDescriptions\": [{\"type\": \"Description\", \"language\": \"fi\", \"value\": \"%s\"}]}]",
			big);
	free(big);
	{
		char *p = xasprintf("%s/e-big.json", dir);
		f = fopen(p, "w");
		assert_non_null(f);
		fputs(doc, f);
		fclose(f);
		free(p);
	}
	free(doc);
	paths[0] = dir;
	cat = import(paths, 1, NULL, 0, &probs);
	dump(&probs);
	assert_true(problem(&probs, "a-truncated.json", "ends early", true));
	assert_true(problem(&probs, "b-types.json: item 1 (t1)", "serviceChannelNames is a number, not an array", false));
	assert_true(problem(&probs, "b-types.json: item 1 (t1)", "without a name", true));
	assert_true(problem(&probs, "b-types.json: item 2 (t2)", "value is a number", false));
	assert_true(problem(&probs, "b-types.json: item 2 (t2)", "languages is a string", false));
	assert_true(problem(&probs, "b-types.json: item 3", "no id", true));
	assert_true(problem(&probs, "b-types.json: item 4", "not a JSON object", true));
	assert_true(problem(&probs, "c-utf8.json: item 1 (u1)", "not valid UTF-8", false));
	assert_true(problem(&probs, "d-trailing.json", "text after the JSON value", true));
	assert_true(problem(&probs, "e-big.json: item 1 (big)", "cut to", false));
	/* What could be read is there, bounded. */
	assert_string_equal(svc(cat, "ptv-t2")->name.v[CAT_FI], "Telefon");
	assert_string_equal(svc(cat, "ptv-u1")->name.v[CAT_FI], "Broken");
	assert_true(strlen(svc(cat, "ptv-big")->description.v[CAT_FI]) <= REGJSON_PARA_MAX);
	assert_int_equal(cat->n_services, 3);
	/* Every problem is one line. */
	{
		size_t i;
		for (i = 0; i < probs.n; i++)
			assert_null(strchr(probs.v[i].text, '\n'));
	}
	no_check_problems(cat);
	regjson_problems_free(&probs);
	catalogue_free(&cat);
	util_rmtree(&dir);
}

static void test_site_mapping_and_missing(void **state)
{
	char *dir = util_tmpdir(), *site, *pages, *err = NULL, *data;
	struct ptv_opts o = { 0 };
	struct regjson_problems probs = { 0 };
	struct catalogue *cat = NULL;
	const char *old = getenv("NEUVOO_SYSCONFDIR");
	(void)state;
	site = xasprintf("%s/neuvoo", dir);
	assert_int_equal(mkdir(site, 0700), 0);
	free(site);
	site = xasprintf("%s/neuvoo/mappings", dir);
	assert_int_equal(mkdir(site, 0700), 0);
	free(util_write(site, "ptv-service-classes.conf",
			"# the site's own\nP11\thousing\n"));
	setenv("NEUVOO_SYSCONFDIR", dir, 1);
	data = top_path("data");
	setenv("NEUVOO_DATADIR", data, 1);
	pages = top_path("tests/data/ptv");
	o.today = hours_date_days("2026-12-01");
	assert_int_equal(ptv_import(&pages, 1, &o, &cat, &probs, &err), 0);
	/* The site's table wins: P11 (by code) is housing there. */
	assert_true(svc(cat, CH(1))->topics & ((topic_set)1 << TOPIC_HOUSING));
	assert_false(svc(cat, CH(1))->topics & ((topic_set)1 << TOPIC_FAMILIES));
	catalogue_free(&cat);
	/* A broken table stops the import with its file and line. */
	free(util_write(site, "ptv-service-classes.conf", "P11\tnot-a-topic\n"));
	assert_int_equal(ptv_import(&pages, 1, &o, &cat, &probs, &err), -1);
	assert_non_null(strstr(err, "ptv-service-classes.conf:1: unknown topic"));
	err_free(&err);
	/* A missing path too. */
	{
		char *conf = xasprintf("%s/ptv-service-classes.conf", site);
		unlink(conf);
		free(conf);
	}
	free(pages);
	pages = xasprintf("%s/nothing-here", dir);
	assert_int_equal(ptv_import(&pages, 1, &o, &cat, &probs, &err), -1);
	assert_non_null(strstr(err, "nothing-here"));
	err_free(&err);
	if (old)
		setenv("NEUVOO_SYSCONFDIR", old, 1);
	else
		unsetenv("NEUVOO_SYSCONFDIR");
	regjson_problems_free(&probs);
	free(pages);
	free(site);
	free(data);
	util_rmtree(&dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_channels_and_texts),
		cmocka_unit_test(test_phones_address_web),
		cmocka_unit_test(test_hours),
		cmocka_unit_test(test_orgs_keywords_topics),
		cmocka_unit_test(test_municipality_filter),
		cmocka_unit_test(test_broken_pages),
		cmocka_unit_test(test_site_mapping_and_missing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
