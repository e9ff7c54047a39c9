/* screen: the screen manager: windows from the layout, focus, resizes,
 * the main loop, key dispatch and drawing.
 *
 * Keys go to an open overlay first; otherwise to the focused pane: text
 * while it wants text, then its own keymap bindings, then the global ones
 * (which the pane may take, e.g. the moves); the screen keeps the
 * actions of scope NAV and SCREEN (Tab, F5-F8, F1, Ctrl-L) and hands the
 * rest to the application's handler (save, quit...). Only what changed is drawn, and the terminal
 * gets only the cells that differ (wnoutrefresh + doupdate): the screen is
 * never cleared on a keystroke, because thin clients share slow links. */
#ifndef NEUVOO_UI_SCREEN_H
#define NEUVOO_UI_SCREEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "core/keymap.h"
#include "core/layout.h"
#include "ui/overlay.h"
#include "ui/pane.h"
#include "ui/tty.h"

struct screen;

enum screen_quit_notice {
	QUIT_NOTICE_PLAIN,	/* "Enlarge it, or F10 quits." */
	QUIT_NOTICE_KEEPS,	/* the desk: quits keeping what was typed */
	QUIT_NOTICE_LEAVES	/* training: leaves the scenario ungraded */
};

/* What the application adds to a screen. Every member may be NULL. */
struct screen_app {
	/* The action scopes (SCOPE_BIT) the application handles besides
	 * the screen's own (NAV, SCREEN): F1 lists their keys of the whole
	 * screen, and the keys of no other scope. */
	unsigned scopes;
	/* A key is about to be handled (a is what the keymap says for it in
	 * the focused pane, ACT_NONE when unbound). */
	void (*key)(struct screen *s, void *ud, enum action a, km_key key);
	/* A global action that no pane took (save, quit, undo...). */
	unsigned (*global)(struct screen *s, void *ud, enum action a);
	/* After a key: flags are the PANE_* results gathered. */
	void (*after)(struct screen *s, void *ud, unsigned flags);
	/* The status line: left message (error or not) and right part. The
	 * strings belong to the application and must stay valid until the
	 * next call. */
	void (*status)(struct screen *s, void *ud, const char **left,
		       const char **right, bool *error);
	/* Called when no key came for a while (about every 30 s). */
	void (*idle)(struct screen *s, void *ud);
	/* Called right after the first screen is on the terminal, and again
	 * after each frame while it returns true: work that can wait until
	 * the advisor sees something, in steps that each show at once. */
	bool (*started)(struct screen *s, void *ud);
	/* F1's text (an msgid) for an action of the scopes above: NULL
	 * keeps the action table's text, "" leaves the action out. Lets a
	 * screen say what its keys do there (training: F2 grades). */
	const char *(*help)(struct screen *s, void *ud, enum action a);
	/* What the notice shown while the terminal is too small for any
	 * layout says the quit key (the only key that works then, with
	 * Ctrl-L) does to this application's work. */
	enum screen_quit_notice too_small;
};

enum screen_end { SCREEN_QUIT, SCREEN_SIGNAL };

struct screen *screen_new(const struct keymap *km, const struct layout *l,
			  const struct screen_app *app, void *ud);
/* Frees the panes too (their done, then the struct pane itself, which
 * must come from malloc). */
void screen_free(struct screen **s);
/* Panes are focused by Tab in the order they are added; the screen takes
 * the pane over. */
void screen_add_pane(struct screen *s, struct pane *p);

/* The main loop. */
enum screen_end screen_run(struct screen *s);

/* For the application and the panes. */
const struct keymap *screen_keymap(const struct screen *s);
struct pane *screen_pane(const struct screen *s, const char *name);
struct pane *screen_focused(const struct screen *s);
/* Focus a pane (ignored when the layout does not show it). */
void screen_focus(struct screen *s, struct pane *p);
void screen_push_overlay(struct screen *s, struct overlay *o);
bool screen_has_overlay(const struct screen *s);
/* Everything is drawn again at the next frame (e.g. after F4). */
void screen_redraw_all(struct screen *s);
/* Repaint the whole terminal at the next frame (Ctrl-L). */
void screen_repaint(struct screen *s);
void screen_quit(struct screen *s);
/* The help overlay for the focused pane. */
void screen_help(struct screen *s);
/* F1's rows for pane p as "KEYS\tTEXT" strings, the pane's own keys
 * first, then those of the whole screen p is on (p->screen may be NULL:
 * then the keys of every application scope); *n gets how many; free each
 * and the array. */
char **screen_help_rows(const struct keymap *km, struct pane *p, size_t *n);
/* True when a would move the focus away from p (a pane that checks what
 * was typed before it is left asks this). */
bool screen_action_leaves(const struct pane *p, enum action a);
/* "F5" for a pane's focus key, "Enter" for an action's first key in a
 * context (a new string, "" when unbound). */
char *screen_key_hint(const struct screen *s, enum km_context ctx,
		      enum action a);

/* For tests and benchmarks that drive a screen without a terminal loop:
 * handle one key as the main loop would (no drawing). */
void screen_key(struct screen *s, km_key key);
/* Draw what is dirty and update the terminal (the loop does this). */
void screen_frame(struct screen *s);
/* Lay the panes out again for the terminal's current size. */
void screen_relayout(struct screen *s);

#endif
