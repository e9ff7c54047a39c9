/* arena: memory handed out from a few large blocks and freed all at once.
 *
 * For data that is built once and then only read (a loaded catalogue's
 * strings and small arrays): one malloc per string would cost more than
 * the strings, and freeing is one walk over the blocks. Blocks double in
 * size up to a limit; arena_has() tells a pointer of the arena from a
 * malloc'd one, so an owner can mix both and free only the latter. */
#ifndef NEUVOO_ARENA_H
#define NEUVOO_ARENA_H

#include <stdbool.h>
#include <stddef.h>

struct arena;

struct arena *arena_new(void);
/* size bytes aligned to align (a power of two); never NULL (aborts when
 * out of memory, like xmalloc). */
void *arena_alloc(struct arena *a, size_t size, size_t align);
/* A NUL-terminated copy of the n bytes at s. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* True when p points into one of a's blocks (a may be NULL). */
bool arena_has(const struct arena *a, const void *p);
void arena_free(struct arena **a);

#endif
