/* registry: see registry.h. */
#include <config.h>

#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "panes/registry.h"
#include "ui/pane.h"

/* TRANSLATORS: pane titles, and the F1 text of the key that focuses
 * each pane. */
static const struct pane_kind kinds[PANE__N] = {
#define PANE_KIND(id, name, ctx, title, focus) [PANE_##id] = { name, ctx, title, focus },
	PANE_LIST(PANE_KIND)
#undef PANE_KIND
};

const struct pane_kind *registry_kind(enum pane_id id)
{
	return &kinds[id < PANE__N ? id : 0];
}

enum pane_id registry_find(const char *name)
{
	int i;
	for (i = 0; i < PANE__N; i++)
		if (name && !strcmp(kinds[i].name, name))
			return (enum pane_id)i;
	return PANE__N;
}

struct pane *registry_pane_new(enum pane_id id, const struct pane_ops *ops,
			       void *state)
{
	struct pane *p = xcalloc(1, sizeof *p);
	const struct pane_kind *k = registry_kind(id);
	p->ops = ops;
	p->state = state;
	p->name = k->name;
	p->title = k->title;
	p->focus_help = k->focus_help;
	p->context = k->context;
	return p;
}
