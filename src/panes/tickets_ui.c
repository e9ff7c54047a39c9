/* tickets_ui: see tickets_ui.h. */
#include <config.h>

#include <stdlib.h>

#include "core/err.h"
#include "core/i18n.h"
#include "panes/screens.h"
#include "panes/tickets_ui.h"
#include "ui/screen.h"

struct ui {
	struct tickets_queue *q;
	char *right;
};

static void on_key(struct screen *s, void *ud, enum action a, km_key key)
{
	struct ui *u = ud;
	(void)s;
	(void)key;
	/* A message stays until the next step. */
	if (a != ACT_NONE && action_scope(a) != SCOPE_TICKETS && u->q->message
	    && a != ACT_UP && a != ACT_DOWN) {
		free(u->q->message);
		u->q->message = NULL;
	}
}

static unsigned on_global(struct screen *s, void *ud, enum action a)
{
	(void)ud;
	if (a == ACT_QUIT) {
		screen_quit(s);
		return PANE_HANDLED;
	}
	return PANE_IGNORED;
}

static void on_status(struct screen *s, void *ud, const char **left,
		      const char **right, bool *error)
{
	struct ui *u = ud;
	size_t late = tickets_queue_overdue(u->q);
	(void)s;
	free(u->right);
	u->right = xasprintf(ngettext("%zu ticket | %zu overdue ",
				      "%zu tickets | %zu overdue ", u->q->n_shown),
			     u->q->n_shown, late);
	*right = u->right;
	*left = u->q->message;
	*error = u->q->message_error;
}

static const char *on_help(struct screen *s, void *ud, enum action a)
{
	(void)s;
	(void)ud;
	return a == ACT_REDRAW ? N_("read the tickets again and redraw") : NULL;
}

static void on_idle(struct screen *s, void *ud)
{
	struct ui *u = ud;
	if (!screen_has_overlay(s))
		tickets_queue_reload(u->q);
}

int tickets_ui_run(struct tickets *t, const struct config *cfg,
		   const struct keymap *km, const struct layout *l,
		   char **err)
{
	static const struct screen_app app = {
		.scopes = SCOPE_BIT(SCOPE_GLOBAL),
		.key = on_key,
		.global = on_global,
		.status = on_status,
		.idle = on_idle,
		.help = on_help,
	};
	struct tickets_queue *q = tickets_queue_new(t);
	struct ui u = { q, NULL };
	struct screens_env e = { NULL, NULL, NULL, q };
	struct screen *s;
	int rc = tty_start(_("the ticket queue needs a terminal (run it in one, not with redirected input or output)"), err);
	(void)cfg;
	if (rc != EXIT_OK) {
		tickets_queue_free(&q);
		return rc;
	}
	tickets_queue_reload(q);
	s = screens_new(SCREEN_TICKETS, &e, km, l, &app, &u);
	screen_run(s);
	screen_free(&s);
	tty_end();
	free(u.right);
	tickets_queue_free(&q);
	return EXIT_OK;
}
