/* wordset: distinct words and dense ids for them, for building
 * vocabularies: the search index's, and a lean catalogue's description
 * words.
 *
 * Words are stored NUL-terminated one after another in buf; word id
 * starts at off[id]. Ids are given in the order words are added. A caller
 * may reorder off (sorting the words) and then call wordset_rehash(), after
 * which look-ups give the new ids. */
#ifndef NEUVOO_WORDSET_H
#define NEUVOO_WORDSET_H

#include <stddef.h>
#include <stdint.h>

struct wordset {
	char *buf;
	size_t len, cap;
	uint32_t *off;		/* id -> offset in buf */
	size_t n, ocap;
	uint32_t *slots;	/* hash table: id + 1; 0 = empty */
	size_t nslots;
};

/* The id of w[0..len), added when new. */
uint32_t wordset_add(struct wordset *ws, const char *w, size_t len);
/* The id of w[0..len), or -1 (also after wordset_compact). */
long wordset_find(const struct wordset *ws, const char *w, size_t len);
/* The hash table again for the ids as off now gives them. */
void wordset_rehash(struct wordset *ws);
/* Sort the words by bytes: off in sorted order, so ids become sorted
 * ids. Returns remap[old id] = new id (the caller frees); look-ups need
 * wordset_rehash() after. */
uint32_t *wordset_sort(struct wordset *ws);
/* Done adding: the hash table goes and the arrays shrink to their size. */
void wordset_compact(struct wordset *ws);
static inline const char *wordset_word(const struct wordset *ws, uint32_t id)
{
	return ws->buf + ws->off[id];
}
void wordset_free(struct wordset *ws);

#endif
