/* keymap: the action table and keymap files (no curses here).
 *
 * One table (ACTION_LIST below) makes the action enum, the names used in
 * keymap files, and the help text F1 shows, so that the three can never
 * disagree. Keys are plain integers: a Unicode code point for a character
 * (control characters included: Tab is 9, Ctrl-L is 12, Esc is 27), or
 * KEY_SPECIAL + n for the keys that have no character (arrows, F1...).
 * The UI translates curses key codes into these.
 *
 * A keymap file (libconfuse, see neuvoo-keymap(5)) has a `global` section
 * and `pane NAME` sections; in each, an action name is set to a key or a
 * list of keys:
 *     global { next-pane = "Tab"  quit = "F10" }
 *     pane intake { next-field = { "Down", "C-n" } }
 * Look-up tries the pane's own bindings first, then the global ones. */
#ifndef NEUVOO_KEYMAP_H
#define NEUVOO_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>

/* X(ENUM, "config-name", N_("help text")) */
#define ACTION_LIST(X) \
	X(NEXT_PANE, "next-pane", N_("go to the next pane")) \
	X(PREV_PANE, "prev-pane", N_("go to the previous pane")) \
	X(FOCUS_INTAKE, "focus-intake", N_("go to the Intake pane")) \
	X(FOCUS_TOPICS, "focus-topics", N_("go to the Topics pane")) \
	X(FOCUS_REDIRECT, "focus-redirect", N_("go to the Redirect pane")) \
	X(FOCUS_INTERPRETERS, "focus-interpreters", N_("go to the Interpreters pane")) \
	X(HELP, "help", N_("show the keys of this pane")) \
	X(SAVE, "save", N_("save the contact")) \
	X(NEW_CONTACT, "new-contact", N_("start a new contact (clears the draft)")) \
	X(NEXT_LANGUAGE, "next-language", N_("switch to the next user-interface language")) \
	X(UNDO, "undo", N_("undo the last saved contact")) \
	X(QUIT, "quit", N_("quit")) \
	X(REDRAW, "redraw", N_("redraw the screen")) \
	X(UP, "up", N_("move up")) \
	X(DOWN, "down", N_("move down")) \
	X(LEFT, "left", N_("move left")) \
	X(RIGHT, "right", N_("move right")) \
	X(PAGE_UP, "page-up", N_("move up one page")) \
	X(PAGE_DOWN, "page-down", N_("move down one page")) \
	X(HOME, "home", N_("go to the first row")) \
	X(END, "end", N_("go to the last row")) \
	X(FILTER, "filter", N_("filter the list as you type")) \
	X(CANCEL, "cancel", N_("clear the filter, or close")) \
	X(TOGGLE, "toggle", N_("tick or untick the highlighted row")) \
	X(CHOOSE, "choose", N_("choose the highlighted row")) \
	X(NEXT_FIELD, "next-field", N_("go to the next field")) \
	X(PREV_FIELD, "prev-field", N_("go to the previous field")) \
	X(NEXT_CHOICE, "next-choice", N_("next choice for the field")) \
	X(PREV_CHOICE, "prev-choice", N_("previous choice for the field")) \
	X(CLEAR_FIELD, "clear-field", N_("clear the field")) \
	X(ALL_TOPICS, "all-topics", N_("show services of every topic, or of the ticked ones")) \
	X(CONFIRM, "confirm", N_("yes, accept")) \
	X(REFUSE, "refuse", N_("no, go back")) \
	X(NEXT_STEP, "next-step", N_("training: reveal the next step of the scenario")) \
	X(SHOW_HINT, "show-hint", N_("training: show the next hint")) \
	X(CLOSE_DAY, "close-day", N_("close the day at every desk (asks first)")) \
	X(SHOW_NOTES, "show-notes", N_("show the notes (asks first), or hide them")) \
	X(PREVIOUS_DAY, "previous-day", N_("review the day before")) \
	X(NEXT_DAY, "next-day", N_("review the day after"))

enum action {
	ACT_NONE = 0,
#define ACTION_ENUM(e, name, help) ACT_##e,
	ACTION_LIST(ACTION_ENUM)
#undef ACTION_ENUM
	ACT__N
};

/* Name in keymap files ("next-pane"); NULL for ACT_NONE / out of range. */
const char *action_name(enum action a);
/* English help text (an msgid: pass it through _() to show it). */
const char *action_help(enum action a);
/* ACT_NONE when unknown. */
enum action action_find(const char *name);

/* Keys. */
typedef int km_key;
#define KEY_SPECIAL 0x200000
enum {
	KM_UP = KEY_SPECIAL, KM_DOWN, KM_LEFT, KM_RIGHT,
	KM_PGUP, KM_PGDN, KM_HOME, KM_END,
	KM_INSERT, KM_DELETE, KM_BACKSPACE, KM_BTAB, KM_ENTER,
	KM_F0			/* F1 is KM_F0 + 1 ... F24 */
};
#define KM_F(n) (KM_F0 + (n))
#define KM_TAB 9
#define KM_ESC 27
#define KM_SPACE 32
#define KM_CTRL(c) ((c) & 0x1f)

/* Parse a key name: "Tab", "S-Tab", "Enter", "Esc", "Space", "Backspace",
 * "Delete", "Insert", "Up", "Down", "Left", "Right", "PgUp", "PgDn",
 * "Home", "End", "F1".."F24", "C-a".."C-z" (or "^A"), or one printable
 * character ("/", "j", "ä"). Case matters only for single characters.
 * Returns -1 when it is not a key name. */
km_key keymap_key_parse(const char *name);
/* A key's name for help screens (a new string). */
char *keymap_key_name(km_key key);
/* True for keys that insert text (printable characters, Space included). */
bool keymap_key_printable(km_key key);

/* Contexts: the global fallback plus one per pane that binds keys. */
enum km_context {
	KM_GLOBAL,
	KM_INTAKE,
	KM_TOPICS,
	KM_REDIRECT,
	KM_INTERPRETERS,
	KM_DIALOG,		/* confirmations, details, choices */
	KM_SCENARIO,		/* the training screen's scenario pane */
	KM_REVIEW,		/* the review's panes and its contact log */
	KM__NCONTEXT
};
/* "intake", ... ("global" for KM_GLOBAL); and back (-1 when unknown). */
const char *keymap_context_name(enum km_context ctx);
int keymap_context_find(const char *name);

struct keymap;

/* Load a keymap file; *err = "file:line: ..." on error. */
int keymap_load(const char *path, struct keymap **out, char **err);
void keymap_free(struct keymap **km);
/* The file a keymap was loaded from. */
const char *keymap_path(const struct keymap *km);

/* Resolve a keymap name or path to a file: a value with a '/' is a path;
 * a name is looked up as $XDG_CONFIG_HOME/neuvoo/keymaps/NAME, then in the
 * site's SYSCONFDIR/neuvoo/keymaps, then in the bundled keymaps. NULL or "" means "default". Returns a new string, or
 * NULL with *err when no such keymap exists. */
char *keymap_find(const char *name, char **err);

/* The action for key in ctx: the pane's own binding, else the global one;
 * ACT_NONE when unbound. */
enum action keymap_lookup(const struct keymap *km, enum km_context ctx,
			  km_key key);
/* Only the context's own binding (no global fallback). */
enum action keymap_lookup_own(const struct keymap *km, enum km_context ctx,
			      km_key key);

/* The keys bound to action in ctx, own first, then global keys that are
 * not shadowed by an own binding of the same key. Returns how many were
 * written (at most max). */
size_t keymap_keys_for(const struct keymap *km, enum km_context ctx,
		       enum action a, km_key *keys, size_t max);

#endif
