/* test_morph: the word analysis behind search: Finnish base forms and
 * compound parts through Voikko, Swedish and English stems, and plain
 * folding with one warning when the Finnish dictionary is missing. */
#include <config.h>

#include "util.h"

#include "core/err.h"
#include "core/morph.h"

struct terms {
	char buf[2048];
	size_t len;
};

static void collect(void *arg, const char *t, size_t len, enum morph_kind k)
{
	struct terms *ts = arg;
	int n = snprintf(ts->buf + ts->len, sizeof ts->buf - ts->len, "%s%.*s ",
			 k == MORPH_BASE ? "b:" : "p:", (int)len, t);
	ts->len += (size_t)n;
}

/* The terms of w, as " b:base p:part ... " (a space before each). */
static char *terms(struct morph *m, const char *w, unsigned langs)
{
	struct terms ts = { " ", 1 };
	morph_analyse(m, w, strlen(w), langs, collect, &ts);
	return xstrdup(ts.buf);
}

static void assert_has(struct morph *m, const char *w, unsigned langs,
		       const char *term)
{
	char *t = terms(m, w, langs), *want = xasprintf(" %s ", term);
	if (!strstr(t, want))
		fail_msg("%s: no %s in%s", w, term, t);
	free(want);
	free(t);
}

static void assert_lacks(struct morph *m, const char *w, unsigned langs,
			 const char *term)
{
	char *t = terms(m, w, langs), *want = xasprintf(" %s ", term);
	if (strstr(t, want))
		fail_msg("%s: %s in%s", w, term, t);
	free(want);
	free(t);
}

static void test_finnish_base_forms(void **state)
{
	struct morph *m = morph_new(NULL);
	(void)state;
	assert_null(morph_warning(m));
	assert_true(morph_has_finnish(m));
	assert_has(m, "häädöstä", MORPH_FI, "b:häätö");
	assert_has(m, "kelasta", MORPH_FI, "b:kela");
	assert_has(m, "toimeentulotuesta", MORPH_FI, "b:toimeentulotuki");
	assert_has(m, "helsingin", MORPH_FI, "b:helsinki");
	/* The word itself is never a term of its own. */
	assert_lacks(m, "kela", MORPH_FI, "b:kela");
	morph_free(&m);
	assert_null(m);
}

static void test_finnish_compound_parts(void **state)
{
	struct morph *m = morph_new(NULL);
	(void)state;
	assert_has(m, "asuntohakemus", MORPH_FI, "p:asunto");
	assert_has(m, "asuntohakemus", MORPH_FI, "p:hakemus");
	/* Endings and joints belong to their part: neuvo+n+ta. */
	assert_has(m, "asumisneuvonta", MORPH_FI, "p:neuvonta");
	assert_has(m, "asumisneuvonta", MORPH_FI, "p:asumis");
	assert_lacks(m, "asumisneuvonta", MORPH_FI, "p:ta");
	/* An inflected compound: its last part in the base form. */
	assert_has(m, "toimeentulotuesta", MORPH_FI, "p:tuki");
	assert_has(m, "toimeentulotuesta", MORPH_FI, "p:toimeentulo");
	assert_has(m, "terveysasemalle", MORPH_FI, "p:terveys");
	assert_has(m, "terveysasemalle", MORPH_FI, "p:asema");
	/* A word of one part has no parts. */
	assert_lacks(m, "häädöstä", MORPH_FI, "p:häätö");
	morph_free(&m);
}

static void test_swedish_english_stems(void **state)
{
	struct morph *m = morph_new(NULL);
	(void)state;
	assert_has(m, "bostäder", MORPH_SV, "b:bostäd");
	assert_has(m, "vräkningar", MORPH_SV, "b:vräkning");
	/* Plurals that change their vowel meet their singular's stem. */
	assert_has(m, "hyresbostäder", MORPH_SV, "b:hyresbostad");
	assert_has(m, "bostäderna", MORPH_SV, "b:bostad");
	assert_has(m, "länder", MORPH_SV, "b:land");
	assert_has(m, "söner", MORPH_SV, "b:son");
	/* ...but only when an ending from "er" was cut: the word's own vowel
	 * stays otherwise. */
	assert_lacks(m, "hälsan", MORPH_SV, "b:halsa");
	assert_lacks(m, "hälsa", MORPH_SV, "b:hals");
	assert_has(m, "evicted", MORPH_EN, "b:evict");
	assert_has(m, "eviction", MORPH_EN, "b:evict");
	assert_has(m, "immigrants", MORPH_EN, "b:immigr");
	/* Only the languages asked for: no English stem for a Swedish word. */
	assert_lacks(m, "evicted", MORPH_SV | MORPH_FI, "b:evict");
	assert_lacks(m, "housing", MORPH_FI, "b:hous");
	/* Numbers and short words: nothing. */
	{
		char *t = terms(m, "2024", MORPH_ALL);
		assert_string_equal(t, " ");
		free(t);
	}
	morph_free(&m);
}

/* The Finnish dictionary missing (a variant that is not installed): one
 * warning line, plain folding for Finnish, the stemmers still work. */
static void test_missing_dictionary(void **state)
{
	struct morph *m;
	const char *w;
	(void)state;
	setenv("NEUVOO_VOIKKO_LANG", "fi-x-none", 1);
	m = morph_new(NULL);
	unsetenv("NEUVOO_VOIKKO_LANG");
	w = morph_warning(m);
	assert_non_null(w);
	assert_non_null(strstr(w, "voikko-fi"));
	assert_null(strchr(w, '\n'));
	assert_false(morph_has_finnish(m));
	assert_lacks(m, "häädöstä", MORPH_ALL, "b:häätö");
	assert_has(m, "evicted", MORPH_ALL, "b:evict");
	morph_free(&m);
	/* The option alone does it too. */
	m = morph_new("fi-x-none");
	assert_non_null(morph_warning(m));
	morph_free(&m);
}

static void test_one_edit(void **state)
{
	(void)state;
	assert_true(morph_one_edit("asumisneuvota", 13, "asumisneuvonta", 14));
	assert_true(morph_one_edit("asumisneuvonta", 14, "asumisneuvota", 13));
	assert_true(morph_one_edit("kalle", 5, "kelle", 5));
	assert_true(morph_one_edit("kalel", 5, "kalle", 5));
	/* Characters, not bytes: ä for a is one edit. */
	assert_true(morph_one_edit("päivä", strlen("päivä"), "paivä",
				   strlen("paivä")));
	assert_true(morph_one_edit("hakemus", 7, "hakemus", 7));
	assert_false(morph_one_edit("asumisnuevota", 13, "asumisneuvonta", 14));
	assert_false(morph_one_edit("kalle", 5, "kallexx", 7));
	assert_false(morph_one_edit("abcde", 5, "badce", 5));
	assert_true(morph_one_edit("", 0, "a", 1));
	/* Swapped, dropped or added characters of two bytes. */
	assert_true(morph_one_edit("häätö", strlen("häätö"), "hätäö",
				   strlen("hätäö")));
	assert_true(morph_one_edit("häätö", strlen("häätö"), "hätö",
				   strlen("hätö")));
	assert_true(morph_one_edit("äiti", strlen("äiti"), "aiti", 4));
	assert_false(morph_one_edit("äiti", strlen("äiti"), "iät", 3 + 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_finnish_base_forms),
		cmocka_unit_test(test_finnish_compound_parts),
		cmocka_unit_test(test_swedish_english_stems),
		cmocka_unit_test(test_missing_dictionary),
		cmocka_unit_test(test_one_edit),
	};
	setenv("LANGUAGE", "en", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
