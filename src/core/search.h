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
 * a name that starts with the whole query; then a whole word by field (a
 * name, keywords, descriptions, then what many services share: the
 * organisation's name and the topics' labels) and, within a field, as
 * written, as a base form or stem, as a compound part; then a word that
 * only starts with the query, by field; then inside a word; last a word
 * within one typo (or the query's word less an ending of one or two
 * letters), by field, and in the same tiers a compound that matches
 * nothing else by one of its parts. With several words, a service's tier
 * is its weakest word's. */
enum search_tier {
	SEARCH_NAME_PREFIX = 0,	/* a name starts with the whole query */
	SEARCH_NAME_WORD,	/* a word of a name is the query's word */
	SEARCH_NAME_BASE,	/* ... has its base form or stem */
	SEARCH_NAME_PART,	/* ... a compound part of a name's word */
	SEARCH_KEY_WORD,	/* the same in keywords */
	SEARCH_KEY_BASE,
	SEARCH_KEY_PART,
	SEARCH_DESC_WORD,	/* in descriptions (a word of any field) */
	SEARCH_DESC_BASE,
	SEARCH_DESC_PART,
	SEARCH_OTHER_WORD,	/* organisation, topics */
	SEARCH_OTHER_BASE,
	SEARCH_OTHER_PART,
	SEARCH_NAME_START,	/* a name's word (or term) starts with it */
	SEARCH_KEY_START,
	SEARCH_DESC_START,
	SEARCH_OTHER_START,
	SEARCH_SUBSTRING,	/* inside a word; the empty query's tier */
	SEARCH_NAME_TYPO,	/* a name's word within one edit of it */
	SEARCH_KEY_TYPO,
	SEARCH_DESC_TYPO,	/* descriptions, organisation, topics */
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
