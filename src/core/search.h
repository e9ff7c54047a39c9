/* search: the catalogue's search engine, for `catalogue search` and the
 * desk's filter-as-you-type.
 *
 * Built once per loaded catalogue: every service's names, descriptions,
 * keywords and topic labels (fi, sv, en) are folded ahead of time
 * (text_fold, å ä ö kept), and their words analysed (core/morph: base
 * forms, stems, compound parts; core/termindex), so a query only folds
 * and analyses itself and looks up. Best first by enum search_tier; ties
 * by name in the UI language. Several words in a query must all match. */
#ifndef NEUVOO_SEARCH_H
#define NEUVOO_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/catalogue.h"

/* How a service matches, best first (doc/HACKING.md, "Search order"):
 * the field (a name, then keywords with the organisation and the topics,
 * then descriptions), then the kind (the word as written or its prefix,
 * a base form or stem, a compound part), then a match inside a word and
 * last one within a typo. With several words, a service's tier is its
 * weakest word's. */
enum search_tier {
	SEARCH_NAME_PREFIX = 0,	/* a name starts with the whole query */
	SEARCH_NAME_WORD,	/* a word of a name starts with it */
	SEARCH_NAME_BASE,	/* a base form or stem of a name's word */
	SEARCH_NAME_PART,	/* a compound part of a name's word */
	SEARCH_KEY_WORD,	/* keywords, organisation, topic labels */
	SEARCH_KEY_BASE,
	SEARCH_KEY_PART,
	SEARCH_DESC_WORD,	/* descriptions (any word, in fact) */
	SEARCH_DESC_BASE,
	SEARCH_DESC_PART,
	SEARCH_SUBSTRING,	/* inside a word; the empty query's tier */
	SEARCH_TYPO,		/* a word within one edit (five letters up) */
	SEARCH__NTIERS
};

/* 8 bytes: a desk holds one for every service while the list is whole. */
struct search_hit {
	uint32_t index;		/* into catalogue.services */
	enum search_tier tier;
};

struct search;

/* lang: the UI language, for the name tie-break ("fi", "sv", "en").
 * Builds the display order only, which is all an empty query needs (a
 * few milliseconds at 10,000 services); the rest of the index follows
 * with search_complete(), or with the first query that has a word. So a
 * desk shows its service list first and builds the index after. */
struct search *search_new(const struct catalogue *cat, const char *lang);
void search_complete(struct search *s);
bool search_is_complete(const struct search *s);
void search_free(struct search **s);
/* One line when an analyser is missing (the index is built: see
 * morph_warning), else NULL. */
const char *search_warning(const struct search *s);
/* Bytes the index holds (the morphology's terms and postings). */
size_t search_terms_bytes(const struct search *s);
/* Matches for query, best first. *hits stays valid until the next call or
 * search_free. An empty query matches every service (tier SUBSTRING), in
 * name order. Returns the number of hits. */
size_t search_query(struct search *s, const char *query,
		    const struct search_hit **hits);
/* search_query narrowed to services with at least one of topics (0: no
 * narrowing), in the same order. Filtering here, on bitmaps, spares the
 * desk a look at every hit's record while the advisor types. */
size_t search_query_topics(struct search *s, const char *query,
			   topic_set topics, const struct search_hit **hits);

#endif
