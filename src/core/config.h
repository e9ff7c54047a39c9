/* config: the layered configuration.
 *
 * SYSCONFDIR/neuvoo/neuvoo.conf, then $XDG_CONFIG_HOME/neuvoo/neuvoo.conf,
 * then --config, each overriding the one before; command-line options win.
 * Every file is libconfuse; an error is "file:line: what is wrong" and is a
 * configuration error (exit status 2). */
#ifndef NEUVOO_CONFIG_H
#define NEUVOO_CONFIG_H

#include <stdbool.h>

/* Common options from the command line; NULL = not given. */
struct cli_opts {
	const char *config_file;
	const char *catalogue;
	const char *stats_dir;
	const char *desk;
	const char *lang;
	const char *keymap;
	const char *screen;
};

struct config {
	char *catalogue;	/* resolved path of the catalogue file */
	bool catalogue_default;	/* true when it is the XDG default (may be created) */
	char *stats_dir;	/* folder of the desk statistics files */
	bool stats_dir_default;	/* nothing set it: the XDG folder */
	char *desk;		/* this desk's name (default: HOST-USER) */
	char *lang;		/* UI language or NULL (then the environment) */
	char *keymap;		/* keymap name or path */
	char *screen;		/* screen layout name or path */
	char *advisor;		/* optional pseudonym code */
	char *group;		/* optional group for statistics files */
	int undo_minutes;	/* 10 */
	int note_retention_days;	/* 30 */
	int backdate_days;	/* 7: how far back a contact's start may be set */
	/* F4's cycle of UI languages, and the languages catalogue text
	 * falls back to after the UI language's (NULL-terminated). */
	char **ui_languages;	/* fi, sv, en */
	char **catalogue_fallback;	/* en, fi, sv */
	/* The desk's defaults for a new contact, as codes. */
	char *default_channel;	/* "walk-in" */
	char *default_language;	/* "fi" */
	char *default_interpreter;	/* "none" */
	char *default_outcome;	/* "answered" */
	char *training_dir;	/* $XDG_STATE_HOME/neuvoo/training */
	/* The municipality or organisation each contact carries into a
	 * national database (stats push), or NULL. */
	char *organisation;
	char *tickets_dir;	/* the ticket store's folder: next to stats-dir */
	int ticket_retention_days;	/* 14: contact details after closing */
	/* tickets-db: the PostgreSQL database that holds the tickets instead
	 * of tickets-dir (hosts that share tickets), or NULL. */
	char *tickets_db;
	/* expected-desks: "DESK HOURS" each, the desks the review expects
	 * to record and when (hours in the catalogue's form). */
	char **expected_desks;
	size_t n_expected_desks;
};

/* Load the layered files and apply cli. Returns 0, or EXIT_USAGE with *err
 * set ("file:line: ..."). sysconfdir may be NULL for the built-in one
 * (tests pass their own). */
int config_load(struct config **out, const struct cli_opts *cli,
		const char *sysconfdir, char **err);
/* Free a NULL-terminated list of strings and set it to NULL. */
void config_strv_free(char ***v);
void config_free(struct config **cfg);
/* Call each with the name of every option a file may set, in the parser's
 * order; an option inside a section is "section|name" (for example
 * "defaults|channel"). */
void config_option_names(void (*each)(const char *name, void *arg),
			 void *arg);

#endif
