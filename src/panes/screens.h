/* screens: which panes each screen shows, in which order (Tab's, and the
 * numbers of focus-pane-N), and the one builder of a screen from that
 * table and the pane registry; the one loader of a screen's keymap and
 * layout; and what the desk and training screens share (they show the
 * same four panes over one desk state).
 *
 * Adding a screen is one SCREEN_LIST entry, its screen file under
 * screens/, and its application hooks (struct screen_app). */
#ifndef NEUVOO_PANES_SCREENS_H
#define NEUVOO_PANES_SCREENS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/keymap.h"
#include "core/layout.h"
#include "panes/desk.h"
#include "panes/registry.h"
#include "ui/screen.h"

struct review;
struct training;
struct tickets_queue;

/* X(ID, "screen file", required pane (PANE__N: none), panes...) */
#define SCREEN_LIST(X) \
	X(DESK, "desk", PANE__N, PANE_INTAKE, PANE_TOPICS, PANE_REDIRECT, PANE_INTERPRETERS) \
	X(TRAIN, "train", PANE_SCENARIO, PANE_INTAKE, PANE_TOPICS, PANE_REDIRECT, PANE_INTERPRETERS, PANE_SCENARIO) \
	X(REVIEW, "review", PANE__N, PANE_DESKS, PANE_HOURS, PANE_TOP, PANE_FLAGS) \
	X(TICKETS, "tickets", PANE_TICKETS, PANE_TICKETS)

enum screen_id {
#define SCREEN_ENUM(id, file, req, ...) SCREEN_##id,
	SCREEN_LIST(SCREEN_ENUM)
#undef SCREEN_ENUM
	SCREEN__N
};

/* What the panes of a screen are made over (what a screen lacks is NULL). */
struct screens_env {
	struct desk *desk;
	struct training *training;
	struct review *review;
	struct tickets_queue *queue;
};

/* The screen with its panes, in table order, not yet run. */
struct screen *screens_new(enum screen_id id, const struct screens_env *e,
			   const struct keymap *km, const struct layout *l,
			   const struct screen_app *app, void *ud);

/* The pane of kind id on s, NULL when s has none. */
struct pane *screens_pane(const struct screen *s, enum pane_id id);

/* Load the keymap (keymap: a name or path, see keymap_find) and the
 * screen's layout (screen: a name or path; NULL: the screen's own file),
 * which may place only the screen's panes and must place its required
 * one. Returns 0, or -1 with *err (a configuration error: exit 2). */
int screens_load(enum screen_id id, const char *keymap, const char *screen,
		 struct keymap **km, struct layout **l, char **err);

/* ---- what the desk and training screens share ------------------------ */

/* A key is about to be handled on a desk screen: the contact starts with
 * the first key that works on it (not help, the language, quit, or the
 * contact's and the scenario's own keys). */
void screens_desk_key(struct desk *d, enum action a);
/* After a failed check: focus the pane (and field) the desk asks for. */
void screens_focus_wanted(struct screen *s, struct desk *d);
/* The UI language as the status line shows it: "EN", "FI". */
void screens_lang_tag(char *out, size_t size);

#endif
