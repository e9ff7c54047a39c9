/* arena: see arena.h. A list of blocks, newest first; allocation bumps a
 * pointer in the newest one (inline, in arena.h). A large request gets a
 * block of its own, and malloc maps large blocks on their own, so the
 * unused end of the last block is never touched and costs no memory. */
#include <config.h>

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"

struct arena_block {
	struct arena_block *next;
	char *end;		/* of the block's data */
	max_align_t data[];
};

#define ARENA_FIRST (32 * 1024)
#define ARENA_MAX (1024 * 1024)

struct arena *arena_new(void)
{
	struct arena *a = xcalloc(1, sizeof *a);
	a->next_size = ARENA_FIRST;
	return a;
}

void *arena_alloc_block(struct arena *a, size_t size, size_t align)
{
	struct arena_block *b;
	size_t want = a->next_size;
	uintptr_t p;
	if (size + align > want)
		want = size + align;
	b = xmalloc(sizeof *b + want);
	b->end = (char *)b->data + want;
	b->next = a->blocks;
	a->blocks = b;
	if (a->next_size < ARENA_MAX)
		a->next_size *= 2;
	p = ((uintptr_t)b->data + align - 1) & ~(uintptr_t)(align - 1);
	a->used = (char *)(p + size);
	a->end = b->end;
	return (void *)p;
}

bool arena_has(const struct arena *a, const void *p)
{
	const struct arena_block *b;
	for (b = a ? a->blocks : NULL; b; b = b->next)
		if ((const char *)p >= (const char *)b->data && (const char *)p < b->end)
			return true;
	return false;
}

void arena_free(struct arena **pa)
{
	struct arena_block *b, *next;
	if (!*pa)
		return;
	for (b = (*pa)->blocks; b; b = next) {
		next = b->next;
		free(b);
	}
	free(*pa);
	*pa = NULL;
}

void arena_adopt(struct arena *into, struct arena **pfrom)
{
	struct arena_block **tail;
	if (!*pfrom)
		return;
	/* After into's own: its newest block stays the one allocated from. */
	for (tail = &into->blocks; *tail; tail = &(*tail)->next)
		;
	*tail = (*pfrom)->blocks;
	free(*pfrom);
	*pfrom = NULL;
}
