/* search_impl: the search engine's structure, shared by search_build.c
 * (made from a catalogue), search.c (queries), search_word.c (what one
 * query word matches) and search_index.c (its file: written at publish,
 * mapped by desks). Private to them. */
#ifndef NEUVOO_SEARCH_IMPL_H
#define NEUVOO_SEARCH_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "core/morph.h"
#include "core/search.h"
#include "core/termindex.h"

#define BITMAP_FLAG 0x80000000u	/* vinfo.post: offset into bpool */
#define PREFIX_FLAG 0x80000000u	/* word_state.list: matched at the start */
#define NO_BIT 64
#define N_LETTERS 39		/* a-z, 0-9, å ä ö: see letter_bit() */
/* A two-letter query matching at least this many vocabulary words has its
 * bitmaps made at build time: such a query ("as", "ne") costs a few
 * milliseconds otherwise, and there are few of them (about 150 for 100,000
 * generated services, none for small catalogues). */
#define HEAVY_WORDS 4096
#define VPAD 16			/* zero bytes after vbuf, for wide loads */
#define QCACHE 64		/* query words whose analyses are kept */
/* Filtering a list costs about as much a word as scanning this many bytes
 * of the vocabulary (measured: ~30 ns a word against ~0.1 ns a byte). */
#define FILTER_COST 256

struct vinfo {
	uint32_t post;		/* offset into vpool, or bpool | BITMAP_FLAG */
	uint32_t df;		/* services with this word */
};

/* A name while the list is sorted: the first 8 bytes of its fold as a
 * number (hi, lo), and which name it is; the rest of the fold is made
 * again from the catalogue when 8 bytes do not decide. The finished list
 * keeps only which name (4 bytes a name): a query's binary search folds
 * the 30 or so names it looks at. */
struct name_key {
	uint32_t hi, lo;
	uint32_t ref;		/* position * 4 + language */
};

/* One word of a query and what it matches. */
struct word_state {
	char *w;
	size_t len;
	uint32_t *list;		/* vocabulary ids | PREFIX_FLAG; NULL: masks */
	size_t nlist;
	uint64_t *g;		/* per tier: where it matches that well or
				 * better (SEARCH__NTIERS bitmaps) */
	unsigned tmin;		/* its best tier with a match, or NTIERS */
	uint64_t *m;		/* in g: where it occurs */
	uint64_t *p;		/* in g: where it starts a word */
};

struct search {
	const struct catalogue *cat;
	char *lang;
	size_t n;		/* services */
	size_t nw;		/* 64-bit words of a bitmap over positions */
	uint32_t *order;	/* position -> catalogue index */

	char *vbuf;		/* "\nw0\nw1\n...\n", sorted, VPAD zeros after */
	size_t vlen;
	uint32_t *voff;		/* start of word i in vbuf; [nv] = vlen + 1 */
	size_t nv;
	struct vinfo *vinfo;
	uint8_t *vpool;
	uint64_t *bpool;
	size_t vpool_len, bpool_len;	/* bytes; 64-bit words */
	uint32_t byte_freq[256];	/* of vbuf: scans key on rare bytes */

	uint64_t *letter_m;	/* per common letter: where it occurs */
	uint64_t *letter_p;	/* per common letter: where it starts a word */
	uint64_t *topic_bm;	/* TOPIC__N bitmaps */
	int16_t pair_slot[N_LETTERS * N_LETTERS];	/* heavy pair or -1 */
	uint64_t *pair_m;	/* per heavy pair: where it occurs */
	uint64_t *pair_p;	/* per heavy pair: where it starts a word */
	size_t npairs;

	uint32_t *names;	/* name refs, sorted by fold, then position */
	size_t nnames;

	struct morph *morph;	/* analyses query words */
	char *qcache[QCACHE];	/* recent query words' base forms */
	unsigned qnext;
	struct termindex *terms;	/* names', keywords' terms; analyses */

	struct word_state *prev;	/* the previous query's words */
	size_t nprev;
	uint64_t *acc;		/* per tier: matches every word that well */
	uint64_t *name_m, *topic_m;
	struct search_hit *hits;
	size_t hits_cap;
	bool complete;		/* names and vocabulary built */
	/* The index's arrays (order to terms) are an index file's, mapped
	 * read-only (core/search_index): search_free leaves them. */
	bool mapped;
	void *map;		/* the mapping, and its length */
	size_t map_len;
};

/* A search with its scratch but no index: search_new builds one,
 * search_index maps one. */
struct search *search_alloc(const struct catalogue *cat, const char *lang);

/* p grown to hold need items of size bytes (*cap doubles). Inline, as
 * the next one: both sit in the build's and the queries' inner loops. */
static inline void *search_grow(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	while (*cap < need)
		*cap = *cap ? *cap * 2 : 64;
	return xrealloc(p, *cap * size);
}

/* Bit for a common folded letter at s (its UTF-8 length in *len), or
 * NO_BIT. */
static inline unsigned search_letter_bit(const unsigned char *s, size_t *len)
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

/* Name ref's fold, made again from the catalogue (owned). */
char *search_name_fold(const struct search *s, uint32_t ref);
/* Frees what a query word holds and zeroes it. */
void search_word_state_clear(struct word_state *w);
/* What query word w matches, tier by tier (search_word.c); from: the
 * previous query's word that w contains, or NULL. */
void search_word_compute(struct search *s, struct word_state *w,
			 const struct word_state *from);

#endif
