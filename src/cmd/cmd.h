/* cmd: the subcommands. main parses the common options and the config and
 * hands the rest of the command line to one of these; each returns the exit
 * status (err.h) after printing its own one-line error on stderr. */
#ifndef NEUVOO_CMD_H
#define NEUVOO_CMD_H

#include <stddef.h>

#include "core/config.h"

struct app {
	struct cli_opts cli;
	struct config *cfg;
	/* Every --desk given: for report and review they select desks. */
	const char **desks;
	size_t n_desks;
	const char *argv0;
};

/* argv[0] is the subcommand's name; options follow. */
int cmd_desk(struct app *app, int argc, char **argv);
int cmd_catalogue(struct app *app, int argc, char **argv);
int cmd_report(struct app *app, int argc, char **argv);
int cmd_review(struct app *app, int argc, char **argv);
int cmd_train(struct app *app, int argc, char **argv);

/* Print "neuvoo: msg" on stderr (one line) and return status. */
int cmd_fail(int status, const char *msg);

#endif
