/* test_tpr: the TPR import's mapping, from the fixture pages in
 * tests/data/tpr (invented data in the v4 API's shape), the hours
 * texts, and broken pages. */
#include <config.h>

#include "util.h"

#include <stdbool.h>

#include "core/catalogue.h"
#include "core/catalogue_check.h"
#include "core/err.h"
#include "core/hours.h"
#include "core/tpr.h"

static char *top_path(const char *rel)
{
	const char *top = getenv("top_srcdir");
	return xasprintf("%s/%s", top ? top : ".", rel);
}

static struct catalogue *import(char *path, const char *map,
				struct regjson_problems *probs)
{
	struct tpr_opts o = { map, NULL };
	struct catalogue *cat = NULL;
	char *err = NULL;
	if (tpr_import(&path, 1, &o, &cat, probs, &err) != 0)
		print_message("# %s\n", err);
	assert_null(err);
	return cat;
}

static const struct cat_service *svc(const struct catalogue *cat, const char *id)
{
	long i = catalogue_service_index(cat, id);
	assert_true(i >= 0);
	return &cat->services[i];
}

static bool has_span(const struct hours *h, int day, int open, int close)
{
	uint32_t i;
	for (i = 0; i < h->n_spans; i++)
		if (h->spans[i].day == day && h->spans[i].open == open &&
		    h->spans[i].close == close)
			return true;
	return false;
}

static void test_units(void **state)
{
	char *dir = top_path("tests/data/tpr"), *tmp = util_tmpdir();
	char *map = util_write(tmp, "words.conf", "813\tother\n1044 moving\n");
	struct regjson_problems probs = { 0 };
	struct catalogue *cat = import(dir, map, &probs);
	const struct cat_service *s = svc(cat, "tpr-51342");
	const struct cat_org *o;
	(void)state;
	assert_int_equal(cat->n_services, 3);
	assert_string_equal(s->name.v[CAT_FI], "Helsinki-info, Kaupungintalo");
	assert_string_equal(s->name.v[CAT_SV], "Helsingforsinfo, Stadshuset");
	assert_non_null(strstr(s->description.v[CAT_EN], "General advice"));
	assert_string_equal(s->info->address,
			    "Pohjoisesplanadi 11-13, 00170 Helsinki (sv: Norra esplanaden 11-13, 00170 Helsingfors)");
	assert_string_equal(s->info->municipality, "Helsinki");
	/* Its parts: TPR's street keeps the number; the city is the post
	 * office. */
	assert_string_equal(s->info->street.v[CAT_SV], "Norra esplanaden 11-13");
	assert_null(s->info->street_number);
	assert_string_equal(s->info->postal_code, "00170");
	assert_string_equal(s->info->post_office.v[CAT_FI], "Helsinki");
	assert_string_equal(s->info->post_office.v[CAT_SV], "Helsingfors");
	assert_string_equal(s->info->country, "FI");
	assert_string_equal(s->info->email, "helsinki-info@hel.fi");
	assert_string_equal(s->info->web, "https://www.hel.fi/fi/paatoksenteko-ja-hallinto/helsinki-info");
	/* The unit's phone with its call charge in each language, then the
	 * connection's phone with its name. */
	assert_int_equal(s->info->n_phones, 2);
	assert_string_equal(s->info->phones[0].number, "+358 9 310 11111");
	assert_string_equal(s->info->phones[0].label.v[CAT_SV], "lna/msa");
	assert_string_equal(s->info->phones[1].label.v[CAT_SV], "Rådgivning på svenska");
	/* Search words one blank apart, and the descriptions' titles. */
	assert_non_null(strstr(s->keywords, "neuvonta infopiste maahanmuuttajaneuvonta"));
	assert_non_null(strstr(s->keywords, "Neuvonta ja ohjaus kaupungin palveluihin"));
	/* Split weekdays and a Saturday, from the connection's text. */
	assert_true(has_span(&s->hours, 0, 8 * 60 + 15, 12 * 60));
	assert_true(has_span(&s->hours, 4, 13 * 60, 16 * 60));
	assert_true(has_span(&s->hours, 5, 10 * 60, 14 * 60));
	assert_int_equal(s->hours.n_spans, 11);
	assert_int_equal(s->n_languages, 3);
	assert_true(s->topics & ((topic_set)1 << TOPIC_MOVING));
	assert_true(s->topics & ((topic_set)1 << TOPIC_OTHER));
	o = catalogue_service_org(cat, s);
	assert_int_equal(o->kind, ORG_CITY);
	assert_string_equal(o->name.v[CAT_FI], "Helsingin kaupunki");
	/* En dashes and "klo". */
	s = svc(cat, "tpr-8215");
	assert_string_equal(s->info->verified, "2025-03-20");	/* modified_time */
	assert_true(has_span(&s->hours, 3, 9 * 60, 15 * 60));
	assert_true(has_span(&s->hours, 4, 9 * 60, 13 * 60));
	assert_int_equal(s->n_languages, 2);
	assert_non_null(strstr(s->keywords, "Servicerådgivning för äldre"));
	/* An NGO's unit; hours it cannot read stay readable in the text. */
	s = svc(cat, "tpr-67001");
	assert_int_equal(catalogue_service_org(cat, s)->kind, ORG_NGO);
	assert_int_equal(s->hours.n_spans, 0);
	assert_non_null(strstr(s->description.v[CAT_FI], "Avoinna sopimuksen mukaan"));
	assert_int_equal(probs.n, 1);
	assert_non_null(strstr(probs.v[0].text, "units-1.json: item 3 (67001): opening hours"));
	assert_false(probs.v[0].dropped);
	assert_int_equal(catalogue_check(cat, NULL, NULL), 0);
	regjson_problems_free(&probs);
	catalogue_free(&cat);
	free(map);
	free(dir);
	util_rmtree(&tmp);
}

static void test_hours_text(void **state)
{
	struct hours h;
	(void)state;
	assert_int_equal(tpr_hours_text("ma-pe 8-16", &h), 0);
	assert_int_equal(h.n_spans, 5);
	hours_clear(&h);
	assert_int_equal(tpr_hours_text("må–fr 9.00–15.00, lö 10–13", &h), 0);
	assert_true(has_span(&h, 5, 600, 780));
	assert_int_equal(h.n_spans, 6);
	hours_clear(&h);
	assert_int_equal(tpr_hours_text("Ma-Ke klo 8-12, 13-15", &h), 0);
	assert_true(has_span(&h, 2, 780, 900));
	hours_clear(&h);
	assert_int_equal(tpr_hours_text("maanantaisin", &h), -1);
	assert_int_equal(h.n_spans, 0);
	assert_int_equal(tpr_hours_text("", &h), -1);
}

static void test_broken(void **state)
{
	char *dir = util_tmpdir();
	struct regjson_problems probs = { 0 };
	struct catalogue *cat;
	size_t i;
	bool seen[4] = { false };
	(void)state;
	free(util_write(dir, "units-1.json",
			"[{\"id\": 1, \"name_fi\": [\"x\"], \"name_sv\": \"Enhet\", \"phone\": 5,"
			" \"connections\": [{\"section_type\": \"OPENING_HOURS\", \"name_sv\": \"må-fr 9-15\"}]},"
			" {\"id\": 2, \"name_fi\": \"Kaksi\", \"name_fi\": \"Kaksi\"},"
			" {\"id\": 2, \"name_fi\": \"Toinen\"},"
			" {\"id\": {\"a\": 1}, \"name_fi\": \"Outo\"}]"));
	free(util_write(dir, "units-2.json", "[{\"id\": 3, \"name_fi\": \"Kesken"));
	cat = import(dir, "/dev/null", &probs);
	for (i = 0; i < probs.n; i++) {
		const char *t = probs.v[i].text;
		print_message("# %s\n", t);
		if (strstr(t, "units-1.json: item 1 (1): name_fi is an array"))
			seen[0] = true;
		if (strstr(t, "units-1.json: item 3 (2): unit listed twice") && probs.v[i].dropped)
			seen[1] = true;
		if (strstr(t, "units-1.json: item 4: id is an object") )
			seen[2] = true;
		if (strstr(t, "units-2.json") && strstr(t, "ends early") && probs.v[i].dropped)
			seen[3] = true;
	}
	for (i = 0; i < 4; i++)
		assert_true(seen[i]);
	assert_string_equal(svc(cat, "tpr-1")->name.v[CAT_FI], "Enhet");
	/* Hours given only in Swedish are read. */
	assert_int_equal(svc(cat, "tpr-1")->hours.n_spans, 5);
	assert_int_equal(cat->n_services, 2);
	assert_int_equal(catalogue_check(cat, NULL, NULL), 0);
	regjson_problems_free(&probs);
	catalogue_free(&cat);
	util_rmtree(&dir);
}

/* Topics from the ontology: a word by its Finnish name (the word pages
 * give it), a tree node by its own id or name, else by its parent's;
 * what gives none is listed with its name and count. */
static void test_ontology(void **state)
{
	char *paths[2] = { top_path("tests/data/tpr"), top_path("tests/data/tpr-ontology") };
	char *tmp = util_tmpdir();
	char *map = util_write(tmp, "words.conf",
			       "# by name and by tree id\n"
			       "Yleinen neuvonta\tother\n"
			       "ikääntyneiden palvelut\telderly\n"
			       "tree:900\tpermits\n");
	struct regjson_problems probs = { 0 };
	struct tpr_unmapped un = { 0 };
	struct tpr_opts o = { map, &un };
	struct catalogue *cat = NULL;
	char *err = NULL;
	const struct cat_service *s;
	size_t i;
	bool listed = false;
	(void)state;
	if (tpr_import(paths, 2, &o, &cat, &probs, &err) != 0)
		fail_msg("%s", err);
	assert_int_equal(cat->n_services, 3);
	/* 813 "yleinen neuvonta" by its name; 1044 maps to nothing. */
	s = svc(cat, "tpr-51342");
	assert_true(s->topics & ((topic_set)1 << TOPIC_OTHER));
	assert_false(s->topics & ((topic_set)1 << TOPIC_MOVING));
	/* Node 531 has no line of its own: its parent 530's name; 900 by
	 * its id. */
	s = svc(cat, "tpr-8215");
	assert_true(s->topics & ((topic_set)1 << TOPIC_ELDERLY));
	assert_true(s->topics & ((topic_set)1 << TOPIC_PERMITS));
	assert_int_equal(svc(cat, "tpr-67001")->topics, 0);
	assert_int_equal(un.n, 1);
	for (i = 0; i < un.n; i++)
		if (!strcmp(un.lines[i], "ontology word 1044 (maahanmuuttajien neuvonta): 1 record, no topic"))
			listed = true;
	if (!listed)
		fail_msg("unmapped: %s", un.n ? un.lines[0] : "(none)");
	tpr_unmapped_free(&un);
	regjson_problems_free(&probs);
	catalogue_free(&cat);
	free(map);
	util_rmtree(&tmp);
	free(paths[0]);
	free(paths[1]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ontology),
		cmocka_unit_test(test_units),
		cmocka_unit_test(test_hours_text),
		cmocka_unit_test(test_broken),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
