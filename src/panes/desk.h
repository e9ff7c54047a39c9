/* desk: the state the desk's four panes share, and what the desk does
 * with it: the loaded catalogue and its search engine, the statistics
 * file, the contact being recorded (journalled as it changes), today's
 * counts, and the status message. No curses here: the panes and the
 * screen read it, and the unit tests drive it directly.
 *
 * Panes notice changes through generation counters: each one they show
 * (contact, catalogue, UI language, counts) bumps when it changes. */
#ifndef NEUVOO_PANES_DESK_H
#define NEUVOO_PANES_DESK_H

#include <stdbool.h>
#include <time.h>

#include "core/catalogue.h"
#include "core/config.h"
#include "core/contact.h"
#include "core/search.h"
#include "core/stats.h"
#include "panes/registry.h"


/* Intake fields, in screen order. */
enum desk_field {
	FIELD_CHANNEL, FIELD_LANGUAGE, FIELD_INTERPRETER, FIELD_DISCOVERY,
	FIELD_OUTCOME, FIELD_AGE, FIELD_GENDER, FIELD_LIFE, FIELD_NOTE,
	FIELD_PEOPLE,		/* a group's size (1 to DESK_PEOPLE_MAX) */
	FIELD_STARTED,		/* now, or a start set afterwards (backdated) */
	FIELD__N
};

/* The largest group one contact records. */
#define DESK_PEOPLE_MAX 999

struct desk {
	struct catalogue *cat;
	struct search *search;	/* use desk_search(): built lazily */
	bool search_warned;	/* its analyser warning was shown */
	struct stats *stats;	/* NULL while the file cannot be opened */
	struct contact *c;	/* the draft */
	struct contact_defaults defaults;
	/* What a fresh contact looks like now: the defaults with the sticky
	 * channel and language of the last save. */
	struct contact_defaults fresh;
	char *desk_name;
	unsigned gen;		/* the contact changed */
	unsigned cat_gen;	/* another catalogue was loaded */
	unsigned lang_gen;	/* the UI language changed */
	unsigned count_gen;	/* today's counts changed */
	int today_count;
	int topic_counts[TOPIC__N];
	char today[11];
	char *message;		/* the status line's message, or NULL */
	bool message_error;
	/* How long the message lives (enum desk_life), what it is about
	 * (a DESK_LIFE_CAUSE's enum contact_missing, or DESK_CAUSE_NOTE),
	 * the key it came with and when. */
	int message_life;
	int message_cause;
	unsigned message_key;
	time_t message_at;
	int message_seconds;	/* DEFAULT_MESSAGE_SECONDS; tests set it */
	unsigned keys;		/* keys pressed (desk_key) */
	bool restored;		/* the draft came back from the journal */
	bool unsaved_error;	/* the last save failed */
	/* The saved contact on the form to be corrected (its id), or NULL:
	 * F2 saves over it, F3 leaves it as it was. */
	char *correcting;
	/* How many days back a contact's start may be set (0: never). */
	int backdate_days;
	/* The contact's own start while it is backdated (to go back to). */
	time_t real_start;
	/* After a failed validation: the pane (an enum pane_id) and intake
	 * field to focus (-1 when none); the screen takes them. */
	int want_pane;
	int want_field;
	time_t (*clock)(void);	/* time(); tests set their own */
	/* Private. */
	char *catalogue_path;
	char *stats_path;
	char *default_language;
	char *fresh_language;
	char *stats_desk, *stats_advisor, *stats_group;
	struct stats_opts sopts;
	/* This run of the desk: its contacts and draft, the lock that says
	 * it lives (kept across reopenings of the file). */
	struct stats_session *session;
	bool journal_failed;
	/* The catalogue's service numbers, which a note may name (built
	 * at the first check after a catalogue is loaded). */
	struct privacy_allow *allow;
	unsigned allow_gen;	/* cat_gen + 1 it was built for; 0: none */
	char *journal_note;	/* the last note that passed the guard */
	/* While true, desk_search() returns NULL (the first screen is drawn
	 * without waiting for the index). */
	bool defer_search;
	/* While true, the lean catalogue's description words wait for the
	 * second start-up step (desk_start_step). */
	bool words_later;
	/* Callback tickets (ticket_dialog.h), NULL: none (training). */
	struct ticket_desk *tickets;
};

/* Open everything for cfg: the catalogue (created on first start when it
 * is the default one), the statistics file (a failure is kept as the
 * status message, and retried at the next save), the journalled draft.
 * Returns 0, or EXIT_RUNTIME with *err. */
int desk_open(const struct config *cfg, struct desk **out, char **err);
/* The same for training: the catalogue and the desk's defaults, but no
 * statistics file at all (nothing is saved, undone or journalled). */
int desk_open_training(const struct config *cfg, struct desk **out,
		       char **err);
/* A desk over an existing catalogue and statistics handle (taken over;
 * stats may be NULL). For tests and the training screen. */
struct desk *desk_new(struct catalogue *cat, struct stats *stats,
		      const char *desk_name, const struct contact_defaults *d);
void desk_free(struct desk **d);

/* How long a status message lives. Messages belong to a moment: none
 * outlives what it is about, and none stays in the language before an
 * F4 switch. */
enum desk_life {
	/* About the last contact or a choice just made (error false): goes
	 * at the contact's first change after the key that said it, after
	 * message_seconds, and at F4. */
	DESK_LIFE_CONTACT,
	/* A gap in the draft (a refused note, a missing topic): goes when
	 * the draft no longer has it; F4 says it again in the new language. */
	DESK_LIFE_CAUSE,
	/* A problem of the files (error true): stays until another message
	 * replaces it; F4 tries the statistics file again, which says it
	 * anew (or finds it well). */
	DESK_LIFE_STAYS
};
/* message_cause of a refused note. */
#define DESK_CAUSE_NOTE (-2)

/* The status message (printf-style): DESK_LIFE_STAYS for an error,
 * DESK_LIFE_CONTACT otherwise. */
void desk_message(struct desk *d, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The note refused by the guard, as a warning that goes when the note
 * passes (why: the guard's words, may be NULL). */
void desk_note_warning(struct desk *d, const char *why);
/* A key was pressed: messages of the moment before it may go now. */
void desk_key(struct desk *d);
/* Time passed (at every key and when idle): a message about the last
 * contact goes after message_seconds. True when it went. */
bool desk_tick(struct desk *d);

/* The advisor pressed a key for this contact: the contact starts now if
 * it has not started yet. */
void desk_touch(struct desk *d);
/* The contact changed: bump the generation and journal the draft. */
void desk_changed(struct desk *d);
/* Journal the draft now (at SIGHUP). */
void desk_journal(struct desk *d);

enum desk_result { DESK_OK, DESK_INVALID, DESK_FAILED, DESK_NOTHING };
/* F2: validate (want_pane/want_field say where the gap is), save,
 * reset with sticky channel and language, reload a republished
 * catalogue. The message says what happened. */
enum desk_result desk_save(struct desk *d);
/* The checks of a save without saving: DESK_OK, or DESK_INVALID with the
 * message and want_pane/want_field set as desk_save() does (training
 * grades only what a real desk would save). */
enum desk_result desk_check(struct desk *d);
/* The privacy guard on a note, with the catalogue's service numbers
 * allowed: 0, or -1 with *why set (privacy_check). */
int desk_note_check(struct desk *d, const char *note, char **why);
/* F3: a fresh contact (channel and language stay). */
void desk_new_contact(struct desk *d);
/* A fresh contact from the desk's defaults, with no sticky channel or
 * language (a new training attempt starts from scratch). */
void desk_reset_contact(struct desk *d);
/* F9: undo the last saved contact; when the draft is empty the undone
 * contact comes back into it for correcting. */
enum desk_result desk_undo(struct desk *d);
/* A contact's summary (a new string) naming its redirect service by its
 * name in the UI language, as the advisor chose it, not by its id. */
char *desk_named_summary(const struct desk *d, const struct contact *c);
/* This session's contacts of today, in save order (an owned list:
 * stats_contacts_free). 0, or -1 with the message set. */
int desk_today(struct desk *d, struct contact ***list, size_t *n);
/* Open a saved contact (one of desk_today's) on the form to correct;
 * the form must hold no draft. */
void desk_correct_open(struct desk *d, const struct contact *c);
/* Undo one of desk_today's contacts. */
enum desk_result desk_undo_contact(struct desk *d, const struct contact *c);
/* The group's size, clamped to 1 .. DESK_PEOPLE_MAX. */
void desk_set_people(struct desk *d, int n);
/* Move the contact's start by minutes (negative: earlier), from now when
 * it is not backdated: never later than now (which ends the backdating)
 * nor earlier than the start of the day backdate_days back (refused with
 * a message). Returns true when it moved. */
bool desk_shift_start(struct desk *d, int minutes);
/* The start at hh.mm of the day it is on now (today when not backdated):
 * refused with a message when that is later than now or out of range. */
bool desk_set_start_time(struct desk *d, int hour, int minute);
/* Not backdated any more: the contact starts when it really started. */
void desk_start_now(struct desk *d);
/* F4: the next user-interface language. */
void desk_next_language(struct desk *d);
/* Reload the catalogue when it was republished (between contacts).
 * Returns true when another catalogue was loaded. */
bool desk_reload_if_changed(struct desk *d);
/* Today's counts, again (also when the date changed). */
void desk_refresh_counts(struct desk *d);
/* Now, local time. */
struct tm desk_now(const struct desk *d);
/* Minutes since the epoch (panes redo "open now" when it changes). */
long desk_minute(const struct desk *d);

/* Set the contact's redirect: service (index into cat->services), reason
 * and outcome (CODES_REASON / CODES_OUTCOME indexes). */
void desk_set_redirect(struct desk *d, size_t service, int reason,
		       int outcome);
/* Set the contact's interpreter use: resource index, interpreter code
 * index (CODES_INTERPRETER); lang (may be NULL) becomes the contact's
 * language when given. */
void desk_set_interpreter(struct desk *d, size_t resource, int interpreter,
			  const char *lang);
/* Set an intake choice field (FIELD_CHANNEL ... FIELD_LIFE) to a code
 * index (-1: unset, for the optional ones). A non-redirect outcome drops
 * a chosen service. */
void desk_set_field(struct desk *d, enum desk_field f, int value);
int desk_get_field(const struct desk *d, enum desk_field f);
void desk_toggle_topic(struct desk *d, int topic);

/* An analyser missing (no Finnish dictionary): said once on the status
 * line, when the analysers open (at start for an index built here, at the
 * first query word for a mapped one). */
void desk_search_warning(struct desk *d);

/* The search engine for the loaded catalogue, built on first use (and
 * again after a reload or a language switch); NULL while deferred or
 * without a catalogue. */
struct search *desk_search(struct desk *d);
/* Start-up after the first screen, one step a frame (true: call again
 * after drawing): the search's display order, so the service list shows,
 * then the rest of its index. */
bool desk_start_step(struct desk *d);

/* Does the draft hold anything a fresh contact would not? */
bool desk_has_content(const struct desk *d);

/* The draft state for the status line: "new", "editing", "restored",
 * "not saved" (translated). */
const char *desk_draft_state(const struct desk *d);

#endif
