/* rank: what the desk's Redirect and Interpreters panes and the intake's
 * language field show, and in which order. No curses here: the panes call
 * these and draw the result.
 *
 * Services: narrowed to the ticked topics (0 = all), matched by the search
 * engine; with a query, search relevance first (enum search_tier); then
 * those with more of the ticked topics, then those that serve the
 * customer's language, then those open now; then name.
 * Languages: by code, English, Finnish, Swedish or native name ("so",
 * "som", "soomaali" all find Somali); exact code first, then name prefix,
 * then substring.
 * Resources: serving the language; available now (a colleague on shift, a
 * service open now) first, then shorter booking lead time, then name. */
#ifndef NEUVOO_RANK_H
#define NEUVOO_RANK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/catalogue.h"
#include "core/hours.h"
#include "core/search.h"

/* 8 bytes: the Redirect pane holds one for every service listed. */
struct rank_service {
	uint32_t index;		/* into catalogue.services */
	uint8_t tier;		/* enum search_tier */
	bool speaks;		/* serves the customer's language */
	uint8_t open;		/* enum hours_state at `now` */
};

/* *out is a new array (caller frees); returns how many. lang may be NULL. */
size_t rank_services(const struct catalogue *cat, struct search *s,
		     const char *query, topic_set topics, const char *lang,
		     const struct tm *now, struct rank_service **out);

/* Indexes into catalogue.languages, best first; *out new, caller frees.
 * An empty query lists every language: fi, sv, en first, then by name in
 * the UI language. */
size_t rank_languages(const struct catalogue *cat, const char *query,
		      const char *ui_lang, size_t **out);

struct rank_resource {
	size_t index;		/* into catalogue.resources */
	bool available;		/* on shift / open at `now` */
};

/* lang: a language code, or NULL/"" for every resource. */
size_t rank_resources(const struct catalogue *cat, const char *lang,
		      const struct tm *now, struct rank_resource **out);

#endif
