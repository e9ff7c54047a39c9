/* arena: see arena.h. A list of blocks, newest first; allocation bumps a
 * pointer in the newest one. A large request gets a block of its own, and
 * malloc maps large blocks on their own, so the unused end of the last
 * block is never touched and costs no memory. */
#include <config.h>

#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/err.h"

struct arena_block {
	struct arena_block *next;
	char *used, *end;	/* free space: [used, end) */
	max_align_t data[];
};

struct arena {
	struct arena_block *blocks;	/* newest first */
	size_t next_size;
};

#define ARENA_FIRST (32 * 1024)
#define ARENA_MAX (1024 * 1024)

struct arena *arena_new(void)
{
	struct arena *a = xcalloc(1, sizeof *a);
	a->next_size = ARENA_FIRST;
	return a;
}

void *arena_alloc(struct arena *a, size_t size, size_t align)
{
	struct arena_block *b = a->blocks;
	uintptr_t p;

	if (b) {
		p = ((uintptr_t)b->used + align - 1) & ~(uintptr_t)(align - 1);
		if (p + size <= (uintptr_t)b->end && p + size >= p) {
			b->used = (char *)(p + size);
			return (void *)p;
		}
	}
	{
		size_t want = a->next_size;
		if (size + align > want)
			want = size + align;
		b = xmalloc(sizeof *b + want);
		b->used = (char *)b->data;
		b->end = (char *)b->data + want;
		b->next = a->blocks;
		a->blocks = b;
		if (a->next_size < ARENA_MAX)
			a->next_size *= 2;
	}
	p = ((uintptr_t)b->used + align - 1) & ~(uintptr_t)(align - 1);
	b->used = (char *)(p + size);
	return (void *)p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *d = arena_alloc(a, n + 1, 1);
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
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
