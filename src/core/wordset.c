/* wordset: see wordset.h. Open addressing with linear probing over a
 * power-of-two table kept at most half full. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/hash.h"
#include "core/wordset.h"

static void fill_slots(struct wordset *ws, size_t ns)
{
	uint32_t *slots = xcalloc(ns, sizeof *slots);
	size_t i;
	for (i = 0; i < ws->n; i++) {
		const char *w = ws->buf + ws->off[i];
		size_t h = hash32(w, strlen(w)) & (ns - 1);
		while (slots[h])
			h = (h + 1) & (ns - 1);
		slots[h] = (uint32_t)i + 1;
	}
	free(ws->slots);
	ws->slots = slots;
	ws->nslots = ns;
}

void wordset_rehash(struct wordset *ws)
{
	fill_slots(ws, ws->nslots ? ws->nslots : 1024);
}

long wordset_find(const struct wordset *ws, const char *w, size_t len)
{
	size_t h;
	if (!ws->nslots)
		return -1;
	h = hash32(w, len) & (ws->nslots - 1);
	while (ws->slots[h]) {
		const char *o = ws->buf + ws->off[ws->slots[h] - 1];
		if (!strncmp(o, w, len) && o[len] == '\0')
			return (long)ws->slots[h] - 1;
		h = (h + 1) & (ws->nslots - 1);
	}
	return -1;
}

uint32_t wordset_add(struct wordset *ws, const char *w, size_t len)
{
	long id = wordset_find(ws, w, len);
	if (id >= 0)
		return (uint32_t)id;
	if (ws->len + len + 1 > ws->cap) {
		ws->cap = (ws->len + len + 1) * 2;
		ws->buf = xrealloc(ws->buf, ws->cap);
	}
	if (ws->n + 1 > ws->ocap) {
		ws->ocap = (ws->n + 1) * 2;
		ws->off = xrealloc(ws->off, ws->ocap * sizeof *ws->off);
	}
	memcpy(ws->buf + ws->len, w, len);
	ws->buf[ws->len + len] = '\0';
	ws->off[ws->n++] = (uint32_t)ws->len;
	ws->len += len + 1;
	if (ws->n * 2 > ws->nslots)
		fill_slots(ws, ws->nslots ? ws->nslots * 2 : 1024);
	else {
		size_t h = hash32(w, len) & (ws->nslots - 1);
		while (ws->slots[h])
			h = (h + 1) & (ws->nslots - 1);
		ws->slots[h] = (uint32_t)ws->n;
	}
	return (uint32_t)ws->n - 1;
}

void wordset_compact(struct wordset *ws)
{
	free(ws->slots);
	ws->slots = NULL;
	ws->nslots = 0;
	if (!ws->n)
		return;
	ws->buf = xrealloc(ws->buf, ws->len);
	ws->cap = ws->len;
	ws->off = xrealloc(ws->off, ws->n * sizeof *ws->off);
	ws->ocap = ws->n;
}

void wordset_free(struct wordset *ws)
{
	free(ws->buf);
	free(ws->off);
	free(ws->slots);
	memset(ws, 0, sizeof *ws);
}

static int cmp_word(const void *a, const void *b, void *arena)
{
	return strcmp((const char *)arena + *(const uint32_t *)a,
		      (const char *)arena + *(const uint32_t *)b);
}

uint32_t *wordset_sort(struct wordset *t)
{
	uint32_t *idx = xmalloc((t->n ? t->n : 1) * sizeof *idx);
	uint32_t *remap = xmalloc((t->n ? t->n : 1) * sizeof *remap);
	uint32_t *offs = xmalloc((t->n ? t->n : 1) * sizeof *offs);
	size_t i;
	for (i = 0; i < t->n; i++)
		idx[i] = t->off[i];
	/* Offsets grow with the id, so an offset's id is found by bisection. */
	qsort_r(idx, t->n, sizeof *idx, cmp_word, t->buf);
	for (i = 0; i < t->n; i++) {
		size_t lo = 0, hi = t->n;
		while (hi - lo > 1) {
			size_t mid = lo + (hi - lo) / 2;
			if (t->off[mid] <= idx[i])
				lo = mid;
			else
				hi = mid;
		}
		remap[lo] = (uint32_t)i;
		offs[i] = idx[i];
	}
	if (t->n)	/* an empty set has no off at all */
		memcpy(t->off, offs, t->n * sizeof *offs);
	free(offs);
	free(idx);
	return remap;
}
