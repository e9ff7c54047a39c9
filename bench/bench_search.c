/* bench_search: how fast the search engine answers, for `make bench`.
 *
 * Generates a catalogue of N services in memory (default: 10,000 and
 * 100,000) from a fixed-seed PRNG: Finnish, Swedish and English names and
 * descriptions (~200 bytes each) built from parallel word lists, compounds
 * and inflections as Finnish makes them, street addresses, keywords,
 * topics and organisations. Then it times, in process:
 *   - building the index (and the heap it takes),
 *   - typing a word letter by letter ("a" ... "asunto"), incrementally,
 *   - fresh queries: common, rare, two words, no match,
 *   - the desk's ranking (rank_services: search, topic filter, then each
 *     hit's languages and opening hours at a fixed time).
 * Each query is repeated; the table shows microseconds per query. Other
 * processes on the machine show up in the max column, rarely in p95.
 *
 * Usage: bench_search [N...] */
#include <config.h>

#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/catalogue.h"
#include "core/err.h"
#include "core/hours.h"
#include "core/rank.h"
#include "core/search.h"

/* ---- generator ---------------------------------------------------------- */

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

static struct catalogue *generate(size_t n)
{
	struct catalogue *cat = catalogue_new();
	size_t i, k, n_orgs = 1 + n / 50;
	char *err = NULL;

	rng_state = 0x9E3779B97F4A7C15ull;
	for (i = 0; i < n_orgs; i++) {
		struct cat_org *o = catalogue_add_org(cat);
		size_t d = pick(N_DISTRICT), c[2] = { pick(N_CONCEPT), pick(N_CONCEPT) };
		char w[3][96];
		for (k = 0; k < 3; k++)
			compound(w[k], sizeof w[k], (int)k, c, 2);
		o->id = xasprintf("org-%zu", i);
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
		s->org = pick(n_orgs);
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
		for (k = 0; k < nl; k++)
			s->languages[s->n_languages++] =
				xstrdup(k == 0 ? "fi" : lang_codes[pick(N_OF(lang_codes))]);
		if (pick(5) && hours_parse(&s->hours, hours[pick(N_OF(hours))], &err)) {
			fprintf(stderr, "bench_search: %s\n", err);
			exit(1);
		}
	}
	return cat;
}

/* ---- measuring ---------------------------------------------------------- */

static double now_us(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e6 + (double)t.tv_nsec / 1e3;
}

static size_t heap_bytes(void)
{
	struct mallinfo2 mi = mallinfo2();
	return mi.uordblks + mi.hblkhd;
}

static long status_kb(const char *field)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long v = -1;
	size_t len = strlen(field);
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (!strncmp(line, field, len) && line[len] == ':')
			v = strtol(line + len + 1, NULL, 10);
	fclose(f);
	return v;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

struct stat_row {
	const char *label;
	double *t;
	size_t n;
	size_t hits;
};

static void print_row(const struct stat_row *r)
{
	double sum = 0;
	size_t i;
	if (!r->n)
		return;
	qsort(r->t, r->n, sizeof *r->t, cmp_double);
	for (i = 0; i < r->n; i++)
		sum += r->t[i];
	printf("  %-24s %8zu %9.1f %9.1f %9.1f %9.1f\n", r->label, r->hits,
	       sum / (double)r->n, r->t[r->n / 2],
	       r->t[(size_t)((double)(r->n - 1) * 0.95)], r->t[r->n - 1]);
}

/* A query no benchmark query contains, so the next one starts fresh. */
#define RESET "qqqq"

static void bench(size_t n)
{
	static const char *const typing[] = { "a", "as", "asu", "asun", "asunt",
					      "asunto" };
	static const char *const fresh[][2] = {
		{ "common", "palvelu" },
		{ "rare", "asuntokriisi" },
		{ "two words", "nuoriso kallio" },
		{ "inside words", "neuvo" },
		{ "no match", "zyxwv" },
	};
	const size_t n_typing = N_OF(typing), n_fresh = N_OF(fresh);
	size_t reps = n >= 50000 ? 200 : 1000, r, q, heap0, heap1, heap2;
	struct stat_row rows[16];
	size_t nrows = n_typing + n_fresh + 4;
	struct catalogue *cat;
	struct search *s;
	const struct search_hit *h;
	double t0, t_build;
	struct tm tm;
	time_t fixed = 1772445600;	/* a Monday morning in March 2026 */

	heap0 = heap_bytes();
	t0 = now_us();
	cat = generate(n);
	heap1 = heap_bytes();
	printf("\n%zu services: catalogue generated in %.0f ms, %.1f MB heap\n",
	       n, (now_us() - t0) / 1e3, (double)(heap1 - heap0) / 1048576.0);
	t0 = now_us();
	s = search_new(cat, "fi");
	t_build = now_us() - t0;
	heap2 = heap_bytes();
	printf("index built in %.0f ms, %.1f MB heap (%.0f bytes a service); "
	       "RSS now %ld kB, peak %ld kB\n",
	       t_build / 1e3, (double)(heap2 - heap1) / 1048576.0,
	       (double)(heap2 - heap1) / (double)n, status_kb("VmRSS"),
	       status_kb("VmHWM"));

	memset(rows, 0, sizeof rows);
	for (q = 0; q < nrows; q++) {
		rows[q].t = xcalloc(reps, sizeof *rows[q].t);
		rows[q].n = reps;
	}
	rows[n_typing + n_fresh + 2].n = 0;	/* counts its own runs */
	for (q = 0; q < n_typing; q++)
		rows[q].label = xasprintf("typing '%s'", typing[q]);
	for (q = 0; q < n_fresh; q++)
		rows[n_typing + q].label = xasprintf("%s '%s'", fresh[q][0],
						     fresh[q][1]);
	rows[n_typing + n_fresh].label = "empty (all)";
	rows[n_typing + n_fresh + 1].label = "desk rank 'asu' +topic";
	rows[n_typing + n_fresh + 2].label = "desk rank 'a', no topic";
	rows[n_typing + n_fresh + 3].label = "whole word 'a'..'asunto'";

	localtime_r(&fixed, &tm);
	for (r = 0; r < reps; r++) {
		double typed = 0;
		search_query(s, RESET, &h);
		for (q = 0; q < n_typing; q++) {
			t0 = now_us();
			rows[q].hits = search_query(s, typing[q], &h);
			rows[q].t[r] = now_us() - t0;
			typed += rows[q].t[r];
		}
		rows[n_typing + n_fresh + 3].t[r] = typed;
		rows[n_typing + n_fresh + 3].hits = rows[n_typing - 1].hits;
		for (q = 0; q < n_fresh; q++) {
			struct stat_row *row = &rows[n_typing + q];
			search_query(s, RESET, &h);
			t0 = now_us();
			row->hits = search_query(s, fresh[q][1], &h);
			row->t[r] = now_us() - t0;
		}
		{
			struct stat_row *row = &rows[n_typing + n_fresh];
			t0 = now_us();
			row->hits = search_query(s, "", &h);
			row->t[r] = now_us() - t0;
		}
		{
			struct stat_row *row = &rows[n_typing + n_fresh + 1];
			struct rank_service *out = NULL;
			search_query(s, "as", &h);	/* typing: "as" came first */
			t0 = now_us();
			row->hits = rank_services(cat, s, "asu",
						  (topic_set)1 << TOPIC_HOUSING,
						  "so", &tm, &out);
			row->t[r] = now_us() - t0;
			free(out);
		}
		if (r % 10 == 0 || n < 50000) {	/* the slowest: fewer runs */
			struct stat_row *row = &rows[n_typing + n_fresh + 2];
			struct rank_service *out = NULL;
			t0 = now_us();
			row->hits = rank_services(cat, s, "a", 0, "so", &tm, &out);
			row->t[row->n++] = now_us() - t0;
			free(out);
		}
	}
	printf("  %-24s %8s %9s %9s %9s %9s   (microseconds, %zu runs)\n",
	       "query", "hits", "mean", "p50", "p95", "max", reps);
	for (q = 0; q < nrows; q++)
		print_row(&rows[q]);
	for (q = 0; q < nrows; q++) {
		if (q < n_typing + n_fresh)
			free((char *)rows[q].label);
		free(rows[q].t);
	}
	search_free(&s);
	catalogue_free(&cat);
}

int main(int argc, char **argv)
{
	int i;
	setenv("LANGUAGE", "en", 1);
	printf("bench_search: search engine over generated catalogues\n");
	if (argc < 2) {
		bench(10000);
		bench(100000);
	}
	for (i = 1; i < argc; i++) {
		char *end;
		unsigned long n = strtoul(argv[i], &end, 10);
		if (*end || n == 0) {
			fprintf(stderr, "usage: bench_search [N...]\n");
			return 2;
		}
		bench((size_t)n);
	}
	return 0;
}
