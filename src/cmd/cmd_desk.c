/* cmd_desk: `neuvoo [desk]`, the advisor's desk screen.
 *
 * Order matters for the exit status: the keymap and the screen layout are
 * configuration (a bad one is exit 2, before anything else is touched);
 * the catalogue and the terminal are runtime (exit 1). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/keymap.h"
#include "core/layout.h"
#include "panes/desk.h"
#include "panes/desk_ui.h"
#include "panes/ticket_dialog.h"

int cmd_desk(struct app *app, int argc, char **argv)
{
	char *err = NULL;
	struct keymap *km = NULL;
	struct layout *layout = NULL;
	struct desk *d = NULL;
	int status;

	if (argc > 1) {
		err_set(&err, _("desk takes no arguments, not '%s' (see neuvoo --help)"), argv[1]);
		status = cmd_fail(EXIT_USAGE, err);
		goto out;
	}
	status = cmd_load_ui(app, SCREEN_DESK, app->cfg->screen, &km, &layout);
	if (status != 0)
		goto out;
	status = desk_open(app->cfg, &d, &err);
	if (status != 0) {
		status = cmd_fail(status, err);
		goto out;
	}
	d->tickets = ticket_desk_new(app->cfg);
	status = desk_ui_run(d, km, layout, &err);
	if (status != 0)
		cmd_fail(status, err);
out:
	if (d)
		ticket_desk_free(&d->tickets);
	desk_free(&d);
	layout_free(&layout);
	keymap_free(&km);
	err_free(&err);
	return status;
}
