/* search: the catalogue's search engine, for `catalogue search` and the
 * desk's filter-as-you-type.
 *
 * Built once per loaded catalogue: every service's names, descriptions,
 * keywords and topic labels (fi, sv, en) are folded ahead of time
 * (text_fold, å ä ö kept), so a query only folds itself and scans. Best
 * first: whole-name prefix, then word prefix, then substring; ties by name
 * in the UI language. Several words in a query must all match. */
#ifndef NEUVOO_SEARCH_H
#define NEUVOO_SEARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/catalogue.h"

enum search_tier {
	SEARCH_NAME_PREFIX = 0,	/* a name starts with the query */
	SEARCH_WORD_PREFIX = 1,	/* a word of any field starts with it */
	SEARCH_SUBSTRING = 2	/* it occurs anywhere */
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
