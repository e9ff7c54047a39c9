/* gen: generated services for the benchmarks (bench_search,
 * bench_relevance): see gen.h. */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/catalogue.h"
#include "core/err.h"
#include "core/hours.h"

#include "gen.h"

static uint64_t rng_state;

static uint64_t rng(void)
{
	/* xorshift64*: fixed seed, same catalogue on every machine. */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ull;
}

static size_t pick(size_t n)
{
	return (size_t)(rng() >> 33) % n;
}

/* Concepts in fi (compound stem), sv (compound stem), en (word). */
static const char *const concept[][3] = {
	{ "asunto", "bostads", "housing" }, { "neuvonta", "rådgivning", "advice" },
	{ "palvelu", "tjänst", "service" }, { "päivä", "dag", "day" },
	{ "koti", "hem", "home" }, { "hoito", "vård", "care" },
	{ "terveys", "hälso", "health" }, { "asema", "station", "station" },
	{ "keskus", "central", "centre" }, { "toimisto", "kontor", "office" },
	{ "kirjasto", "bibliotek", "library" }, { "nuoriso", "ungdoms", "youth" },
	{ "perhe", "familje", "family" }, { "vanhus", "äldre", "elderly" },
	{ "työ", "arbets", "work" }, { "opisto", "institut", "institute" },
	{ "koulu", "skol", "school" }, { "liikunta", "idrotts", "sports" },
	{ "uima", "sim", "swimming" }, { "halli", "hall", "hall" },
	{ "kulttuuri", "kultur", "culture" }, { "talo", "hus", "house" },
	{ "sosiaali", "social", "social" }, { "ohjaus", "handledning", "guidance" },
	{ "tuki", "stöd", "support" }, { "kriisi", "kris", "crisis" },
	{ "maahanmuutto", "invandrings", "immigration" },
	{ "kotoutumis", "integrations", "integration" },
	{ "kieli", "språk", "language" }, { "kurssi", "kurs", "course" },
	{ "velka", "skuld", "debt" }, { "talous", "ekonomi", "finance" },
	{ "lapsi", "barn", "child" }, { "neuvola", "rådgivnings", "clinic" },
	{ "hammas", "tand", "dental" }, { "mielen", "mental", "mental" },
	{ "päihde", "missbruks", "substance" }, { "vero", "skatte", "tax" },
	{ "lupa", "tillstånds", "permit" }, { "oleskelu", "uppehålls", "residence" },
	{ "vammais", "handikapp", "disability" }, { "yrittäjä", "företagar", "business" },
	{ "digi", "digi", "digital" }, { "liikenne", "trafik", "transport" },
	{ "matka", "rese", "travel" }, { "pysäköinti", "parkerings", "parking" },
	{ "jäte", "avfalls", "waste" }, { "ympäristö", "miljö", "environment" },
	{ "asukas", "invånar", "resident" }, { "vuokra", "hyres", "rental" },
	{ "oikeus", "rätts", "legal" }, { "työllisyys", "sysselsättnings", "employment" },
	{ "toimeentulo", "utkomst", "income" }, { "eläke", "pensions", "pension" },
	{ "opinto", "studie", "study" }, { "harrastus", "hobby", "hobby" },
	{ "musiikki", "musik", "music" }, { "taide", "konst", "art" },
	{ "leikki", "lek", "play" }, { "puisto", "park", "park" },
};
#define N_CONCEPT (sizeof concept / sizeof concept[0])

static const char *const fi_suffix[] = { "", "", "", "n", "t", "ssa", "lle",
					 "sta", "ja", "ille", "en" };
static const char *const sv_suffix[] = { "", "", "", "en", "er", "et", "na" };
static const char *const en_suffix[] = { "", "", "", "s", "ing" };

/* District: fi genitive, sv genitive, en. */
static const char *const district[][3] = {
	{ "Kallion", "Berghälls", "Kallio" }, { "Vuosaaren", "Nordsjö", "Vuosaari" },
	{ "Kontulan", "Gårdsbacka", "Kontula" }, { "Malmin", "Malms", "Malmi" },
	{ "Itäkeskuksen", "Östra centrums", "Itäkeskus" },
	{ "Pasilan", "Böle", "Pasila" }, { "Kampin", "Kampens", "Kamppi" },
	{ "Herttoniemen", "Hertonäs", "Herttoniemi" },
	{ "Myllypuron", "Kvarnbäckens", "Myllypuro" },
	{ "Kannelmäen", "Gamlas", "Kannelmäki" }, { "Lauttasaaren", "Drumsö", "Lauttasaari" },
	{ "Maunulan", "Månsas", "Maunula" }, { "Oulunkylän", "Åggelby", "Oulunkylä" },
	{ "Pukinmäen", "Bocksbacka", "Pukinmäki" }, { "Kalasataman", "Fiskehamnens", "Kalasatama" },
	{ "Jätkäsaaren", "Busholmens", "Jätkäsaari" }, { "Vallilan", "Vallgårds", "Vallila" },
	{ "Töölön", "Tölö", "Töölö" }, { "Kumpulan", "Gumtäkts", "Kumpula" },
	{ "Espoon", "Esbo", "Espoo" }, { "Vantaan", "Vanda", "Vantaa" },
};
#define N_DISTRICT (sizeof district / sizeof district[0])

static const char *const street[] = {
	"Mannerheimintie", "Hämeentie", "Kustaankatu", "Sturenkatu", "Itäkatu",
	"Turunvayla", "Kaisaniemenkatu", "Runeberginkatu", "Fleminginkatu",
	"Lönnrotinkatu", "Siltasaarenkatu", "Ratapihantie", "Kauppakartanonkatu",
	"Mikonkatu", "Urho Kekkosen katu", "Vironkatu", "Sörnäisten rantatie",
};
#define N_STREET (sizeof street / sizeof street[0])

static const char *const fi_filler[] = {
	"autamme", "ja", "neuvomme", "kaikissa", "asioissa", "jotka", "liittyvät",
	"arkeen", "voit", "tulla", "ilman", "ajanvarausta", "palvelemme",
	"suomeksi", "ruotsiksi", "englanniksi", "tarvittaessa", "tulkin",
	"avulla", "maksuton", "kaikille", "helsinkiläisille", "lisäksi",
};
static const char *const sv_filler[] = {
	"vi", "hjälper", "och", "ger", "råd", "i", "alla", "frågor", "som",
	"gäller", "vardagen", "du", "kan", "komma", "utan", "tidsbokning",
	"på", "finska", "svenska", "engelska", "vid", "behov", "med", "tolk",
	"avgiftsfri",
};
static const char *const en_filler[] = {
	"we", "help", "and", "advise", "in", "all", "matters", "of", "everyday",
	"life", "you", "can", "come", "without", "an", "appointment", "we",
	"serve", "in", "Finnish", "Swedish", "English", "with", "an",
	"interpreter", "if", "needed", "free", "for", "everyone",
};
#define N_OF(a) (sizeof a / sizeof a[0])

/* A compound of one to three concepts in language l, with an ending. */
static void compound(char *buf, size_t cap, int l, const size_t *c, size_t n)
{
	size_t k, len = 0;
	buf[0] = '\0';
	for (k = 0; k < n; k++) {
		if (l == 2 && k > 0)	/* English: separate words */
			len += (size_t)snprintf(buf + len, cap - len, " ");
		len += (size_t)snprintf(buf + len, cap - len, "%s", concept[c[k]][l]);
	}
	if (l == 0)
		snprintf(buf + len, cap - len, "%s", fi_suffix[pick(N_OF(fi_suffix))]);
	else if (l == 1)
		snprintf(buf + len, cap - len, "%s", sv_suffix[pick(N_OF(sv_suffix))]);
	else
		snprintf(buf + len, cap - len, "%s", en_suffix[pick(N_OF(en_suffix))]);
}

static char *description(int l)
{
	char buf[512], word[96];
	size_t len = 0;
	while (len < 190) {
		const char *w;
		if (pick(3) == 0) {
			size_t c[2] = { pick(N_CONCEPT), pick(N_CONCEPT) };
			compound(word, sizeof word, l, c, 1 + pick(2));
			w = word;
		} else if (l == 0)
			w = fi_filler[pick(N_OF(fi_filler))];
		else if (l == 1)
			w = sv_filler[pick(N_OF(sv_filler))];
		else
			w = en_filler[pick(N_OF(en_filler))];
		len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s",
					len ? " " : "", w);
		if (pick(9) == 0 && len < sizeof buf - 2)
			len += (size_t)snprintf(buf + len, sizeof buf - len, ".");
	}
	snprintf(buf + len, sizeof buf - len, ".");
	buf[0] = (char)(buf[0] >= 'a' && buf[0] <= 'z' ? buf[0] - 32 : buf[0]);
	return xstrdup(buf);
}

static const char *const lang_codes[] = { "fi", "sv", "en", "ar", "so", "ru",
					  "fa", "et", "uk", "zh", "ku" };

void gen_services(struct catalogue *cat, size_t n)
{
	size_t i, k, n_orgs = 1 + n / 50, org0 = cat->n_orgs;
	char *err = NULL;

	rng_state = 0x9E3779B97F4A7C15ull;
	for (i = 0; i < n_orgs; i++) {
		struct cat_org *o = catalogue_add_org(cat);
		size_t d = pick(N_DISTRICT), c[2] = { pick(N_CONCEPT), pick(N_CONCEPT) };
		char w[3][96];
		for (k = 0; k < 3; k++)
			compound(w[k], sizeof w[k], (int)k, c, 2);
		o->id = xasprintf("gen-org-%zu", i);
		o->kind = (enum org_kind)pick(ORG__N);
		o->name.v[CAT_FI] = xasprintf("%s %s", district[d][0], w[0]);
		o->name.v[CAT_SV] = xasprintf("%s %s", district[d][1], w[1]);
		o->name.v[CAT_EN] = xasprintf("%s %s", district[d][2], w[2]);
	}
	for (i = 0; i < n; i++) {
		struct cat_service *s = catalogue_add_service(cat);
		size_t d = pick(N_DISTRICT), nc = 1 + pick(3), c[3], nl;
		char w[3][128];
		static const char *const hours[] = { "mo-fr 8-16", "mo-th 9-15; fr 9-13",
						     "mo-fr 8.15-12,13-16; sa 10-14",
						     "tu 12-18", "mo-su 0-24" };
		for (k = 0; k < nc; k++)
			c[k] = pick(N_CONCEPT);
		for (k = 0; k < 3; k++)
			compound(w[k], sizeof w[k], (int)k, c, nc);
		s->id = xasprintf("svc-%06zu", i);
		s->org = org0 + pick(n_orgs);
		s->name.v[CAT_FI] = xasprintf("%s %s", district[d][0], w[0]);
		s->name.v[CAT_SV] = xasprintf("%s %s", district[d][1], w[1]);
		s->name.v[CAT_EN] = xasprintf("%s %s", district[d][2], w[2]);
		s->description.v[CAT_FI] = description(0);
		s->description.v[CAT_SV] = description(1);
		s->description.v[CAT_EN] = description(2);
		s->keywords = xasprintf("%s %s %s%s", concept[pick(N_CONCEPT)][0],
					concept[pick(N_CONCEPT)][2],
					concept[pick(N_CONCEPT)][1],
					concept[pick(N_CONCEPT)][0]);
		s->topics = (topic_set)1 << pick(TOPIC__N);
		if (pick(2))
			s->topics |= (topic_set)1 << pick(TOPIC__N);
		s->info->address = xasprintf("%s %zu", street[pick(N_STREET)], 1 + pick(120));
		nl = 1 + pick(3);
		s->languages = xcalloc(nl, sizeof *s->languages);
		for (k = 0; k < nl; k++) {
			const char *code = k == 0 ? "fi" : lang_codes[pick(N_OF(lang_codes))];
			size_t j;
			bool dup = false;
			for (j = 0; j < s->n_languages; j++)
				dup |= !strcmp(s->languages[j], code);
			if (!dup)	/* a published catalogue lists each once */
				s->languages[s->n_languages++] = xstrdup(code);
		}
		if (pick(5) && hours_parse(&s->hours, hours[pick(N_OF(hours))], &err)) {
			fprintf(stderr, "bench_search: %s\n", err);
			exit(1);
		}
	}
}
