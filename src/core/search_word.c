/* search_word: what one query word matches (see search.c for the
 * structures): where it occurs in the vocabulary (filtered from the
 * previous query's word while typing), the terms it is or starts, its
 * base forms and stems, its compound parts, a typo's neighbours; as one
 * bitmap a tier. */
#include <config.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "core/err.h"
#include "core/morph.h"
#include "core/search.h"
#include "core/termindex.h"
#include "core/text.h"
#include "core/varint.h"

#include "core/search_impl.h"

/* The query word is exactly one common letter: its bit, else NO_BIT. */
static unsigned single_letter(const char *w, size_t len)
{
	size_t l;
	unsigned b = search_letter_bit((const unsigned char *)w, &l);
	return l == len ? b : NO_BIT;
}

/* The query word is exactly two common letters: their pair index, or -1. */
static int letter_pair(const char *w, size_t len)
{
	size_t l1, l2;
	unsigned a = search_letter_bit((const unsigned char *)w, &l1), b;
	if (a == NO_BIT || l1 >= len)
		return -1;
	b = search_letter_bit((const unsigned char *)w + l1, &l2);
	if (b == NO_BIT || l1 + l2 != len)
		return -1;
	return (int)(a * N_LETTERS + b);
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
	w->list = search_grow(w->list, &sc->cap, w->nlist + 1, sizeof *w->list);
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
		pos += varint_get(&q, end);
		if (pos >= s->n)
			break;	/* a mapped file's list cannot write past */
		bm[pos / 64] |= (uint64_t)1 << (pos % 64);
		pos++;
	}
}

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
			w->list = search_grow(w->list, &cap, w->nlist + 1,
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
	b->p = search_grow(b->p, &b->cap, b->len + len + 2, 1);
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
	b.p = search_grow(b.p, &b.cap, b.len + 1, 1);
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
void search_word_compute(struct search *s, struct word_state *w,
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
