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
#include <stdint.h>
#include <string.h>

/* The free space of the newest block is here so that an allocation that
 * fits is a few instructions inline (a loader makes hundreds of thousands
 * of them); the rest is arena.c's. */
struct arena {
	char *used, *end;		/* free space of the newest block */
	struct arena_block *blocks;	/* newest first */
	size_t next_size;
};

struct arena *arena_new(void);
/* A new block for what does not fit (arena_alloc's slow path). */
void *arena_alloc_block(struct arena *a, size_t size, size_t align);

/* size bytes aligned to align (a power of two); never NULL (aborts when
 * out of memory, like xmalloc). */
static inline void *arena_alloc(struct arena *a, size_t size, size_t align)
{
	uintptr_t p = ((uintptr_t)a->used + align - 1) & ~(uintptr_t)(align - 1);
	if (a->used && p + size <= (uintptr_t)a->end && p + size >= p) {
		a->used = (char *)(p + size);
		return (void *)p;
	}
	return arena_alloc_block(a, size, align);
}

/* A NUL-terminated copy of the n bytes at s. */
static inline char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *d = arena_alloc(a, n + 1, 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}
/* True when p points into one of a's blocks (a may be NULL). */
bool arena_has(const struct arena *a, const void *p);
void arena_free(struct arena **a);
/* Give into the blocks of *from (freed with into's from now on) and free
 * *from's header: what lived in *from now lives in into. */
void arena_adopt(struct arena *into, struct arena **from);

#endif
