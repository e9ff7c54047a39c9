/* desk_ui: see desk_ui.h. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/i18n.h"
#include "panes/desk_ui.h"
#include "panes/interpreters.h"
#include "panes/intake.h"
#include "panes/redirect.h"
#include "panes/topics.h"
#include "ui/dialog.h"
#include "ui/screen.h"

const char *const desk_ui_panes[] = { "intake", "topics", "redirect",
	"interpreters", NULL };

struct ui {
	struct desk *d;
	char *right;
};

static void on_key(struct screen *s, void *ud, enum action a, km_key key)
{
	struct ui *u = ud;
	(void)s;
	(void)key;
	switch (a) {
	case ACT_HELP: case ACT_QUIT: case ACT_REDRAW: case ACT_NEXT_LANGUAGE:
	case ACT_UNDO: case ACT_NEW_CONTACT: case ACT_SAVE:
	case ACT_NEXT_STEP: case ACT_SHOW_HINT:	/* training keys: nothing here */
		break;
	default:
		/* The contact starts with the first key that works on it. */
		desk_touch(u->d);
		break;
	}
}

static void focus_wanted(struct screen *s, struct desk *d)
{
	static const char *const names[DESK__NPANES] = { "intake", "topics",
		"redirect", "interpreters" };
	struct pane *p;
	if (d->want_pane < 0 || d->want_pane >= DESK__NPANES)
		return;
	p = screen_pane(s, names[d->want_pane]);
	if (p)
		screen_focus(s, p);
	d->want_pane = d->want_field >= 0 ? d->want_pane : -1;
}

static void new_contact_answer(void *ctx, bool yes, const int *values)
{
	(void)values;
	if (yes)
		desk_new_contact(ctx);
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
		if (desk_save(d) == DESK_INVALID)
			focus_wanted(s, d);
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
		desk_undo(d);
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
	size_t i;
	(void)s;
	snprintf(lang, sizeof lang, "%s", i18n_lang());
	/* The untranslated C locale shows English. */
	if (!strcmp(lang, "C") || !strcmp(lang, "POSIX"))
		snprintf(lang, sizeof lang, "en");
	for (i = 0; lang[i]; i++)
		if (lang[i] >= 'a' && lang[i] <= 'z')
			lang[i] = (char)(lang[i] - 'a' + 'A');
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
	desk_refresh_counts(u->d);
	/* Between contacts a republished catalogue can come in at once. */
	if (!desk_has_content(u->d)
	    && desk_reload_if_changed(u->d))
		desk_message(u->d, false, _("The catalogue was updated."));
}

static char *on_too_small(struct screen *s, void *ud, int cols, int lines,
			  int min_w, int min_h)
{
	char *q = screen_key_hint(s, KM_GLOBAL, ACT_QUIT), *msg;
	(void)ud;
	/* TRANSLATORS: the last %s is the quit key, e.g. F10. */
	msg = xasprintf(_("Terminal too small: %dx%d, needs %dx%d. Enlarge it, or %s quits keeping what was typed."),
			cols, lines, min_w, min_h, q);
	free(q);
	return msg;
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
		.key = on_key,
		.global = on_global,
		.status = on_status,
		.idle = on_idle,
		.started = on_started,
		.too_small = on_too_small,
	};
	struct ui u = { d, NULL };
	struct screen *s;
	enum screen_end end;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		err_set(err, _("the desk needs a terminal (run it in one, not with redirected input or output)"));
		return EXIT_RUNTIME;
	}
	screen_catch_signals();
	if (!screen_start_curses()) {
		err_set(err, _("the terminal '%s' cannot be used; set TERM to your terminal's type"),
			getenv("TERM") ? getenv("TERM") : "");
		return EXIT_RUNTIME;
	}
	s = screen_new(km, l, &app, &u);
	screen_add_pane(s, intake_pane_new(d));
	screen_add_pane(s, topics_pane_new(d));
	screen_add_pane(s, redirect_pane_new(d));
	screen_add_pane(s, interpreters_pane_new(d));
	end = screen_run(s);
	/* The draft survives a hang-up: journal it before anything else. */
	if (end == SCREEN_SIGNAL || desk_has_content(d))
		desk_journal(d);
	else if (d->stats)
		stats_draft_clear(d->stats, NULL);
	screen_free(&s);
	screen_end_curses();
	free(u.right);
	return EXIT_OK;
}
