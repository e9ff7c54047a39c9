/* desk_ui: see desk_ui.h. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"
#include "core/i18n.h"
#include "panes/desk_ui.h"
#include "panes/screens.h"
#include "panes/ticket_dialog.h"
#include "ui/dialog.h"
#include "ui/screen.h"

struct ui {
	struct desk *d;
	char *right;
};

static void on_key(struct screen *s, void *ud, enum action a, km_key key)
{
	struct ui *u = ud;
	(void)s;
	(void)key;
	screens_desk_key(u->d, a);
}

static void new_contact_answer(void *ctx, bool yes, const int *values)
{
	(void)values;
	if (yes)
		desk_new_contact(ctx);
}

static void undo_answer(void *ctx, bool yes, const int *values)
{
	(void)values;
	if (yes)
		desk_undo(ctx);
}

/* The list of today's contacts behind the correct dialog. */
struct today_ctx {
	struct desk *d;
	struct contact **list;
	size_t n;
};

static void today_free(void *vctx)
{
	struct today_ctx *t = vctx;
	stats_contacts_free(&t->list, t->n);
	free(t);
}

static void today_answer(void *vctx, bool yes, const int *values)
{
	struct today_ctx *t = vctx;
	if (!yes || values[0] < 0 || (size_t)values[0] >= t->n)
		return;
	if (values[1] == 0)
		desk_correct_open(t->d, t->list[values[0]]);
	else
		desk_undo_contact(t->d, t->list[values[0]]);
}

/* The correct key: this session's contacts of today, the last one first
 * in view, to open one for correcting or to undo it. */
static void correct_list(struct screen *s, struct desk *d)
{
	struct today_ctx *t;
	struct dialog *dl;
	const char **opts;
	const char *what[2];
	char **labels;
	size_t i;

	if (desk_has_content(d)) {
		desk_message(d, true, "%s", _("Save (F2) or discard (F3) the contact on the form first."));
		return;
	}
	t = xcalloc(1, sizeof *t);
	t->d = d;
	if (desk_today(d, &t->list, &t->n) != 0) {
		free(t);
		return;
	}
	if (t->n == 0) {
		today_free(t);
		desk_message(d, false, "%s", _("No contact saved in this session today."));
		return;
	}
	opts = xcalloc(t->n, sizeof *opts);
	labels = xcalloc(t->n, sizeof *labels);
	for (i = 0; i < t->n; i++) {
		char *when = NULL, *sum = desk_named_summary(d, t->list[i]);
		if (i18n_format_time(t->list[i]->started_at, &when) != 0) {
			free(when);
			when = xstrdup("?");
		}
		labels[i] = xasprintf("%s %s", when, sum);
		opts[i] = labels[i];
		free(when);
		free(sum);
	}
	what[0] = _("open it to correct");
	what[1] = _("undo it");
	dl = dialog_new(_("This session's contacts of today"));
	dialog_add_text(dl, NULL, _("Left and Right choose the contact, Down the action; Enter does it."));
	dialog_add_choice(dl, _("Contact"), opts, t->n, (int)t->n - 1);
	dialog_add_choice(dl, _("Action"), what, 2, 0);
	dialog_on_done(dl, today_answer, t, today_free);
	screen_push_overlay(s, dialog_overlay(dl));
	for (i = 0; i < t->n; i++)
		free(labels[i]);
	free(labels);
	free(opts);
}

struct quit_ctx {
	struct desk *d;
	struct screen *s;
};

static void quit_answer(void *vctx, bool yes, const int *values)
{
	struct quit_ctx *q = vctx;
	(void)values;
	if (!yes)
		return;
	desk_new_contact(q->d);	/* discards the draft, for the record */
	screen_quit(q->s);
}

static unsigned on_global(struct screen *s, void *ud, enum action a)
{
	struct ui *u = ud;
	struct desk *d = u->d;
	switch (a) {
	case ACT_SAVE:
	case ACT_SAVE_TICKET:
		if (ticket_dialog_open(s, d, a == ACT_SAVE_TICKET))
			return PANE_HANDLED;
		if (desk_save(d) == DESK_INVALID)
			screens_focus_wanted(s, d);
		return PANE_HANDLED;
	case ACT_NEW_CONTACT:
		if (desk_has_content(d))
			screen_push_overlay(s, dialog_confirm(
				_("Discard the unsaved contact and start a new one?"),
				new_contact_answer, d, NULL));
		else
			desk_new_contact(d);
		return PANE_HANDLED;
	case ACT_NEXT_LANGUAGE:
		desk_next_language(d);
		screen_redraw_all(s);
		return PANE_HANDLED;
	case ACT_UNDO:
		/* F9 sits next to F10: with a draft being typed it asks
		 * first (the draft stays either way). */
		if (desk_has_content(d))
			screen_push_overlay(s, dialog_confirm(
				_("Undo the last saved contact? The contact you are typing stays."),
				undo_answer, d, NULL));
		else
			desk_undo(d);
		return PANE_HANDLED;
	case ACT_CORRECT:
		correct_list(s, d);
		return PANE_HANDLED;
	case ACT_QUIT:
		if (desk_has_content(d)) {
			struct quit_ctx *q = xcalloc(1, sizeof *q);
			q->d = d;
			q->s = s;
			screen_push_overlay(s, dialog_confirm(
				_("Discard the unsaved contact and quit?"),
				quit_answer, q, free));
		} else
			screen_quit(s);
		return PANE_HANDLED;
	default:
		return PANE_IGNORED;
	}
}

static void on_status(struct screen *s, void *ud, const char **left,
		      const char **right, bool *error)
{
	struct ui *u = ud;
	struct desk *d = u->d;
	char lang[8];
	(void)s;
	screens_lang_tag(lang, sizeof lang);
	free(u->right);
	/* An error needs the room to say what is wrong (the right part can
	 * take half the line): only the draft's state stays beside it. */
	if (d->message_error && d->message && *d->message)
		u->right = xasprintf("%s ", desk_draft_state(d));
	else
		u->right = xasprintf(ngettext("%s | %d contact today | %s | %s ",
				      "%s | %d contacts today | %s | %s ",
				      (unsigned long)d->today_count),
			     d->desk_name, d->today_count, lang, desk_draft_state(d));
	*right = u->right;
	*left = d->message;
	*error = d->message_error;
}

static void on_idle(struct screen *s, void *ud)
{
	struct ui *u = ud;
	(void)s;
	desk_tick(u->d);
	desk_refresh_counts(u->d);
	/* Between contacts a republished catalogue can come in at once. */
	if (!desk_has_content(u->d)
	    && desk_reload_if_changed(u->d))
		desk_message(u->d, false, _("The catalogue was updated."));
}

static bool on_started(struct screen *s, void *ud)
{
	struct ui *u = ud;
	(void)s;
	return desk_start_step(u->d);
}

int desk_ui_run(struct desk *d, const struct keymap *km,
		const struct layout *l, char **err)
{
	static const struct screen_app app = {
		.scopes = SCOPE_BIT(SCOPE_GLOBAL) | SCOPE_BIT(SCOPE_CONTACT),
		.key = on_key,
		.global = on_global,
		.status = on_status,
		.idle = on_idle,
		.started = on_started,
		.too_small = QUIT_NOTICE_KEEPS,
	};
	struct ui u = { d, NULL };
	struct screens_env e = { d, NULL, NULL, NULL };
	struct screen *s;
	enum screen_end end;
	int rc = tty_start(_("the desk needs a terminal (run it in one, not with redirected input or output)"), err);

	if (rc != EXIT_OK)
		return rc;
	s = screens_new(SCREEN_DESK, &e, km, l, &app, &u);
	end = screen_run(s);
	/* The draft survives a hang-up: journal it before anything else. */
	if (end == SCREEN_SIGNAL || desk_has_content(d))
		desk_journal(d);
	else if (d->stats)
		stats_draft_clear(d->stats, NULL);
	screen_free(&s);
	tty_end();
	free(u.right);
	return EXIT_OK;
}
