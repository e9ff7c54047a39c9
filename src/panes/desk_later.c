/* desk_later: contacts recorded or put right afterwards: this session's
 * contacts of today listed, one opened on the form and saved again over
 * its own row or undone (stats_correct), and a contact's start set
 * afterwards within backdate-days (a backdated contact). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "panes/desk_priv.h"

enum desk_result desk_save_correction(struct desk *d)
{
	char *err = NULL, *sum;
	int changed = 0;
	if (!desk_open_stats(d))
		return DESK_FAILED;
	if (stats_correct(d->stats, d->c, d->clock(), &changed, &err) != 0) {
		desk_message(d, true, _("Not corrected, the contact stays on the form (F2 tries again, F3 leaves it): %s"),
			     desk_reason(d, err));
		err_free(&err);
		return DESK_FAILED;
	}
	sum = desk_named_summary(d, d->c);
	desk_fresh_after_save(d);
	if (changed)
		desk_message(d, false, ngettext("Corrected (%d field): %s.",
						"Corrected (%d fields): %s.",
						(unsigned long)changed), changed, sum);
	else
		desk_message(d, false, _("Nothing was changed: %s."), sum);
	free(sum);
	d->gen++;
	return DESK_OK;
}

int desk_today(struct desk *d, struct contact ***list, size_t *n)
{
	char *err = NULL;
	*list = NULL;
	*n = 0;
	if (!desk_open_stats(d))
		return -1;
	date_format(d->clock(), d->today);
	if (stats_session_day(d->stats, d->today, list, n, &err) != 0) {
		desk_message(d, true, _("Today's contacts cannot be read: %s"), desk_reason(d, err));
		err_free(&err);
		return -1;
	}
	return 0;
}

void desk_correct_open(struct desk *d, const struct contact *c)
{
	char *sum = desk_named_summary(d, c);
	desk_clear_draft(d);
	contact_free(&d->c);
	d->c = contact_dup(c);
	free(d->correcting);
	d->correcting = xstrdup(c->id);
	/* "Started: now" on a backdated one means when it was saved. */
	d->real_start = c->backdated ? c->ended_at : c->started_at;
	d->restored = false;
	d->unsaved_error = false;
	desk_message(d, false, _("Correcting: %s. F2 saves the change, F3 leaves it as it was."), sum);
	free(sum);
	d->gen++;
}

enum desk_result desk_undo_contact(struct desk *d, const struct contact *c)
{
	char *err = NULL, *sum;
	int rc;
	if (!desk_open_stats(d))
		return DESK_FAILED;
	rc = stats_undo_id(d->stats, c->id, d->clock(), &err);
	if (rc != 0) {
		desk_message(d, rc < 0, rc < 0 ? _("Cannot undo: %s") : "%s", desk_reason(d, err));
		err_free(&err);
		return rc < 0 ? DESK_FAILED : DESK_NOTHING;
	}
	sum = desk_named_summary(d, c);
	desk_message(d, false, _("Undone: %s."), sum);
	free(sum);
	desk_refresh_counts(d);
	d->gen++;
	return DESK_OK;
}

void desk_start_now(struct desk *d)
{
	if (!d->c->backdated)
		return;
	d->c->backdated = false;
	d->c->started_at = d->real_start;
	desk_changed(d);
}

/* The earliest start allowed: the start of the day backdate_days ago. */
static time_t earliest_start(const struct desk *d)
{
	struct tm tm = desk_now(d);
	tm.tm_mday -= d->backdate_days;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

/* Set the start to t (already checked against now and the limit). */
static void backdate_to(struct desk *d, time_t t)
{
	contact_touch(d->c, d->clock());
	if (!d->c->backdated)
		d->real_start = d->c->started_at;
	d->c->started_at = t;
	d->c->backdated = true;
	desk_changed(d);
}

static bool start_allowed(struct desk *d, time_t t)
{
	if (d->backdate_days <= 0) {
		desk_message(d, true, "%s", _("This desk records contacts as they happen only (backdate-days = 0)."));
		d->message_life = DESK_LIFE_CONTACT;
		return false;
	}
	if (t < earliest_start(d)) {
		desk_message(d, true, ngettext("A contact can start at most %d day back.",
					       "A contact can start at most %d days back.",
					       (unsigned long)d->backdate_days), d->backdate_days);
		d->message_life = DESK_LIFE_CONTACT;
		return false;
	}
	return true;
}

bool desk_shift_start(struct desk *d, int minutes)
{
	time_t now = d->clock(), base, t;
	if (d->c->backdated)
		t = d->c->started_at + (time_t)minutes * 60;
	else {
		if (minutes >= 0)
			return false;	/* later than now: nothing to do */
		/* From now, on whole quarters of an hour. */
		base = now + (time_t)minutes * 60;
		t = base - base % (15 * 60);
	}
	if (t >= now) {
		desk_start_now(d);
		return true;
	}
	if (!start_allowed(d, t))
		return false;
	backdate_to(d, t);
	return true;
}

bool desk_set_start_time(struct desk *d, int hour, int minute)
{
	time_t base = d->c->backdated ? d->c->started_at : d->clock(), t;
	struct tm tm;
	if (hour < 0 || hour > 23 || minute < 0 || minute > 59)
		return false;
	localtime_r(&base, &tm);
	tm.tm_hour = hour;
	tm.tm_min = minute;
	tm.tm_sec = 0;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	if (t > d->clock()) {
		desk_message(d, true, "%s", _("That time is still to come: a contact can only start earlier."));
		d->message_life = DESK_LIFE_CONTACT;
		return false;
	}
	if (!start_allowed(d, t))
		return false;
	backdate_to(d, t);
	return true;
}
