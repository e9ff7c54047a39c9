/* registry: every pane there is, once: its name (in screen and keymap
 * files), its keymap context, its title and the text of the key that
 * focuses it. A pane's constructor takes its identity from here
 * (registry_pane_new); which screen shows which panes, and how they are
 * built, is in panes/screens.h. Adding a pane is one PANE_LIST entry, its
 * file, and its place in a screen there. No curses here (desk.c, which
 * has none, names panes by their id). */
#ifndef NEUVOO_PANES_REGISTRY_H
#define NEUVOO_PANES_REGISTRY_H

#include "core/keymap.h"

/* X(ID, "name", KM_CONTEXT, N_("Title"), N_("focus key's F1 text") or NULL) */
#define PANE_LIST(X) \
	X(INTAKE, "intake", KM_INTAKE, N_("Intake"), N_("go to the Intake pane")) \
	X(TOPICS, "topics", KM_TOPICS, N_("Topics"), N_("go to the Topics pane")) \
	X(REDIRECT, "redirect", KM_REDIRECT, N_("Redirect"), N_("go to the Redirect pane")) \
	X(INTERPRETERS, "interpreters", KM_INTERPRETERS, N_("Interpreters"), N_("go to the Interpreters pane")) \
	X(SCENARIO, "scenario", KM_SCENARIO, N_("Scenario"), N_("go to the Scenario pane")) \
	X(PICKER, "picker", KM_GLOBAL, N_("Training scenarios"), NULL) \
	X(DESKS, "desks", KM_REVIEW, N_("Desks"), N_("go to the Desks pane")) \
	X(HOURS, "hours", KM_REVIEW, N_("Contacts per hour"), N_("go to the Contacts per hour pane")) \
	X(TOP, "top", KM_REVIEW, N_("Top lists"), N_("go to the Top lists pane")) \
	X(FLAGS, "flags", KM_REVIEW, N_("Flags"), N_("go to the Flags pane")) \
	X(TICKETS, "tickets", KM_TICKETS, N_("Callback tickets"), N_("go to the Callback tickets pane"))

enum pane_id {
#define PANE_ENUM(id, name, ctx, title, focus) PANE_##id,
	PANE_LIST(PANE_ENUM)
#undef PANE_ENUM
	PANE__N
};

struct pane_kind {
	const char *name;
	enum km_context context;
	const char *title;	/* msgid */
	const char *focus_help;	/* msgid or NULL */
};

/* The entry of id (id < PANE__N). */
const struct pane_kind *registry_kind(enum pane_id id);
/* The id of a pane name, PANE__N when none. */
enum pane_id registry_find(const char *name);

struct pane;
struct pane_ops;
/* A new pane of kind id with ops and state (an owned struct pane, which
 * the screen frees; ops->done frees the state). */
struct pane *registry_pane_new(enum pane_id id, const struct pane_ops *ops,
			       void *state);

#endif
