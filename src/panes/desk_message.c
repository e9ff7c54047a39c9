/* desk_message: the desk's status message and its lifetime (see
 * desk.h, enum desk_life): a message belongs to a moment, and none stays
 * in the language before an F4 switch. */
#include <config.h>

#include <stdarg.h>
#include <stdlib.h>

#include "core/err.h"
#include "core/i18n.h"
#include "panes/desk_priv.h"

void desk_message_clear(struct desk *d)
{
	free(d->message);
	d->message = NULL;
	d->message_error = false;
	d->message_life = DESK_LIFE_CONTACT;
	d->message_cause = CONTACT_OK;
}

void desk_message(struct desk *d, bool error, const char *fmt, ...)
{
	va_list ap;
	desk_message_clear(d);
	va_start(ap, fmt);
	err_vset(&d->message, fmt, ap);
	va_end(ap);
	d->message_error = error;
	d->message_life = error ? DESK_LIFE_STAYS : DESK_LIFE_CONTACT;
	d->message_key = d->keys;
	d->message_at = d->clock();
}

void desk_note_warning(struct desk *d, const char *why)
{
	desk_message(d, true, "%s", why ? why : _("the note holds personal data"));
	d->message_life = DESK_LIFE_CAUSE;
	d->message_cause = DESK_CAUSE_NOTE;
}

void desk_key(struct desk *d)
{
	d->keys++;
	desk_tick(d);
}

bool desk_tick(struct desk *d)
{
	if (d->message && d->message_life == DESK_LIFE_CONTACT
	    && d->clock() - d->message_at >= d->message_seconds) {
		desk_message_clear(d);
		return true;
	}
	return false;
}

/* Is the gap a DESK_LIFE_CAUSE message is about still in the draft? */
static bool cause_stands(struct desk *d)
{
	if (d->message_cause == DESK_CAUSE_NOTE)
		return desk_note_check(d, d->c->note, NULL) != 0;
	return contact_validate(d->c) == (enum contact_missing)d->message_cause;
}

/* The contact changed: what the message was about may be over. */
void desk_message_follow(struct desk *d)
{
	if (!d->message)
		return;
	if ((d->message_life == DESK_LIFE_CONTACT && d->message_key != d->keys)
	    || (d->message_life == DESK_LIFE_CAUSE && !cause_stands(d)))
		desk_message_clear(d);
}

/* After F4 nothing on the screen stays in the language before it: a
 * message of the moment goes, a gap is said again, the statistics file is
 * tried again (which says its problem anew). */
void desk_message_relang(struct desk *d)
{
	int want_pane = d->want_pane, want_field = d->want_field;
	if (!d->message)
		return;
	switch (d->message_life) {
	case DESK_LIFE_CAUSE:
		desk_message_clear(d);
		desk_check(d);	/* the same words, now translated */
		d->want_pane = want_pane;
		d->want_field = want_field;
		break;
	case DESK_LIFE_STAYS:
		desk_message_clear(d);
		if (d->stats_path && !desk_open_stats(d))
			break;	/* open_stats said why */
		if (d->unsaved_error)
			desk_message(d, true, "%s", _("The contact is not saved yet: F2 tries again."));
		break;
	default:
		desk_message_clear(d);
		break;
	}
}
