/* search: see search.h.
 *
 * Design. The engine answers one query over 100,000 services in about a
 * millisecond, because the desk runs it on every keystroke. It never scans
 * the services' text at query time; it works on three structures built once:
 *
 *  - The services in display order ("positions": by name in the UI language,
 *    then id). Every set of services is a bitmap over positions, so results
 *    come out already sorted and a tier is a bitmap too.
 *  - A vocabulary: every distinct folded word of every service's keys (names,
 *    descriptions, keywords, organisation name, topic labels and codes), one
 *    buffer "\nword\nword\n", sorted. A query word has no spaces, so it
 *    occurs in a service's keys exactly when it occurs inside one of its
 *    words: one memmem over the vocabulary (a few hundred kB) finds every
 *    matching word, and an occurrence at the start of a word is a word
 *    prefix. Each word has a posting list of positions (delta varints, or a
 *    bitmap when that is smaller, i.e. for very common words).
 *  - All folded names, sorted by bytes: a binary search finds the names
 *    that start with the whole query.
 * Besides, every service has two 64-bit masks of the common letters (a-z,
 * 0-9, å ä ö) its words contain and start with, so a one-letter query, the
 * one with the most matching words, costs one pass over an array.
 *
 * Typing is incremental (after htop's IncSet): a word that contains a word
 * of the previous query can only match vocabulary words that the previous
 * one matched, so its matching words are filtered from the previous list
 * rather than searched again, and unchanged words keep their bitmaps.
 * The result is always exactly what a fresh query gives. */
#include <config.h>

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/codes.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/search.h"
#include "core/text.h"

#define BITMAP_FLAG 0x80000000u	/* vpost: offset into bpool, not vpool */
#define NO_BIT 64

struct name_ref {
	uint32_t off;		/* into nbuf */
	uint32_t pos;
};

/* One word of the current query and what it matches. */
struct word_state {
	char *w;
	size_t len;
	uint32_t *list;		/* matching vocabulary ids (NULL: masks used) */
	size_t nlist;
	uint64_t *m;		/* positions where it occurs */
	uint64_t *p;		/* positions where it starts a word */
};

struct search {
	const struct catalogue *cat;
	char *lang;
	size_t n;		/* services */
	size_t nw;		/* 64-bit words in a bitmap over positions */
	uint32_t *order;	/* position -> catalogue index */

	char *vbuf;		/* "\nw0\nw1\n...\n", sorted */
	size_t vlen;
	uint32_t *voff;		/* start of word i in vbuf; [nv] = vlen + 1 */
	size_t nv;
	uint32_t *vpost;	/* postings of word i (BITMAP_FLAG: bitmap) */
	uint32_t *vdf;		/* services with word i */
	uint8_t *vpool;
	uint64_t *bpool;

	uint64_t *cmask;	/* per position: letters in its words */
	uint64_t *fmask;	/* per position: letters starting its words */

	char *nbuf;		/* folded names, NUL-terminated */
	struct name_ref *names;	/* sorted by folded name */
	size_t nnames;

	struct word_state *prev;	/* the previous query's words */
	size_t nprev;
	uint64_t *all_m, *all_p, *name_m;
	struct search_hit *hits;
	size_t hits_cap;
};

/* ---- small helpers ------------------------------------------------------ */

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

/* Same rule as text_collate: in fi and sv, å ä ö are letters of their own. */
static bool nordic_lang(const char *lang)
{
	if (!lang || !(!strncmp(lang, "fi", 2) || !strncmp(lang, "sv", 2)))
		return false;
	return lang[2] == '\0' || lang[2] == '_' || lang[2] == '-' ||
	       lang[2] == '.' || lang[2] == '@';
}

static void put_varint(uint8_t **q, uint32_t v)
{
	while (v >= 0x80) {
		*(*q)++ = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	*(*q)++ = (uint8_t)v;
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
	char *fold;		/* name folded as text_collate folds it */
	const char *name;
	const char *id;
};

/* The comparator that text_collate() defines, with the common case done
 * here: folded names that first differ in an ASCII character (or where one
 * is a prefix of the other) compare by bytes, as text_collate's code point
 * order does; anything else asks text_collate itself. Folding once per name
 * instead of twice per comparison makes sorting 100,000 names cheap. */
static int sort_cmp(const void *va, const void *vb, void *lang)
{
	const struct sort_item *a = va, *b = vb;
	const unsigned char *x = (const unsigned char *)a->fold;
	const unsigned char *y = (const unsigned char *)b->fold;
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
		r = text_collate(a->name, b->name, lang);
	if (r == 0)
		r = strcmp(a->id ? a->id : "", b->id ? b->id : "");
	return (r > 0) - (r < 0);
}

static void build_order(struct search *s)
{
	const struct catalogue *cat = s->cat;
	struct sort_item *it = xcalloc(s->n ? s->n : 1, sizeof *it);
	bool nordic = nordic_lang(s->lang);
	size_t i;

	for (i = 0; i < s->n; i++) {
		const struct cat_service *svc = &cat->services[i];
		it[i].idx = (uint32_t)i;
		it[i].name = catalogue_text(&svc->name, s->lang);
		it[i].fold = text_fold(it[i].name, nordic);
		it[i].id = svc->id;
	}
	qsort_r(it, s->n, sizeof *it, sort_cmp, s->lang);
	s->order = xmalloc((s->n ? s->n : 1) * sizeof *s->order);
	for (i = 0; i < s->n; i++) {
		s->order[i] = it[i].idx;
		free(it[i].fold);
	}
	free(it);
}

/* ---- build: vocabulary -------------------------------------------------- */

/* Interning table for the build only: word -> id. */
struct intern {
	char *arena;		/* words, NUL-terminated */
	size_t alen, acap;
	uint32_t *woff;		/* id -> offset in arena */
	size_t nwords, wcap;
	uint32_t *slots;	/* id + 1, 0 = empty */
	size_t nslots;
};

static uint32_t hash_bytes(const char *p, size_t n)
{
	uint32_t h = 2166136261u;
	while (n--) {
		h ^= (unsigned char)*p++;
		h *= 16777619u;
	}
	return h;
}

static void intern_grow(struct intern *t)
{
	size_t ns = t->nslots ? t->nslots * 2 : 1024, i;
	uint32_t *slots = xcalloc(ns, sizeof *slots);
	for (i = 0; i < t->nwords; i++) {
		const char *w = t->arena + t->woff[i];
		size_t h = hash_bytes(w, strlen(w)) & (ns - 1);
		while (slots[h])
			h = (h + 1) & (ns - 1);
		slots[h] = (uint32_t)i + 1;
	}
	free(t->slots);
	t->slots = slots;
	t->nslots = ns;
}

static uint32_t intern_word(struct intern *t, const char *w, size_t len)
{
	size_t h;
	if ((t->nwords + 1) * 2 > t->nslots)
		intern_grow(t);
	h = hash_bytes(w, len) & (t->nslots - 1);
	while (t->slots[h]) {
		const char *o = t->arena + t->woff[t->slots[h] - 1];
		if (!strncmp(o, w, len) && o[len] == '\0')
			return t->slots[h] - 1;
		h = (h + 1) & (t->nslots - 1);
	}
	if (t->alen + len + 1 > t->acap) {
		t->acap = (t->acap + len + 1) * 2;
		t->arena = xrealloc(t->arena, t->acap);
	}
	if (t->nwords == t->wcap) {
		t->wcap = t->wcap ? t->wcap * 2 : 1024;
		t->woff = xrealloc(t->woff, t->wcap * sizeof *t->woff);
	}
	memcpy(t->arena + t->alen, w, len);
	t->arena[t->alen + len] = '\0';
	t->woff[t->nwords] = (uint32_t)t->alen;
	t->alen += len + 1;
	t->slots[h] = (uint32_t)t->nwords + 1;
	return (uint32_t)t->nwords++;
}

/* The forward lists of the build: for each position, its words' ids. */
struct fwd {
	uint32_t *ids;
	size_t len, cap;
	size_t *start;		/* n + 1 */
	uint32_t *last;		/* per word id: last position + 1 that had it */
	size_t lcap;
	size_t pos;		/* position being filled */
};

static void fwd_add(struct fwd *f, uint32_t id)
{
	if (id >= f->lcap) {
		size_t nc = f->lcap ? f->lcap : 1024;
		while (nc <= id)
			nc *= 2;
		f->last = xrealloc(f->last, nc * sizeof *f->last);
		memset(f->last + f->lcap, 0, (nc - f->lcap) * sizeof *f->last);
		f->lcap = nc;
	}
	if (f->last[id] == f->pos + 1)
		return;		/* already listed for this service */
	f->last[id] = (uint32_t)f->pos + 1;
	if (f->len == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 4096;
		f->ids = xrealloc(f->ids, f->cap * sizeof *f->ids);
	}
	f->ids[f->len++] = id;
}

/* Intern every word of a folded text and list it for the current service. */
static void add_words(struct intern *t, struct fwd *f, const char *folded)
{
	const char *p = folded;
	while (*p) {
		const char *e = strchr(p, ' ');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len)
			fwd_add(f, intern_word(t, p, len));
		p += len;
		while (*p == ' ')
			p++;
	}
}

/* Ids of the words of a folded text (for texts shared by many services). */
static uint32_t *text_ids(struct intern *t, const char *folded, size_t *n)
{
	uint32_t *ids = NULL;
	size_t cap = 0;
	const char *p = folded;
	*n = 0;
	while (*p) {
		const char *e = strchr(p, ' ');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len) {
			if (*n == cap) {
				cap = cap ? cap * 2 : 8;
				ids = xrealloc(ids, cap * sizeof *ids);
			}
			ids[(*n)++] = intern_word(t, p, len);
		}
		p += len;
		while (*p == ' ')
			p++;
	}
	return ids;
}

static void fold_into(struct intern *t, uint32_t **ids, size_t *n,
		      const char *text)
{
	char *f;
	uint32_t *more;
	size_t k, i;
	if (!text || !*text)
		return;
	f = text_fold(text, true);
	more = text_ids(t, f, &k);
	*ids = xrealloc(*ids, (*n + k + 1) * sizeof **ids);
	for (i = 0; i < k; i++)
		(*ids)[(*n)++] = more[i];
	free(more);
	free(f);
}

struct shared_words {
	uint32_t *ids;
	size_t n;
	bool done;
};

/* Topic words: the code, the English label, and the label in fi and sv. */
static void topic_words(struct intern *t, struct shared_words *tw)
{
	size_t nt = 0, i;
	const struct code *list = codes_list(CODES_TOPIC, &nt);
	for (i = 0; i < nt && i < TOPIC__N; i++) {
		char *fi = i18n_translate_in("fi", list[i].label);
		char *sv = i18n_translate_in("sv", list[i].label);
		fold_into(t, &tw[i].ids, &tw[i].n, list[i].code);
		fold_into(t, &tw[i].ids, &tw[i].n, list[i].label);
		fold_into(t, &tw[i].ids, &tw[i].n, fi);
		fold_into(t, &tw[i].ids, &tw[i].n, sv);
		free(fi);
		free(sv);
	}
}

static int cmp_word(const void *a, const void *b, void *arena)
{
	return strcmp((const char *)arena + *(const uint32_t *)a,
		      (const char *)arena + *(const uint32_t *)b);
}

/* qsort_r is a GNU extension; the build uses gnu11 on glibc. */
static void sort_words(struct intern *t, uint32_t *ids)
{
	size_t i;
	uint32_t *offs = xmalloc((t->nwords ? t->nwords : 1) * sizeof *offs);
	for (i = 0; i < t->nwords; i++)
		offs[i] = t->woff[i];
	qsort_r(offs, t->nwords, sizeof *offs, cmp_word, t->arena);
	/* ids[old id] = sorted id; offsets are unique, so look them up. */
	for (i = 0; i < t->nwords; i++) {
		const char *w = t->arena + offs[i];
		size_t h = hash_bytes(w, strlen(w)) & (t->nslots - 1);
		while (t->woff[t->slots[h] - 1] != offs[i])
			h = (h + 1) & (t->nslots - 1);
		ids[t->slots[h] - 1] = (uint32_t)i;
	}
	/* Reuse woff as sorted id -> arena offset. */
	memcpy(t->woff, offs, t->nwords * sizeof *offs);
	free(offs);
}

static void build_index(struct search *s)
{
	const struct catalogue *cat = s->cat;
	struct intern t = { 0 };
	struct fwd f = { 0 };
	struct shared_words tw[TOPIC__N];
	struct shared_words *ow = xcalloc(cat->n_orgs ? cat->n_orgs : 1,
					  sizeof *ow);
	uint32_t *remap, *last, *fill;
	uint64_t *wmask, *wfirst;
	size_t *vsize, i, k, vtotal = 0, btotal = 0;

	memset(tw, 0, sizeof tw);
	topic_words(&t, tw);
	f.start = xmalloc((s->n + 1) * sizeof *f.start);

	/* Pass 1: fold every service's keys; intern and list its words. */
	for (f.pos = 0; f.pos < s->n; f.pos++) {
		const struct cat_service *svc = &cat->services[s->order[f.pos]];
		const struct cat_text *texts[] = { &svc->name, &svc->description };
		size_t j, l;
		f.start[f.pos] = f.len;
		for (j = 0; j < 2; j++)
			for (l = 0; l < CAT__NLANG; l++)
				if (texts[j]->v[l] && *texts[j]->v[l]) {
					char *fo = text_fold(texts[j]->v[l], true);
					add_words(&t, &f, fo);
					free(fo);
				}
		if (svc->keywords && *svc->keywords) {
			char *fo = text_fold(svc->keywords, true);
			add_words(&t, &f, fo);
			free(fo);
		}
		if (svc->org < cat->n_orgs) {
			struct shared_words *o = &ow[svc->org];
			if (!o->done) {
				for (l = 0; l < CAT__NLANG; l++)
					fold_into(&t, &o->ids, &o->n,
						  cat->orgs[svc->org].name.v[l]);
				o->done = true;
			}
			for (j = 0; j < o->n; j++)
				fwd_add(&f, o->ids[j]);
		}
		for (j = 0; j < TOPIC__N; j++)
			if (svc->topics & ((topic_set)1 << j))
				for (l = 0; l < tw[j].n; l++)
					fwd_add(&f, tw[j].ids[l]);
	}
	f.start[s->n] = f.len;
	for (i = 0; i < TOPIC__N; i++)
		free(tw[i].ids);
	for (i = 0; i < cat->n_orgs; i++)
		free(ow[i].ids);
	free(ow);
	free(f.last);

	/* The vocabulary, sorted, in one buffer. */
	s->nv = t.nwords;
	remap = xmalloc((t.nwords ? t.nwords : 1) * sizeof *remap);
	sort_words(&t, remap);
	s->vlen = 1 + t.alen;	/* leading '\n', each word + '\n' */
	s->vbuf = xmalloc(s->vlen + 1);
	s->voff = xmalloc((s->nv + 1) * sizeof *s->voff);
	s->vbuf[0] = '\n';
	k = 1;
	wmask = xcalloc(s->nv ? s->nv : 1, sizeof *wmask);
	wfirst = xcalloc(s->nv ? s->nv : 1, sizeof *wfirst);
	for (i = 0; i < s->nv; i++) {
		const char *w = t.arena + t.woff[i];
		size_t len = strlen(w), o = 0, l;
		unsigned b;
		s->voff[i] = (uint32_t)k;
		memcpy(s->vbuf + k, w, len);
		s->vbuf[k + len] = '\n';
		k += len + 1;
		while (o < len) {
			b = letter_bit((const unsigned char *)w + o, &l);
			if (b != NO_BIT) {
				wmask[i] |= (uint64_t)1 << b;
				if (o == 0)
					wfirst[i] = (uint64_t)1 << b;
			}
			o += l;
		}
	}
	s->voff[s->nv] = (uint32_t)(k + 1);
	s->vbuf[k] = '\0';
	s->vlen = k;
	free(t.arena);
	free(t.woff);
	free(t.slots);

	/* Pass 2: sizes of the posting lists, and the letter masks. */
	for (i = 0; i < f.len; i++)
		f.ids[i] = remap[f.ids[i]];
	free(remap);
	s->vdf = xcalloc(s->nv ? s->nv : 1, sizeof *s->vdf);
	s->vpost = xcalloc(s->nv ? s->nv : 1, sizeof *s->vpost);
	vsize = xcalloc(s->nv ? s->nv : 1, sizeof *vsize);
	last = xcalloc(s->nv ? s->nv : 1, sizeof *last);
	s->cmask = xcalloc(s->n ? s->n : 1, sizeof *s->cmask);
	s->fmask = xcalloc(s->n ? s->n : 1, sizeof *s->fmask);
	for (k = 0; k < s->n; k++)
		for (i = f.start[k]; i < f.start[k + 1]; i++) {
			uint32_t id = f.ids[i];
			vsize[id] += varint_len((uint32_t)k - last[id]);
			last[id] = (uint32_t)k + 1;
			s->vdf[id]++;
			s->cmask[k] |= wmask[id];
			s->fmask[k] |= wfirst[id];
		}
	free(wmask);
	free(wfirst);
	for (i = 0; i < s->nv; i++) {
		if (vsize[i] > s->nw * sizeof(uint64_t)) {
			s->vpost[i] = (uint32_t)btotal | BITMAP_FLAG;
			btotal += s->nw;
		} else {
			s->vpost[i] = (uint32_t)vtotal;
			vtotal += vsize[i];
		}
	}
	free(vsize);

	/* Pass 3: fill the posting lists. */
	s->vpool = xmalloc(vtotal ? vtotal : 1);
	s->bpool = xcalloc(btotal ? btotal : 1, sizeof *s->bpool);
	memset(last, 0, (s->nv ? s->nv : 1) * sizeof *last);
	fill = xmalloc((s->nv ? s->nv : 1) * sizeof *fill);
	memcpy(fill, s->vpost, s->nv * sizeof *fill);
	for (k = 0; k < s->n; k++)
		for (i = f.start[k]; i < f.start[k + 1]; i++) {
			uint32_t id = f.ids[i];
			uint8_t *q;
			if (fill[id] & BITMAP_FLAG) {
				s->bpool[(fill[id] & ~BITMAP_FLAG) + k / 64] |=
					(uint64_t)1 << (k % 64);
				continue;
			}
			/* Gap from the previous position + 1: 0 when adjacent. */
			q = s->vpool + fill[id];
			put_varint(&q, (uint32_t)k - last[id]);
			fill[id] = (uint32_t)(q - s->vpool);
			last[id] = (uint32_t)k + 1;
		}
	free(fill);
	free(last);
	free(f.ids);
	free(f.start);
}

/* ---- build: names ------------------------------------------------------- */

static int cmp_name(const void *a, const void *b, void *base)
{
	const struct name_ref *x = a, *y = b;
	int r = strcmp((const char *)base + x->off,
		       (const char *)base + y->off);
	if (r == 0)
		r = (x->pos > y->pos) - (x->pos < y->pos);
	return r;
}

static void build_names(struct search *s)
{
	size_t len = 0, cap = 0, cnt = 0, i, l;
	s->names = xmalloc((s->n * CAT__NLANG + 1) * sizeof *s->names);
	for (i = 0; i < s->n; i++) {
		const struct cat_service *svc = &s->cat->services[s->order[i]];
		for (l = 0; l < CAT__NLANG; l++) {
			char *fo;
			size_t fl, j;
			bool dup = false;
			if (!svc->name.v[l] || !*svc->name.v[l])
				continue;
			fo = text_fold(svc->name.v[l], true);
			fl = strlen(fo);
			/* The same name in two languages counts once. */
			for (j = cnt; j-- > 0 && s->names[j].pos == i;)
				if (!strcmp(s->nbuf + s->names[j].off, fo))
					dup = true;
			if (!dup && fl) {
				if (len + fl + 1 > cap) {
					cap = (cap + fl + 1) * 2;
					s->nbuf = xrealloc(s->nbuf, cap);
				}
				memcpy(s->nbuf + len, fo, fl + 1);
				s->names[cnt].off = (uint32_t)len;
				s->names[cnt].pos = (uint32_t)i;
				cnt++;
				len += fl + 1;
			}
			free(fo);
		}
	}
	s->nnames = cnt;
	qsort_r(s->names, cnt, sizeof *s->names, cmp_name, s->nbuf);
}

/* ---- public: build ------------------------------------------------------ */

struct search *search_new(const struct catalogue *cat, const char *lang)
{
	struct search *s = xcalloc(1, sizeof *s);
	s->cat = cat;
	s->lang = xstrdup(lang ? lang : "");
	s->n = cat ? cat->n_services : 0;
	s->nw = (s->n + 63) / 64;
	if (!s->nw)
		s->nw = 1;
	build_order(s);
	build_index(s);
	build_names(s);
	s->all_m = xmalloc(s->nw * sizeof *s->all_m);
	s->all_p = xmalloc(s->nw * sizeof *s->all_p);
	s->name_m = xmalloc(s->nw * sizeof *s->name_m);
	return s;
}

static void word_state_clear(struct word_state *w)
{
	free(w->w);
	free(w->list);
	free(w->m);
	free(w->p);
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
	free(s->order);
	free(s->vbuf);
	free(s->voff);
	free(s->vpost);
	free(s->vdf);
	free(s->vpool);
	free(s->bpool);
	free(s->cmask);
	free(s->fmask);
	free(s->nbuf);
	free(s->names);
	free(s->all_m);
	free(s->all_p);
	free(s->name_m);
	free(s->hits);
	free(s);
	*sp = NULL;
}

/* ---- query -------------------------------------------------------------- */

/* Vocabulary id of the word holding offset o of vbuf. */
static uint32_t word_at(const struct search *s, size_t o)
{
	size_t lo = 0, hi = s->nv;	/* voff[lo] <= o < voff[hi] */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->voff[mid] <= o)
			lo = mid;
		else
			hi = mid;
	}
	return (uint32_t)lo;
}

static void list_add(struct word_state *w, size_t *cap, uint32_t id)
{
	if (w->nlist == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		w->list = xrealloc(w->list, *cap * sizeof *w->list);
	}
	w->list[w->nlist++] = id;
}

/* OR word id's postings into bm. */
static void or_postings(const struct search *s, uint32_t id, uint64_t *bm)
{
	uint32_t post = s->vpost[id], df = s->vdf[id], k, pos = 0;
	const uint8_t *q;
	if (post & BITMAP_FLAG) {
		const uint64_t *b = s->bpool + (post & ~BITMAP_FLAG);
		size_t i;
		for (i = 0; i < s->nw; i++)
			bm[i] |= b[i];
		return;
	}
	q = s->vpool + post;
	for (k = 0; k < df; k++) {
		uint32_t v = *q++;
		if (v & 0x80) {
			unsigned shift = 7;
			v &= 0x7F;
			do {
				v |= (uint32_t)(*q & 0x7F) << shift;
				shift += 7;
			} while (*q++ & 0x80);
		}
		pos += v;	/* gap from the previous position + 1 */
		bm[pos / 64] |= (uint64_t)1 << (pos % 64);
		pos++;
	}
}

/* Matching vocabulary words of w: from scratch, or filtered from the list of
 * a word that w contains. Then its bitmaps from their postings. */
static void word_compute(struct search *s, struct word_state *w,
			 const struct word_state *from)
{
	size_t cap = 0, i;
	unsigned bit = single_letter(w->w, w->len);

	w->m = xcalloc(s->nw, sizeof *w->m);
	w->p = xcalloc(s->nw, sizeof *w->p);
	if (bit != NO_BIT) {
		for (i = 0; i < s->n; i += 64) {
			size_t e = s->n - i < 64 ? s->n - i : 64, k;
			uint64_t m = 0, p = 0;
			for (k = 0; k < e; k++) {
				m |= ((s->cmask[i + k] >> bit) & 1) << k;
				p |= ((s->fmask[i + k] >> bit) & 1) << k;
			}
			w->m[i / 64] = m;
			w->p[i / 64] = p;
		}
		return;
	}
	if (from && from->list) {
		for (i = 0; i < from->nlist; i++) {
			uint32_t id = from->list[i];
			const char *word = s->vbuf + s->voff[id];
			size_t wl = s->voff[id + 1] - s->voff[id] - 1;
			const char *o = memmem(word, wl, w->w, w->len);
			if (o) {
				list_add(w, &cap, id);
				or_postings(s, id, o == word ? w->p : w->m);
			}
		}
	} else {
		const char *p = s->vbuf, *end = s->vbuf + s->vlen;
		while (p < end) {
			const char *o = memmem(p, (size_t)(end - p), w->w, w->len);
			uint32_t id;
			if (!o)
				break;
			id = word_at(s, (size_t)(o - s->vbuf));
			list_add(w, &cap, id);
			or_postings(s, id, o == s->vbuf + s->voff[id] ? w->p : w->m);
			p = s->vbuf + s->voff[id + 1];
		}
	}
	if (!w->list)		/* matched nothing: an empty list, not masks */
		w->list = xmalloc(sizeof *w->list);
	for (i = 0; i < s->nw; i++)
		w->m[i] |= w->p[i];
}

/* Split a copy of the folded query into distinct words (they point into
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
			if (n == cap) {
				cap = cap ? cap * 2 : 4;
				v = xrealloc(v, cap * sizeof *v);
			}
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

static size_t emit(struct search *s, const uint64_t *m, const uint64_t *p,
		   const uint64_t *nm)
{
	size_t cnt = 0, i, t;
	for (i = 0; i < s->nw; i++)
		cnt += (size_t)__builtin_popcountll(m[i]);
	ensure_hits(s, cnt ? cnt : 1);
	cnt = 0;
	for (t = 0; t < 3; t++)
		for (i = 0; i < s->nw; i++) {
			uint64_t b;
			if (t == 0)
				b = m[i] & nm[i];
			else if (t == 1)
				b = m[i] & p[i] & ~nm[i];
			else
				b = m[i] & ~p[i] & ~nm[i];
			while (b) {
				size_t pos = i * 64 + (size_t)__builtin_ctzll(b);
				s->hits[cnt].index = s->order[pos];
				s->hits[cnt].tier = (enum search_tier)t;
				cnt++;
				b &= b - 1;
			}
		}
	return cnt;
}

/* Positions of services with a name starting with q. */
static void names_with_prefix(struct search *s, const char *q, uint64_t *bm)
{
	size_t lo = 0, hi = s->nnames, len = strlen(q);
	memset(bm, 0, s->nw * sizeof *bm);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(s->nbuf + s->names[mid].off, q) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < s->nnames &&
	     !strncmp(s->nbuf + s->names[lo].off, q, len); lo++) {
		uint32_t pos = s->names[lo].pos;
		bm[pos / 64] |= (uint64_t)1 << (pos % 64);
	}
}

size_t search_query(struct search *s, const char *query,
		    const struct search_hit **hits)
{
	char *q = text_fold(query ? query : "", true), *wbuf;
	char **words = NULL;
	size_t nwords = split_words(q, &wbuf, &words), i, j, cnt;
	struct word_state *cur;

	if (nwords == 0) {
		ensure_hits(s, s->n ? s->n : 1);
		for (i = 0; i < s->n; i++) {
			s->hits[i].index = s->order[i];
			s->hits[i].tier = SEARCH_SUBSTRING;
		}
		*hits = s->hits;
		free(words);
		free(wbuf);
		free(q);
		return s->n;
	}

	cur = xcalloc(nwords, sizeof *cur);
	for (i = 0; i < nwords; i++) {
		struct word_state *w = &cur[i];
		const struct word_state *from = NULL;
		w->len = strlen(words[i]);
		for (j = 0; j < s->nprev && !w->w; j++)
			if (s->prev[j].w && !strcmp(s->prev[j].w, words[i])) {
				*w = s->prev[j];	/* unchanged: keep it */
				memset(&s->prev[j], 0, sizeof s->prev[j]);
			}
		if (w->w)
			continue;
		w->w = xstrdup(words[i]);
		/* Filter from the smallest earlier list this word extends, if
		 * that beats a scan of the whole vocabulary. */
		for (j = 0; j < s->nprev; j++) {
			const struct word_state *o = &s->prev[j];
			if (o->w && o->list && o->len < w->len &&
			    o->nlist < s->nv / 4 &&
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

	memcpy(s->all_m, cur[0].m, s->nw * sizeof *s->all_m);
	memcpy(s->all_p, cur[0].p, s->nw * sizeof *s->all_p);
	for (i = 1; i < nwords; i++)
		for (j = 0; j < s->nw; j++) {
			s->all_m[j] &= cur[i].m[j];
			s->all_p[j] &= cur[i].p[j];
		}
	/* The whole query against the names. */
	names_with_prefix(s, q, s->name_m);
	cnt = emit(s, s->all_m, s->all_p, s->name_m);
	*hits = s->hits;
	free(words);
	free(wbuf);
	free(q);
	return cnt;
}
