/* defaults: the one table of neuvoo's defaults that more than one module
 * needs (the contract's first contact of a new desk, the undo window, the
 * note retention). config.c's option table, contact.c's fresh contact,
 * stats.c's handle without options and the sample configuration's
 * comments all take them from here. */
#ifndef NEUVOO_DEFAULTS_H
#define NEUVOO_DEFAULTS_H

/* A new desk's first contact (codes of codes.h). */
#define DEFAULT_CHANNEL "walk-in"
#define DEFAULT_LANGUAGE "fi"
#define DEFAULT_INTERPRETER "none"
#define DEFAULT_OUTCOME "answered"
/* F9 undoes a contact saved less than this many minutes ago. */
#define DEFAULT_UNDO_MINUTES 10
/* A note is purged this many days after its contact ended. */
#define DEFAULT_NOTE_RETENTION_DAYS 30
/* A message about the last contact or a choice goes after this many
 * seconds (or at the next contact's first change). */
#define DEFAULT_MESSAGE_SECONDS 20
/* A contact's start can be set this many days back (backdate-days). */
#define DEFAULT_BACKDATE_DAYS 7
/* F4's cycle of UI languages, and the catalogue text's fallback after the
 * UI language: as libconfuse defaults and as C lists. */
#define DEFAULT_UI_LANGUAGES "{fi, sv, en}"
#define DEFAULT_CATALOGUE_FALLBACK "{en, fi, sv}"

/* The review flags an expected desk that started or stopped more than
 * this many minutes away from its expected hours. */
#define REVIEW_HOURS_GRACE 60

#endif
