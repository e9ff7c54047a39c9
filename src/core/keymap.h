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

/* Where an action belongs (its scope): who handles it, and on which
 * screens F1 lists it. The screen manager takes NAV and SCREEN on every
 * screen; an application says which of the others it handles
 * (screen_app.scopes); the panes take the rest with their own keys. */
enum action_scope {
	SCOPE_NONE,
	SCOPE_NAV,		/* move the focus between panes */
	SCOPE_SCREEN,		/* help and redraw: change nothing */
	SCOPE_GLOBAL,		/* every application: language, quit */
	SCOPE_CONTACT,		/* the contact's life: desk and training */
	SCOPE_LIST,		/* moves, filter, tick and choose in a pane */
	SCOPE_FIELD,		/* the intake's fields (and a window's) */
	SCOPE_DIALOG,		/* yes and no in a window */
	SCOPE_TRAINING,		/* the scenario's story */
	SCOPE_REVIEW,		/* the review's days and closing */
	SCOPE_LOG,		/* the review's contact log */
	SCOPE_TICKETS		/* the ticket queue's steps and filters */
};
#define SCOPE_BIT(sc) (1u << (sc))

/* How many panes of a screen have a focus action of their own. */
#define ACTION_FOCUS_N 9

/* X(ENUM, "config-name", SCOPE, N_("help text")). The order is F1's: the
 * keys of the whole screen are listed in this order. The focus actions
 * take their text from the pane they focus (the pane registry). */
#define ACTION_LIST(X) \
	X(NEXT_PANE, "next-pane", NAV, N_("go to the next pane")) \
	X(PREV_PANE, "prev-pane", NAV, N_("go to the previous pane")) \
	X(FOCUS_PANE_1, "focus-pane-1", NAV, NULL) \
	X(FOCUS_PANE_2, "focus-pane-2", NAV, NULL) \
	X(FOCUS_PANE_3, "focus-pane-3", NAV, NULL) \
	X(FOCUS_PANE_4, "focus-pane-4", NAV, NULL) \
	X(FOCUS_PANE_5, "focus-pane-5", NAV, NULL) \
	X(FOCUS_PANE_6, "focus-pane-6", NAV, NULL) \
	X(FOCUS_PANE_7, "focus-pane-7", NAV, NULL) \
	X(FOCUS_PANE_8, "focus-pane-8", NAV, NULL) \
	X(FOCUS_PANE_9, "focus-pane-9", NAV, NULL) \
	X(HELP, "help", SCREEN, N_("show the keys of this pane")) \
	X(SAVE, "save", CONTACT, N_("save the contact")) \
	X(SAVE_TICKET, "save-with-ticket", CONTACT, N_("save the contact with a callback ticket: the chosen service, or someone who speaks the language, calls the customer back")) \
	X(NEW_CONTACT, "new-contact", CONTACT, N_("start a new contact (clears the draft)")) \
	X(NEXT_LANGUAGE, "next-language", GLOBAL, N_("switch to the next user-interface language")) \
	X(UNDO, "undo", CONTACT, N_("undo the last saved contact")) \
	X(CORRECT, "correct", CONTACT, N_("correct or undo one of this session's contacts of today")) \
	X(QUIT, "quit", GLOBAL, N_("quit")) \
	X(REDRAW, "redraw", SCREEN, N_("redraw the screen")) \
	X(UP, "up", LIST, N_("move up")) \
	X(DOWN, "down", LIST, N_("move down")) \
	X(LEFT, "left", LIST, N_("move left")) \
	X(RIGHT, "right", LIST, N_("move right")) \
	X(PAGE_UP, "page-up", LIST, N_("move up one page")) \
	X(PAGE_DOWN, "page-down", LIST, N_("move down one page")) \
	X(HOME, "home", LIST, N_("go to the first row")) \
	X(END, "end", LIST, N_("go to the last row")) \
	X(FILTER, "filter", LIST, N_("filter the list as you type")) \
	X(CANCEL, "cancel", LIST, N_("clear the filter, or close")) \
	X(TOGGLE, "toggle", LIST, N_("tick or untick the highlighted row")) \
	X(CHOOSE, "choose", LIST, N_("choose the highlighted row")) \
	X(NEXT_FIELD, "next-field", FIELD, N_("go to the next field")) \
	X(PREV_FIELD, "prev-field", FIELD, N_("go to the previous field")) \
	X(NEXT_CHOICE, "next-choice", FIELD, N_("next choice for the field")) \
	X(PREV_CHOICE, "prev-choice", FIELD, N_("previous choice for the field")) \
	X(CLEAR_FIELD, "clear-field", FIELD, N_("clear the field")) \
	X(ALL_TOPICS, "all-topics", LIST, N_("show services of every topic, or of the ticked ones")) \
	X(CONFIRM, "confirm", DIALOG, N_("yes, accept")) \
	X(REFUSE, "refuse", DIALOG, N_("no, go back")) \
	X(NEXT_STEP, "next-step", TRAINING, N_("training: reveal the next step of the scenario")) \
	X(SHOW_HINT, "show-hint", TRAINING, N_("training: show the next hint")) \
	X(CLOSE_DAY, "close-day", REVIEW, N_("close the day at every desk (asks first)")) \
	X(REOPEN_DAY, "reopen-day", REVIEW, N_("reopen a closed day (asks first)")) \
	X(SHOW_NOTES, "show-notes", LOG, N_("show the notes (asks first), or hide them")) \
	X(PREVIOUS_DAY, "previous-day", REVIEW, N_("review the day before")) \
	X(NEXT_DAY, "next-day", REVIEW, N_("review the day after")) \
	X(TAKE_TICKET, "take-ticket", TICKETS, N_("take the highlighted ticket and show how to reach the customer")) \
	X(TICKET_DONE, "ticket-done", TICKETS, N_("close your ticket: the customer was called")) \
	X(TICKET_UNREACHABLE, "ticket-unreachable", TICKETS, N_("the customer did not answer: count a try")) \
	X(PASS_TICKET, "pass-ticket", TICKETS, N_("pass the ticket on to another assignee")) \
	X(FILTER_ASSIGNEE, "filter-assignee", TICKETS, N_("show the tickets of the next assignee, or all")) \
	X(FILTER_LANGUAGE, "filter-language", TICKETS, N_("show the tickets of the next language, or all")) \
	X(FILTER_OVERDUE, "filter-overdue", TICKETS, N_("show only the overdue tickets, or all"))

/* Older names keymap files may still use: X(ENUM, "config-name"). The
 * desk's focus keys were named after its panes, which are its first
 * four. */
#define ACTION_ALIASES(X) \
	X(FOCUS_PANE_1, "focus-intake") \
	X(FOCUS_PANE_2, "focus-topics") \
	X(FOCUS_PANE_3, "focus-redirect") \
	X(FOCUS_PANE_4, "focus-interpreters")

enum action {
	ACT_NONE = 0,
#define ACTION_ENUM(e, name, scope, help) ACT_##e,
	ACTION_LIST(ACTION_ENUM)
#undef ACTION_ENUM
	ACT__N
};

/* Name in keymap files ("next-pane"); NULL for ACT_NONE / out of range. */
const char *action_name(enum action a);
/* English help text (an msgid: pass it through _() to show it). */
const char *action_help(enum action a);
/* ACT_NONE when unknown; an older name (ACTION_ALIASES) gives its
 * action. */
enum action action_find(const char *name);
/* SCOPE_NONE for ACT_NONE. */
enum action_scope action_scope(enum action a);
/* Keys of the whole screen, which F1 lists after a pane's own and a pane
 * never takes over: NAV, SCREEN, GLOBAL and CONTACT. */
bool action_screen_wide(enum action a);
/* focus-pane-N: N-1, else -1; and the focus action of the pane at index
 * i of a screen (ACT_NONE past ACTION_FOCUS_N). */
int action_focus_index(enum action a);
enum action action_focus(size_t i);

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
/* The name as people read it: the named keys translated (Space is
 * "Välilyönti" in Finnish), the rest as keymap_key_name. A new string;
 * keymap files always use keymap_key_name's. */
char *keymap_key_label(km_key key);
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
	KM_TICKETS,		/* the ticket queue */
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
