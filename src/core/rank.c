/* rank: see rank.h.
 *
 * Design: the search engine already returns services in (tier, name)
 * order and narrowed to the ticked topics, so ranking services is a stable
 * bucket sort on a few small keys (tier, how many of the ticked topics,
 * speaks the language, open now): linear, and the search order survives
 * as the last tie-break. Languages and resources are few (a few
 * hundred at most), so they are simply folded and sorted on each call. */
#include <config.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/rank.h"
#include "core/text.h"

/* ---- services ----------------------------------------------------------- */

/* OPEN before UNKNOWN before CLOSED. */
static unsigned open_rank(enum hours_state h)
{
	switch (h) {
	case HOURS_OPEN:
		return 0;
	case HOURS_CLOSED:
		return 2;
	default:
		return 1;
	}
}

/* tier x ticked topics missed (0..TOPIC__N) x speaks x open */
#define N_BUCKETS (SEARCH__NTIERS * (TOPIC__N + 1) * 2 * 3)

size_t rank_services(const struct catalogue *cat, struct search *s,
		     const char *query, topic_set topics, const char *lang,
		     const struct tm *now, struct rank_service **out)
{
	struct search *own = NULL;
	const struct search_hit *hits;
	struct rank_service *res;
	size_t nh, i, *count = xcalloc(N_BUCKETS + 1, sizeof *count);
	size_t nw = (cat->n_services + 63) / 64 + 1;
	uint64_t *mark = xcalloc(nw, sizeof *mark);
	unsigned char *state, *missed;
	uint16_t *key;
	char *folded = text_fold(query ? query : "", true);
	bool by_tier = *folded != '\0';
	bool want_lang = lang && *lang;

	free(folded);
	if (!s)
		s = own = search_new(cat, i18n_lang());
	nh = search_query_topics(s, query, topics, &hits);

	/* Look at the hits' records (languages, hours) in catalogue order:
	 * hits come in name order, and reading records in memory order is
	 * several times faster on a large catalogue. */
	state = xmalloc(cat->n_services ? cat->n_services : 1);
	missed = xmalloc(cat->n_services ? cat->n_services : 1);
	for (i = 0; i < nh; i++)
		mark[hits[i].index / 64] |= (uint64_t)1 << (hits[i].index % 64);
	for (i = 0; i < nw; i++) {
		uint64_t b = mark[i];
		while (b) {
			size_t idx = i * 64 + (size_t)__builtin_ctzll(b);
			const struct cat_service *svc = &cat->services[idx];
			enum hours_state h = now ? hours_state_at(&svc->hours, now)
						 : HOURS_UNKNOWN;
			bool speaks = want_lang &&
				      catalogue_service_speaks(svc, lang);
			state[idx] = (unsigned char)(h << 1 | (speaks ? 1 : 0));
			/* More of the ticked topics first: count the missed. */
			missed[idx] = (unsigned char)__builtin_popcountll(
				topics & ~svc->topics);
			b &= b - 1;
		}
	}
	free(mark);

	key = xmalloc((nh ? nh : 1) * sizeof *key);
	for (i = 0; i < nh; i++) {
		unsigned char st = state[hits[i].index];
		unsigned tier = by_tier ? (unsigned)hits[i].tier : 0;
		unsigned miss = missed[hits[i].index];
		if (miss > TOPIC__N)
			miss = TOPIC__N;
		key[i] = (uint16_t)(((tier * (TOPIC__N + 1) + miss) * 2 +
				     ((st & 1) ? 0 : 1)) * 3 +
				    open_rank((enum hours_state)(st >> 1)));
		count[key[i] + 1]++;
	}
	for (i = 1; i <= N_BUCKETS; i++)
		count[i] += count[i - 1];
	res = xmalloc((nh ? nh : 1) * sizeof *res);
	for (i = 0; i < nh; i++) {	/* stable: search order in a bucket */
		struct rank_service *r = &res[count[key[i]]++];
		unsigned char st = state[hits[i].index];
		r->index = hits[i].index;
		r->tier = hits[i].tier;
		r->speaks = st & 1;
		r->open = (enum hours_state)(st >> 1);
	}
	free(state);
	free(missed);
	free(key);
	free(count);
	search_free(&own);
	*out = res;
	return nh;
}

/* ---- languages ---------------------------------------------------------- */

enum lang_class { LC_CODE, LC_PREFIX, LC_WORD, LC_SUBSTRING, LC_NONE };

struct lang_item {
	size_t index;
	enum lang_class cls;
	const char *name;	/* in the UI language */
	const char *code;
	const char *lang;
};

/* How well folded text t matches folded query q. */
static enum lang_class match_class(const char *t, const char *q)
{
	size_t len = strlen(q);
	const char *p = t;
	if (!strncmp(t, q, len))
		return LC_PREFIX;
	while ((p = strstr(p + 1, q)) != NULL)
		if (p[-1] == ' ')
			return LC_WORD;
	return strstr(t, q) ? LC_SUBSTRING : LC_NONE;
}

static enum lang_class language_class(const struct cat_language *l,
				      const char *q)
{
	enum lang_class best = LC_NONE;
	const char *texts[CAT__NLANG + 1];
	char *code = text_fold(l->code ? l->code : "", true);
	size_t i;

	if (!strcmp(code, q)) {
		free(code);
		return LC_CODE;
	}
	if (!strncmp(code, q, strlen(q)))
		best = LC_PREFIX;
	free(code);
	for (i = 0; i < CAT__NLANG; i++)
		texts[i] = l->name.v[i];
	texts[CAT__NLANG] = l->native;
	for (i = 0; i <= CAT__NLANG && best != LC_PREFIX; i++) {
		char *f;
		enum lang_class c;
		if (!texts[i] || !*texts[i])
			continue;
		f = text_fold(texts[i], true);
		c = match_class(f, q);
		if (c < best)
			best = c;
		free(f);
	}
	return best;
}

static int cmp_lang(const void *va, const void *vb)
{
	const struct lang_item *a = va, *b = vb;
	int r;
	if (a->cls != b->cls)
		return a->cls < b->cls ? -1 : 1;
	r = text_collate(a->name, b->name, a->lang);
	if (r == 0)
		r = strcmp(a->code, b->code);
	return r;
}

/* fi, sv, en lead an unfiltered list: most contacts are in them. */
static int home_rank(const char *code)
{
	static const char *const home[] = { "fi", "sv", "en" };
	int i;
	for (i = 0; i < 3; i++)
		if (code && !strcmp(code, home[i]))
			return i;
	return 3;
}

size_t rank_languages(const struct catalogue *cat, const char *query,
		      const char *ui_lang, size_t **out)
{
	char *q = text_fold(query ? query : "", true);
	struct lang_item *it = xmalloc((cat->n_languages ? cat->n_languages : 1)
				       * sizeof *it);
	size_t n = 0, i;
	const char *ul = ui_lang ? ui_lang : "";

	for (i = 0; i < cat->n_languages; i++) {
		const struct cat_language *l = &cat->languages[i];
		enum lang_class c;
		if (*q)
			c = language_class(l, q);
		else		/* classes order fi, sv, en, then the rest */
			c = (enum lang_class)home_rank(l->code);
		if (c == LC_NONE && *q)
			continue;
		it[n].index = i;
		it[n].cls = c;
		it[n].name = catalogue_text(&l->name, ul);
		it[n].code = l->code ? l->code : "";
		it[n].lang = ul;
		n++;
	}
	qsort(it, n, sizeof *it, cmp_lang);
	*out = xmalloc((n ? n : 1) * sizeof **out);
	for (i = 0; i < n; i++)
		(*out)[i] = it[i].index;
	free(it);
	free(q);
	return n;
}

/* ---- resources ---------------------------------------------------------- */

struct res_item {
	struct rank_resource r;
	int lead;
	const char *name;
	const char *id;
	const char *lang;
};

static int cmp_res(const void *va, const void *vb)
{
	const struct res_item *a = va, *b = vb;
	int r;
	if (a->r.available != b->r.available)
		return a->r.available ? -1 : 1;
	if (a->lead != b->lead)
		return a->lead < b->lead ? -1 : 1;
	r = text_collate(a->name, b->name, a->lang);
	if (r == 0)
		r = strcmp(a->id, b->id);
	return r;
}

size_t rank_resources(const struct catalogue *cat, const char *lang,
		      const struct tm *now, struct rank_resource **out)
{
	struct res_item *it = xmalloc((cat->n_resources ? cat->n_resources : 1)
				      * sizeof *it);
	const char *ui = i18n_lang();
	size_t n = 0, i;

	for (i = 0; i < cat->n_resources; i++) {
		const struct cat_resource *res = &cat->resources[i];
		if (lang && *lang && !catalogue_resource_speaks(res, lang))
			continue;
		it[n].r.index = i;
		it[n].r.available = now &&
			hours_state_at(&res->hours, now) == HOURS_OPEN;
		it[n].lead = res->lead_minutes;
		it[n].name = catalogue_text(&res->name, ui);
		it[n].id = res->id ? res->id : "";
		it[n].lang = ui;
		n++;
	}
	qsort(it, n, sizeof *it, cmp_res);
	*out = xmalloc((n ? n : 1) * sizeof **out);
	for (i = 0; i < n; i++)
		(*out)[i] = it[i].r;
	free(it);
	return n;
}
