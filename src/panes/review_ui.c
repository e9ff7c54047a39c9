/* review_ui: the review's screen: its status line, F1 texts, idle
 * reload and main loop over the four panes (see review_ui.h). */
#include <config.h>

#include <stdlib.h>

#include "core/err.h"
#include "core/i18n.h"
#include "panes/review_ui.h"
#include "panes/screens.h"
#include "ui/screen.h"

static void on_key(struct screen *s, void *ud, enum action a, km_key key)
{
	struct review *r = ud;
	(void)s;
	(void)a;
	(void)key;
	/* A message stays until the next key. */
	free(r->message);
	r->message = NULL;
}

static unsigned on_global(struct screen *s, void *ud, enum action a)
{
	(void)ud;
	/* The panes take quit themselves (review_global); this is for a
	 * pane that would not. */
	if (a == ACT_QUIT) {
		screen_quit(s);
		return PANE_HANDLED;
	}
	return PANE_IGNORED;
}

static void on_status(struct screen *s, void *ud, const char **left,
		      const char **right, bool *error)
{
	struct review *r = ud;
	size_t closed, readable = review_day_readable(r->day, &closed);
	char *day = review_day_text(r);
	const char *state;
	(void)s;
	if (r->day->closed)
		/* TRANSLATORS: the state of a day in the supervisor's review:
		 * signed off, no more changes. */
		state = C_("day", "closed");
	else if (!readable)
		state = _("no desk files");
	else
		/* TRANSLATORS: the state of a day in the review: not yet signed
		 * off. */
		state = C_("day", "open");
	free(r->status_right);
	r->status_right = xasprintf(ngettext("%s | %zu contact | %s ",
					     "%s | %zu contacts | %s ",
					     r->day->total.contacts),
				    day, r->day->total.contacts, state);
	free(day);
	*right = r->status_right;
	*left = r->message;
	*error = r->message_error;
}

/* F1 lists the panes' own keys (their help), then the screen's and the
 * review's (its scopes); Ctrl-L reads the files again here. */
static const char *on_help(struct screen *s, void *ud, enum action a)
{
	(void)s;
	(void)ud;
	return a == ACT_REDRAW ? N_("read the desk files again and redraw") : NULL;
}

static void on_idle(struct screen *s, void *ud)
{
	/* The desks keep working while the supervisor looks: read again,
	 * but never under an open window. */
	if (!screen_has_overlay(s))
		review_reload(ud);
}

struct screen *review_screen_new(struct review *r, const struct keymap *km,
				 const struct layout *l)
{
	static const struct screen_app app = {
		.scopes = SCOPE_BIT(SCOPE_GLOBAL) | SCOPE_BIT(SCOPE_REVIEW),
		.key = on_key,
		.global = on_global,
		.status = on_status,
		.idle = on_idle,
		.help = on_help,
	};
	struct screens_env e = { NULL, NULL, r, NULL };
	return screens_new(SCREEN_REVIEW, &e, km, l, &app, r);
}

int review_run(struct review *r, const struct keymap *km,
	       const struct layout *l, char **err)
{
	struct screen *s;
	int rc = tty_start(_("the review needs a terminal (run it in one, not with redirected input or output)"), err);

	if (rc != EXIT_OK)
		return rc;
	s = review_screen_new(r, km, l);
	screen_run(s);
	screen_free(&s);
	tty_end();
	return EXIT_OK;
}
