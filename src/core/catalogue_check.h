/* catalogue_check: what `catalogue check` asks of a catalogue (the field
 * table's rules, references, ids, hours) and what `catalogue info` says
 * about one. */
#ifndef NEUVOO_CATALOGUE_CHECK_H
#define NEUVOO_CATALOGUE_CHECK_H

#include <stddef.h>

#include "core/catalogue.h"

/* Validate a loaded or built catalogue: references, ids, topic codes,
 * hours and dates, texts, e-mail and web addresses. fn gets each problem
 * as one line, "service 'id': what is wrong". Returns how many. */
typedef void (*catalogue_problem_fn)(void *ctx, const char *msg);
size_t catalogue_check(const struct catalogue *cat, catalogue_problem_fn fn,
		       void *ctx);

/* What `catalogue info` prints: path, name, published, schema version and
 * counts (organisations and resources by kind). A new string, lines ending
 * in '\n'. */
char *catalogue_info(const struct catalogue *cat);

#endif
