/* cmd: the subcommands. main parses the common options and the config and
 * hands the rest of the command line to one of these; each returns the exit
 * status (err.h) after printing its own one-line error on stderr. */
#ifndef NEUVOO_CMD_H
#define NEUVOO_CMD_H

#include <stdbool.h>
#include <stddef.h>

#include "core/config.h"
#include "core/keymap.h"
#include "core/layout.h"
#include "core/report.h"
#include "panes/screens.h"

struct app {
	struct cli_opts cli;
	struct config *cfg;
	/* Every --desk given: for report and review they select desks. */
	const char **desks;
	size_t n_desks;
	const char *argv0;
	/* Only for doctor, which reports it: why the configuration did not
	 * load (cfg is then NULL). */
	const char *config_err;
};

/* argv[0] is the subcommand's name; options follow. */
int cmd_desk(struct app *app, int argc, char **argv);
int cmd_catalogue(struct app *app, int argc, char **argv);
int cmd_report(struct app *app, int argc, char **argv);
int cmd_review(struct app *app, int argc, char **argv);
int cmd_train(struct app *app, int argc, char **argv);
int cmd_doctor(struct app *app, int argc, char **argv);
/* `neuvoo stats push` (cmd_stats.c) and `stats snapshot` (cmd_snapshot.c). */
int cmd_stats(struct app *app, int argc, char **argv);
int cmd_stats_snapshot(struct app *app, int argc, char **argv);

int cmd_tickets(struct app *app, int argc, char **argv);
/* report --tickets (cmd_report_tickets.c): does argv ask for it, and the
 * report of the ticket store. */
bool cmd_report_wants_tickets(int argc, char **argv);
int cmd_report_tickets(struct app *app, int argc, char **argv);

/* A subcommand option with a value, "--name VALUE" or "--name=VALUE", at
 * argv[*i]: 1 taken (and *i moved past the value), 0 not this option, -1
 * with *err when the value is missing. */
int cmd_opt_value(int argc, char **argv, int *i, const char *name,
		  const char **val, char **err);

/* "--format text|csv|json" of the ticket commands at argv[*i]: as
 * cmd_opt_value, with *fmt (an enum tickets_format) set. */
int cmd_opt_tickets_format(int argc, char **argv, int *i, int *fmt,
			   char **err);

/* --date D, or --from D --to D together, or neither: -1 with *err when
 * the three are mixed otherwise (a usage error). */
int cmd_check_period(const char *date, const char *from, const char *to,
		     char **err);
/* "--suppress N" (N from 1 up) at argv[*i]: as cmd_opt_value, with *n. */
int cmd_opt_suppress(int argc, char **argv, int *i, int *n, char **err);

/* report_labels hook: language and service names from the catalogue (ud is
 * a struct catalogue *) in the UI language; NULL keeps the code. */
const char *cmd_catalogue_label(enum report_dim dim, const char *code, void *ud);

/* The statistics folder: the configuration's or --stats-dir (*named), else
 * the default under XDG_STATE_HOME. */
/* The statistics folder: the configuration's, else --stats-dir (then
 * *named), else $XDG_STATE_HOME/neuvoo/stats. A new string. */
char *cmd_stats_folder(const struct app *app, bool *named);
/* "neuvoo: msg" on stderr, sanitised: a warning that changes nothing. */
void cmd_warn(const char *msg);

/* Print "neuvoo: msg" on stderr (one line) and return status. */
int cmd_fail(int status, const char *msg);

/* The keymap (the configuration's) and the layout of screen id (screen:
 * a name or path, NULL for the screen's own file) of a full-screen
 * command. Returns 0, or prints the error and returns EXIT_USAGE: both
 * are configuration, checked before anything else is touched. */
int cmd_load_ui(struct app *app, enum screen_id id, const char *screen,
		struct keymap **km, struct layout **l);

#endif
