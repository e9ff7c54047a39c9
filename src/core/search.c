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
 *
 * Building folds every key as it walks the services (text_fold has a fast
 * path for the usual letters, so folding again is cheaper in memory than
 * keeping folds), and looks each word up in a hash table of the
 * vocabulary. */
#include <config.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "core/codes.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/morph.h"
#include "core/search.h"
#include "core/termindex.h"
#include "core/text.h"
#include "core/wordset.h"

#include "core/search_impl.h"
#include "core/search_index.h"

/* ---- small helpers ------------------------------------------------------ */

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	while (*cap < need)
		*cap = *cap ? *cap * 2 : 64;
	return xrealloc(p, *cap * size);
}

/* Bit for a common folded letter at s (its UTF-8 length in *len), or NO_BIT. */
static unsigned letter_bit(const unsigned char *s, size_t *len)
{
	*len = 1;
	if (s[0] >= 'a' && s[0] <= 'z')
		return s[0] - 'a';
	if (s[0] >= '0' && s[0] <= '9')
		return 26 + (s[0] - '0');
	if (s[0] == 0xC3) {
		*len = 2;
		switch (s[1]) {
		case 0xA5:	/* å */
			return 36;
		case 0xA4:	/* ä */
			return 37;
		case 0xB6:	/* ö */
			return 38;
		default:
			return NO_BIT;
		}
	}
	if (s[0] >= 0xF0)
		*len = 4;
	else if (s[0] >= 0xE0)
		*len = 3;
	else if (s[0] >= 0xC0)
		*len = 2;
	return NO_BIT;
}

/* The query word is exactly one common letter: its bit, else NO_BIT. */
static unsigned single_letter(const char *w, size_t len)
{
	size_t l;
	unsigned b = letter_bit((const unsigned char *)w, &l);
	return l == len ? b : NO_BIT;
}

/* The query word is exactly two common letters: their pair index, or -1. */
static int letter_pair(const char *w, size_t len)
{
	size_t l1, l2;
	unsigned a = letter_bit((const unsigned char *)w, &l1), b;
	if (a == NO_BIT || l1 >= len)
		return -1;
	b = letter_bit((const unsigned char *)w + l1, &l2);
	if (b == NO_BIT || l1 + l2 != len)
		return -1;
	return (int)(a * N_LETTERS + b);
}

/* Same rule as text_collate: in fi and sv, å ä ö are letters of their own. */
static bool nordic_lang(const char *lang)
{
	if (!lang || !(!strncmp(lang, "fi", 2) || !strncmp(lang, "sv", 2)))
		return false;
	return lang[2] == '\0' || lang[2] == '_' || lang[2] == '-' ||
	       lang[2] == '.' || lang[2] == '@';
}

static size_t varint_len(uint32_t v)
{
	size_t n = 1;
	while (v >= 0x80) {
		v >>= 7;
		n++;
	}
	return n;
}

/* ---- build: display order ----------------------------------------------- */

struct sort_item {
	uint32_t idx;
	uint32_t fold;		/* name folded as text_collate folds it */
	const char *name;
	const char *id;
};

struct sort_ctx {
	const char *lang;
	const char *folds;
};

/* The comparison text_collate() defines, with the common case done here:
 * folded names that first differ in an ASCII character (or where one is a
 * prefix of the other) compare by bytes, as text_collate's code point
 * order does; anything else asks text_collate itself. Folding once per
 * name instead of twice per comparison makes sorting 100,000 names cheap. */
static int sort_cmp(const void *va, const void *vb, void *vctx)
{
	const struct sort_item *a = va, *b = vb;
	const struct sort_ctx *ctx = vctx;
	const unsigned char *x = (const unsigned char *)ctx->folds + a->fold;
	const unsigned char *y = (const unsigned char *)ctx->folds + b->fold;
	int r;
	while (*x && *x == *y) {
		x++;
		y++;
	}
	if (*x == *y)		/* equal after folding: bytes of the names */
		r = strcmp(a->name, b->name);
	else if (*x < 0x80 && *y < 0x80)
		r = *x < *y ? -1 : 1;
	else
		r = text_collate(a->name, b->name, ctx->lang);
	if (r == 0)
		r = strcmp(a->id ? a->id : "", b->id ? b->id : "");
	return (r > 0) - (r < 0);
}

static void build_order(struct search *s)
{
	const struct catalogue *cat = s->cat;
	struct sort_item *it = xcalloc(s->n ? s->n : 1, sizeof *it);
	struct sort_ctx ctx = { s->lang, NULL };
	/* ä is an a in English order. */
	bool nordic = nordic_lang(s->lang);
	char *folds = NULL;
	size_t len = 0, cap = 0, i;

	for (i = 0; i < s->n; i++) {
		const struct cat_service *svc = &cat->services[i];
		char *f;
		size_t fl;
		it[i].idx = (uint32_t)i;
		it[i].name = catalogue_text(&svc->name, s->lang);
		it[i].id = svc->id;
		f = text_fold(it[i].name, nordic);
		fl = strlen(f);
		folds = grow(folds, &cap, len + fl + 1, 1);
		memcpy(folds + len, f, fl + 1);
		free(f);
		it[i].fold = (uint32_t)len;
		len += fl + 1;
	}
	ctx.folds = folds;
	qsort_r(it, s->n, sizeof *it, sort_cmp, &ctx);
	s->order = xmalloc((s->n ? s->n : 1) * sizeof *s->order);
	for (i = 0; i < s->n; i++)
		s->order[i] = it[i].idx;
	free(folds);
	free(it);
}

/* Per topic, where its services are. */
static void build_topics(struct search *s)
{
	size_t k, t;
	s->topic_bm = xcalloc(TOPIC__N * s->nw, sizeof *s->topic_bm);
	for (k = 0; k < s->n; k++) {
		topic_set ts = s->cat->services[s->order[k]].topics;
		for (t = 0; t < TOPIC__N; t++)
			if (ts & ((topic_set)1 << t))
				s->topic_bm[t * s->nw + k / 64] |=
					(uint64_t)1 << (k % 64);
	}
}

/* ---- build: vocabulary and postings ------------------------------------- */

/* The build walks the services three times, position by position: once to
 * find the vocabulary, once to size the posting lists, once to fill them.
 * Walking again costs a fold (fast for the usual letters) and a hash
 * look-up a word; a forward index (every service's word ids at once), or
 * a cache of folds, would cost more memory at the build's peak than the
 * finished postings. */
enum pass { PASS_VOCAB, PASS_COUNT, PASS_FILL };

struct word_pairs;

struct walk {
	struct search *s;
	struct wordset *words;	/* the vocabulary: ids sorted after pass 1 */
	enum pass pass;
	uint32_t k;		/* the position */
	uint32_t *last;		/* per word: last position + 1 listing it */
	uint32_t *vsize;	/* PASS_COUNT: bytes of its varint list */
	uint64_t *wmask;	/* PASS_COUNT: per word, its letters */
	uint64_t *wfirst;	/* PASS_COUNT: per word, its first letter */
	uint64_t cm, fm;	/* PASS_COUNT: letters of this position */
	uint32_t *fill;		/* PASS_FILL: where its list goes on */
	const struct word_pairs *wp;	/* PASS_FILL */
};

static void pairs_set(struct search *s, const struct word_pairs *wp,
		      uint32_t id, size_t k);
static bool pairs_of(const struct word_pairs *wp, uint32_t id);

static void walk_word(struct walk *w, uint32_t id)
{
	struct search *s = w->s;
	uint32_t k = w->k, v;

	if (w->pass == PASS_VOCAB || w->last[id] == k + 1)
		return;		/* finding words, or already listed here */
	if (w->pass == PASS_COUNT) {
		w->vsize[id] += (uint32_t)varint_len(k - w->last[id]);
		s->vinfo[id].df++;
		w->cm |= w->wmask[id];
		w->fm |= w->wfirst[id];
		w->last[id] = k + 1;
		return;
	}
	if (pairs_of(w->wp, id))
		pairs_set(s, w->wp, id, k);
	if (w->fill[id] & BITMAP_FLAG) {
		s->bpool[(w->fill[id] & ~BITMAP_FLAG) + k / 64] |=
			(uint64_t)1 << (k % 64);
	} else {
		v = k - w->last[id];	/* gap from the previous position + 1 */
		while (v >= 0x80) {
			s->vpool[w->fill[id]++] = (uint8_t)(v | 0x80);
			v >>= 7;
		}
		s->vpool[w->fill[id]++] = (uint8_t)v;
	}
	w->last[id] = k + 1;
}

/* The words of text, for the position being walked. */
static void walk_text(struct walk *w, const char *text)
{
	char *fo;
	size_t i = 0, len;
	if (!text || !*text)
		return;
	fo = text_fold(text, true);
	len = strlen(fo);
	while (i < len) {
		size_t j = i;
		long id;
		while (j < len && fo[j] != ' ')
			j++;
		if (j == i)
			;
		else if (w->pass == PASS_VOCAB)
			wordset_add(w->words, fo + i, j - i);
		else if ((id = wordset_find(w->words, fo + i, j - i)) >= 0)
			walk_word(w, (uint32_t)id);
		i = j + 1;
	}
	free(fo);
}

/* A word already folded (a lean catalogue's description words). */
static void walk_folded(void *arg, const char *word, size_t len)
{
	struct walk *w = arg;
	long id;
	if (w->pass == PASS_VOCAB)
		wordset_add(w->words, word, len);
	else if ((id = wordset_find(w->words, word, len)) >= 0)
		walk_word(w, (uint32_t)id);
}

/* Every word of the service at position w->k. */
static void walk_position(struct walk *w)
{
	const struct catalogue *cat = w->s->cat;
	const struct cat_service *svc = &cat->services[w->s->order[w->k]];
	size_t l;
	for (l = 0; l < CAT__NLANG; l++) {
		walk_text(w, svc->name.v[l]);
		walk_text(w, svc->description.v[l]);
	}
	catalogue_service_words(cat, svc, walk_folded, w);
	walk_text(w, svc->keywords);
	/* The organisation's name and the topics' labels, which many
	 * services share, are terms of their own (core/termindex). */
}

static void walk_all(struct walk *w, enum pass pass)
{
	w->pass = pass;
	for (w->k = 0; w->k < w->s->n; w->k++) {
		w->cm = w->fm = 0;
		walk_position(w);
		if (pass == PASS_COUNT) {
			struct search *s = w->s;
			size_t at = w->k / 64;
			uint64_t bit = (uint64_t)1 << (w->k % 64);
			unsigned b;
			for (b = 0; b < N_LETTERS; b++) {
				if (w->cm & ((uint64_t)1 << b))
					s->letter_m[b * s->nw + at] |= bit;
				if (w->fm & ((uint64_t)1 << b))
					s->letter_p[b * s->nw + at] |= bit;
			}
		}
	}
}

/* For each vocabulary word, the heavy letter pairs in it: slot numbers,
 * with PAIR_START on the pair that begins the word. */
#define PAIR_START 0x8000
struct word_pairs {
	uint32_t *start;	/* nv + 1 */
	uint16_t *slot;
	size_t len, cap;
};

/* Call fn for each distinct letter pair of word i (first: starts it). */
static void each_pair(const struct search *s, size_t i,
		      void (*fn)(void *, unsigned, bool), void *arg)
{
	const unsigned char *w = (const unsigned char *)s->vbuf + s->voff[i];
	size_t wl = s->voff[i + 1] - s->voff[i] - 1, o = 0, l1, l2;
	unsigned seen[32], nseen = 0, k;
	while (o < wl) {
		unsigned a = letter_bit(w + o, &l1), b, pair;
		bool dup = false;
		if (a == NO_BIT || o + l1 >= wl) {
			o += l1;
			continue;
		}
		b = letter_bit(w + o + l1, &l2);
		if (b != NO_BIT) {
			pair = a * N_LETTERS + b;
			for (k = 0; k < nseen && !dup; k++)
				dup = seen[k] == pair;
			if (!dup && nseen < 32)
				seen[nseen++] = pair;
			/* Past 32 distinct pairs a repeat is passed on again:
			 * harmless, a bit set twice is still one bit. */
			if (!dup)
				fn(arg, pair, o == 0);
		}
		o += l1;
	}
}

static void count_pair(void *arg, unsigned pair, bool first)
{
	(void)first;
	((uint32_t *)arg)[pair]++;
}

struct pair_ctx {
	const struct search *s;
	struct word_pairs *wp;
};

static void list_pair(void *arg, unsigned pair, bool first)
{
	struct pair_ctx *c = arg;
	int slot = c->s->pair_slot[pair];
	if (slot < 0)
		return;
	c->wp->slot = grow(c->wp->slot, &c->wp->cap, c->wp->len + 1,
			   sizeof *c->wp->slot);
	c->wp->slot[c->wp->len++] = (uint16_t)(slot | (first ? PAIR_START : 0));
}

/* Choose the heavy pairs and list them per word. */
static void heavy_pairs(struct search *s, struct word_pairs *wp)
{
	uint32_t *count = xcalloc(N_LETTERS * N_LETTERS, sizeof *count);
	struct pair_ctx ctx = { s, wp };
	size_t i;
	for (i = 0; i < s->nv; i++)
		each_pair(s, i, count_pair, count);
	s->npairs = 0;
	for (i = 0; i < N_LETTERS * N_LETTERS; i++)
		s->pair_slot[i] = count[i] >= HEAVY_WORDS ?
			(int16_t)s->npairs++ : -1;
	free(count);
	s->pair_m = xcalloc(s->npairs * s->nw + 1, sizeof *s->pair_m);
	s->pair_p = xcalloc(s->npairs * s->nw + 1, sizeof *s->pair_p);
	wp->start = xmalloc((s->nv + 1) * sizeof *wp->start);
	for (i = 0; i < s->nv; i++) {
		wp->start[i] = (uint32_t)wp->len;
		if (s->npairs)
			each_pair(s, i, list_pair, &ctx);
	}
	wp->start[s->nv] = (uint32_t)wp->len;
}

/* Word id is at position k: so are its heavy pairs. */
static void pairs_set(struct search *s, const struct word_pairs *wp,
		      uint32_t id, size_t k)
{
	uint32_t j;
	uint64_t bit = (uint64_t)1 << (k % 64);
	for (j = wp->start[id]; j < wp->start[id + 1]; j++) {
		size_t slot = wp->slot[j] & ~PAIR_START;
		s->pair_m[slot * s->nw + k / 64] |= bit;
		if (wp->slot[j] & PAIR_START)
			s->pair_p[slot * s->nw + k / 64] |= bit;
	}
}

static bool pairs_of(const struct word_pairs *wp, uint32_t id)
{
	return wp->start[id] != wp->start[id + 1];
}

static void build_index(struct search *s)
{
	struct wordset words = { 0 }, *t = &words;
	size_t i, k, vtotal = 0, btotal = 0, nv1;
	uint32_t *remap;
	struct word_pairs wp = { 0 };
	struct walk w = { 0 };

	w.s = s;
	w.words = t;

	/* Pass 1: every word, into the interning table. */
	walk_all(&w, PASS_VOCAB);

	/* The vocabulary, sorted, in one buffer. */
	s->nv = t->n;
	nv1 = s->nv ? s->nv : 1;
	remap = wordset_sort(t);
	free(remap);
	/* Look-ups in passes 2 and 3 give the sorted ids. */
	wordset_rehash(t);
	s->vbuf = xcalloc(1 + t->len + VPAD, 1);
	s->voff = xmalloc((s->nv + 1) * sizeof *s->voff);
	w.wmask = xcalloc(nv1, sizeof *w.wmask);
	w.wfirst = xcalloc(nv1, sizeof *w.wfirst);
	s->vbuf[0] = '\n';
	k = 1;
	for (i = 0; i < s->nv; i++) {
		const char *wd = wordset_word(t, (uint32_t)i);
		size_t len = strlen(wd), o = 0, l;
		s->voff[i] = (uint32_t)k;
		memcpy(s->vbuf + k, wd, len);
		s->vbuf[k + len] = '\n';
		k += len + 1;
		while (o < len) {
			unsigned b = letter_bit((const unsigned char *)wd + o, &l);
			if (b != NO_BIT) {
				w.wmask[i] |= (uint64_t)1 << b;
				if (o == 0)
					w.wfirst[i] = (uint64_t)1 << b;
			}
			o += l;
		}
	}
	s->vlen = k;
	s->voff[s->nv] = (uint32_t)k + 1;
	for (i = 0; i < s->vlen; i++)
		s->byte_freq[(unsigned char)s->vbuf[i]]++;
	heavy_pairs(s, &wp);

	/* Pass 2: posting list sizes, letter bitmaps. */
	s->vinfo = xcalloc(nv1, sizeof *s->vinfo);
	w.vsize = xcalloc(nv1, sizeof *w.vsize);
	w.last = xcalloc(nv1, sizeof *w.last);
	s->letter_m = xcalloc(N_LETTERS * s->nw, sizeof *s->letter_m);
	s->letter_p = xcalloc(N_LETTERS * s->nw, sizeof *s->letter_p);
	walk_all(&w, PASS_COUNT);
	free(w.wmask);
	free(w.wfirst);
	for (i = 0; i < s->nv; i++) {
		if (w.vsize[i] > s->nw * sizeof(uint64_t)) {
			s->vinfo[i].post = (uint32_t)btotal | BITMAP_FLAG;
			btotal += s->nw;
		} else {
			s->vinfo[i].post = (uint32_t)vtotal;
			vtotal += w.vsize[i];
		}
	}
	free(w.vsize);

	/* Pass 3: the posting lists: gaps from the previous position + 1. */
	s->vpool = xmalloc(vtotal ? vtotal : 1);
	s->bpool = xcalloc(btotal ? btotal : 1, sizeof *s->bpool);
	s->vpool_len = vtotal;
	s->bpool_len = btotal;
	memset(w.last, 0, nv1 * sizeof *w.last);
	w.fill = xmalloc(nv1 * sizeof *w.fill);
	for (i = 0; i < s->nv; i++)
		w.fill[i] = s->vinfo[i].post;
	w.wp = &wp;
	walk_all(&w, PASS_FILL);
	wordset_free(t);
	free(w.fill);
	free(w.last);
	free(wp.start);
	free(wp.slot);
}

/* ---- build: names ------------------------------------------------------- */

/* The first 8 bytes of s as a number that sorts as strcmp does. */
static uint64_t key8(const char *s)
{
	uint64_t k = 0;
	size_t i;
	for (i = 0; i < 8; i++) {
		k = k << 8 | (unsigned char)*s;
		if (*s)
			s++;
	}
	return k;
}

static uint64_t name_key(const struct name_key *n)
{
	return (uint64_t)n->hi << 32 | n->lo;
}

static int cmp_name_key(const void *a, const void *b)
{
	const struct name_key *x = a, *y = b;
	uint64_t kx = name_key(x), ky = name_key(y);
	if (kx != ky)
		return kx < ky ? -1 : 1;
	return (x->ref > y->ref) - (x->ref < y->ref);
}

/* The name's fold (from the catalogue; the caller frees it). */
static char *name_fold(const struct search *s, uint32_t ref)
{
	const struct cat_service *svc = &s->cat->services[s->order[ref / 4]];
	return text_fold(svc->name.v[ref % 4], true);
}

struct run_item {
	uint32_t off;		/* into the run's folds */
	struct name_key n;
};

static int cmp_run_item(const void *a, const void *b, void *folds)
{
	const struct run_item *x = a, *y = b;
	int r = strcmp((const char *)folds + x->off,
		       (const char *)folds + y->off);
	if (r == 0)
		r = (x->n.ref > y->n.ref) - (x->n.ref < y->n.ref);
	return r;
}

/* Names that agree in their first 8 bytes, in the order of their whole
 * folds: only such a run's folds are held at once. */
static void sort_run(struct search *s,
		     struct name_key *run, size_t n)
{
	struct run_item *it = xmalloc(n * sizeof *it);
	char *folds = NULL;
	size_t len = 0, cap = 0, i;
	for (i = 0; i < n; i++) {
		const struct cat_service *svc =
			&s->cat->services[s->order[run[i].ref / 4]];
		char *f = text_fold(svc->name.v[run[i].ref % 4], true);
		size_t fl = strlen(f);
		folds = grow(folds, &cap, len + fl + 1, 1);
		memcpy(folds + len, f, fl + 1);
		free(f);
		it[i].off = (uint32_t)len;
		it[i].n = run[i];
		len += fl + 1;
	}
	qsort_r(it, n, sizeof *it, cmp_run_item, folds);
	for (i = 0; i < n; i++)
		run[i] = it[i].n;
	free(folds);
	free(it);
}

/* Every distinct folded name of every service, sorted. */
static void build_names(struct search *s)
{
	size_t cnt = 0, i, j, l;
	struct name_key *keys = xmalloc((s->n * CAT__NLANG + 1) * sizeof *keys);
	for (i = 0; i < s->n; i++) {
		const struct cat_service *svc = &s->cat->services[s->order[i]];
		char *seen[CAT__NLANG];
		size_t nseen = 0;
		for (l = 0; l < CAT__NLANG; l++) {
			char *fo;
			uint64_t key;
			bool dup = false;
			if (!svc->name.v[l] || !*svc->name.v[l])
				continue;
			fo = text_fold(svc->name.v[l], true);
			/* The same name in two languages counts once. */
			for (j = 0; j < nseen; j++)
				if (!strcmp(seen[j], fo))
					dup = true;
			if (dup || !*fo) {
				free(fo);
				continue;
			}
			seen[nseen++] = fo;
			key = key8(fo);
			keys[cnt].hi = (uint32_t)(key >> 32);
			keys[cnt].lo = (uint32_t)key;
			keys[cnt].ref = (uint32_t)(i * 4 + l);
			cnt++;
		}
		for (j = 0; j < nseen; j++)
			free(seen[j]);
	}
	s->nnames = cnt;
	qsort(keys, cnt, sizeof *keys, cmp_name_key);
	/* Equal first 8 bytes of folds 8 bytes or longer: the rest decides. */
	for (i = 0; i < cnt; i = j) {
		uint64_t key = name_key(&keys[i]);
		for (j = i + 1; j < cnt && name_key(&keys[j]) == key; j++)
			;
		if (j - i > 1 && (key & 0xff))
			sort_run(s, keys + i, j - i);
	}
	s->names = xmalloc((cnt + 1) * sizeof *s->names);
	for (i = 0; i < cnt; i++)
		s->names[i] = keys[i].ref;
	free(keys);
}

/* ---- public: build ------------------------------------------------------ */

struct search *search_alloc(const struct catalogue *cat, const char *lang)
{
	struct search *s = xcalloc(1, sizeof *s);

	s->cat = cat;
	s->lang = xstrdup(lang ? lang : "");
	s->n = cat ? cat->n_services : 0;
	s->nw = (s->n + 63) / 64;
	if (!s->nw)
		s->nw = 1;
	s->acc = xmalloc(SEARCH__NTIERS * s->nw * sizeof *s->acc);
	s->name_m = xmalloc(s->nw * sizeof *s->name_m);
	s->topic_m = xmalloc(s->nw * sizeof *s->topic_m);
	return s;
}

struct search *search_new(const struct catalogue *cat, const char *lang)
{
	struct search *s = search_alloc(cat, lang);
	build_order(s);
	build_topics(s);
	return s;
}

void search_complete(struct search *s)
{
	if (!s || s->complete)
		return;
	build_names(s);
	build_index(s);
	s->morph = morph_new(NULL);
	s->terms = termindex_build(s->cat, s->order, s->n, s->morph);
	s->complete = true;
#ifdef __GLIBC__
	/* The build's scratch (folds, the vocabulary's hash table) was
	 * freed in between the index's blocks: give those pages back. */
	malloc_trim(0);
#endif
}

bool search_is_complete(const struct search *s)
{
	return s && s->complete;
}

const char *search_warning(const struct search *s)
{
	return s ? morph_warning(s->morph) : NULL;
}

size_t search_terms_bytes(const struct search *s)
{
	return s ? termindex_bytes(s->terms) : 0;
}

static void word_state_clear(struct word_state *w)
{
	free(w->w);
	free(w->list);
	free(w->g);
	memset(w, 0, sizeof *w);
}

void search_free(struct search **sp)
{
	struct search *s;
	size_t i;
	if (!sp || !*sp)
		return;
	s = *sp;
	for (i = 0; i < s->nprev; i++)
		word_state_clear(&s->prev[i]);
	free(s->prev);
	free(s->lang);
	if (!s->mapped) {
		free(s->order);
		free(s->vbuf);
		free(s->voff);
		free(s->vinfo);
		free(s->vpool);
		free(s->bpool);
		free(s->letter_m);
		free(s->letter_p);
		free(s->topic_bm);
		free(s->pair_m);
		free(s->pair_p);
		free(s->names);
	}
	free(s->acc);
	termindex_free(&s->terms);
	search_index_unmap(s);
	morph_free(&s->morph);
	for (i = 0; i < sizeof s->qcache / sizeof s->qcache[0]; i++)
		free(s->qcache[i]);
	free(s->name_m);
	free(s->topic_m);
	free(s->hits);
	free(s);
	*sp = NULL;
}

/* The analysers, opened at the first query word that needs them: a desk
 * on a mapped index never loads Voikko until then. */
static struct morph *query_morph(struct search *s)
{
	if (!s->morph)
		s->morph = morph_new(NULL);
	return s->morph;
}

/* ---- query: matching words ---------------------------------------------- */

/* Id of the word holding offset o of vbuf, at or after word `from`:
 * matches come in vocabulary order, so gallop forward from the last one. */
static uint32_t word_from(const struct search *s, uint32_t from, size_t o)
{
	size_t lo = from, step = 1, hi;
	while (lo + step < s->nv && s->voff[lo + step] <= o) {
		lo += step;
		step *= 2;
	}
	hi = lo + step < s->nv ? lo + step : s->nv;	/* voff[hi] > o */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->voff[mid] <= o)
			lo = mid;
		else
			hi = mid;
	}
	return (uint32_t)lo;
}

struct scan {
	struct word_state *w;
	size_t cap;
	uint32_t id;		/* last word matched */
	size_t next;		/* vbuf offset to go on from */
};

static void scan_hit(const struct search *s, struct scan *sc, size_t o)
{
	uint32_t id = word_from(s, sc->id, o);
	struct word_state *w = sc->w;
	w->list = grow(w->list, &sc->cap, w->nlist + 1, sizeof *w->list);
	w->list[w->nlist++] = id | (s->voff[id] == o ? PREFIX_FLAG : 0);
	sc->id = id;
	sc->next = s->voff[id + 1];	/* one match a word is enough */
}

/* Every vocabulary word containing w (len >= 2), in one pass: candidate
 * positions are those where w's two rarest bytes both match, found 16 at a
 * time; only they are compared in full. */
static void scan_vocab(const struct search *s, struct scan *sc)
{
	const unsigned char *v = (const unsigned char *)s->vbuf;
	const unsigned char *w = (const unsigned char *)sc->w->w;
	size_t len = sc->w->len, end, i = 0, k, x = 0, y = len - 1;

	if (s->vlen < len)
		return;
	end = s->vlen - len + 1;	/* candidate starts: [0, end) */
	/* x, y: the positions of the two rarest bytes of w (x != y). */
	for (k = 1; k < len; k++)
		if (s->byte_freq[w[k]] < s->byte_freq[w[x]])
			x = k;
	y = x == 0 ? 1 : 0;
	for (k = 0; k < len; k++)
		if (k != x && s->byte_freq[w[k]] < s->byte_freq[w[y]])
			y = k;
#ifdef __SSE2__
	{
		const __m128i bx = _mm_set1_epi8((char)w[x]);
		const __m128i by = _mm_set1_epi8((char)w[y]);
		for (; i + 16 <= end; i += 16) {
			__m128i a = _mm_loadu_si128((const __m128i *)(v + i + x));
			__m128i b = _mm_loadu_si128((const __m128i *)(v + i + y));
			unsigned mask = (unsigned)_mm_movemask_epi8(
				_mm_and_si128(_mm_cmpeq_epi8(a, bx),
					      _mm_cmpeq_epi8(b, by)));
			while (mask) {
				size_t o = i + (size_t)__builtin_ctz(mask);
				mask &= mask - 1;
				if (o >= sc->next && !memcmp(v + o, w, len))
					scan_hit(s, sc, o);
			}
		}
	}
#endif
	for (; i < end; i++)
		if (v[i + x] == w[x] && v[i + y] == w[y] && i >= sc->next &&
		    !memcmp(v + i, w, len))
			scan_hit(s, sc, i);
}

/* Where w occurs in word id's text, or -1. */
static long find_in_word(const struct search *s, uint32_t id,
			 const struct word_state *w)
{
	const char *word = s->vbuf + s->voff[id];
	size_t wl = s->voff[id + 1] - s->voff[id] - 1, k;
	for (k = 0; k + w->len <= wl; k++)
		if (word[k] == w->w[0] && !memcmp(word + k, w->w, w->len))
			return (long)k;
	return -1;
}

/* OR word id's postings into bm. */
static void or_postings(const struct search *s, uint32_t id, uint64_t *bm)
{
	const struct vinfo *vi = &s->vinfo[id];
	const uint8_t *q, *end;
	uint32_t k, pos = 0;
	if (vi->post & BITMAP_FLAG) {
		const uint64_t *b = s->bpool + (vi->post & ~BITMAP_FLAG);
		size_t i;
		for (i = 0; i < s->nw; i++)
			bm[i] |= b[i];
		return;
	}
	q = s->vpool + vi->post;
	end = s->vpool + s->vpool_len;
	for (k = 0; k < vi->df && q < end; k++) {
		uint32_t v = *q++;
		if (v & 0x80) {
			unsigned shift = 7;
			v &= 0x7F;
			do {
				v |= (uint32_t)(*q & 0x7F) << shift;
				shift += 7;
			} while ((*q++ & 0x80) && q < end && shift < 32);
		}
		pos += v;
		if (pos >= s->n)
			break;	/* a mapped file's list cannot write past */
		bm[pos / 64] |= (uint64_t)1 << (pos % 64);
		pos++;
	}
}

/* Filtering a list costs about as much a word as scanning this many bytes
 * of the vocabulary (measured: ~30 ns a word against ~0.1 ns a byte). */
#define FILTER_COST 256

/* The words w matches, from scratch or from the list of a word w contains;
 * then its bitmaps m and p (zeroed) from their postings. */
static void word_surface(struct search *s, struct word_state *w,
			 const struct word_state *from)
{
	size_t i;
	unsigned bit = single_letter(w->w, w->len);
	int pair = letter_pair(w->w, w->len);

	if (pair >= 0 && s->pair_slot[pair] >= 0) {
		size_t at = (size_t)s->pair_slot[pair] * s->nw;
		memcpy(w->m, s->pair_m + at, s->nw * sizeof *w->m);
		memcpy(w->p, s->pair_p + at, s->nw * sizeof *w->p);
		return;
	}
	if (bit != NO_BIT) {
		memcpy(w->m, s->letter_m + bit * s->nw, s->nw * sizeof *w->m);
		memcpy(w->p, s->letter_p + bit * s->nw, s->nw * sizeof *w->p);
		return;
	}
	w->list = xmalloc(sizeof *w->list);	/* an empty list, not masks */
	if (from) {
		size_t cap = 1;
		for (i = 0; i < from->nlist; i++) {
			uint32_t id = from->list[i] & ~PREFIX_FLAG;
			long at = find_in_word(s, id, w);
			if (at < 0)
				continue;
			w->list = grow(w->list, &cap, w->nlist + 1,
				       sizeof *w->list);
			w->list[w->nlist++] = id | (at == 0 ? PREFIX_FLAG : 0);
		}
	} else if (w->len == 1) {	/* an uncommon letter: few words */
		struct scan sc = { w, 1, 0, 0 };
		const char *p = s->vbuf, *end = s->vbuf + s->vlen;
		while ((p = memchr(p, w->w[0], (size_t)(end - p))) != NULL) {
			scan_hit(s, &sc, (size_t)(p - s->vbuf));
			p = s->vbuf + sc.next;
		}
	} else {
		struct scan sc = { w, 1, 0, 0 };
		scan_vocab(s, &sc);
	}
	for (i = 0; i < w->nlist; i++) {
		uint32_t e = w->list[i];
		if (i + 4 < w->nlist) {
			const struct vinfo *ahead =
				&s->vinfo[w->list[i + 4] & ~PREFIX_FLAG];
			__builtin_prefetch(ahead);
			if (i + 8 < w->nlist)
				__builtin_prefetch(&s->vinfo[w->list[i + 8] &
							     ~PREFIX_FLAG]);
			if (!(ahead->post & BITMAP_FLAG))
				__builtin_prefetch(s->vpool + ahead->post);
		}
		or_postings(s, e & ~PREFIX_FLAG, e & PREFIX_FLAG ? w->p : w->m);
	}
	for (i = 0; i < s->nw; i++)
		w->m[i] |= w->p[i];
}

/* ---- query: the word's terms, typos, tiers ------------------------------ */

/* Tiers of the index's grades: a term that is the query's word, one that
 * only starts with it, a base form (or stem) of it, a compound part. */
static const uint8_t exact_tier[TERM__NGRADES] = {
	SEARCH_NAME_WORD, SEARCH_NAME_BASE, SEARCH_NAME_PART,
	SEARCH_KEY_WORD, SEARCH_KEY_BASE, SEARCH_KEY_PART,
	SEARCH_DESC_BASE, SEARCH_DESC_PART,
	SEARCH_OTHER_WORD, SEARCH_OTHER_BASE, SEARCH_OTHER_PART,
};
static const uint8_t start_tier[TERM__NGRADES] = {
	SEARCH_NAME_START, SEARCH_NAME_START, SEARCH_NAME_START,
	SEARCH_KEY_START, SEARCH_KEY_START, SEARCH_KEY_START,
	SEARCH_DESC_START, SEARCH_DESC_START,
	SEARCH_OTHER_START, SEARCH_OTHER_START, SEARCH_OTHER_START,
};
static const uint8_t base_tier[TERM__NGRADES] = {
	SEARCH_NAME_BASE, SEARCH_NAME_BASE, SEARCH_NAME_PART,
	SEARCH_KEY_BASE, SEARCH_KEY_BASE, SEARCH_KEY_PART,
	SEARCH_DESC_BASE, SEARCH_DESC_PART,
	SEARCH_OTHER_BASE, SEARCH_OTHER_BASE, SEARCH_OTHER_PART,
};
static const uint8_t typo_tier[TERM__NGRADES] = {
	SEARCH_NAME_TYPO, SEARCH_NAME_TYPO, SEARCH_NAME_TYPO,
	SEARCH_KEY_TYPO, SEARCH_KEY_TYPO, SEARCH_KEY_TYPO,
	SEARCH_DESC_TYPO, SEARCH_DESC_TYPO,
	SEARCH_DESC_TYPO, SEARCH_DESC_TYPO, SEARCH_DESC_TYPO,
};
static const uint8_t part_tier[TERM__NGRADES] = {
	SEARCH_NAME_PART, SEARCH_NAME_PART, SEARCH_NAME_PART,
	SEARCH_KEY_PART, SEARCH_KEY_PART, SEARCH_KEY_PART,
	SEARCH_DESC_PART, SEARCH_DESC_PART,
	SEARCH_OTHER_PART, SEARCH_OTHER_PART, SEARCH_OTHER_PART,
};

/* Vocabulary id of the word w[0..len), or -1. */
static long vocab_find(const struct search *s, const char *w, size_t len)
{
	size_t lo = 0, hi = s->nv;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *v = s->vbuf + s->voff[mid];
		size_t vl = s->voff[mid + 1] - s->voff[mid] - 1;
		int r = memcmp(v, w, vl < len ? vl : len);
		if (r == 0)
			r = (vl > len) - (vl < len);
		if (r == 0)
			return (long)mid;
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* A word found as a term and as a word of the vocabulary (descriptions'
 * words as written): in tiers map, or vtier for the vocabulary's. */
static void exact_word(struct search *s, const char *t, size_t len,
		       const uint8_t map[TERM__NGRADES], enum search_tier vtier,
		       uint64_t *g)
{
	long id;
	termindex_match(s->terms, t, len, map, NULL, g, s->nw);
	if ((id = vocab_find(s, t, len)) >= 0)
		or_postings(s, (uint32_t)id, g + (size_t)vtier * s->nw);
}

/* Base forms and stems of recent query words (QCACHE of them): typing,
 * deleting and typing again ask for the same words, and Voikko takes
 * some microseconds a word. A slot holds the word, then each term, each
 * NUL-terminated, then an empty string. */
static void collect_base(void *arg, const char *t, size_t len,
			 enum morph_kind kind)
{
	struct { char *p; size_t len, cap; } *b = arg;
	if (kind != MORPH_BASE)
		return;	/* the query's own parts would match far too much */
	b->p = grow(b->p, &b->cap, b->len + len + 2, 1);
	memcpy(b->p + b->len, t, len);
	b->p[b->len + len] = '\0';
	b->len += len + 1;
}

/* The base forms and stems of w: "t1\0t2\0\0" (the search owns it). */
static const char *query_bases(struct search *s, const struct word_state *w)
{
	struct { char *p; size_t len, cap; } b = { NULL, 0, 0 };
	size_t i;
	for (i = 0; i < QCACHE; i++)
		if (s->qcache[i] && !strcmp(s->qcache[i], w->w))
			return s->qcache[i] + w->len + 1;
	collect_base(&b, w->w, w->len, MORPH_BASE);	/* the key */
	morph_analyse(query_morph(s), w->w, w->len, MORPH_ALL, collect_base,
		      &b);
	b.p = grow(b.p, &b.cap, b.len + 1, 1);
	b.p[b.len] = '\0';
	i = s->qnext++ % QCACHE;
	free(s->qcache[i]);
	s->qcache[i] = b.p;
	return b.p + w->len + 1;
}

struct parts_ctx {
	struct search *s;
	uint64_t *acc;		/* every part so far, per tier (cumulative) */
	uint64_t *any;		/* any part so far, per tier (cumulative) */
	uint64_t *cur;		/* the part being read */
	unsigned part;		/* its number */
	size_t nparts;
};

/* Per tier, where the part matches that well or better, ANDed into acc. */
static void parts_close(struct parts_ctx *c)
{
	size_t nw = c->s->nw, nb = SEARCH__NTIERS * nw, t, i;
	for (t = 1; t < SEARCH__NTIERS; t++)
		for (i = 0; i < nw; i++)
			c->cur[t * nw + i] |= c->cur[(t - 1) * nw + i];
	for (i = 0; i < nb; i++) {
		c->acc[i] = c->nparts ? c->acc[i] & c->cur[i] : c->cur[i];
		c->any[i] |= c->cur[i];
	}
	memset(c->cur, 0, nb * sizeof *c->cur);
	c->nparts++;
}

static void query_part(void *arg, const char *t, size_t len, unsigned part)
{
	struct parts_ctx *c = arg;
	if (part != c->part) {
		parts_close(c);
		c->part = part;
	}
	exact_word(c->s, t, len, part_tier, SEARCH_DESC_PART, c->cur);
}

/* A compound by its parts ("kotoutumisneuvonta": kotoutumis or kotoutua,
 * and neuvonta): where every part matches, as a compound part match of
 * the weakest part's field, in the tiers up to upto. Where some part
 * matches, per tier, goes to *some (the caller frees it; NULL when w is
 * no compound). */
static void compound_parts(struct search *s, struct word_state *w,
			   enum search_tier upto, uint64_t **some)
{
	size_t nb = SEARCH__NTIERS * s->nw, i, nup = (upto + 1) * s->nw;
	struct parts_ctx c = { s, xcalloc(nb, sizeof *c.acc),
			       xcalloc(nb, sizeof *c.any),
			       xcalloc(nb, sizeof *c.cur), 0, 0 };
	bool any = morph_compound(query_morph(s), w->w, w->len, query_part,
				  &c);
	*some = NULL;
	if (any) {
		parts_close(&c);
		if (c.nparts >= 2) {
			for (i = 0; i < nup; i++)
				w->g[i] |= c.acc[i];
			*some = c.any;
			c.any = NULL;
		}
	}
	free(c.acc);
	free(c.any);
	free(c.cur);
}

/* A compound none of whose readings matches, not even as a typo
 * ("häätöuhka" where the text has "häädön uhatessa"): rather than
 * nothing, the services that hold one of its parts (some, from
 * compound_parts), last, in the typo tiers of their fields. */
static void some_parts(struct search *s, struct word_state *w,
		       const uint64_t *some)
{
	size_t nw = s->nw, t, i;
	for (t = 0; t < SEARCH__NTIERS; t++) {
		enum search_tier to = t <= SEARCH_NAME_PART ? SEARCH_NAME_TYPO :
			t <= SEARCH_KEY_PART ? SEARCH_KEY_TYPO :
			SEARCH_DESC_TYPO;
		for (i = 0; i < nw; i++)
			w->g[(size_t)to * nw + i] |= some[t * nw + i];
	}
}

static size_t code_points(const char *w, size_t len)
{
	size_t n = 0, i;
	for (i = 0; i < len; i++)
		n += ((unsigned char)w[i] & 0xC0) != 0x80;
	return n;
}

/* Shortest word that is matched within one edit. */
#define TYPO_MIN 5
/* Longest ending cut off a word that matches nothing ("barnbidraget"). */
#define ENDING_MAX 2

/* The vocabulary's words within one edit of w (a scan with a length
 * filter: a byte more or less, or two for å ä ö), and w less an ending of
 * one or two letters when five remain (what a stemmer does not know):
 * each where it is, as a typo of its field. */
static void typos(struct search *s, struct word_state *w)
{
	size_t i, cut = w->len, cps = code_points(w->w, w->len);
	for (i = 0; i < s->nv; i++) {
		const char *v = s->vbuf + s->voff[i];
		size_t vl = s->voff[i + 1] - s->voff[i] - 1;
		if (vl + 2 < w->len || vl > w->len + 2)
			continue;
		/* One edit keeps one of the first two letters in place, or
		 * moves it by one (for ASCII; others are checked in full). */
		if (!((v[0] | v[1] | w->w[0] | w->w[1]) & 0x80) &&
		    v[0] != w->w[0] && v[1] != w->w[1] &&
		    v[0] != w->w[1] && v[1] != w->w[0])
			continue;
		if (morph_one_edit(w->w, w->len, v, vl))
			exact_word(s, v, vl, typo_tier, SEARCH_DESC_TYPO, w->g);
	}
	for (i = 1; i <= ENDING_MAX && cps - i >= TYPO_MIN; i++) {
		while (cut > 0 && ((unsigned char)w->w[cut - 1] & 0xC0) == 0x80)
			cut--;	/* to the start of the last character */
		cut--;
		exact_word(s, w->w, cut, typo_tier, SEARCH_DESC_TYPO, w->g);
	}
}

static bool any_bit(const uint64_t *b, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (b[i])
			return true;
	return false;
}

/* Every tier's bitmap for w: the words as written (word_surface: where
 * a word starts with w, and where w is inside a word), the terms that
 * are w or start with it, its base forms and stems; then its compound
 * parts (see below), then, when nothing matches, a typo's neighbours,
 * and then the services with one of its parts. Then
 * each tier's bitmap takes in the better ones', so that a query's tiers
 * are ANDs. */
static void word_compute(struct search *s, struct word_state *w,
			 const struct word_state *from)
{
	size_t nw = s->nw, t, i;
	const char *base;
	uint64_t *some = NULL;
	long id;
	w->g = xcalloc(SEARCH__NTIERS * nw, sizeof *w->g);
	w->m = w->g + SEARCH_SUBSTRING * nw;
	w->p = w->g + SEARCH_DESC_START * nw;
	word_surface(s, w, from);
	/* Terms that start with w: only for three bytes or more; shorter
	 * ones begin too many, and the whole-name prefix ranks them well
	 * enough. */
	termindex_match(s->terms, w->w, w->len, exact_tier,
			w->len >= 3 ? start_tier : NULL, w->g, nw);
	if ((id = vocab_find(s, w->w, w->len)) >= 0)
		or_postings(s, (uint32_t)id, w->g + SEARCH_DESC_WORD * nw);
	/* Its base forms and stems ("kela" of "kelasta"). */
	for (base = query_bases(s, w); *base; base += strlen(base) + 1)
		exact_word(s, base, strlen(base), base_tier, SEARCH_DESC_BASE,
			   w->g);
	/* Its compound parts: anywhere when the word matches nothing; in
	 * names and keywords when it is in none of them (written whole only
	 * in a description, such a name is the better match, and a service
	 * with "Kotoutumisen neuvontapuhelin" must not vanish because
	 * another's description has "kotoutumisneuvonta"). Not when a name
	 * or keywords have the word itself: its parts scattered over other
	 * names ("hoitokoti" for "kotihoito") would crowd them. */
	if (!any_bit(w->g, SEARCH__NTIERS * nw))
		compound_parts(s, w, SEARCH__NTIERS - 1, &some);
	else if (!any_bit(w->g, (SEARCH_KEY_PART + 1) * nw))
		compound_parts(s, w, SEARCH_KEY_PART, &some);
	if (code_points(w->w, w->len) >= TYPO_MIN &&
	    !any_bit(w->g, SEARCH__NTIERS * nw))
		typos(s, w);
	if (some && !any_bit(w->g, SEARCH__NTIERS * nw))
		some_parts(s, w, some);
	free(some);
	for (w->tmin = 0; w->tmin < SEARCH__NTIERS; w->tmin++)
		if (any_bit(w->g + w->tmin * nw, nw))
			break;
	for (t = w->tmin + 1; t < SEARCH__NTIERS; t++)
		for (i = 0; i < nw; i++)
			w->g[t * nw + i] |= w->g[(t - 1) * nw + i];
}

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
			v = grow(v, &cap, n + 1, sizeof *v);
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
	char *f = name_fold(s, s->names[i]);
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
		word_compute(s, w, from);
	}
	for (j = 0; j < s->nprev; j++)
		word_state_clear(&s->prev[j]);
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
