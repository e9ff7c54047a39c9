/* train_run: the interactive part of `neuvoo train`; see train_run.h.
 *
 * Order matters for the exit status, as for the desk: the keymap and the
 * training screen file are configuration (exit 2); the scenarios, the
 * results file, the catalogue and the terminal are runtime (exit 1).
 *
 * The training screen is the screen file named "train" (a user's own
 * $XDG_CONFIG_HOME/neuvoo/screens/train wins over the bundled one); the
 * --screen option names the desk's screen, which has no Scenario pane.
 * No statistics file is opened: the desk state comes from
 * desk_open_training(), so there is no save, undo or draft journal, and a
 * dropped connection loses only the practice attempt in progress. */
#include <config.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/train_run.h"
#include "core/err.h"
#include "core/i18n.h"
#include "core/keymap.h"
#include "core/layout.h"
#include "core/paths.h"
#include "core/results.h"
#include "panes/desk.h"
#include "panes/train_ui.h"

int train_run(struct app *app, const struct scenario *sc, const char *trainee)
{
	char *err = NULL, *dir;
	struct keymap *km = NULL;
	struct layout *layout = NULL;
	struct scenario_set *set = NULL;
	struct results *results = NULL;
	struct desk *d = NULL;
	struct train_ui_opts o;
	int status;

	/* Every layout must place the Scenario pane (the screen table says
	 * so): without it the trainee could neither read the story nor see
	 * the grade. */
	status = cmd_load_ui(app, SCREEN_TRAIN, NULL, &km, &layout);
	if (status != 0)
		goto out;
	if (!sc) {
		/* cmd_train has reported the malformed files already. */
		if (scenario_load_all(NULL, NULL, &set, &dir, &err) != 0) {
			free(dir);
			status = cmd_fail(EXIT_RUNTIME, err);
			goto out;
		}
		free(dir);
	}
	if (results_open(&results, app->cfg->training_dir, &err) != 0) {
		status = cmd_fail(EXIT_RUNTIME, err);
		goto out;
	}
	status = desk_open_training(app->cfg, &d, &err);
	if (status != 0) {
		status = cmd_fail(status, err);
		goto out;
	}
	memset(&o, 0, sizeof o);
	o.km = km;
	o.layout = layout;
	o.results = results;
	o.trainee = trainee;
	o.sc = sc;
	o.set = set;
	status = train_ui_run(d, &o, &err);
	if (status != 0)
		cmd_fail(status, err);
out:
	desk_free(&d);
	results_close(&results);
	scenario_set_free(&set);
	layout_free(&layout);
	keymap_free(&km);
	err_free(&err);
	return status;
}
