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
