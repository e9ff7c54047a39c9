/* contact: one customer contact being recorded at a desk.
 *
 * A contact holds codes (indexes into the code lists of codes.h; -1 means
 * not set), the service language (a catalogue language code), the topics
 * as a bit set, and the redirect. It knows nothing of curses or SQL: the
 * panes fill it, stats saves it. */
#ifndef NEUVOO_CONTACT_H
#define NEUVOO_CONTACT_H

#include <stdbool.h>
#include <time.h>

#include "core/codes.h"

struct contact {
	char *id;		/* globally unique (UUID v4 text); set by stats_save */
	time_t started_at;	/* first key of the contact; 0 = not started */
	time_t ended_at;	/* set at save */
	int channel;		/* CODES_CHANNEL index */
	char *language;		/* service language code, e.g. "fi", "so" */
	int interpreter;	/* CODES_INTERPRETER */
	topic_set topics;
	int outcome;		/* CODES_OUTCOME */
	char *redirect_service;	/* catalogue service id, or NULL */
	int redirect_reason;	/* CODES_REASON, -1 unless redirected/consulted */
	char *interpreter_resource;	/* catalogue resource id used, or NULL */
	int discovery;		/* CODES_DISCOVERY, optional */
	int age_band;		/* CODES_AGE, optional */
	int gender;		/* CODES_GENDER, optional */
	int life_situation;	/* CODES_LIFE, optional */
	char *note;		/* optional, checked by privacy, never exported */
	int people;		/* how many people it served, at least 1 */
	bool backdated;		/* started_at set by the advisor afterwards */
};

/* The desk's defaults for a new contact (from config). */
struct contact_defaults {
	int channel;		/* "walk-in" */
	const char *language;	/* "fi" */
	int interpreter;	/* "none" */
	int outcome;		/* "answered" */
};

void contact_defaults_init(struct contact_defaults *d);

struct contact *contact_new(const struct contact_defaults *d);
void contact_free(struct contact **c);
struct contact *contact_dup(const struct contact *c);
/* Reset after a save: channel and language stay (sticky), the rest goes
 * back to the defaults. */
void contact_reset_sticky(struct contact *c, const struct contact_defaults *d);
/* True when anything differs from a fresh contact with these defaults
 * (used to ask before discarding a draft). */
bool contact_has_content(const struct contact *c,
			 const struct contact_defaults *d);
/* Mark the contact started at `now` if it is not yet. */
void contact_touch(struct contact *c, time_t now);
void contact_set_language(struct contact *c, const char *code);
void contact_set_redirect(struct contact *c, const char *service_id);
void contact_set_note(struct contact *c, const char *note);

/* What is missing for a save. */
enum contact_missing {
	CONTACT_OK = 0,
	CONTACT_NO_CHANNEL,
	CONTACT_NO_LANGUAGE,
	CONTACT_NO_TOPIC,
	CONTACT_NO_REASON,	/* redirected/consulted without a reason */
	CONTACT_NO_SERVICE	/* redirected/consulted without a service */
};
enum contact_missing contact_validate(const struct contact *c);
/* Translated one-line explanation of a validation result. */
const char *contact_missing_text(enum contact_missing m);

/* One-line summary for the status line after a save ("walk-in, so,
 * housing+daycare, redirected to ..."), a new string. */
char *contact_summary(const struct contact *c);
/* The same with the redirect service named by its name (NULL: its id). */
char *contact_summary_named(const struct contact *c, const char *service);

#endif
