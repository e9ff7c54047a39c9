/* review_day: what the supervisor's review shows for one day, worked out
 * from every desk file of the statistics folder (no curses here, so the
 * figures are unit-tested headless).
 *
 * The contacts come through report_scan() (merged by id, undone ones kept
 * and marked, late ones flagged); per desk file the drafts left in it and
 * the events (drafts discarded) come from stats_reader_day(). Each file is
 * one desk of one user (DESK@USER.db; older DESK.db files too); the
 * supervisors' sign-off files (@USER.db) are no desks, but the day is
 * closed or open by the sign-offs of every file together. A file that
 * cannot be read becomes a desk with an error line; the others still
 * count. Times and hours are local time of this process, the same clock
 * that decides where the day begins and ends. */
#ifndef NEUVOO_PANES_REVIEW_DAY_H
#define NEUVOO_PANES_REVIEW_DAY_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/report.h"
#include "core/stats.h"

struct review_desk {
	char *name;		/* shown: "desk (user)", or the desk alone */
	char *desk;		/* the desk's name */
	char *user;		/* whose file it is, or NULL (an older file) */
	char *path;		/* its statistics file */
	char *error;		/* why the file cannot be read, or NULL */
	size_t contacts;	/* saved and not undone */
	size_t undone;
	time_t first, last;	/* start of the first and last contact; 0 none */
	size_t hours[24];	/* contacts by local hour */
	size_t redirected;	/* outcome redirected or consulted */
	size_t interpreted;	/* some interpreter used */
	int gaps[24];		/* hours without contacts between first and last */
	size_t n_gaps;
	time_t *undo_at;	/* when each undo happened, oldest first */
	bool draft;		/* an unsaved draft of the day is left in the file */
	size_t drafts;		/* how many (one a session of the desk's user) */
	time_t draft_at;
	time_t *discard_at;	/* drafts thrown away (F3, F10), oldest first */
	size_t discarded;
	size_t unsaved;		/* drafts never saved: discarded, and left */
	size_t late;		/* saved while the day was closed */
	time_t *late_at;	/* when each was saved, oldest first */
	size_t corrected;	/* saved, then corrected (Ctrl-O) */
	time_t *corrected_at;	/* each one's last correction, oldest first */
	bool closed;		/* the day is closed (the same for every desk) */
	time_t closed_at;
	char *closed_by;
	size_t first_row, n_rows;	/* its contacts in review_day_row() order */
	/* Its expected hours that day (expected-desks), minutes after
	 * midnight; open = close = 0 when not expected. */
	int open, close;
};

/* The top lists. */
enum review_top {
	REVIEW_TOP_TOPIC,
	REVIEW_TOP_LANGUAGE,
	REVIEW_TOP_REDIRECT,
	REVIEW_TOP_REASON,
	REVIEW_TOP_INTERPRETER,
	REVIEW_TOP__N
};

struct review_entry {
	const char *code;
	const char *label;	/* translated, or a name from the catalogue */
	size_t count;
};

/* A flag for the supervisor: something in a desk's day worth a look. */
enum review_flag_kind {
	REVIEW_FLAG_UNREADABLE,	/* the file cannot be read */
	REVIEW_FLAG_GAP,	/* working hours without a contact */
	REVIEW_FLAG_DRAFT,	/* a draft left unsaved */
	REVIEW_FLAG_DISCARDED,	/* drafts thrown away */
	REVIEW_FLAG_UNDO,	/* contacts undone */
	REVIEW_FLAG_LATE,	/* contacts saved after the day was closed */
	REVIEW_FLAG_CORRECTED,	/* contacts corrected after their save */
	/* Against the site's expected desks and their hours (expected-desks
	 * of the configuration): */
	REVIEW_FLAG_NOTHING,	/* an expected desk recorded nothing */
	REVIEW_FLAG_STARTED_LATE,	/* its first contact long after opening */
	REVIEW_FLAG_STOPPED_EARLY	/* its last contact long before closing */
};

struct review_flag {
	size_t desk;
	enum review_flag_kind kind;
};

struct review_day {
	char date[11];
	time_t from, to;
	char *dir;			/* the statistics folder */
	struct review_desk *desks;	/* by name */
	size_t n_desks;
	struct review_desk total;	/* sums; first and last over all */
	struct review_flag *flags;
	size_t n_flags;
	/* The day's state by the latest sign-off of any file. */
	bool closed;
	time_t closed_at;
	char *closed_by;
	/* Warnings about the folder and its files (open to others, linked or
	 * foreign desk files: report_files), a line each. */
	char **warnings;
	size_t n_warnings;
	/* Private. */
	char **signoff_files;		/* @USER.db files that could be read */
	size_t n_signoff_files;
	struct stats_signoffs signoffs;
	struct report_contacts *rows;	/* undone ones too, grouped by desk */
	size_t *order;			/* row indexes, desk by desk */
	struct report_agg *agg[REVIEW_TOP__N];
	bool note_limit;		/* review_labels' */
	int note_days;
};

/* Names for languages and services (a catalogue); may be NULL. */
struct review_labels {
	report_label_fn fn;
	void *ud;
	/* The site's expected desks, "DESK HOURS" each (the configuration's
	 * expected-desks, checked there), or none. */
	const char *const *expected;
	size_t n_expected;
	/* note_limit: notes are shown only within note_days of now (the
	 * configuration's note-retention-days; 0 shows none), as a desk
	 * would have purged the older ones by its next start. */
	bool note_limit;
	int note_days;
};

/* Load the day `date` (YYYY-MM-DD) from every *.db in dir (a folder that
 * does not exist yet gives no desks); desks (n_desks of them, none = all)
 * keeps only those desk files. Fails (-1, *err) only for a bad date or an
 * unreadable folder; a bad file is a desk with its error. */
int review_day_load(struct review_day **out, const char *dir,
		    const char *date, const char *const *desks,
		    size_t n_desks, const struct review_labels *labels,
		    char **err);
void review_day_free(struct review_day **d);

/* For review_hours: is desk name among desks (none = all), and a new flag. */
bool review_day_wanted(const char *name, const char *const *desks, size_t n);
void review_day_add_flag(struct review_day *d, size_t desk,
			 enum review_flag_kind kind);

/* Contact j (0 <= j < desk->n_rows) of a desk, in time order; undone ones
 * have undone_at set. */
const struct stats_row *review_day_row(const struct review_day *d,
					const struct review_desk *desk,
					size_t j);

/* The desks whose files could be read, and how many of them have the day
 * closed. */
size_t review_day_readable(const struct review_day *d, size_t *closed);
/* The latest sign-off among the desks (NULL when none): who and when. */
const struct review_desk *review_day_last_close(const struct review_day *d);

/* The top entries of a list, most contacts first (code order on ties),
 * leaving out zeros, "not recorded", and for interpreters "none". At most
 * max entries into out; returns how many. The strings live as long as d. */
size_t review_day_top(const struct review_day *d, enum review_top which,
		      struct review_entry *out, size_t max);
/* Title of a top list, translated. */
const char *review_top_title(enum review_top which);

/* Why a desk file cannot be read, without the file's name in front
 * (the desk's name is shown beside it); NULL when it can be read. */
const char *review_desk_reason(const struct review_desk *desk);

/* The flag's text, translated (a new string), without the desk's name:
 * "no contacts 11-12, 13-14", "2 contacts undone (10:05, 14:40)". */
char *review_flag_text(const struct review_day *d,
		       const struct review_flag *f);

/* "08.05" or "08:05" in the UI language's conventions, into a new
 * string. */
char *review_time(time_t t);

/* Close (STATS_CLOSE) or reopen the day: one sign-off, with who (by, may
 * be NULL) and when, in this user's own sign-off file of the folder
 * (stats_signoff_path; opts: the group of the configuration, may be
 * NULL). Returns 0 when done, 1 when there is nothing to do (closed
 * already, or not closed) with *err saying so, -1 with *err (a day still
 * to come, a file that cannot be written). Reload afterwards. */
int review_day_sign_off(const struct review_day *d,
			enum stats_signoff_action action, const char *by,
			const struct stats_opts *opts, char **err);

/* The notes of a desk's contacts of the day, for when the supervisor asks:
 * fn(id, note, ud) for each; none of a day past the retention (labels'
 * note_limit). */
int review_day_notes(const struct review_day *d,
		     const struct review_desk *desk, stats_note_fn fn,
		     void *ud, char **err);
/* Is the day past the notes' retention (none of its notes shown)? */
bool review_day_notes_expired(const struct review_day *d);

#endif
