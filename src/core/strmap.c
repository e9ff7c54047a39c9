/* strmap: see strmap.h. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/hash.h"
#include "core/strmap.h"

static struct strmap_ent *slot(const struct strmap *m, const char *key)
{
	size_t i = (size_t)hash64_str(key) & (m->cap - 1);
	while (m->e[i].key && strcmp(m->e[i].key, key) != 0)
		i = (i + 1) & (m->cap - 1);
	return &m->e[i];
}

bool strmap_get(const struct strmap *m, const char *key, size_t *val)
{
	struct strmap_ent *e;
	if (!m->cap || !key)
		return false;
	e = slot(m, key);
	if (!e->key)
		return false;
	if (val)
		*val = e->val;
	return true;
}

bool strmap_put(struct strmap *m, const char *key, size_t val)
{
	struct strmap_ent *e;
	if ((m->n + 1) * 2 > m->cap) {
		struct strmap old = *m;
		size_t i;
		m->cap = m->cap ? m->cap * 2 : 64;
		m->e = xcalloc(m->cap, sizeof *m->e);
		for (i = 0; i < old.cap; i++)
			if (old.e[i].key)
				*slot(m, old.e[i].key) = old.e[i];
		free(old.e);
	}
	e = slot(m, key);
	if (e->key)
		return false;
	e->key = xstrdup(key);
	e->val = val;
	m->n++;
	return true;
}

void strmap_clear(struct strmap *m)
{
	size_t i;
	for (i = 0; i < m->cap; i++)
		free(m->e[i].key);
	free(m->e);
	memset(m, 0, sizeof *m);
}
