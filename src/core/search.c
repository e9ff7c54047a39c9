/* search: see search.h.
 *
 * Design. The desk runs a query on every keystroke, over catalogues of up
 * to 100,000 services, so the engine never scans the services' text at
 * query time. It works on structures built once:
 *
 *  - Positions: the services in display order (by name in the UI language,
 *    then id). Every set of services is a bitmap over positions, so results
 *    come out sorted, a tier is a bitmap, and several words are an AND.
 *  - A vocabulary: each distinct folded word of every service's keys
 *    (names, descriptions, keywords, organisation name, topic labels and
 *    codes), sorted, in one buffer "\nword\nword\n". A query word has no
 *    spaces, so it occurs in a service's keys exactly when it occurs inside
 *    one of its words: one scan of the vocabulary (2 MB for 100,000
 *    services, far less than their text) finds the matching words, and a
 *    match at a word's start is a word prefix. Each word has a posting list
 *    of positions: delta varints, or a bitmap when that is smaller.
 *  - Every folded name, sorted by bytes, kept as its first 8 bytes and a
 *    reference (the rest is folded again when needed): a binary search
 *    finds the names that start with the whole query.
 *  - Per common letter (a-z, 0-9, å ä ö), bitmaps of where it occurs and
 *    starts a word: a one-letter query, which matches nearly every word,
 *    is a copy. Per topic, a bitmap.
 *
 * Typing is incremental (after htop's IncSet): a word that contains a word
 * of the previous query can only match vocabulary words the previous one
 * matched, so when that list is short it is filtered instead of scanning
 * the vocabulary; unchanged words keep their bitmaps. The result is always
 * exactly what a fresh query gives (tests/unit/test_search.c checks it).
 * What one word matches is search_word.c's; this file splits the query,
 * keeps the previous words and puts the tiers' hits in order.
 *
 * Building (search_build.c) folds every key as it walks the services
 * (text_fold has a fast path for the usual letters, so folding again is
 * cheaper in memory than keeping folds), and looks each word up in a hash
 * table of the vocabulary. */
#include <config.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "core/err.h"
#include "core/search.h"
#include "core/text.h"

#include "core/search_impl.h"

/* ---- query -------------------------------------------------------------- */

/* Split a copy of the folded query into distinct words (pointing into
 * *buf, which the caller frees). */
static size_t split_words(const char *q, char **buf, char ***out)
{
	size_t n = 0, cap = 0, i;
	char **v = NULL;
	char *p = *buf = xstrdup(q);
	while (*p) {
		char *e = strchr(p, ' ');
		bool seen = false;
		if (e)
			*e = '\0';
		for (i = 0; i < n; i++)
			if (!strcmp(v[i], p))
				seen = true;
		if (*p && !seen) {
			v = search_grow(v, &cap, n + 1, sizeof *v);
			v[n++] = p;
		}
		if (!e)
			break;
		p = e + 1;
	}
	*out = v;
	return n;
}

static void ensure_hits(struct search *s, size_t n)
{
	if (n > s->hits_cap) {
		s->hits_cap = n;
		s->hits = xrealloc(s->hits, n * sizeof *s->hits);
	}
}

static void emit_bits(struct search *s, uint64_t b, size_t i,
		      enum search_tier t, size_t *cnt)
{
	while (b) {
		size_t pos = i * 64 + (size_t)__builtin_ctzll(b);
		s->hits[*cnt].index = s->order[pos];
		s->hits[*cnt].tier = t;
		(*cnt)++;
		b &= b - 1;
	}
}

/* Every position of m, in display order, as tier t. */
static size_t emit_all(struct search *s, const uint64_t *m,
		       enum search_tier t)
{
	size_t cnt = 0, i;
	for (i = 0; i < s->nw; i++)
		cnt += (size_t)__builtin_popcountll(m[i]);
	ensure_hits(s, cnt ? cnt : 1);
	cnt = 0;
	for (i = 0; i < s->nw; i++)
		emit_bits(s, m[i], i, t, &cnt);
	return cnt;
}

/* Hits in tier order; within a tier, positions are display order.
 * s->acc holds per tier where every word matches that well or better;
 * nm where a name starts with the whole query. */
static size_t emit_tiers(struct search *s, const uint64_t *nm, size_t tmin)
{
	const uint64_t *all = s->acc + (SEARCH__NTIERS - 1) * s->nw;
	size_t cnt = 0, i, t;
	if (tmin >= SEARCH__NTIERS) {	/* a word matches nothing */
		ensure_hits(s, 1);
		return 0;
	}
	for (i = 0; i < s->nw; i++)
		cnt += (size_t)__builtin_popcountll(all[i]);
	ensure_hits(s, cnt ? cnt : 1);
	cnt = 0;
	for (i = 0; i < s->nw; i++)
		emit_bits(s, all[i] & nm[i], i, SEARCH_NAME_PREFIX, &cnt);
	for (t = tmin > 1 ? tmin : 1; t < SEARCH__NTIERS; t++) {
		const uint64_t *a = s->acc + t * s->nw;
		const uint64_t *before = s->acc + (t - 1) * s->nw;
		for (i = 0; i < s->nw; i++)
			emit_bits(s, a[i] & ~(t > tmin ? before[i] : 0) & ~nm[i],
				  i, (enum search_tier)t, &cnt);
	}
	return cnt;
}

/* Name i against q (len bytes) as a prefix: <0 before the names that
 * start with q, 0 one of them, >0 after. */
static int name_vs_prefix(const struct search *s, size_t i, const char *q,
			  size_t len)
{
	char *f = search_name_fold(s, s->names[i]);
	int r = strncmp(f, q, len);
	free(f);
	return (r > 0) - (r < 0);
}

/* Positions of services with a name starting with q. */
static void names_with_prefix(struct search *s, const char *q, uint64_t *bm)
{
	size_t lo = 0, hi = s->nnames, end, len = strlen(q);
	memset(bm, 0, s->nw * sizeof *bm);
	while (lo < hi) {	/* the first name not before q */
		size_t mid = lo + (hi - lo) / 2;
		if (name_vs_prefix(s, mid, q, len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	end = s->nnames;
	hi = end;
	{
		size_t a = lo;
		while (a < hi) {	/* the first name after them */
			size_t mid = a + (hi - a) / 2;
			if (name_vs_prefix(s, mid, q, len) <= 0)
				a = mid + 1;
			else
				hi = mid;
		}
		end = a;
	}
	for (; lo < end; lo++) {
		uint32_t pos = s->names[lo] / 4;
		bm[pos / 64] |= (uint64_t)1 << (pos % 64);
	}
}

/* The bitmap of positions with one of topics (all when topics is 0). */
static const uint64_t *topic_filter(struct search *s, topic_set topics)
{
	size_t t, i;
	if (!topics) {
		for (i = 0; i < s->nw; i++)
			s->topic_m[i] = ~(uint64_t)0;
		if (s->n % 64)
			s->topic_m[s->nw - 1] = ((uint64_t)1 << (s->n % 64)) - 1;
		if (!s->n)
			s->topic_m[0] = 0;
		return s->topic_m;
	}
	memset(s->topic_m, 0, s->nw * sizeof *s->topic_m);
	for (t = 0; t < TOPIC__N; t++)
		if (topics & ((topic_set)1 << t))
			for (i = 0; i < s->nw; i++)
				s->topic_m[i] |= s->topic_bm[t * s->nw + i];
	/* No position past the services, even from a mapped file's bits. */
	if (s->n % 64)
		s->topic_m[s->nw - 1] &= ((uint64_t)1 << (s->n % 64)) - 1;
	if (!s->n)
		s->topic_m[0] = 0;
	return s->topic_m;
}

/* The query's words, reusing or narrowing the previous query's. */
static struct word_state *query_words(struct search *s, char **words,
				      size_t nwords)
{
	struct word_state *cur = xcalloc(nwords, sizeof *cur);
	size_t i, j;
	for (i = 0; i < nwords; i++) {
		struct word_state *w = &cur[i];
		const struct word_state *from = NULL;
		for (j = 0; j < s->nprev && !w->w; j++)
			if (s->prev[j].w && !strcmp(s->prev[j].w, words[i])) {
				*w = s->prev[j];	/* unchanged: keep it */
				memset(&s->prev[j], 0, sizeof s->prev[j]);
			}
		if (w->w)
			continue;
		w->w = xstrdup(words[i]);
		w->len = strlen(w->w);
		/* Narrow the shortest list of a word this one contains, when
		 * that is cheaper than scanning the vocabulary. */
		for (j = 0; j < s->nprev; j++) {
			const struct word_state *o = &s->prev[j];
			if (o->w && o->list && o->len < w->len &&
			    o->nlist * FILTER_COST < s->vlen &&
			    memmem(w->w, w->len, o->w, o->len) &&
			    (!from || o->nlist < from->nlist))
				from = o;
		}
		search_word_compute(s, w, from);
	}
	for (j = 0; j < s->nprev; j++)
		search_word_state_clear(&s->prev[j]);
	free(s->prev);
	s->prev = cur;
	s->nprev = nwords;
	return cur;
}

size_t search_query_topics(struct search *s, const char *query,
			   topic_set topics, const struct search_hit **hits)
{
	char *q = text_fold(query ? query : "", true), *wbuf;
	char **words = NULL;
	size_t nwords = split_words(q, &wbuf, &words), i, j, cnt;
	const uint64_t *tm = topic_filter(s, topics);

	if (nwords == 0) {
		/* Everything, in name order: the SUBSTRING tier alone. The
		 * order and the topics are all it needs. */
		cnt = emit_all(s, tm, SEARCH_SUBSTRING);
	} else {
		struct word_state *cur;
		size_t nb = SEARCH__NTIERS * s->nw, tmin = 0, from;
		search_complete(s);
		cur = query_words(s, words, nwords);
		/* Tiers below every word's best are empty: skip them. */
		for (i = 0; i < nwords; i++)
			if (cur[i].tmin > tmin)
				tmin = cur[i].tmin;
		from = tmin * s->nw;
		for (j = from; j < nb; j += s->nw) {	/* each tier's bitmap */
			size_t k;
			for (k = 0; k < s->nw; k++)
				s->acc[j + k] = cur[0].g[j + k] & tm[k];
		}
		for (i = 1; i < nwords; i++)
			for (j = from; j < nb; j++)
				s->acc[j] &= cur[i].g[j];
		/* The whole query, spaces and all, against the names. */
		names_with_prefix(s, q, s->name_m);
		cnt = emit_tiers(s, s->name_m, tmin);
	}
	*hits = s->hits;
	free(words);
	free(wbuf);
	free(q);
	return cnt;
}

size_t search_query(struct search *s, const char *query,
		    const struct search_hit **hits)
{
	return search_query_topics(s, query, 0, hits);
}
