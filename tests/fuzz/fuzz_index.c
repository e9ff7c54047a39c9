/* fuzz_index: the published search index file, mutated.
 *
 * A small catalogue is published once (with its index, as `catalogue
 * init` does) and loaded as a desk loads it. Each input edits a copy of
 * the valid index: byte 0 holds flags (1: make the checksums right again
 * after the edits, so the checks behind them are reached; 2: cut the
 * file to the length in bytes 1-4; bits 2-3: the language; 16: edit
 * the service records' section instead, laid out for where it is in
 * memory), then five-byte edits follow (a 32-bit offset, taken modulo
 * the length, and the byte to put there). Invariants: the file is
 * refused with one line or used; a used index answers queries without
 * stepping outside its arrays (AddressSanitizer) and an unedited one is
 * always used; records the check accepts are read whole (every string,
 * list and span) without stepping outside the section, and unedited
 * ones are always accepted. */
#include <config.h>

#include "fuzz_util.h"

#include "core/catalogue.h"
#include "core/catalogue_map.h"
#include "core/catalogue_publish.h"
#include "core/err.h"
#include "core/search.h"
#include "core/search_index.h"

static struct catalogue *cat;
static unsigned char *valid;
static size_t valid_len;

static void add(struct catalogue *c, const char *id, const char *fi,
		const char *sv, const char *desc, const char *keys)
{
	struct cat_service *s = catalogue_add_service(c);
	s->id = strdup(id);
	s->org = 0;
	s->name.v[CAT_FI] = strdup(fi);
	s->name.v[CAT_SV] = strdup(sv);
	s->name.v[CAT_EN] = strdup(fi);
	s->description.v[CAT_FI] = strdup(desc);
	s->keywords = strdup(keys);
	s->topics = (topic_set)1 << (strlen(id) % TOPIC__N);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct catalogue *made = catalogue_new();
	struct cat_org *o = catalogue_add_org(made);
	char *path, *idx, *err = NULL;
	FILE *f;
	long n;
	(void)argc;
	(void)argv;
	fuzz_setup();
	o->id = strdup("org-1");
	o->name.v[CAT_FI] = strdup("Kaupunki");
	add(made, "a", "Asumisneuvonta", "Boenderådgivning",
	    "Neuvontaa vuokralaisille ja asunnon hakijoille.", "vuokra hyra");
	add(made, "bb", "Kela-asiakaspalvelu", "FPA kundtjänst",
	    "Toimeentulotuki, asumistuki ja lapsilisä.", "kela fpa");
	add(made, "ccc", "Nuorten työpaja", "Ungdomsverkstad",
	    "Työtä ja koulutusta nuorille.", "nuoret unga");
	add(made, "dddd", "Terveysneuvonta", "Hälsorådgivning",
	    "Terveyskeskuksen neuvonta puhelimessa.", "terveys hälsa");
	path = fuzz_path("cat.db");
	if (catalogue_publish(made, path, &err) != 0 ||
	    catalogue_open_lean(path, &cat, &err) != 0 ||
	    catalogue_load_words(cat, &err) != 0) {
		fprintf(stderr, "fuzz_index: %s\n", err);
		abort();
	}
	catalogue_free(&made);
	idx = search_index_path(path, cat->publish_id);
	f = fopen(idx, "rb");
	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) <= 0)
		abort();
	rewind(f);
	valid_len = (size_t)n;
	valid = malloc(valid_len);
	if (!valid || fread(valid, 1, valid_len, f) != valid_len)
		abort();
	fclose(f);
	free(idx);
	free(path);
	return 0;
}

/* The records' section for its own address, edited; read whole when the
 * check accepts it. */
static void records(const uint8_t *data, size_t size)
{
	size_t len, i, k, l, sum = 0;
	unsigned char *want = catalogue_map_build(cat, 0, &len), *buf;
	const struct cat_service *r;
	const char *why;
	free(want);
	if (!(buf = malloc(len)))
		abort();
	want = catalogue_map_build(cat, (uintptr_t)buf, &len);
	memcpy(buf, want, len);
	free(want);
	for (i = 1; i + 5 <= size; i += 5) {
		uint32_t at;
		memcpy(&at, data + i, 4);
		buf[at % len] = data[i + 4];
	}
	why = catalogue_map_check(buf, len, cat->n_services, cat->n_orgs);
	if (why && size <= 1)
		abort();	/* the valid section must be accepted */
	r = why ? NULL : catalogue_map_services(buf);
	for (i = 0; r && i < cat->n_services; i++) {
		sum += r[i].id ? strlen(r[i].id) : 0;
		sum += r[i].keywords ? strlen(r[i].keywords) : 0;
		for (l = 0; l < CAT__NLANG; l++)
			sum += r[i].name.v[l] ? strlen(r[i].name.v[l]) : 0;
		for (k = 0; k < r[i].n_languages; k++)
			sum += strlen(r[i].languages[k]);
		for (k = 0; k < r[i].hours.n_spans; k++)
			sum += r[i].hours.spans[k].close;
		for (k = 0; k < r[i].hours.n_ex; k++)
			sum += strlen(r[i].hours.ex[k].date);
	}
	if (sum == SIZE_MAX)
		abort();	/* keeps the reads */
	free(buf);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const langs[] = { "fi", "sv", "en", "ru" };
	static const char *const queries[] = { "a", "as", "neuvonta", "kel",
		"asunnon", "toimeentulotukea", "nuorten työ", "", "hälsa",
		"terveyskeskus" };
	unsigned char *buf;
	size_t len = valid_len, i;
	unsigned flags = size ? data[0] : 0;
	const char *lang = langs[(flags >> 2) & 3];
	struct search *s = NULL;
	char *err = NULL;
	int rc;

	if (flags & 16) {
		records(data, size);
		return 0;
	}
	if (flags & 2 && size >= 5) {
		uint32_t cut;
		memcpy(&cut, data + 1, 4);
		len = cut % (valid_len + 1);
	}
	buf = malloc(len ? len : 1);
	if (!buf)
		abort();
	memcpy(buf, valid, len);
	for (i = flags & 2 ? 5 : 1; len && i + 5 <= size; i += 5) {
		uint32_t at;
		memcpy(&at, data + i, 4);
		buf[at % len] = data[i + 4];
	}
	if (flags & 1)
		search_index_reseal(buf, len);
	rc = search_index_load(cat, lang, buf, len, "index", &s, &err);
	if (rc != 0) {
		if (!err || strchr(err, '\n') || s)
			abort();	/* refused: one line, no engine */
	} else if (size <= 1 && len == valid_len && !s && strcmp(lang, "ru")) {
		abort();	/* the valid file must be used */
	}
	for (i = 0; s && i < sizeof queries / sizeof queries[0]; i++) {
		const struct search_hit *h;
		size_t n = search_query_topics(s, queries[i], i & 1 ? 3 : 0, &h), k;
		for (k = 0; k < n; k++)
			if (h[k].index >= cat->n_services)
				abort();
	}
	search_free(&s);
	err_free(&err);
	free(buf);
	return 0;
}
