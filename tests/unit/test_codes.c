/* Unit tests for src/core/codes.c: the code lists are part of the contract
 * (DESIGN.md, "Codes stored in statistics"): their order, names and the
 * topics' ;-joined form are what statistics files and reports rely on. */
#include <config.h>

#include "util.h"
#include "core/codes.h"

/* The contract's lists, copied from DESIGN.md by hand on purpose: a change
 * in codes.c must be a deliberate change here too. */
static const char *const channel[] = {
	"walk-in", "phone", "chat", "email", "video", "outreach", NULL };
static const char *const interpreter[] = {
	"none", "colleague", "phone", "video", "on-site", "companion", NULL };
static const char *const outcome[] = {
	"answered", "redirected", "consulted", "callback", NULL };
static const char *const reason[] = {
	"expertise", "wrong-place", "language", "time", NULL };
static const char *const discovery[] = {
	"authority", "municipal", "advisory", "network", "advertising",
	"internet", "other", NULL };
static const char *const age[] = {
	"under-18", "18-29", "30-64", "65-plus", "unknown", NULL };
static const char *const gender[] = {
	"female", "male", "other", "unknown", NULL };
static const char *const life[] = {
	"working", "studying", "unemployed", "retired", "family-leave",
	"asylum-seeker", "other", "unknown", NULL };
static const char *const topic[] = {
	"housing", "education", "leisure", "elderly", "families", "transport",
	"permits", "moving", "daycare", "health", "employment", "disability",
	"entrepreneurship", "social-assistance", "digital", "other", NULL };
static const char *const org_kind[] = {
	"city", "public", "ngo", "other", NULL };
/* The catalogue's other code lists (the file's CHECK constraints and HSDS
 * use these codes). */
static const char *const res_kind[] = { "colleague", "interpreting", NULL };
static const char *const modality[] = { "in-person", "phone", "video",
					"on-site", NULL };
static const char *const appointment[] = { "no", "yes", "sometimes", NULL };

static const struct {
	enum code_list list;
	const char *name;
	const char *const *codes;
} contract[] = {
	{ CODES_CHANNEL, "channel", channel },
	{ CODES_INTERPRETER, "interpreter", interpreter },
	{ CODES_OUTCOME, "outcome", outcome },
	{ CODES_REASON, "reason", reason },
	{ CODES_DISCOVERY, "discovery", discovery },
	{ CODES_AGE, "age", age },
	{ CODES_GENDER, "gender", gender },
	{ CODES_LIFE, "life", life },
	{ CODES_TOPIC, "topic", topic },
	{ CODES_ORG_KIND, "org-kind", org_kind },
	{ CODES_RES_KIND, "resource-kind", res_kind },
	{ CODES_MODALITY, "modality", modality },
	{ CODES_APPOINTMENT, "appointment", appointment },
};

static void test_lists_follow_contract(void **state)
{
	size_t i, j, n;
	(void)state;

	assert_int_equal(sizeof contract / sizeof contract[0], CODES__N);
	for (i = 0; i < CODES__N; i++) {
		const struct code *c = codes_list(contract[i].list, &n);
		assert_string_equal(codes_list_name(contract[i].list),
				    contract[i].name);
		for (j = 0; contract[i].codes[j]; j++) {
			assert_true(j < n);
			assert_string_equal(c[j].code, contract[i].codes[j]);
			assert_string_equal(codes_code(contract[i].list, (int)j),
					    contract[i].codes[j]);
			assert_int_equal(codes_find(contract[i].list,
						    contract[i].codes[j]), j);
		}
		assert_int_equal(j, n);
		assert_int_equal(codes_count(contract[i].list), n);
	}
}

static void test_topic_enum_matches(void **state)
{
	(void)state;
	assert_int_equal(codes_count(CODES_TOPIC), TOPIC__N);
	assert_int_equal(codes_find(CODES_TOPIC, "housing"), TOPIC_HOUSING);
	assert_int_equal(codes_find(CODES_TOPIC, "daycare"), TOPIC_DAYCARE);
	assert_int_equal(codes_find(CODES_TOPIC, "social-assistance"),
			 TOPIC_SOCIAL_ASSISTANCE);
	assert_int_equal(codes_find(CODES_TOPIC, "other"), TOPIC_OTHER);
}

static void test_lookups_out_of_range(void **state)
{
	(void)state;
	assert_int_equal(codes_find(CODES_CHANNEL, "fax"), -1);
	assert_int_equal(codes_find(CODES_CHANNEL, "Phone"), -1);
	assert_int_equal(codes_find(CODES_CHANNEL, NULL), -1);
	assert_null(codes_code(CODES_CHANNEL, -1));
	assert_null(codes_code(CODES_CHANNEL, 6));
	assert_null(codes_label(CODES_OUTCOME, 4));
	assert_null(codes_list_name(CODES__N));
}

static void test_labels(void **state)
{
	size_t i, j, k, n;
	(void)state;

	assert_string_equal(codes_label(CODES_CHANNEL, 0), "Walk-in");
	assert_string_equal(codes_label(CODES_CHANNEL, 3), "E-mail");
	assert_string_equal(codes_label(CODES_INTERPRETER, 0), "No interpreter");
	assert_string_equal(codes_label(CODES_REASON, 1), "Came to the wrong place");
	assert_string_equal(codes_label(CODES_TOPIC, TOPIC_SOCIAL_ASSISTANCE),
			    "Social assistance");
	assert_string_equal(codes_label(CODES_ORG_KIND, 2), "NGO");
	/* Within a list every choice can be told apart on screen. */
	for (i = 0; i < CODES__N; i++) {
		const struct code *c = codes_list((enum code_list)i, &n);
		for (j = 0; j < n; j++) {
			assert_true(strlen(c[j].label) > 0);
			for (k = j + 1; k < n; k++)
				assert_string_not_equal(c[j].label, c[k].label);
		}
	}
}

/* Modalities as the catalogue file's comma list and back. */
static void test_bits(void **state)
{
	unsigned bits = 0;
	char *s;
	(void)state;
	s = codes_join_bits(CODES_MODALITY, MOD_PHONE | MOD_INPERSON, ",");
	assert_string_equal(s, "in-person,phone");
	free(s);
	s = codes_join_bits(CODES_MODALITY, 0, ",");
	assert_string_equal(s, "");
	free(s);
	assert_int_equal(codes_parse_bits(CODES_MODALITY, "on-site, video", ",", &bits), 0);
	assert_int_equal(bits, MOD_ONSITE | MOD_VIDEO);
	assert_int_equal(codes_parse_bits(CODES_MODALITY, "phone,telepathy", ",", &bits), -1);
	assert_int_equal(bits, MOD_PHONE);
	assert_int_equal(codes_parse_bits(CODES_MODALITY, "", ",", &bits), 0);
	assert_int_equal(bits, 0);
}

static void test_topics_join(void **state)
{
	char *s;
	(void)state;

	s = codes_topics_join(0);
	assert_string_equal(s, "");
	free(s);
	/* Code order, whatever order they were ticked in. */
	s = codes_topics_join((1u << TOPIC_DAYCARE) | (1u << TOPIC_HOUSING));
	assert_string_equal(s, "housing;daycare");
	free(s);
	s = codes_topics_join((1u << TOPIC__N) - 1);
	assert_string_equal(s, "housing;education;leisure;elderly;families;"
			    "transport;permits;moving;daycare;health;"
			    "employment;disability;entrepreneurship;"
			    "social-assistance;digital;other");
	free(s);
}

static void test_topics_parse(void **state)
{
	topic_set set = 0;
	int i;
	(void)state;

	assert_int_equal(codes_topics_parse("daycare;housing", &set), 0);
	assert_int_equal(set, (1u << TOPIC_DAYCARE) | (1u << TOPIC_HOUSING));
	assert_int_equal(codes_topics_parse("", &set), 0);
	assert_int_equal(set, 0);
	set = 1u << TOPIC_HEALTH;
	assert_int_equal(codes_topics_parse("housing;dancing", &set), -1);
	assert_int_equal(set, 1u << TOPIC_HEALTH);	/* untouched */
	assert_int_equal(codes_topics_parse("house", &set), -1);
	for (i = 0; i < TOPIC__N; i++) {
		char *s = codes_topics_join(1u << i);
		assert_int_equal(codes_topics_parse(s, &set), 0);
		assert_int_equal(set, 1u << i);
		free(s);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lists_follow_contract),
		cmocka_unit_test(test_topic_enum_matches),
		cmocka_unit_test(test_lookups_out_of_range),
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_bits),
		cmocka_unit_test(test_topics_join),
		cmocka_unit_test(test_topics_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
