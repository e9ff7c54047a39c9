/* test_search: the search engine as `catalogue search` and the desk's
 * filter-as-you-type see it: tiers, order, folding, several words, and
 * typing letter by letter giving exactly what a fresh query gives. */
#include <config.h>

#include "util.h"

#include "core/catalogue.h"
#include "core/catalogue_publish.h"
#include "core/codes.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/search.h"
#include "core/text.h"

#define BIT(t) ((topic_set)1 << (t))

static struct cat_service *add(struct catalogue *cat, const char *id,
			       const char *fi, const char *sv, const char *en,
			       const char *desc, const char *keywords,
			       topic_set topics)
{
	struct cat_service *s = catalogue_add_service(cat);
	s->id = xstrdup(id);
	s->org = 0;
	s->name.v[CAT_FI] = xstrdup(fi);
	s->name.v[CAT_SV] = xstrdup(sv);
	s->name.v[CAT_EN] = xstrdup(en);
	s->description.v[CAT_FI] = xstrdup(desc);
	s->keywords = xstrdup(keywords);
	s->topics = topics;
	return s;
}

static struct catalogue *new_cat(void)
{
	struct catalogue *cat = catalogue_new();
	struct cat_org *o = catalogue_add_org(cat);
	o->id = xstrdup("org-1");
	o->name.v[CAT_FI] = xstrdup("Kaupunginkanslia");
	o->name.v[CAT_EN] = xstrdup("City Executive Office");
	return cat;
}

/* The id of hit i. */
static const char *hid(const struct catalogue *cat,
		       const struct search_hit *h, size_t i)
{
	return cat->services[h[i].index].id;
}

/* ---- tiers and order ---------------------------------------------------- */

static struct catalogue *housing_cat(void)
{
	struct catalogue *cat = new_cat();
	add(cat, "s-advice", "Asuntoneuvonta", "Bostadsrådgivning",
	    "Housing advice", "Neuvontaa vuokralaisille.", NULL, 0);
	add(cat, "s-youth", "Nuorten asuntopalvelu", NULL, NULL,
	    "Nuorille.", NULL, 0);
	add(cat, "s-own", "Omistusasunto-opastus", NULL, NULL,
	    "Ostajille.", NULL, 0);
	add(cat, "s-social", "Sosiaalineuvonta", NULL, "Social counselling",
	    "Neuvoja asuntoasioissa ja toimeentulossa.", NULL, 0);
	add(cat, "s-library", "Kirjasto", "Bibliotek", "Library",
	    "Lainaa kirjoja.", "lukeminen", 0);
	return cat;
}

static void test_tiers_then_name(void **state)
{
	struct catalogue *cat = housing_cat();
	struct search *s = search_new(cat, "fi");
	const struct search_hit *h;
	size_t n = search_query(s, "asunto", &h);
	(void)state;

	assert_int_equal(n, 4);
	assert_string_equal(hid(cat, h, 0), "s-advice");
	assert_int_equal(h[0].tier, SEARCH_NAME_PREFIX);
	/* A compound part of a name ("asunto|palvelu", "omistus|asunto"),
	 * by Finnish name, before a part of a description's word. */
	assert_string_equal(hid(cat, h, 1), "s-youth");
	assert_int_equal(h[1].tier, SEARCH_NAME_PART);
	assert_string_equal(hid(cat, h, 2), "s-own");
	assert_int_equal(h[2].tier, SEARCH_NAME_PART);
	assert_string_equal(hid(cat, h, 3), "s-social");
	assert_int_equal(h[3].tier, SEARCH_DESC_PART);
	/* While typing, a word that only starts so. */
	n = search_query(s, "asuntop", &h);
	assert_int_equal(n, 1);
	assert_string_equal(hid(cat, h, 0), "s-youth");
	assert_int_equal(h[0].tier, SEARCH_NAME_START);

	search_free(&s);
	assert_null(s);
	catalogue_free(&cat);
}

static void test_name_prefix_any_language(void **state)
{
	struct catalogue *cat = housing_cat();
	struct search *s = search_new(cat, "fi");
	const struct search_hit *h;
	size_t n;
	(void)state;

	/* The English and Swedish names count for the first tier too. */
	n = search_query(s, "Housing", &h);
	assert_int_equal(n, 1);
	assert_string_equal(hid(cat, h, 0), "s-advice");
	assert_int_equal(h[0].tier, SEARCH_NAME_PREFIX);

	n = search_query(s, "bostads", &h);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].tier, SEARCH_NAME_PREFIX);

	/* "advice" starts a word of a name, not the name. */
	n = search_query(s, "advice", &h);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].tier, SEARCH_NAME_WORD);

	/* The whole query must start the name, spaces and all. */
	n = search_query(s, "nuorten asunto", &h);
	assert_int_equal(n, 1);
	assert_string_equal(hid(cat, h, 0), "s-youth");
	assert_int_equal(h[0].tier, SEARCH_NAME_PREFIX);

	search_free(&s);
	catalogue_free(&cat);
}

static void test_ties_by_name_in_ui_language(void **state)
{
	struct catalogue *cat = new_cat();
	struct search *s;
	const struct search_hit *h;
	size_t n;
	(void)state;

	add(cat, "z", "Zoo-palvelu", NULL, NULL, NULL, "yhteinen", 0);
	add(cat, "ae", "Äitiysneuvola", NULL, NULL, NULL, "yhteinen", 0);
	add(cat, "a", "Aikuisopisto", NULL, NULL, NULL, "yhteinen", 0);
	add(cat, "oe", "Örkkikerho", NULL, NULL, NULL, "yhteinen", 0);
	add(cat, "dup-b", "Neuvonta", NULL, NULL, NULL, "yhteinen", 0);
	add(cat, "dup-a", "Neuvonta", NULL, NULL, NULL, "yhteinen", 0);
	add(cat, "aa", "Åggelby", NULL, NULL, NULL, "yhteinen", 0);

	/* Finnish: å ä ö are letters after z, in that order (not the
	 * order of their code points, ä å ö); equal names go by id. */
	s = search_new(cat, "fi");
	n = search_query(s, "yhteinen", &h);
	assert_int_equal(n, 7);
	assert_string_equal(hid(cat, h, 0), "a");
	assert_string_equal(hid(cat, h, 1), "dup-a");
	assert_string_equal(hid(cat, h, 2), "dup-b");
	assert_string_equal(hid(cat, h, 3), "z");
	assert_string_equal(hid(cat, h, 4), "aa");
	assert_string_equal(hid(cat, h, 5), "ae");
	assert_string_equal(hid(cat, h, 6), "oe");
	search_free(&s);

	/* English: å and ä are an a, ö an o. */
	s = search_new(cat, "en");
	n = search_query(s, "yhteinen", &h);
	assert_int_equal(n, 7);
	assert_string_equal(hid(cat, h, 0), "aa");
	assert_string_equal(hid(cat, h, 1), "a");
	assert_string_equal(hid(cat, h, 2), "ae");
	assert_string_equal(hid(cat, h, 3), "dup-a");
	assert_string_equal(hid(cat, h, 4), "dup-b");
	assert_string_equal(hid(cat, h, 5), "oe");
	assert_string_equal(hid(cat, h, 6), "z");
	search_free(&s);
	catalogue_free(&cat);
}

static void test_empty_query_lists_all_by_name(void **state)
{
	struct catalogue *cat = housing_cat();
	struct search *s = search_new(cat, "fi");
	const struct search_hit *h;
	const char *want[] = { "s-advice", "s-library", "s-youth", "s-own",
			       "s-social" };
	const char *queries[] = { "", "   ", " -- !", NULL };
	size_t n, i, q;
	(void)state;

	for (q = 0; q < 4; q++) {
		n = search_query(s, queries[q], &h);
		assert_int_equal(n, 5);
		for (i = 0; i < n; i++) {
			assert_string_equal(hid(cat, h, i), want[i]);
			assert_int_equal(h[i].tier, SEARCH_SUBSTRING);
		}
		/* A real query in between must not leak into the next one. */
		assert_int_equal(search_query(s, "kirja", &h), 1);
	}
	search_free(&s);
	catalogue_free(&cat);
}

/* ---- matching ----------------------------------------------------------- */

static void test_words_all_must_match(void **state)
{
	struct catalogue *cat = housing_cat();
	struct search *s = search_new(cat, "fi");
	const struct search_hit *h;
	size_t n;
	(void)state;

	/* Both words, in different fields (name and description). */
	n = search_query(s, "sosiaali toimeentulo", &h);
	assert_int_equal(n, 1);
	assert_string_equal(hid(cat, h, 0), "s-social");
	/* The weaker word decides: a base form in a description
	 * ("toimeentulossa"). */
	assert_int_equal(h[0].tier, SEARCH_DESC_BASE);

	/* Word order does not matter; a word that matches nothing empties. */
	assert_int_equal(search_query(s, "toimeentulo sosiaali", &h), 1);
	assert_int_equal(search_query(s, "asunto xyzzy", &h), 0);
	/* One word a name's word, the other a compound part of the name. */
	n = search_query(s, "asunto opastus", &h);
	assert_int_equal(n, 1);
	assert_string_equal(hid(cat, h, 0), "s-own");
	assert_int_equal(h[0].tier, SEARCH_NAME_PART);
	/* Only inside a word: "neuvo" of "omistus|asunto-opastus" no, of
	 * "asuntoneuvonta" a compound part's start, of "neuvoja" a word. */
	n = search_query(s, "untone", &h);
	assert_int_equal(n, 1);
	assert_string_equal(hid(cat, h, 0), "s-advice");
	assert_int_equal(h[0].tier, SEARCH_SUBSTRING);
	/* A repeated word counts once. */
	assert_int_equal(search_query(s, "kirja kirja", &h), 1);

	search_free(&s);
	catalogue_free(&cat);
}

static void test_folding(void **state)
{
	struct catalogue *cat = new_cat();
	struct search *s;
	const struct search_hit *h;
	(void)state;

	add(cat, "day", "Päiväkoti Sateenkaari", NULL, NULL, NULL, NULL, 0);
	add(cat, "cafe", "Café Kulma", NULL, NULL, NULL, NULL, 0);
	add(cat, "paiva", "Paivanen Oy", NULL, NULL, NULL, NULL, 0);
	s = search_new(cat, "fi");

	/* å ä ö are letters of their own in Finnish and Swedish. */
	assert_int_equal(search_query(s, "paiva", &h), 1);
	assert_string_equal(hid(cat, h, 0), "paiva");
	assert_int_equal(search_query(s, "päivä", &h), 1);
	assert_string_equal(hid(cat, h, 0), "day");
	assert_int_equal(h[0].tier, SEARCH_NAME_PREFIX);
	assert_int_equal(search_query(s, "PÄIVÄKOTI", &h), 1);
	assert_string_equal(hid(cat, h, 0), "day");
	/* Other accents fold away, both ways; case never matters. */
	assert_int_equal(search_query(s, "cafe", &h), 1);
	assert_string_equal(hid(cat, h, 0), "cafe");
	assert_int_equal(h[0].tier, SEARCH_NAME_PREFIX);
	assert_int_equal(search_query(s, "CAFÉ kulma", &h), 1);
	/* Punctuation is a space. */
	assert_int_equal(search_query(s, "café, kulma!", &h), 1);
	assert_int_equal(h[0].tier, SEARCH_NAME_PREFIX);

	search_free(&s);
	catalogue_free(&cat);
}

static void test_topics_and_organisation(void **state)
{
	struct catalogue *cat = new_cat();
	struct search *s;
	const struct search_hit *h;
	size_t n;
	(void)state;

	add(cat, "kids", "Leikkipuisto", NULL, NULL, NULL, NULL,
	    BIT(TOPIC_DAYCARE));
	add(cat, "bus", "Matkakortit", NULL, NULL, NULL, NULL,
	    BIT(TOPIC_TRANSPORT) | BIT(TOPIC_SOCIAL_ASSISTANCE));
	s = search_new(cat, "fi");

	/* The topic's code and its English label. */
	n = search_query(s, "daycare", &h);
	assert_int_equal(n, 1);
	assert_string_equal(hid(cat, h, 0), "kids");
	assert_int_equal(search_query(s, "childhood", &h), 1);
	assert_string_equal(hid(cat, h, 0), "kids");
	assert_int_equal(search_query(s, "social-assistance", &h), 1);
	assert_string_equal(hid(cat, h, 0), "bus");
	assert_int_equal(search_query(s, "transport matka", &h), 1);
	/* The organisation's name in any language: both services. */
	assert_int_equal(search_query(s, "kanslia", &h), 2);
	assert_int_equal(search_query(s, "executive", &h), 2);
	assert_int_equal(h[0].tier, SEARCH_OTHER_WORD);

	search_free(&s);
	catalogue_free(&cat);
}

static void test_empty_catalogue(void **state)
{
	struct catalogue *cat = catalogue_new();
	struct search *s = search_new(cat, "sv");
	const struct search_hit *h = NULL;
	(void)state;

	assert_int_equal(search_query(s, "", &h), 0);
	assert_int_equal(search_query(s, "a", &h), 0);
	assert_int_equal(search_query(s, "asunto", &h), 0);
	search_free(&s);
	search_free(&s);	/* twice is harmless */
	catalogue_free(&cat);
}

/* ---- morphology, typos, fields ----------------------------------------- */

static struct catalogue *advice_cat(void)
{
	struct catalogue *cat = new_cat();
	struct cat_service *s;
	add(cat, "kela", "Kela", "FPA", "Kela", "Asiakaspalvelu puhelimessa.",
	    NULL, 0);
	add(cat, "housing", "Asumisneuvonta", "Boranderådgivning",
	    "Housing advice", "Apua, kun vuokranmaksu on myöhässä tai uhkana "
	    "on häätö.", "vuokra", 0);
	s = add(cat, "rental", "Vuokra-asunnon hakeminen", NULL, NULL,
		"Täytä asuntohakemus verkossa.", NULL, 0);
	s->description.v[CAT_SV] = xstrdup("Vi hjälper dig att söka hyresbostad.");
	s->description.v[CAT_EN] = xstrdup("Apply if you were evicted.");
	add(cat, "work", "Työllisyyspalvelut", NULL, NULL,
	    "Apua työnhakuun, myös Kelan etuuksiin liittyen.", NULL, 0);
	return cat;
}

static const char *first(struct search *s, const struct catalogue *cat,
			 const char *q, enum search_tier *tier)
{
	const struct search_hit *h;
	if (!search_query(s, q, &h))
		return "";
	if (tier)
		*tier = h[0].tier;
	return hid(cat, h, 0);
}

static void test_inflected_and_compound(void **state)
{
	struct catalogue *cat = advice_cat();
	struct search *s = search_new(cat, "fi");
	enum search_tier t;
	(void)state;

	/* A base form: "kelasta" -> kela, the name; "Kelan" in another
	 * service's description is a base form match there, after it. */
	assert_string_equal(first(s, cat, "kelasta", &t), "kela");
	assert_int_equal(t, SEARCH_NAME_BASE);
	{
		const struct search_hit *h;
		assert_int_equal(search_query(s, "kelasta", &h), 2);
		assert_string_equal(hid(cat, h, 1), "work");
	}
	/* "häädöstä" -> häätö, in a description. */
	assert_string_equal(first(s, cat, "häädöstä", &t), "housing");
	assert_int_equal(t, SEARCH_DESC_BASE);
	/* A compound's part: "hakemus" of "asuntohakemus". */
	assert_string_equal(first(s, cat, "hakemus", &t), "rental");
	assert_int_equal(t, SEARCH_DESC_PART);
	/* An inflected compound of the name: "vuokra-asuntoa". */
	assert_string_equal(first(s, cat, "asuntoa", &t), "rental");
	assert_int_equal(t, SEARCH_NAME_BASE);
	/* A compound no text has as a whole: all of its parts. */
	assert_string_equal(first(s, cat, "asuntohakeminen", &t), "rental");
	assert_int_equal(t, SEARCH_NAME_PART);
	/* A compound with a part that no text has ("pelko"), nor within a
	 * typo: the services with its other part, last, rather than none. */
	{
		const struct search_hit *h;
		assert_int_equal(search_query(s, "häätöpelko", &h), 1);
		assert_string_equal(hid(cat, h, 0), "housing");
		assert_int_equal(h[0].tier, SEARCH_DESC_TYPO);
	}
	/* Swedish and English stems, in their languages' texts. */
	assert_string_equal(first(s, cat, "hyresbostaden", &t), "rental");
	assert_int_equal(t, SEARCH_DESC_BASE);
	assert_string_equal(first(s, cat, "eviction", &t), "rental");
	assert_int_equal(t, SEARCH_DESC_BASE);

	search_free(&s);
	catalogue_free(&cat);
}

static void test_typo(void **state)
{
	struct catalogue *cat = advice_cat();
	struct search *s = search_new(cat, "fi");
	const struct search_hit *h;
	enum search_tier t;
	(void)state;

	/* A letter missing, one too many, one wrong, two swapped. */
	assert_string_equal(first(s, cat, "asumisneuvota", &t), "housing");
	assert_int_equal(t, SEARCH_NAME_TYPO);
	assert_string_equal(first(s, cat, "asumisneuvontta", &t), "housing");
	assert_string_equal(first(s, cat, "asumisneovonta", &t), "housing");
	assert_string_equal(first(s, cat, "asumisnuevonta", &t), "housing");
	/* Two edits, or a word shorter than five letters: nothing. */
	assert_int_equal(search_query(s, "asumisnuevota", &h), 0);
	assert_int_equal(search_query(s, "kelx", &h), 0);
	/* A word that matches is never matched as a typo too: "hakemus"
	 * (a part of "asuntohakemus") finds it alone, not "hakeminen". */
	assert_int_equal(search_query(s, "hakemus", &h), 1);

	search_free(&s);
	catalogue_free(&cat);
}

/* A compound written whole only in a description: a name that has all
 * of its parts comes first, and is found at all, whatever other services
 * hold ("kotoutumisen neuvontapuhelin" for "kotoutumisneuvonta"). */
static void test_compound_parts_in_name(void **state)
{
	struct catalogue *cat = new_cat();
	struct search *s;
	const struct search_hit *h;
	(void)state;
	add(cat, "desc", "Asukastalo", NULL, NULL,
	    "Kotoutumisneuvonta ja kerhot.", NULL, 0);
	add(cat, "line", "Kotoutumisen neuvontapuhelin", NULL, NULL,
	    "Soita meille.", NULL, 0);
	add(cat, "other", "Kirjasto", NULL, NULL, "Lainaa kirjoja.", NULL, 0);
	s = search_new(cat, "fi");
	assert_int_equal(search_query(s, "kotoutumisneuvonta", &h), 2);
	assert_string_equal(hid(cat, h, 0), "line");
	assert_int_equal(h[0].tier, SEARCH_NAME_PART);
	assert_string_equal(hid(cat, h, 1), "desc");
	assert_int_equal(h[1].tier, SEARCH_DESC_WORD);
	search_free(&s);
	catalogue_free(&cat);
}

/* A name's word above a description's: the "toimeentulotuki" case. */
static void test_name_above_description(void **state)
{
	struct catalogue *cat = new_cat();
	struct search *s;
	const struct search_hit *h;
	size_t n;
	(void)state;

	add(cat, "adult", "Aikuissosiaalityö", NULL, NULL,
	    "Neuvoo toimeentulotuessa ja asumisessa.", NULL, 0);
	add(cat, "immig", "Maahanmuuttoyksikkö", NULL, NULL,
	    "Ohjaa toimeentulotukeen.", NULL, 0);
	add(cat, "kela", "Kela", NULL, NULL,
	    "Perustoimeentulotuki haetaan Kelasta.", "toimeentulotuki", 0);
	add(cat, "supp", "Täydentävä toimeentulotuki", NULL, NULL,
	    "Puhelinneuvonta.", NULL, 0);
	s = search_new(cat, "fi");
	n = search_query(s, "toimeentulotuki", &h);
	assert_int_equal(n, 4);
	assert_string_equal(hid(cat, h, 0), "supp");
	assert_int_equal(h[0].tier, SEARCH_NAME_WORD);
	/* Then the keyword, then the descriptions. */
	assert_string_equal(hid(cat, h, 1), "kela");
	assert_int_equal(h[1].tier, SEARCH_KEY_WORD);
	assert_true(h[2].tier >= SEARCH_DESC_WORD);
	assert_true(h[3].tier >= SEARCH_DESC_WORD);
	search_free(&s);
	catalogue_free(&cat);
}

/* ---- typing: incremental equals fresh, and equals a plain scan ---------- */

static const char *const stems[] = {
	"asunto", "asukas", "neuvonta", "palvelu", "päivä", "koti", "hoito",
	"kassa", "sosiaali", "terveys", "työ", "opisto", "nuori", "perhe",
	"bostad", "rådgivning", "hälsa", "service", "housing", "advice",
	"café", "öljy", "åbo", "kulttuuri", "liikunta", "vero", "as", "a",
};
#define N_STEMS (sizeof stems / sizeof stems[0])

static char *word(unsigned *seed)
{
	const char *a, *b;
	*seed = *seed * 1103515245u + 12345u;
	a = stems[(*seed >> 8) % N_STEMS];
	*seed = *seed * 1103515245u + 12345u;
	b = ((*seed >> 8) % 3) ? stems[(*seed >> 12) % N_STEMS] : "";
	return xasprintf("%s%s", a, b);
}

/* A word of its own for service i: "ref" and letters. */
static void unique_word(char *buf, size_t i, size_t k)
{
	size_t v = i * 8 + k, j;
	memcpy(buf, "ref", 3);
	for (j = 3; j < 7; j++) {
		buf[j] = (char)('b' + v % 20);
		v /= 20;
	}
	buf[7] = '\0';
}

/* Services named from compounds of a few stems, each with a handful of
 * words of its own, so the vocabulary is large next to what a typed word
 * matches: that is when the engine narrows the previous word's matches
 * instead of scanning the vocabulary again. */
static struct catalogue *random_cat(size_t n)
{
	struct catalogue *cat = new_cat();
	unsigned seed = 7;
	size_t i;
	for (i = 0; i < n; i++) {
		char *w[6], *name, *desc, *id = xasprintf("svc-%03zu", i);
		char u[8][8];
		size_t k;
		for (k = 0; k < 6; k++)
			w[k] = word(&seed);
		for (k = 0; k < 8; k++)
			unique_word(u[k], i, k);
		name = xasprintf("%s %s", w[0], w[1]);
		desc = xasprintf("%s, %s ja %s. %s %s %s %s %s %s %s %s", w[2],
				 w[3], w[4], u[0], u[1], u[2], u[3], u[4], u[5],
				 u[6], u[7]);
		add(cat, id, name, i % 3 ? NULL : w[5], NULL, desc,
		    i % 2 ? w[5] : NULL, BIT(i % TOPIC__N));
		for (k = 0; k < 6; k++)
			free(w[k]);
		free(name);
		free(desc);
		free(id);
	}
	return cat;
}

/* A search over a fresh engine, copied. */
static size_t fresh(const struct catalogue *cat, const char *q,
		    struct search_hit **out)
{
	struct search *s = search_new(cat, "fi");
	const struct search_hit *h;
	size_t n = search_query(s, q, &h);
	*out = xmalloc((n + 1) * sizeof **out);
	memcpy(*out, h, n * sizeof *h);
	search_free(&s);
	return n;
}

/* " " and the folds of texts[0..n), each followed by a space. */
static char *fold_keys(const char *const *texts, size_t n)
{
	char *keys = xstrdup(" ");
	size_t k;
	for (k = 0; k < n; k++) {
		char *f = text_fold(texts[k] ? texts[k] : "", true);
		char *j = xasprintf("%s%s ", keys, f);
		free(f);
		free(keys);
		keys = j;
	}
	return keys;
}

/* The meaning of the tiers of words as written spelt out: fold each key
 * and look. A name starting with the query: SEARCH_NAME_PREFIX. Names,
 * descriptions and keywords: every word starting a word there is
 * SEARCH_DESC_START at worst (a whole word, or one of a name or keywords,
 * ranks higher), inside a word SEARCH_SUBSTRING at worst. The
 * organisation's name and the topics: a whole word (or, three bytes or
 * more, the start of one), SEARCH_OTHER_START at worst. */
static int plain_tier(const struct catalogue *cat, size_t i, const char *q)
{
	const struct cat_service *svc = &cat->services[i];
	char *fq = text_fold(q, true), *keys, *other, *name[3], *p, *wsave;
	char *fi_sv[TOPIC__N][2] = { { NULL } };
	const char *texts[5], *others[1 + 4 * TOPIC__N];
	size_t nt = 0, no = 0, k;
	int tier = 0;
	bool nameprefix = false;

	for (k = 0; k < 3; k++) {
		name[k] = text_fold(svc->name.v[k] ? svc->name.v[k] : "", true);
		if (*fq && !strncmp(name[k], fq, strlen(fq)))
			nameprefix = true;
		texts[nt++] = svc->name.v[k];
	}
	texts[nt++] = svc->description.v[CAT_FI];
	texts[nt++] = svc->keywords;
	others[no++] = "Kaupunginkanslia City Executive Office";
	for (k = 0; k < TOPIC__N; k++)
		if (svc->topics & BIT(k)) {
			const char *label = codes_list(CODES_TOPIC, NULL)[k].label;
			others[no++] = codes_code(CODES_TOPIC, (int)k);
			others[no++] = label;
			others[no++] = fi_sv[k][0] = i18n_translate_in("fi", label);
			others[no++] = fi_sv[k][1] = i18n_translate_in("sv", label);
		}
	keys = fold_keys(texts, nt);
	other = fold_keys(others, no);
	for (p = strtok_r(fq, " ", &wsave); p; p = strtok_r(NULL, " ", &wsave)) {
		char *sp = xasprintf(" %s", p), *spe = xasprintf(" %s ", p);
		int t = -1;
		if (strstr(keys, sp))
			t = SEARCH_DESC_START;
		else if (strstr(other, spe) ||
			 (strlen(p) >= 3 && strstr(other, sp)))
			t = SEARCH_OTHER_START;
		else if (strstr(keys, p))
			t = SEARCH_SUBSTRING;
		if (t < 0 || tier < 0)
			tier = -1;
		else if (t > tier)
			tier = t;
		free(sp);
		free(spe);
	}
	if (tier >= 0 && nameprefix)
		tier = SEARCH_NAME_PREFIX;
	for (k = 0; k < 3; k++)
		free(name[k]);
	for (k = 0; k < TOPIC__N; k++) {
		free(fi_sv[k][0]);
		free(fi_sv[k][1]);
	}
	free(keys);
	free(other);
	free(fq);
	return tier;
}

static void check_against_plain(const struct catalogue *cat, const char *q,
				const struct search_hit *h, size_t n)
{
	size_t i, want = 0;
	int *tier = xcalloc(cat->n_services, sizeof *tier);
	char *fq = text_fold(q, true);
	for (i = 0; i < cat->n_services; i++) {
		tier[i] = *fq ? plain_tier(cat, i, q) : SEARCH_SUBSTRING;
		want += tier[i] >= 0;
	}
	for (i = 0; i < n; i++) {
		int t = tier[h[i].index], ht = (int)h[i].tier;
		if (t == SEARCH_NAME_PREFIX)
			assert_int_equal(ht, SEARCH_NAME_PREFIX);
		else if (t >= 0)
			assert_true(ht != SEARCH_NAME_PREFIX && ht <= t);
		else	/* found through morphology or a typo only */
			assert_true(ht == SEARCH_NAME_BASE ||
				    ht == SEARCH_NAME_PART ||
				    ht == SEARCH_KEY_BASE ||
				    ht == SEARCH_KEY_PART ||
				    ht == SEARCH_DESC_BASE ||
				    ht == SEARCH_DESC_PART ||
				    ht == SEARCH_OTHER_BASE ||
				    ht == SEARCH_OTHER_PART ||
				    ht >= SEARCH_NAME_TYPO);
		want -= t >= 0;
		if (i > 0) {
			const struct cat_service *a = &cat->services[h[i - 1].index];
			const struct cat_service *b = &cat->services[h[i].index];
			assert_true(h[i - 1].tier <= h[i].tier);
			if (h[i - 1].tier == h[i].tier)
				assert_true(text_collate(a->name.v[CAT_FI],
							 b->name.v[CAT_FI], "fi") <= 0);
		}
	}
	assert_int_equal(want, 0);	/* every plain match is there */
	free(tier);
	free(fq);
}

/* Returns how many services q found. */
static size_t type_and_compare(const struct catalogue *cat, struct search *s,
			       const char *q)
{
	const struct search_hit *h;
	struct search_hit *f;
	size_t n = search_query(s, q, &h), nf = fresh(cat, q, &f), i;
	assert_int_equal(n, nf);
	for (i = 0; i < n; i++) {
		assert_int_equal(h[i].index, f[i].index);
		assert_int_equal(h[i].tier, f[i].tier);
	}
	check_against_plain(cat, q, h, n);
	free(f);
	return n;
}

static void test_typing_equals_fresh(void **state)
{
	struct catalogue *cat = random_cat(400);
	struct search *s = search_new(cat, "fi");
	const char *seq[] = {
		/* letter by letter, then back, then a second word */
		"a", "as", "asu", "asun", "asunt", "asunto", "asunton",
		"asunto", "asunt", "as", "a", "", "p", "pä", "päi", "päiv",
		"päivä", "päivä k", "päivä ko", "päivä koti", "päivä kotih",
		"koti päivä", "koti", "kotiasunto", "asunto", "sunto",
		"o", "ö", "öl", "öljy", "å", "åb", "x", "xy", "neuvonta palvelu",
		"neuvonta palvelu a", "neuvonta palvelu as", "café", "cafe k",
		"housing", "housingadvice", "hoito hoito", "hälsa", "halsa",
		"topic", "daycare", "transport as", "r", "re", "ref", "refb",
		"refbc", "refbcd", "refbcdb", "refbcdbx", "asunto ref",
		"asunto refc", "asunto refcd",
	};
	/* What no service has: these find nothing ("halsa" finds "hälsa"
	 * only as a typo: ä is a letter of its own, not an accented a; "x"
	 * is only inside "Executive", and the organisation's name is matched
	 * by its words and their starts, not inside a word; "refbcdbx" finds
	 * "refbcdb" as a typo).
	 * Every other query is made of the stems' words and must find
	 * something, or the comparisons with the plain scan prove nothing. */
	const char *const misses[] = { "x", "xy", "topic" };
	size_t i, k;
	(void)state;

	assert_true(search_query(s, "a", &(const struct search_hit *){ 0 }) > 100);
	for (i = 0; i < sizeof seq / sizeof seq[0]; i++) {
		size_t n = type_and_compare(cat, s, seq[i]);
		bool miss = false;
		for (k = 0; k < sizeof misses / sizeof misses[0]; k++)
			miss |= !strcmp(seq[i], misses[k]);
		if (miss)
			assert_int_equal(n, 0);
		else if (n == 0)
			fail_msg("'%s' found nothing", seq[i]);
	}
	search_free(&s);
	catalogue_free(&cat);
}

/* Enough distinct words with "as" (and "ko") in them that the engine
 * keeps ready-made bitmaps for those letter pairs: the answers must be the
 * same as everywhere else. */
static void test_common_letter_pairs(void **state)
{
	struct catalogue *cat = new_cat();
	struct search *s;
	const char *queries[] = { "as", "ko", "ka", "sk", "a", "aso", "kas",
				  "as ko", "ko as", "äs", "kasb", "asb" };
	size_t i;
	(void)state;

	for (i = 0; i < 4600; i++) {
		char w[8], *name, *id = xasprintf("big-%04zu", i);
		size_t k, v = i;
		for (k = 0; k < 3; k++) {
			w[k] = (char)('b' + v % 24);
			v /= 24;
		}
		w[3] = '\0';
		/* 4600 distinct words with "as", half of them inside the
		 * word only; every 3rd service has "ko" too. */
		name = xasprintf("%sas%s%s", i % 2 ? "" : "k", w,
				 i % 3 ? "" : " kotiäs");
		add(cat, id, name, NULL, NULL, NULL, i % 7 ? NULL : "kassa",
		    0);
		free(name);
		free(id);
	}
	s = search_new(cat, "fi");
	for (i = 0; i < sizeof queries / sizeof queries[0]; i++) {
		const struct search_hit *h;
		size_t n = search_query(s, queries[i], &h);
		/* Every query is in some name ("äs" in " kotiäs"). */
		if (n == 0)
			fail_msg("'%s' found nothing", queries[i]);
		check_against_plain(cat, queries[i], h, n);
	}
	search_free(&s);
	catalogue_free(&cat);
}

/* Narrowing to topics inside the engine is the same as filtering after. */
static void test_topics_narrowing(void **state)
{
	struct catalogue *cat = random_cat(300);
	struct search *s = search_new(cat, "fi");
	const char *queries[] = { "", "a", "as", "asunto", "koti päivä", "x" };
	const topic_set sets[] = { 0, BIT(TOPIC_HOUSING),
				   BIT(TOPIC_DAYCARE) | BIT(TOPIC_OTHER),
				   BIT(TOPIC__N - 1) };
	size_t q, t, i, j;
	(void)state;

	for (q = 0; q < sizeof queries / sizeof queries[0]; q++)
		for (t = 0; t < sizeof sets / sizeof sets[0]; t++) {
			const struct search_hit *h;
			struct search_hit *all;
			size_t n = fresh(cat, queries[q], &all);
			size_t nt = search_query_topics(s, queries[q], sets[t], &h);
			for (i = 0, j = 0; i < n; i++) {
				if (sets[t] &&
				    !(cat->services[all[i].index].topics & sets[t]))
					continue;
				assert_true(j < nt);
				assert_int_equal(h[j].index, all[i].index);
				assert_int_equal(h[j].tier, all[i].tier);
				j++;
			}
			assert_int_equal(j, nt);
			if (sets[t] == BIT(TOPIC_HOUSING) && !*queries[q])
				assert_true(nt > 0 && nt < n);
			free(all);
		}
	search_free(&s);
	catalogue_free(&cat);
}

/* The engine is built in two steps: the empty query (the desk's first
 * list) needs only the display order and gives the same hits, topics and
 * all, as a complete engine; the first query with a word completes it. */
static void test_list_before_index(void **state)
{
	struct catalogue *cat = random_cat(300);
	struct search *early = search_new(cat, "fi"), *full = search_new(cat, "fi");
	const topic_set sets[] = { 0, BIT(TOPIC_HOUSING),
				   BIT(TOPIC_DAYCARE) | BIT(TOPIC_OTHER) };
	size_t t, i;
	(void)state;

	search_complete(full);
	assert_true(search_is_complete(full));
	for (t = 0; t < sizeof sets / sizeof sets[0]; t++) {
		const struct search_hit *a, *b;
		size_t na = search_query_topics(early, "", sets[t], &a);
		struct search_hit *copy = xmalloc((na + 1) * sizeof *copy);
		size_t nb;
		memcpy(copy, a, na * sizeof *a);
		assert_false(search_is_complete(early));
		nb = search_query_topics(full, "  ", sets[t], &b);
		assert_int_equal(na, nb);
		assert_true(na > 0);
		for (i = 0; i < na; i++) {
			assert_int_equal(copy[i].index, b[i].index);
			assert_int_equal(copy[i].tier, b[i].tier);
		}
		free(copy);
	}
	/* A word: the engine completes itself and finds what a plain look
	 * at every service finds. */
	{
		const struct search_hit *h;
		size_t n = search_query(early, "koti", &h);
		assert_true(search_is_complete(early));
		assert_true(n > 0);
		check_against_plain(cat, "koti", h, n);
	}
	search_free(&early);
	search_free(&full);
	catalogue_free(&cat);
}

/* A desk's lean catalogue keeps the descriptions' folded words instead of
 * their text: every query finds the same services in the same order as
 * over the whole catalogue. */
static void test_lean_catalogue_same_hits(void **state)
{
	struct catalogue *made = random_cat(200), *whole = NULL, *lean = NULL;
	char *dir = util_tmpdir(), *path = xasprintf("%s/cat.db", dir), *err = NULL;
	const char *queries[] = { "a", "as", "asunto", "koti päivä", "café",
				  "ﺍﻟ", "zz", "neuvo", "", "x y" };
	struct search *sw, *sl;
	size_t q, i;
	(void)state;

	/* Descriptions in all three languages, punctuation and other scripts. */
	for (i = 0; i < made->n_services; i += 7) {
		made->services[i].description.v[CAT_SV] =
			xasprintf("Café, rådgivning (%zu)!", i);
		made->services[i].description.v[CAT_EN] =
			xstrdup("Advice in العربية and Soomaali; naïve-words.");
	}
	if (catalogue_publish(made, path, &err) != 0)
		fail_msg("publish: %s", err);
	if (catalogue_open(path, &whole, &err) != 0 ||
	    catalogue_open_lean(path, &lean, &err) != 0 ||
	    catalogue_load_words(lean, &err) != 0)
		fail_msg("open: %s", err);
	assert_true(lean->vocab.n > 0);
	sw = search_new(whole, "fi");
	sl = search_new(lean, "fi");
	for (q = 0; q < sizeof queries / sizeof queries[0]; q++) {
		const struct search_hit *hw, *hl;
		size_t nw = search_query(sw, queries[q], &hw);
		struct search_hit *copy = xmalloc((nw + 1) * sizeof *copy);
		size_t nl;
		memcpy(copy, hw, nw * sizeof *hw);
		nl = search_query(sl, queries[q], &hl);
		assert_int_equal(nw, nl);
		for (i = 0; i < nw; i++) {
			assert_int_equal(copy[i].index, hl[i].index);
			assert_int_equal(copy[i].tier, hl[i].tier);
		}
		if (!strcmp(queries[q], "café") || !strcmp(queries[q], "neuvo"))
			assert_true(nw > 0);
		free(copy);
	}
	search_free(&sw);
	search_free(&sl);
	catalogue_free(&whole);
	catalogue_free(&lean);
	catalogue_free(&made);
	free(path);
	util_rmtree(&dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tiers_then_name),
		cmocka_unit_test(test_name_prefix_any_language),
		cmocka_unit_test(test_ties_by_name_in_ui_language),
		cmocka_unit_test(test_empty_query_lists_all_by_name),
		cmocka_unit_test(test_words_all_must_match),
		cmocka_unit_test(test_folding),
		cmocka_unit_test(test_topics_and_organisation),
		cmocka_unit_test(test_empty_catalogue),
		cmocka_unit_test(test_inflected_and_compound),
		cmocka_unit_test(test_typo),
		cmocka_unit_test(test_name_above_description),
		cmocka_unit_test(test_compound_parts_in_name),
		cmocka_unit_test(test_typing_equals_fresh),
		cmocka_unit_test(test_common_letter_pairs),
		cmocka_unit_test(test_topics_narrowing),
		cmocka_unit_test(test_list_before_index),
		cmocka_unit_test(test_lean_catalogue_same_hits),
	};
	/* No translations: topic labels are searched in English here. */
	setenv("LANGUAGE", "en", 1);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
