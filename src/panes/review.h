/* review: the supervisor's day-end screen (`neuvoo review`).
 *
 * Four panes over one loaded day (review_day): the desks with their
 * totals, contacts per hour, the top lists, and the flags; Enter on a desk
 * or a flag opens that desk's contact log (review_log), where notes show
 * only when asked for and confirmed. F2 closes the day and F3 reopens it
 * (after a question).
 *
 * Keys: the panes and the log look up the keymap's `review` context
 * first (close-day F2, previous-day Left, next-day Right, show-notes Space
 * in the log), then the global bindings (Tab, arrows, Enter, Esc, F1, F4,
 * F10, Ctrl-L); F1 lists what each key does here, from the keymap. The
 * state below has no curses in it; the panes are in review_panes.h, the
 * screen in review_ui.h. */
#ifndef NEUVOO_PANES_REVIEW_H
#define NEUVOO_PANES_REVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "panes/review_day.h"

struct review {
	struct review_day *day;	/* never NULL after review_new() */
	char *dir;		/* the statistics folder */
	const char *const *desks;	/* --desk filters (not owned) */
	size_t n_desks;
	struct review_labels labels;
	struct stats_opts opts;	/* for closing: the group */
	char *by;		/* who closes: advisor code or login name */
	unsigned gen;		/* the day was (re)loaded */
	unsigned lang_gen;	/* the UI language changed */
	size_t chart;		/* the desk the chart shows; n_desks = all */
	unsigned chart_gen;
	char *message;		/* status line message, or NULL */
	bool message_error;
	time_t (*clock)(void);	/* time(); tests set their own */
	char *status_right;	/* private: the status line's right part */
};

/* Load date from dir. opts and labels may be NULL; by may be NULL (then
 * the login name). Returns 0, or -1 with *err (a bad date, an unreadable
 * folder). */
int review_new(struct review **out, const char *dir, const char *date,
	       const char *const *desks, size_t n_desks,
	       const struct review_labels *labels,
	       const struct stats_opts *opts, const char *by, char **err);
void review_free(struct review **r);

void review_message(struct review *r, bool error, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Read the files again (the same day). */
void review_reload(struct review *r);
/* Another day: days = -1 the day before, +1 the day after (never after
 * today). Returns false when there is no such day to go to. */
bool review_shift_date(struct review *r, int days);

/* What F2 does: NULL and a message when there is nothing to close (the
 * day closed already, a day still to come), else the question to ask (a
 * new string). */
char *review_close_question(struct review *r);
/* Close the day now (after the question was answered yes): a sign-off in
 * the supervisor's own file; the message says what happened. Returns 0
 * when closed. */
int review_close(struct review *r);
/* What F3 does: NULL and a message when the day is not closed, else the
 * question to ask (a new string). */
char *review_reopen_question(struct review *r);
/* Reopen the day now (a sign-off recorded with who and when); 0 when
 * reopened. */
int review_reopen(struct review *r);

/* The day as the screen shows it, in the operator's date convention (a
 * new string). */
char *review_day_text(const struct review *r);

#endif
