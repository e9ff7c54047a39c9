/* termindex: see termindex.h.
 *
 * Build. Analysis is the slow part (about 15 us a word in Voikko), so
 * each distinct word is analysed once, with the languages of every text
 * it was seen in (a word seen only in English names never goes to
 * Voikko; keywords and descriptions, whose words a lean catalogue keeps
 * without their language, go to every analyser). Then the services are walked twice,
 * position by position, as the search's vocabulary is: once to size each
 * term's postings, once to fill them, so the build never holds a list of
 * every (term, position) pair.
 *
 * A posting is one varint: the gap from the term's previous position,
 * times 16, plus the grade. Each term has two lists: names, keywords,
 * organisation and topics first, then descriptions; a query's word that
 * only starts a term reads the first alone (in descriptions the words as
 * written, the search's vocabulary, find that), which spares it most of
 * the postings while the advisor types. A term seen at a position again with a grade
 * no better than the one written is skipped; a better one is written too
 * (a query ORs bits, so a repeat is harmless). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/termindex.h"
#include "core/text.h"
#include "core/varint.h"
#include "core/wordset.h"

enum field { F_NAME, F_KEY, F_DESC, F_OTHER };
enum pass { P_WORDS, P_COUNT, P_FILL };

#define OWN_TERM 0x8		/* mask bit: seen outside descriptions */
#define NO_TERM UINT32_MAX

/* The grade of a word's own posting, base forms and parts, per field. */
static const int8_t grade_of[4][3] = {
	[F_NAME] = { TERM_NAME_WORD, TERM_NAME_BASE, TERM_NAME_PART },
	[F_KEY] = { TERM_KEY_WORD, TERM_KEY_BASE, TERM_KEY_PART },
	[F_DESC] = { -1, TERM_DESC_BASE, TERM_DESC_PART },
	[F_OTHER] = { TERM_OTHER_WORD, TERM_OTHER_BASE, TERM_OTHER_PART },
};

struct build {
	const struct catalogue *cat;
	const uint32_t *order;
	enum pass pass;
	uint32_t k;			/* position being walked */
	char *topic[TOPIC__N][4];	/* folded code, en, fi, sv label */
	struct wordset sw;		/* distinct words as written */
	uint8_t *mask;			/* per word: morph langs | OWN_TERM */
	size_t mcap;
	struct wordset tw;		/* terms */
	uint32_t *self;			/* per word: its own term, or NO_TERM */
	uint32_t *astart;		/* per word: ana[astart[i]..astart[i+1]) */
	uint32_t *ana;			/* term << 1 | 1 for a part */
	size_t nana, acap;
	/* Per list (term * 2 + 1 for descriptions): */
	uint32_t *last;			/* position + 1 last written */
	uint8_t *lastg;			/* the grade written there */
	uint32_t *fill;			/* P_COUNT size, P_FILL cursor */
	uint8_t *pool;
	struct termindex *t;		/* P_FILL: dense lists' bitmaps */
};

static void put(struct build *b, uint32_t term, int g)
{
	uint32_t prev, v;
	bool desc = g == TERM_DESC_BASE || g == TERM_DESC_PART;
	size_t t = (size_t)term * 2 + desc;
	if (b->pass == P_FILL && desc && b->t->dense[term] != NO_TERM) {
		size_t bm = (size_t)b->t->dense[term] * 2 +
			    (g == TERM_DESC_PART);
		b->t->bits[bm * b->t->nw + b->k / 64] |=
			(uint64_t)1 << (b->k % 64);
		return;
	}
	if (b->last[t] == b->k + 1 && b->lastg[t] <= g)
		return;
	prev = b->last[t] ? b->last[t] - 1 : 0;
	v = (b->k - prev) * 16 + (uint32_t)g;
	if (b->pass == P_COUNT) {
		b->fill[t] += (uint32_t)varint_len(v);
	} else {
		varint_put(b->pool, &b->fill[t], v);
	}
	b->last[t] = b->k + 1;
	b->lastg[t] = (uint8_t)g;
}

static void word(struct build *b, enum field f, unsigned langs,
		 const char *w, size_t len)
{
	long id;
	uint32_t j;
	if (b->pass == P_WORDS) {
		uint32_t i = wordset_add(&b->sw, w, len);
		if (i >= b->mcap) {
			size_t old = b->mcap;
			b->mcap = b->mcap ? b->mcap * 2 : 1024;
			b->mask = xrealloc(b->mask, b->mcap);
			memset(b->mask + old, 0, b->mcap - old);
		}
		b->mask[i] |= (uint8_t)(langs | (f != F_DESC ? OWN_TERM : 0));
		return;
	}
	if ((id = wordset_find(&b->sw, w, len)) < 0)
		return;
	if (f != F_DESC && b->self[id] != NO_TERM)
		put(b, b->self[id], grade_of[f][0]);
	for (j = b->astart[id]; j < b->astart[id + 1]; j++)
		put(b, b->ana[j] >> 1, grade_of[f][1 + (b->ana[j] & 1)]);
}

static void folded(struct build *b, enum field f, unsigned langs,
		   const char *fo)
{
	size_t i = 0, len = strlen(fo);
	while (i < len) {
		size_t j = i;
		while (j < len && fo[j] != ' ')
			j++;
		if (j > i)
			word(b, f, langs, fo + i, j - i);
		i = j + 1;
	}
}

static void text(struct build *b, enum field f, unsigned langs,
		 const char *t)
{
	char *fo;
	if (!t || !*t)
		return;
	fo = text_fold(t, true);
	folded(b, f, langs, fo);
	free(fo);
}

static void lean_word(void *arg, const char *w, size_t len)
{
	word(arg, F_DESC, MORPH_ALL, w, len);
}

static const unsigned lang_bit[CAT__NLANG] = { MORPH_FI, MORPH_SV, MORPH_EN };

/* Every word of the service at position b->k, by field. */
static void walk_position(struct build *b)
{
	const struct catalogue *cat = b->cat;
	const struct cat_service *svc = &cat->services[b->order[b->k]];
	static const unsigned topic_langs[4] = { MORPH_EN, MORPH_EN, MORPH_FI,
						 MORPH_SV };
	size_t l, t;
	for (l = 0; l < CAT__NLANG; l++)
		text(b, F_NAME, lang_bit[l], svc->name.v[l]);
	text(b, F_KEY, MORPH_ALL, svc->keywords);
	/* A lean catalogue (the desk's) keeps its descriptions' words
	 * without their language, so descriptions go to every analyser in
	 * both: the desk and `catalogue search` find the same. */
	for (l = 0; l < CAT__NLANG; l++)
		text(b, F_DESC, MORPH_ALL, svc->description.v[l]);
	catalogue_service_words(cat, svc, lean_word, b);
	if (svc->org < cat->n_orgs)
		for (l = 0; l < CAT__NLANG; l++)
			text(b, F_OTHER, lang_bit[l], cat->orgs[svc->org].name.v[l]);
	for (t = 0; t < TOPIC__N; t++)
		if (svc->topics & ((topic_set)1 << t))
			for (l = 0; l < 4; l++)
				if (b->topic[t][l])
					folded(b, F_OTHER, topic_langs[l],
					       b->topic[t][l]);
}

static void walk_all(struct build *b, size_t n, enum pass pass)
{
	b->pass = pass;
	for (b->k = 0; b->k < n; b->k++)
		walk_position(b);
}

static void add_analysis(void *arg, const char *term, size_t len,
			 enum morph_kind kind)
{
	struct build *b = arg;
	uint32_t t = wordset_add(&b->tw, term, len);
	if (b->nana == b->acap) {
		b->acap = b->acap ? b->acap * 2 : 1024;
		b->ana = xrealloc(b->ana, b->acap * sizeof *b->ana);
	}
	b->ana[b->nana++] = t << 1 | (kind == MORPH_PART ? 1 : 0);
}

/* Each distinct word once: its own term and its analyses. */
static void analyse(struct build *b, struct morph *m)
{
	size_t nw = b->sw.n, i;
	b->self = xmalloc((nw + 1) * sizeof *b->self);
	b->astart = xmalloc((nw + 1) * sizeof *b->astart);
	for (i = 0; i < nw; i++) {
		const char *w = wordset_word(&b->sw, (uint32_t)i);
		size_t len = strlen(w);
		b->self[i] = b->mask[i] & OWN_TERM ?
			wordset_add(&b->tw, w, len) : NO_TERM;
		b->astart[i] = (uint32_t)b->nana;
		morph_analyse(m, w, len, b->mask[i] & MORPH_ALL, add_analysis, b);
	}
	b->astart[nw] = (uint32_t)b->nana;
}

static void topic_labels(struct build *b)
{
	const struct code *topics;
	size_t nt = 0, i;
	topics = codes_list(CODES_TOPIC, &nt);
	for (i = 0; i < nt && i < TOPIC__N; i++) {
		char *fi = i18n_translate_in("fi", topics[i].label);
		char *sv = i18n_translate_in("sv", topics[i].label);
		b->topic[i][0] = text_fold(topics[i].code, true);
		b->topic[i][1] = text_fold(topics[i].label, true);
		b->topic[i][2] = text_fold(fi, true);
		b->topic[i][3] = text_fold(sv, true);
		free(fi);
		free(sv);
	}
}

struct termindex *termindex_build(const struct catalogue *cat,
				  const uint32_t *order, size_t n,
				  struct morph *m)
{
	struct termindex *t = xcalloc(1, sizeof *t);
	struct build b;
	uint32_t *remap;
	size_t i, nt, total = 0;

	memset(&b, 0, sizeof b);
	b.cat = cat;
	b.order = order;
	topic_labels(&b);
	walk_all(&b, n, P_WORDS);
	analyse(&b, m);
	free(b.mask);

	/* Terms sorted, for prefix look-ups; ids renumbered to match. */
	nt = b.tw.n;
	remap = wordset_sort(&b.tw);
	for (i = 0; i < b.sw.n; i++)
		if (b.self[i] != NO_TERM)
			b.self[i] = remap[b.self[i]];
	for (i = 0; i < b.nana; i++)
		b.ana[i] = remap[b.ana[i] >> 1] << 1 | (b.ana[i] & 1);
	free(remap);

	b.last = xcalloc(2 * nt + 1, sizeof *b.last);
	b.lastg = xcalloc(2 * nt + 1, 1);
	b.fill = xcalloc(2 * nt + 1, sizeof *b.fill);
	walk_all(&b, n, P_COUNT);
	/* A descriptions' list longer than its two bitmaps (base forms,
	 * parts) becomes them: a common part ("asunto") is then an OR of
	 * words, not thousands of varints. */
	t->nw = (n + 63) / 64;
	t->npos = n;
	t->dense = xmalloc((nt + 1) * sizeof *t->dense);
	for (i = 0; i < nt; i++) {
		t->dense[i] = NO_TERM;
		if (b.fill[2 * i + 1] > 2 * t->nw * sizeof(uint64_t)) {
			t->dense[i] = (uint32_t)t->ndense++;
			b.fill[2 * i + 1] = 0;
		}
	}
	t->bits = xcalloc(t->ndense * 2 * t->nw + 1, sizeof *t->bits);
	b.t = t;
	t->post = xmalloc((2 * nt + 1) * sizeof *t->post);
	for (i = 0; i < 2 * nt; i++) {
		t->post[i] = (uint32_t)total;
		total += b.fill[i];
		b.fill[i] = t->post[i];
	}
	t->post[2 * nt] = (uint32_t)total;
	t->pool_len = total;
	b.pool = t->pool = xmalloc(total ? total : 1);
	memset(b.last, 0, (2 * nt + 1) * sizeof *b.last);
	walk_all(&b, n, P_FILL);

	wordset_compact(&b.tw);
	t->buf = b.tw.buf;
	t->len = b.tw.len;
	t->off = b.tw.off;
	t->n = nt;
	wordset_free(&b.sw);
	free(b.self);
	free(b.astart);
	free(b.ana);
	free(b.last);
	free(b.lastg);
	free(b.fill);
	for (i = 0; i < TOPIC__N; i++)
		for (nt = 0; nt < 4; nt++)
			free(b.topic[i][nt]);
	return t;
}

void termindex_free(struct termindex **tp)
{
	struct termindex *t;
	if (!tp || !*tp)
		return;
	t = *tp;
	if (!t->mapped) {
		free(t->buf);
		free(t->off);
		free(t->post);
		free(t->pool);
		free(t->dense);
		free(t->bits);
	}
	free(t);
	*tp = NULL;
}

size_t termindex_bytes(const struct termindex *t)
{
	if (!t)
		return 0;
	return t->len + t->n * (sizeof *t->off + 2 * sizeof *t->post +
				sizeof *t->dense) +
	       t->ndense * 2 * t->nw * sizeof *t->bits +
	       t->pool_len + sizeof *t;
}

/* Term i against w[0..len): <0, 0 (equal), >0 by bytes. */
static int term_cmp(const struct termindex *t, size_t i, const char *w,
		    size_t len)
{
	const char *s = t->buf + t->off[i];
	int r = strncmp(s, w, len);
	if (r)
		return r;
	return s[len] != '\0';
}

void termindex_match(const struct termindex *t, const char *w, size_t len,
		     const uint8_t exact[TERM__NGRADES],
		     const uint8_t prefix[TERM__NGRADES],
		     uint64_t *bms, size_t nw)
{
	size_t lo = 0, hi;
	if (!t)
		return;
	hi = t->n;
	while (lo < hi) {	/* the first term not before w */
		size_t mid = lo + (hi - lo) / 2;
		if (term_cmp(t, mid, w, len) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < t->n; lo++) {
		const char *s = t->buf + t->off[lo];
		const uint8_t *tier;
		size_t list, lists;
		if (strncmp(s, w, len))
			break;
		tier = s[len] ? prefix : exact;
		if (!tier)
			break;
		/* A term that only starts with w: not its descriptions' list. */
		lists = s[len] ? 1 : 2;
		if (lists == 2 && t->dense[lo] != NO_TERM) {
			const uint64_t *bb = t->bits + (size_t)t->dense[lo] * 2 * nw;
			uint64_t *base = bms + (size_t)tier[TERM_DESC_BASE] * nw;
			uint64_t *part = bms + (size_t)tier[TERM_DESC_PART] * nw;
			size_t k;
			for (k = 0; k < nw; k++) {
				base[k] |= bb[k];
				part[k] |= bb[nw + k];
			}
		}
		for (list = 0; list < lists; list++) {
			const uint8_t *p = t->pool + t->post[2 * lo + list];
			const uint8_t *end = t->pool + t->post[2 * lo + list + 1];
			uint32_t pos = 0;
			while (p < end) {
				uint32_t v = varint_get(&p, end);
				pos += v >> 4;
				/* A mapped file's list never writes past
				 * the bitmaps, nor a grade past the tiers. */
				if (pos >= t->npos || (v & 15) >= TERM__NGRADES)
					break;
				bms[(size_t)tier[v & 15] * nw + pos / 64] |=
					(uint64_t)1 << (pos % 64);
			}
		}
	}
}
