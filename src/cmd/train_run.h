/* train_run: the interactive part of `neuvoo train`: the real desk screen
 * with the scenario pane, writing to the training results file only.
 *
 * cmd_train parses and checks the command line and the scenario before it
 * calls this, so train_run gets a loaded scenario and a valid trainee
 * name. The screen side (src/ui, src/panes) implements it. */
#ifndef NEUVOO_TRAIN_RUN_H
#define NEUVOO_TRAIN_RUN_H

#include "cmd/cmd.h"
#include "core/scenario.h"

/* Run scenario sc for trainee (a non-empty name, at most 64 characters,
 * no control characters). sc NULL: let the trainee pick one of the
 * bundled scenarios (scenario_load_dir() of paths_data("scenarios"); cmd_train
 * has checked that at least one loads). Results go to
 * results_open(app->cfg->training_dir); statistics are never opened.
 * Returns the exit status (err.h). */
int train_run(struct app *app, const struct scenario *sc, const char *trainee);

#endif
