/* search_build: the search engine's structures, built once from a
 * catalogue (see search.c for what they are and why); search_index maps
 * the same structures from a published file instead. */
#include <config.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <string.h>

#include "core/codes.h"
#include "core/err.h"
#include "core/morph.h"
#include "core/search.h"
#include "core/termindex.h"
#include "core/text.h"
#include "core/varint.h"
#include "core/wordset.h"

#include "core/search_impl.h"
#include "core/search_index.h"

/* ---- small helpers ------------------------------------------------------ */

/* Same rule as text_collate: in fi and sv, å ä ö are letters of their own. */
static bool nordic_lang(const char *lang)
{
	if (!lang || !(!strncmp(lang, "fi", 2) || !strncmp(lang, "sv", 2)))
		return false;
	return lang[2] == '\0' || lang[2] == '_' || lang[2] == '-' ||
	       lang[2] == '.' || lang[2] == '@';
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
		folds = search_grow(folds, &cap, len + fl + 1, 1);
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
		varint_put(s->vpool, &w->fill[id], v);
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
		unsigned a = search_letter_bit(w + o, &l1), b, pair;
		bool dup = false;
		if (a == NO_BIT || o + l1 >= wl) {
			o += l1;
			continue;
		}
		b = search_letter_bit(w + o + l1, &l2);
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
	c->wp->slot = search_grow(c->wp->slot, &c->wp->cap, c->wp->len + 1,
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
			unsigned b = search_letter_bit((const unsigned char *)wd + o, &l);
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
char *search_name_fold(const struct search *s, uint32_t ref)
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
		folds = search_grow(folds, &cap, len + fl + 1, 1);
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

void search_word_state_clear(struct word_state *w)
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
		search_word_state_clear(&s->prev[i]);
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
