/* stats_correct: correcting a session's saved contacts of the day. The
 * desk lists them (stats_session_day), opens one, and saves it again
 * over its own row (stats_correct: the same id, so every reader counts
 * the corrected version once), or undoes one of them (stats_undo_id).
 * Each changed field is an event of kind "correct" whose detail names
 * the field (never its value: a note's text stays out of the events),
 * followed by " by ADVISOR" when the desk names its advisor. */
#ifndef NEUVOO_STATS_CORRECT_H
#define NEUVOO_STATS_CORRECT_H

#include <stddef.h>
#include <time.h>

#include "core/contact.h"

struct stats;

/* This session's contacts saved (ended) on date (YYYY-MM-DD, local; a
 * backdated contact by its save, not its start) and not undone, in the order they were saved: an owned array of n
 * owned contacts (free with stats_contacts_free). 0, or -1 with *err. */
int stats_session_day(struct stats *st, const char *date,
		      struct contact ***out, size_t *n, char **err);
void stats_contacts_free(struct contact ***list, size_t n);

/* Save c's fields over the row of its id (a contact of this session, not
 * undone), corrected_at = now, one event for each field that changed;
 * *changed says how many (0: nothing written). Clears the session's
 * draft. 0, or -1 with *err. */
int stats_correct(struct stats *st, const struct contact *c, time_t now,
		  int *changed, char **err);

/* Undo the contact id of this session: 0; 1 when it is not this
 * session's or undone already (*err says so); -1 with *err. */
int stats_undo_id(struct stats *st, const char *id, time_t now, char **err);

#endif
