/* strmap: strings to indexes, for resolving the ids of one file against
 * another while importing (organisations, services, locations ...).
 * Open addressing over core/hash, kept at most half full; keys are
 * copied. */
#ifndef NEUVOO_STRMAP_H
#define NEUVOO_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

struct strmap_ent {
	char *key;
	size_t val;
};

struct strmap {
	struct strmap_ent *e;
	size_t cap, n;
};

/* True (and *val, when val is given) when key is there; key may be NULL. */
bool strmap_get(const struct strmap *m, const char *key, size_t *val);
/* False (and no change) when the key is there already. */
bool strmap_put(struct strmap *m, const char *key, size_t val);
void strmap_clear(struct strmap *m);

#endif
