/* termindex: the search index's terms by field and kind of match.
 *
 * For every service (by position, the search's display order) the terms
 * of its names, of its keywords, of its descriptions and of what it
 * shares with many others (its organisation's name, its topics' codes and
 * labels): each word as written (but a description's, which the search's
 * vocabulary has), and the base forms, stems and compound parts morph
 * gives for every word. Each posting says in which field and as which kind
 * the term is there (enum term_grade), so a query knows a name's word
 * from a description's compound part.
 *
 * Layout: flat arrays only (terms sorted, NUL-separated, in one buffer;
 * their offsets; one byte stream of postings and where each term's starts),
 * so a follow-up can write it to a file and map it read-only. */
#ifndef NEUVOO_TERMINDEX_H
#define NEUVOO_TERMINDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/catalogue.h"
#include "core/morph.h"

/* Field and kind of a posting; best first within a field. */
enum term_grade {
	TERM_NAME_WORD,
	TERM_NAME_BASE,
	TERM_NAME_PART,
	TERM_KEY_WORD,
	TERM_KEY_BASE,
	TERM_KEY_PART,
	TERM_DESC_BASE,
	TERM_DESC_PART,
	TERM_OTHER_WORD,	/* organisation, topics */
	TERM_OTHER_BASE,
	TERM_OTHER_PART,
	TERM__NGRADES
};

struct termindex {
	char *buf;		/* terms, sorted by bytes, each NUL-terminated */
	size_t len;
	uint32_t *off;		/* term i starts at buf + off[i] */
	size_t n;
	uint32_t *post;		/* term i's lists: pool[post[2i]..post[2i+1])
				 * (all but descriptions), then up to
				 * post[2i+2] (descriptions) */
	uint8_t *pool;		/* varints (position delta * 16 + grade) */
	size_t pool_len;
	uint32_t *dense;	/* term i's descriptions' list as bitmaps
				 * bits[dense[i] * 2 (base), + 1 (parts)],
				 * or UINT32_MAX */
	uint64_t *bits;
	size_t nw, ndense;	/* 64-bit words a bitmap; dense lists */
	size_t npos;		/* positions (services) */
	bool mapped;		/* arrays in a mapped file: not freed */
};

/* order[k]: the catalogue index of the service at position k. */
struct termindex *termindex_build(const struct catalogue *cat,
				  const uint32_t *order, size_t n,
				  struct morph *m);
void termindex_free(struct termindex **t);
/* Bytes the index holds. */
size_t termindex_bytes(const struct termindex *t);

/* For each term that equals w[0..len), or (prefix not NULL) starts with it,
 * and each of its postings: the bit of the posting's position in bitmap
 * exact[grade] (or prefix[grade] for a term longer than w) of bms
 * (bitmaps of nw 64-bit words, one after another). A term longer than w
 * gives its postings outside descriptions only. */
void termindex_match(const struct termindex *t, const char *w, size_t len,
		     const uint8_t exact[TERM__NGRADES],
		     const uint8_t prefix[TERM__NGRADES],
		     uint64_t *bms, size_t nw);

#endif
