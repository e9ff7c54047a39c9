/* screens: see screens.h.
 *
 * Design: a screen is its row of pane ids; the panes' identity comes from
 * the registry and their state from the environment the command builds
 * (the desk, the training attempt, the reviewed day). The one switch in
 * pane_make() is the only place that knows each pane's constructor. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "panes/intake.h"
#include "panes/interpreters.h"
#include "panes/redirect.h"
#include "panes/review_panes.h"
#include "panes/scenario.h"
#include "panes/screens.h"
#include "panes/tickets_pane.h"
#include "panes/topics.h"

#define SCREEN_PANES(id, file, req, ...) \
	static const enum pane_id panes_##id[] = { __VA_ARGS__ };
SCREEN_LIST(SCREEN_PANES)
#undef SCREEN_PANES

static const struct {
	const char *file;
	enum pane_id required;
	const enum pane_id *panes;
	size_t n_panes;
} screens[SCREEN__N] = {
#define SCREEN_ENTRY(id, file, req, ...) \
	[SCREEN_##id] = { file, req, panes_##id, \
			  sizeof panes_##id / sizeof panes_##id[0] },
	SCREEN_LIST(SCREEN_ENTRY)
#undef SCREEN_ENTRY
};

static struct pane *pane_make(enum pane_id id, const struct screens_env *e)
{
	switch (id) {
	case PANE_INTAKE: return intake_pane_new(e->desk);
	case PANE_TOPICS: return topics_pane_new(e->desk);
	case PANE_REDIRECT: return redirect_pane_new(e->desk);
	case PANE_INTERPRETERS: return interpreters_pane_new(e->desk);
	case PANE_SCENARIO: return scenario_pane_new(e->desk, e->training);
	case PANE_DESKS: return review_desks_pane_new(e->review);
	case PANE_HOURS: return review_hours_pane_new(e->review);
	case PANE_TOP: return review_top_pane_new(e->review);
	case PANE_FLAGS: return review_flags_pane_new(e->review);
	case PANE_TICKETS: return tickets_pane_new(e->queue);
	default: return NULL;	/* the picker: a screen of its own */
	}
}

struct screen *screens_new(enum screen_id id, const struct screens_env *e,
			   const struct keymap *km, const struct layout *l,
			   const struct screen_app *app, void *ud)
{
	struct screen *s = screen_new(km, l, app, ud);
	size_t i;
	for (i = 0; i < screens[id].n_panes; i++)
		screen_add_pane(s, pane_make(screens[id].panes[i], e));
	return s;
}

struct pane *screens_pane(const struct screen *s, enum pane_id id)
{
	return screen_pane(s, registry_kind(id)->name);
}

/* Every variant must place the required pane (the training screen's
 * Scenario: without it the trainee could neither read the story nor see
 * the grade). */
static int check_required(enum screen_id id, const struct layout *l, char **err)
{
	const char *name;
	size_t v, c, p;
	if (screens[id].required == PANE__N)
		return 0;
	name = registry_kind(screens[id].required)->name;
	for (v = 0; v < l->n_variants; v++) {
		const struct layout_variant *lv = &l->variants[v];
		bool found = false;
		for (c = 0; c < lv->n_columns && !found; c++)
			for (p = 0; p < lv->columns[c].n_panes && !found; p++)
				found = !strcmp(lv->columns[c].panes[p].name, name);
		if (!found) {
			err_set(err, _("%s: layout '%s' does not place the %s pane; add 'pane %s { }' to it"),
				l->path, lv->name ? lv->name : "", name, name);
			return -1;
		}
	}
	return 0;
}

int screens_load(enum screen_id id, const char *keymap, const char *screen,
		 struct keymap **km, struct layout **l, char **err)
{
	const char **names = xcalloc(screens[id].n_panes + 1, sizeof *names);
	char *path;
	size_t i;
	int rc = -1;

	*km = NULL;
	*l = NULL;
	for (i = 0; i < screens[id].n_panes; i++)
		names[i] = registry_kind(screens[id].panes[i])->name;
	path = keymap_find(keymap, err);
	if (!path || keymap_load(path, km, err) != 0)
		goto out;
	free(path);
	path = layout_find(screen, screens[id].file, err);
	if (!path || layout_load(path, names, l, err) != 0
	    || check_required(id, *l, err) != 0)
		goto out;
	rc = 0;
out:
	if (rc != 0) {
		keymap_free(km);
		layout_free(l);
	}
	free(path);
	free(names);
	return rc;
}

/* ---- the desk and training screens ---------------------------------- */

void screens_desk_key(struct desk *d, enum action a)
{
	desk_key(d);
	switch (action_scope(a)) {
	case SCOPE_GLOBAL: case SCOPE_CONTACT: case SCOPE_TRAINING:
		return;
	case SCOPE_SCREEN:	/* help, redraw; moving to a pane starts it */
		return;
	default:
		desk_touch(d);
		return;
	}
}

void screens_focus_wanted(struct screen *s, struct desk *d)
{
	struct pane *p;
	if (d->want_pane < 0 || d->want_pane >= PANE__N)
		return;
	p = screens_pane(s, (enum pane_id)d->want_pane);
	if (p)
		screen_focus(s, p);
	d->want_pane = d->want_field >= 0 ? d->want_pane : -1;
}

void screens_lang_tag(char *out, size_t size)
{
	size_t i;
	snprintf(out, size, "%s", i18n_lang());
	/* The untranslated C locale shows English. */
	if (!strcmp(out, "C") || !strcmp(out, "POSIX"))
		snprintf(out, size, "en");
	for (i = 0; out[i]; i++)
		if (out[i] >= 'a' && out[i] <= 'z')
			out[i] = (char)(out[i] - 'a' + 'A');
}
